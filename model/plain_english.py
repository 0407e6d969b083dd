"""Plain English measures of a text: Flesch reading ease, long sentences, acronyms not spelt out.

Pure Python, offline: syllables come from pyphen's bundled en_GB hyphenation patterns (with a
vowel-group count where pyphen's minimum fragment lengths undercount short words such as "area"),
so no corpus is downloaded at run time (textstat 0.7.9+ would fetch nltk's cmudict).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from model.text import Bullets, parse_blocks

LONG_SENTENCE_WORDS = 30
MIN_WORDS_FOR_EASE = 40  # a heading or a short paragraph has no meaningful reading-ease score
# Acronyms every reader knows: never asked to be spelt out.
WELL_KNOWN = frozenset({"UK", "EU", "USA", "BBC", "NHS", "TV", "OK", "CCTV", "ID", "PC", "MP", "MPs", "DVD",
                        "GP", "FAQ", "ASAP", "UN", "PIN", "ATM", "RSVP"})
_SMALL = frozenset({"of", "and", "the", "for", "in", "on", "to", "a", "an", "&", "at", "by", "with"})

_WORD = re.compile(r"[^\W_](?:[\w'’.,-]*[^\W_])?")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+(?=[\"'‘“(]?[A-Z0-9£])")
_ACRONYM = re.compile(r"\b[A-Z][A-Z&]{1,7}(?:s|'s|’s)?\b")
_VOWELS = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=1)
def _hyphenator() -> object | None:
    try:
        import pyphen  # type: ignore[import-untyped]

        hyphenator: object = pyphen.Pyphen(lang="en_GB")
        return hyphenator
    except Exception:  # not installed or no en_GB patterns: the vowel count alone
        return None


def warm() -> None:
    """Load the hyphenation patterns now (about 0.2 s): the editor does it off the UI thread."""
    _hyphenator()
    syllables.cache_clear()


def _vowel_groups(word: str) -> int:
    w = word.lower()
    count = len(_VOWELS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # silent final e: "crime", "police"
    return max(1, count)


@lru_cache(maxsize=50_000)
def syllables(word: str) -> int:
    """Syllables in one word (at least 1)."""
    letters = "".join(c for c in word if c.isalpha())
    if not letters:
        return 1
    guess = _vowel_groups(letters)
    hyphenator = _hyphenator()
    if hyphenator is not None:
        guess = max(guess, len(hyphenator.positions(letters)) + 1)  # type: ignore[attr-defined]
    return guess


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # code point in the field's text
    words: int


_BLOCK_BREAK = re.compile(r"\n\s*\n|\n(?=[ \t]*(?:- |\* |• ))")
_BULLET = re.compile(r"[ \t]*(?:- |\* |• )")


def sentences(text: str) -> Iterator[Sentence]:
    """The sentences of a field's text: a paragraph or a bullet always ends one. Positions are in `text`."""
    starts = [0] + [m.end() for m in _BLOCK_BREAK.finditer(text)]
    ends = [m.start() for m in _BLOCK_BREAK.finditer(text)] + [len(text)]
    for offset, end in zip(starts, ends, strict=True):
        block = text[offset:end]
        bullet = _BULLET.match(block)
        pos = bullet.end() if bullet else 0
        for m in [*_SENTENCE_END.finditer(block, pos), None]:
            stop = m.start() if m else len(block)
            piece = block[pos:stop]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                yield Sentence(piece.strip(), offset + pos + lead, count_words(piece))
            if m:
                pos = m.end()


def word_list(text: str) -> list[str]:
    return _WORD.findall(text)  # every match starts with a letter or digit


def count_words(text: str) -> int:
    return len(word_list(text))


@dataclass(frozen=True)
class Readability:
    """Flesch reading ease (higher is easier: 60–70 is plain English) and what it is made of."""

    words: int
    sentences: int
    syllables: int

    @property
    def ease(self) -> float | None:
        if self.words == 0 or self.sentences == 0:
            return None
        return 206.835 - 1.015 * (self.words / self.sentences) - 84.6 * (self.syllables / self.words)

    @property
    def scored(self) -> bool:
        return self.words >= MIN_WORDS_FOR_EASE


def prose_only(text: str) -> str:
    """The text as read: bullets without their dashes (a bullet is a sentence of its own)."""
    pieces: list[str] = []
    for block in parse_blocks(text):
        pieces.extend(block.items if isinstance(block, Bullets) else [block.text])
    return "\n\n".join(pieces)


@lru_cache(maxsize=4096)
def readability(text: str) -> Readability:
    """Reading ease of one field's text (cached by text: a keystroke re-measures one field)."""
    plain = prose_only(text)
    found = list(sentences(plain))
    all_words = word_list(plain)
    return Readability(len(all_words), len(found), sum(syllables(w) for w in all_words))


def combined(parts: Iterable[Readability]) -> Readability:
    items = list(parts)
    return Readability(sum(r.words for r in items), sum(r.sentences for r in items), sum(r.syllables for r in items))


def describe(ease: float) -> str:
    """Flesch's own bands, in words a comms officer uses."""
    for floor, label in ((90, "very easy"), (80, "easy"), (70, "fairly easy"), (60, "plain English"),
                         (50, "fairly difficult"), (30, "difficult")):
        if ease >= floor:
            return label
    return "very difficult"


@lru_cache(maxsize=4096)
def long_sentences(text: str, limit: int = LONG_SENTENCE_WORDS) -> tuple[Sentence, ...]:
    return tuple(s for s in sentences(text) if s.words > limit)


@dataclass(frozen=True)
class AcronymUse:
    acronym: str
    start: int  # in the text where it is first used


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w and w.lower() not in _SMALL)


def _spelt_out_near(text: str, start: int, end: int, acronym: str) -> bool:
    """"Metropolitan Police Authority (MPA)" or "MPA (Metropolitan Police Authority)"."""
    before = text[:start].rstrip()
    if before.endswith("("):
        words = re.findall(r"[\w&'-]+", before[:-1])[-(len(acronym) + 4):]
        for i in range(len(words)):
            if _initials(words[i:]).upper() == acronym.upper():
                return True
    after = text[end:].lstrip()
    if after.startswith("("):
        inside = after[1:after.find(")")] if ")" in after else after[1:80]
        return _initials(re.findall(r"[\w&'-]+", inside)).upper() == acronym.upper()
    return False


def _expansion_in(text: str, acronym: str) -> bool:
    """Do capitalised words with the acronym's initials appear in `text` ("Metropolitan Police Authority")?"""
    words = re.findall(r"[\w&'-]+", text)
    n = len(acronym)
    capital = [w[:1].isupper() or w.lower() in _SMALL for w in words]
    for i in range(len(words)):
        taken: list[str] = []
        j = i
        while j < len(words) and capital[j] and len(_initials(taken)) < n:
            taken.append(words[j])
            j += 1
            if _initials(taken).upper() == acronym.upper() and words[i].lower() not in _SMALL:
                return True
    return False


def unexplained_acronyms(texts: Iterable[tuple[str, str]],
                         known: frozenset[str] = WELL_KNOWN) -> list[tuple[str, AcronymUse]]:
    """(field path, first use) of each acronym not spelt out before or at its first use.

    `texts` are (path, text) in reading order; an acronym is spelt out when its words appear earlier
    (a title "Chair of the Metropolitan Police Authority" before "the MPA") or in brackets beside it.
    """
    seen: set[str] = set(known)
    read: list[str] = []
    out: list[tuple[str, AcronymUse]] = []
    for path, text in texts:
        letters = [c for c in text if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
            read.append(text)
            continue  # a heading set in capitals ("HOW DID TOWER HAMLETS PERFORM") holds no acronym
        for m in _ACRONYM.finditer(text):
            acronym = re.sub(r"(?:'s|’s|s)$", "", m.group()) if not m.group().isupper() else m.group()
            if acronym in seen or len(acronym) < 2:
                continue
            seen.add(acronym)
            earlier = "\n".join(read) + "\n" + text[:m.start()]
            if _spelt_out_near(text, m.start(), m.end(), acronym) or _expansion_in(earlier, acronym):
                continue
            out.append((path, AcronymUse(acronym, m.start())))
        read.append(text)
    return out
