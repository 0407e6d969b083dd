"""UK English spelling: the dictionary engine, the tokeniser and the edition's own word list.

Pure Python, no Qt. The engine is Enchant/Hunspell through pyenchant with Debian's
`hunspell-en-gb`; where that library is missing, the pure-Python Hunspell port `spylls` reading
the same `en_GB.aff/.dic`; where neither is there, spelling is "unavailable" (with the reason),
never a silent US dictionary: Enchant turns a missing `en_GB` into plain `en` (US) without a word,
so the tag is checked.

Positions are Python string indices (code points); Qt's are UTF-16 units, converted in ui/.
"""

from __future__ import annotations

import difflib
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from model.atomic import atomic_write_bytes
from model.safe_read import read_regular

LANGUAGE = "en_GB"
DICTIONARY_FILE = "dictionary.txt"
MAX_DICTIONARY_BYTES = 2 * 1024 * 1024  # a team's word list is a few KB
ENGINE_ENV = "BSE_SPELLING_ENGINE"  # "enchant", "spylls" or "none": force one engine (tests, support)
HUNSPELL_DIRS = (
    Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"), Path("/usr/share/myspell"),
    Path("/Library/Spelling"), Path.home() / "Library" / "Spelling",
)
MAX_SUGGESTIONS = 5
_CACHE_LIMIT = 20_000  # words (and texts) remembered per speller before the cache is cleared

# --- tokenising -------------------------------------------------------------------------------

_URL = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\b(?:[A-Za-z0-9-]+\.)+(?:uk|com|org|net|gov|info|london|eu|io)\b(?:/\S*)?", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A run of letters, digits, apostrophes and hyphens: one candidate word ("don't", "well-being", "COVID-19").
_RUN = re.compile(r"[^\W_](?:[\w'’-]*[^\W_])?")
_PART = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


@dataclass(frozen=True)
class Word:
    """A word to check: `text` as typed, at text[start:end] (code points)."""

    text: str
    start: int
    end: int


def _skipped_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _URL.finditer(text)] + [m.span() for m in _EMAIL.finditer(text)]
    return sorted(spans)


def _is_acronym(word: str) -> bool:
    stem = _POSSESSIVE.sub("", word)
    stem = stem[:-1] if len(stem) > 2 and stem.endswith("s") and stem[:-1].isupper() else stem  # "PCSOs"
    return len(stem) >= 2 and stem.isupper()


def words(text: str) -> Iterator[Word]:
    """The words of `text` worth checking.

    Skipped: web addresses, emails, anything with a digit (figures, phone numbers, "COVID-19",
    "2009/10", "£2.5m"), single letters and all-capitals acronyms ("MPA", "PCSOs"). Apostrophes
    inside a word are kept ("don't", "Londoners’"), quotes at its ends dropped; a hyphenated word
    is one word (checked whole, then by part: `check_parts`).
    """
    skip = _skipped_spans(text)
    k = 0
    for m in _RUN.finditer(text):
        start, end = m.span()
        while k < len(skip) and skip[k][1] <= start:
            k += 1
        if k < len(skip) and skip[k][0] < end:
            continue  # inside an address
        token = m.group()
        if len(token) < 2 or (not token.isalpha() and any(c.isdigit() for c in token)):
            continue
        if not token[0].islower() and _is_acronym(token):
            continue
        yield Word(token, start, end)


def parts(word: Word) -> list[Word]:
    """The parts of a hyphenated word ("day-to-day" → day, to, day), with their positions."""
    return [Word(m.group(), word.start + m.start(), word.start + m.end()) for m in _PART.finditer(word.text)]


# --- engines ----------------------------------------------------------------------------------


class Engine(Protocol):
    """A UK English dictionary: `name` says which library answers."""

    name: str

    def check(self, word: str) -> bool: ...

    def suggest(self, word: str) -> list[str]: ...


class _EnchantEngine:
    def __init__(self, dictionary: Any) -> None:
        self._dict = dictionary
        self.name = f"Enchant ({dictionary.provider.name}, {dictionary.tag})"

    def check(self, word: str) -> bool:
        return bool(self._dict.check(word))

    def suggest(self, word: str) -> list[str]:
        return [str(s) for s in self._dict.suggest(word)]


class _SpyllsEngine:
    def __init__(self, dictionary: Any, where: Path) -> None:
        self._dict = dictionary
        self.name = f"spylls (Hunspell in Python, {where})"

    def check(self, word: str) -> bool:
        return bool(self._dict.lookup(word))

    def suggest(self, word: str) -> list[str]:
        out: list[str] = []
        for s in self._dict.suggest(word):  # a generator: slow ones last, so stop early
            out.append(str(s))
            if len(out) >= MAX_SUGGESTIONS:
                break
        return out


@dataclass(frozen=True)
class Unavailable:
    """No UK dictionary could be loaded; `reason` says why and what to install."""

    reason: str


def _load_enchant() -> Engine | str:
    try:
        import enchant  # type: ignore[import-untyped]

        if not enchant.dict_exists(LANGUAGE):
            return "Enchant has no en_GB dictionary (install Debian's hunspell-en-gb)"
        broker = enchant.Broker()
        # Hunspell's en_GB (LibreOffice's) first: where aspell is installed too, Enchant may pick it.
        broker.set_ordering(LANGUAGE, "hunspell,nuspell,aspell,myspell,*")
        dictionary = broker.request_dict(LANGUAGE)
    except ImportError as exc:
        return f"pyenchant or the Enchant library is missing ({exc})"
    except Exception as exc:  # a bad PYENCHANT_LIBRARY_PATH raises AssertionError, a broken provider others
        return f"Enchant could not be loaded ({type(exc).__name__}: {exc})"
    if dictionary.tag != LANGUAGE:  # the en_GB → en (US) trap
        return f"Enchant gave the '{dictionary.tag}' dictionary for en_GB"
    return _EnchantEngine(dictionary)


def hunspell_files() -> Path | None:
    """The first en_GB Hunspell dictionary on this machine (the stem: add .aff / .dic)."""
    for folder in HUNSPELL_DIRS:
        stem = folder / LANGUAGE
        if stem.with_suffix(".aff").is_file() and stem.with_suffix(".dic").is_file():
            return stem
    return None


def _load_spylls() -> Engine | str:
    stem = hunspell_files()
    if stem is None:
        return "no en_GB.aff/en_GB.dic Hunspell files found (install hunspell-en-gb)"
    try:
        from spylls.hunspell import Dictionary  # type: ignore[import-untyped]

        return _SpyllsEngine(Dictionary.from_files(str(stem)), stem.parent)
    except ImportError:
        return "spylls is not installed"
    except Exception as exc:  # a damaged dictionary file
        return f"spylls could not read {stem}: {type(exc).__name__}: {exc}"


def load_engine(choice: str | None = None) -> Engine | Unavailable:
    """The best UK English engine here (may take a second or two with spylls: call it off the UI thread)."""
    choice = (choice or os.environ.get(ENGINE_ENV, "")).strip().lower()
    if choice == "none":
        return Unavailable(f"spelling switched off ({ENGINE_ENV}=none)")
    loaders = {"enchant": [_load_enchant], "spylls": [_load_spylls]}.get(choice, [_load_enchant, _load_spylls])
    reasons = []
    for loader in loaders:
        engine = loader()
        if not isinstance(engine, str):
            return engine
        reasons.append(engine)
    return Unavailable("UK spelling is unavailable: " + "; ".join(reasons))


_engine_lock = threading.Lock()
_engine: Engine | Unavailable | None = None
_loader: threading.Thread | None = None
LOADING = Unavailable("the UK dictionary is still loading")


def engine() -> Engine | Unavailable:
    """The process's engine, loaded once (thread-safe).

    While `preload` is loading it in the background this returns `LOADING` at once instead of
    waiting, so the editor never blocks on the dictionary; the checks then report no spelling until
    the loader's callback asks for a re-check.
    """
    global _engine
    if loading():
        return LOADING
    with _engine_lock:
        if _engine is None:
            _engine = load_engine()
        return _engine


def preload(on_ready: Callable[[], None] | None = None, *, first: Callable[[], object] | None = None) -> bool:
    """Load the engine in a background thread, then call `on_ready` (in that thread). False if loaded.

    `first` runs in the thread before the engine loads (the syllable patterns of plain English), so
    "the engine is ready" also means it has run.
    """
    global _loader, _deferred
    if _engine is not None or (_loader is not None and _loader.is_alive()):
        return False

    def run() -> None:
        if first is not None:
            first()
        engine_now()
        if on_ready is not None:
            on_ready()

    _loader = threading.Thread(target=run, name="spelling-dictionary", daemon=True)
    _loader.start()
    _deferred = False  # from now on `loading()` follows the thread
    return True


def engine_now() -> Engine | Unavailable:
    """The engine, waiting for it if it is being loaded."""
    global _engine
    with _engine_lock:
        if _engine is None:
            _engine = load_engine()
        return _engine


_deferred = False


def defer() -> None:
    """Until `preload` runs, report the engine as loading instead of loading it (the editor's start-up:
    the dictionary and syllable patterns would compete with the first paint and preview for the GIL)."""
    global _deferred
    _deferred = _engine is None


def loading() -> bool:
    """Is the engine deferred, or being loaded by `preload` (never loads it itself)?"""
    loader = _loader
    return _engine is None and (_deferred or (loader is not None and loader.is_alive()))


def engine_ready() -> bool:
    return _engine is not None


def reset_engine() -> None:
    """Forget the loaded engine (tests switching engines)."""
    global _engine
    with _engine_lock:
        _engine = None
        _spellers.clear()


# --- the edition's word list ------------------------------------------------------------------


def read_word_list(data: bytes) -> list[str]:
    """Words of a dictionary file: UTF-8 (a BOM is fine), one a line, blank and `#` lines ignored."""
    text = data.decode("utf-8-sig", errors="replace")
    return [w.strip() for w in text.splitlines() if w.strip() and not w.lstrip().startswith("#")]


def dictionary_path(folder: Path) -> Path:
    return folder / DICTIONARY_FILE


def edition_words(folder: Path | None) -> list[str]:
    """The edition's word list (empty when there is none or it cannot be read)."""
    if folder is None:
        return []
    try:
        # Guarded (issue 15): a pipe, a device or a link out of the edition named dictionary.txt is refused.
        return read_word_list(read_regular(dictionary_path(folder), limit=MAX_DICTIONARY_BYTES, root=folder,
                                           what="word list"))
    except OSError:
        return []


def add_word(folder: Path, word: str) -> bool:
    """Add `word` to the edition's dictionary.txt (atomically: temp file, fsync, replace); False if there.

    Kept sorted case-insensitively with its comment lines at the top, so two people adding words
    give small, mergeable changes.
    """
    word = word.strip()
    if not word or any(c.isspace() for c in word):
        raise ValueError(f"'{word}' is not one word")
    path = dictionary_path(folder)
    try:
        data = read_regular(path, limit=MAX_DICTIONARY_BYTES, root=folder, what="word list")
    except FileNotFoundError:
        data = b""
    lines = data.decode("utf-8-sig", errors="replace").splitlines()
    comments = [ln for ln in lines if ln.lstrip().startswith("#")]
    entries = [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    if word in entries:
        return False
    if not comments:
        comments = ["# Words the spelling check accepts in this edition: names of places, people and",
                    "# schemes, acronyms. One a line; a lower-case entry also accepts it capitalised."]
    entries = sorted({*entries, word}, key=lambda w: (w.casefold(), w))
    atomic_write_bytes(path, ("\n".join(comments + entries) + "\n").encode("utf-8"))
    return True


# --- the speller: engine + edition words + caches ---------------------------------------------


def _normal(word: str) -> str:
    return word.replace("’", "'") if "’" in word else word


class Speller:
    """Checks words and texts against an engine plus the edition's words, remembering every verdict.

    With the word cache warm, re-checking a text costs only its tokenising; whole texts are cached too,
    so re-checking a borough after one keystroke re-reads one field.
    """

    def __init__(self, eng: Engine | Unavailable, extra: Iterable[str] = ()) -> None:
        self.engine = eng
        self.extra = frozenset(_normal(w) for w in extra)
        # A lower-case entry accepts the capitalised and all-capitals forms; "McGrath" only itself.
        self._extra_folded = frozenset(w.casefold() for w in self.extra if w == w.lower())
        self._known: dict[str, bool] = {}
        self._texts: dict[str, tuple[Word, ...]] = {}
        self._suggestions: dict[str, list[str]] = {}
        self.lock = threading.RLock()

    @property
    def available(self) -> bool:
        return not isinstance(self.engine, Unavailable)

    def _in_extra(self, word: str) -> bool:
        return word in self.extra or word.casefold() in self._extra_folded

    def known(self, word: str) -> bool:
        """Is this one word (no hyphens) spelt right?"""
        word = _normal(word)
        hit = self._known.get(word)  # a dict read is atomic: no lock on the hot path
        if hit is not None:
            return hit
        with self.lock:
            hit = self._known.get(word)
            if hit is None:
                hit = self._lookup(word)
                if len(self._known) > _CACHE_LIMIT:
                    self._known.clear()
                self._known[word] = hit
        return hit

    def _lookup(self, word: str) -> bool:
        if isinstance(self.engine, Unavailable):
            return True
        if self._in_extra(word):
            return True
        stem = _POSSESSIVE.sub("", word).rstrip("'")
        if stem != word and self._in_extra(stem):
            return True  # "Shadwell's" when "Shadwell" is in the edition's list
        if self.engine.check(word):
            return True
        return stem != word and bool(stem) and self.engine.check(stem)

    def misspelt(self, text: str) -> tuple[Word, ...]:
        """The misspelt words of `text`; of a hyphenated word only its bad parts (none if each part is a word)."""
        hit = self._texts.get(text)
        if hit is not None:
            return hit
        with self.lock:
            out: list[Word] = []
            for w in words(text):  # a word never starts or ends with a quote or hyphen (_RUN)
                if self.known(w.text):
                    continue
                if "-" in w.text:
                    bad = [p for p in parts(w) if len(p.text) > 1 and not _is_acronym(p.text) and not self.known(p.text)]
                    out.extend(bad)  # every part a word: "day-to-day", "resources-intensive"
                else:
                    out.append(w)
            if len(self._texts) > _CACHE_LIMIT // 10:
                self._texts.clear()
            result = tuple(out)
            self._texts[text] = result
            return result

    def suggest(self, word: str, limit: int = MAX_SUGGESTIONS) -> list[str]:
        """Suggestions for a misspelt word, best first (slow: tens of milliseconds; cached)."""
        key = _normal(word)
        with self.lock:
            cached = self._suggestions.get(key)
        if cached is None:
            found = [] if isinstance(self.engine, Unavailable) else self.engine.suggest(key)
            # The edition's own words ("Shadwel" → "Shadwell") count as much as the dictionary's.
            close = difflib.get_close_matches(key, sorted(self.extra), n=2, cutoff=0.8)
            cached = list(dict.fromkeys([*close, *found]))
            with self.lock:
                self._suggestions[key] = cached
        return cached[:limit]


_spellers: dict[tuple[str, int, int], Speller] = {}
_spellers_lock = threading.Lock()


def speller_for(folder: Path | None) -> Speller:
    """The speller for an edition folder, rebuilt when its dictionary.txt changes on disk."""
    key: tuple[str, int, int] = ("", 0, 0)
    if folder is not None:
        name = str(folder)  # one stat per call (every keystroke): no resolve() here
        try:
            st = dictionary_path(folder).stat()
            key = (name, st.st_mtime_ns, st.st_size)
        except OSError:
            key = (name, -1, -1)
    with _spellers_lock:
        speller = _spellers.get(key)
    if speller is None:
        eng = engine()
        if eng is LOADING:
            return Speller(eng)  # not remembered: the real one is made once the dictionary is there
        speller = Speller(eng, edition_words(folder))
        with _spellers_lock:
            stale = [k for k in _spellers if k[0] == key[0]]
            for k in stale:
                del _spellers[k]
            _spellers[key] = speller
    return speller


def line_and_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of code point `index` in `text` (columns in characters)."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1
