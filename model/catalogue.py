"""The catalogue of headline crime measures: names, synonyms, parts, nouns (data in resources/).

`load_catalogue(content)` reads `resources/measures.yaml` once and lays the edition's own
`measures:` entries over it (an entry with a known name replaces that measure, a new name adds
one); `table_measures:` in edition.yaml says which measures this year's table must carry
(`suggested_table(period)` gives the list the Met's leaflet of that year printed). The figure checks, the results-table form and the
priorities form all ask the catalogue, so a new measure is a line of YAML, not code.

    cat = load_catalogue(content)
    cat.match("knife-enabled crime")   # Measure("Knife crime", ...)
    cat.near("Totl robbery")           # Measure("Total robbery", ...): a near spelling only
    cat.mentions("burglary and robbery are up")  # [Mention(0, 8, "burglary", <Burglary>), ...]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from model.convert import from_node
from model.types import EditionContent, MeasureEntry
from model.yaml_read import LoadError, compose, decode

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
CATALOGUE_FILE = Path(__file__).resolve().parent.parent / "resources" / "measures.yaml"


@dataclass(frozen=True)
class TableSpec:
    """The measures one year's leaflet table carries."""

    period: str = ""
    measures: tuple[str, ...] = ()


@dataclass(frozen=True)
class CatalogueFile:
    """resources/measures.yaml as read."""

    format: int = 1
    measures: tuple[MeasureEntry, ...] = ()
    tables: tuple[TableSpec, ...] = ()


@dataclass(frozen=True)
class Measure:
    """One headline measure: its printed name and every phrase that names it in prose."""

    name: str
    synonyms: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    read_as: tuple[str, ...] = ()
    noun: str = ""
    higher_is_better: bool = False

    @property
    def key(self) -> str:
        return normalise(self.name)

    @property
    def phrases(self) -> tuple[str, ...]:
        """The name and synonyms, normalised (lower case, single spaces)."""
        return tuple(dict.fromkeys(normalise(p) for p in (self.name, *self.synonyms) if p.strip()))

    @property
    def count_noun(self) -> str:
        return self.noun or "offences"


@dataclass(frozen=True)
class Mention:
    """A phrase in a sentence naming a measure: its span and the measure it names."""

    start: int
    end: int
    phrase: str
    measure: Measure


def normalise(name: str) -> str:
    """Lower case, hyphens as in the text, runs of spaces as one: "Knife  Crime" → "knife crime"."""
    return re.sub(r"\s+", " ", name.strip().lower())


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, stopping early once every path exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


_RECORDED = re.compile(r"^(?:police\s+)?(?:recorded|reported)\s+(?=\w)")
_ARTICLES = re.compile(r"\b(?:a|an|the)\s+")


def _bare(phrase: str) -> str:
    """A phrase without its articles: "theft from the person" and "theft from a person" are one name."""
    return _ARTICLES.sub("", phrase)


def near_limit(text: str) -> int:
    """How many typing slips a name of this length may hold and still be "near": 1 per 6 letters, at most 2."""
    return min(2, max(1, len(text) // 6))


class Catalogue:
    """The measures an edition knows, looked up by name, synonym or near spelling."""

    def __init__(self, measures: tuple[Measure, ...], table: tuple[str, ...],
                 tables: tuple[TableSpec, ...] = ()) -> None:
        self.measures = measures
        self.table = table  # the measures this year's table must carry (edition.yaml's table_measures)
        self.tables = tables  # the tables the Met's leaflets printed, by period: what a new edition may copy
        self._by_phrase: dict[str, Measure] = {}
        for measure in measures:
            for phrase in measure.phrases:
                self._by_phrase.setdefault(phrase, measure)
        for measure in measures:  # a measure's own name wins over another's synonym
            self._by_phrase[measure.key] = measure
        # Phrases by their first word, longest first: "theft from vehicles" is tried before "theft".
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase in self._by_phrase:
            words = tuple(w.lower() for w in _WORD.findall(phrase))
            if words:
                self._by_first.setdefault(words[0], []).append((words, phrase))
        for options in self._by_first.values():
            options.sort(key=lambda o: len(o[0]), reverse=True)
        self._mentions: dict[str, tuple[Mention, ...]] = {}  # per sentence: a keystroke changes one
        self._matched: dict[str, Measure | None] = {}
        self._bare: dict[str, Measure] | None = None  # phrases without articles, built on first need

    def match(self, text: str) -> Measure | None:
        """The measure `text` names exactly (its name or a synonym, any case, singular or plural), else None."""
        if text in self._matched:
            return self._matched[text]
        key = normalise(text)
        found = self._by_phrase.get(key)
        if found is None and key.endswith("s"):  # "Serious violent crimes", "Knife offence"
            found = self._by_phrase.get(key[:-3] + "y" if key.endswith("ies") else key[:-1])
        if found is None and key:
            found = self._by_phrase.get(key + "s") or self._by_phrase.get(key[:-1] + "ies" if key.endswith("y") else "")
        if found is None and key:
            found = self._bare_match(key)
        if len(self._matched) > 4096:
            self._matched.clear()
        self._matched[text] = found
        return found

    def _bare_match(self, key: str) -> Measure | None:
        """The measure a name gives once "recorded"/"reported" before it and articles in it are set aside:
        "Recorded rapes" is rape, "Reported crime" total notifiable offences, "Theft from a person" theft
        from the person (London 2014)."""
        if self._bare is None:
            self._bare = {}
            for phrase, measure in self._by_phrase.items():
                self._bare.setdefault(_bare(phrase), measure)
        stripped = _RECORDED.sub("", key)
        if stripped != key:
            found = self.match(stripped)
            if found is not None:
                return found
        return self._bare.get(_bare(stripped))

    def get(self, name: str) -> Measure | None:
        """The measure whose printed name is `name` (any case)."""
        found = self._by_phrase.get(normalise(name))
        return found if found is not None and found.key == normalise(name) else None

    def near(self, text: str) -> Measure | None:
        """A measure `text` is a slip of the keyboard away from ("Totl robbery"), never another crime.

        Only names within a couple of letters count: "Violent crime" is not near "Gun crime".
        """
        key = normalise(text)
        if not key or key in self._by_phrase:
            return self._by_phrase.get(key)
        limit = near_limit(key)
        best: tuple[int, str] | None = None
        for phrase in self._by_phrase:
            d = _edit_distance(key, phrase, limit)
            if d <= limit and (best is None or d < best[0]):
                best = (d, phrase)
        return self._by_phrase[best[1]] if best else None

    def mentions(self, sentence: str) -> list[Mention]:
        """Every phrase in `sentence` naming a measure, in order, the longest where phrases overlap.

        Words are matched whole and in any case; only spaces may stand between a phrase's words
        ("theft, or taking" is not "theft or taking").
        """
        cached = self._mentions.get(sentence)
        if cached is None:
            cached = tuple(self._scan(sentence))
            if len(self._mentions) > 4096:
                self._mentions.clear()
            self._mentions[sentence] = cached
        return list(cached)

    def _scan(self, sentence: str) -> list[Mention]:
        tokens = list(_WORD.finditer(sentence))
        lowered = [t.group(0).lower() for t in tokens]
        out: list[Mention] = []
        i = 0
        while i < len(tokens):
            for words, phrase in self._by_first.get(lowered[i], ()):
                n = len(words)
                if tuple(lowered[i:i + n]) == words and all(
                        not sentence[tokens[k].end():tokens[k + 1].start()].strip() for k in range(i, i + n - 1)):
                    out.append(Mention(tokens[i].start(), tokens[i + n - 1].end(), phrase, self._by_phrase[phrase]))
                    i += n - 1
                    break
            i += 1
        return out

    def suggested_table(self, period: str) -> tuple[str, ...]:
        """The measures the Met's leaflet of `period` printed, as shipped (a starting point for table_measures)."""
        return next((t.measures for t in self.tables if t.period == period), ())

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.measures)


def _measure(entry: MeasureEntry) -> Measure:
    return Measure(entry.name.strip(), tuple(s for s in entry.synonyms if s.strip()), entry.parts,
                   entry.read_as, entry.noun, entry.higher_is_better)


@cache
def _shipped() -> CatalogueFile:
    file = str(CATALOGUE_FILE)
    doc, problems, _map = from_node(CatalogueFile, compose(decode(CATALOGUE_FILE.read_bytes(), file), file), file)
    if problems:  # a broken shipped file is a bug in the product, never the user's doing
        raise LoadError(problems)
    return doc


@lru_cache(maxsize=32)
def _build(overrides: tuple[MeasureEntry, ...], table_measures: tuple[str, ...], period: str) -> Catalogue:
    shipped = _shipped()
    by_key: dict[str, Measure] = {normalise(e.name): _measure(e) for e in shipped.measures if e.name.strip()}
    for entry in overrides:
        if entry.name.strip():
            by_key[normalise(entry.name)] = _measure(entry)
    # Which measures the table must carry is the edition's to say: a text quoting only some
    # measures (a press release, a ward newsletter) is not wrong for leaving the others out.
    del period
    return Catalogue(tuple(by_key.values()), tuple(t for t in table_measures if t.strip()), shipped.tables)


def load_catalogue(content: EditionContent | None = None) -> Catalogue:
    """The shipped catalogue with the edition's overrides and table list laid over it (cached)."""
    if content is None:
        return _build((), (), "")
    return _build(content.measures, content.table_measures, content.period)
