"""Spelling and plain English as findings: unknown words, reading ease, long sentences, acronyms.

Pure functions of a document (and its edition folder, for the edition's dictionary.txt); see
docs/checks.md. Each field's findings are cached by its text, so re-checking a borough after a
keystroke re-reads only the field that changed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from model import plain_english, spelling
from model.findings import Finding, Severity
from model.types import Borough, Contact, EditionContent

UNKNOWN_WORD = "spelling.unknown_word"
UNAVAILABLE = "spelling.unavailable"
READING_EASE = "plain_english.reading_ease"
LONG_SENTENCE = "plain_english.long_sentence"
ACRONYM = "plain_english.acronym_not_spelt_out"
SUGGESTIONS_IN_MESSAGE = 3
# The last key of every field path spell-checked here and underlined in the editor.
PROSE_KEYS = frozenset({"name", "title", "message", "alt", "text", "heading", "subheading", "note", "measure"})


def _contact_texts(prefix: str, contacts: tuple[Contact, ...]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for i, c in enumerate(contacts):
        out += [(f"{prefix}[{i}].name", c.name), (f"{prefix}[{i}].note", c.note)]
    return out


def borough_fields(borough: Borough) -> list[tuple[str, str]]:
    """(path, text) of every borough field a reader reads, in leaflet order (table cells included)."""
    c = borough.commander
    out = [("commander.name", c.name), ("commander.title", c.title), ("commander.message", c.message),
           ("commander.alt", c.alt)]
    for i, x in enumerate(borough.initiatives):
        out += [(f"initiatives[{i}].title", x.title), (f"initiatives[{i}].text", x.text),
                (f"initiatives[{i}].alt", x.alt)]
    out += [(f"results[{i}].measure", r.measure) for i, r in enumerate(borough.results)]
    for i, p in enumerate(borough.priorities):
        out += [(f"priorities[{i}].targets[{j}].measure", t.measure) for j, t in enumerate(p.targets)]
        out.append((f"priorities[{i}].text", p.text))
    return [(p, t) for p, t in out + _contact_texts("contacts", borough.contacts) if t]


def edition_fields(content: EditionContent) -> list[tuple[str, str]]:
    """(path, text) of every pan-London field a reader reads, in leaflet order."""
    m = content.deputy_mayor
    out = [("title", content.title), ("deputy_mayor.heading", m.heading), ("deputy_mayor.name", m.name),
           ("deputy_mayor.title", m.title), ("deputy_mayor.message", m.message), ("deputy_mayor.alt", m.alt)]
    for key in ("met_forward", "mpa_work", "looking_back", "looking_forward", "have_your_say", "cpegs"):
        section = getattr(content, key)
        out += [(f"{key}.heading", section.heading), (f"{key}.subheading", section.subheading),
                (f"{key}.text", section.text)]
    return [(p, t) for p, t in out + _contact_texts("contacts", content.contacts) if t]


# Sections scored for reading ease: the long texts a reader reads as a piece.
def _is_section(path: str) -> bool:
    return path.endswith((".message", ".text"))


def _quote_list(words: list[str]) -> str:
    quoted = [f"'{w}'" for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def spelling_findings(path: str, text: str, speller: spelling.Speller, *, suggest: bool) -> list[Finding]:
    """`spelling.unknown_word` for each misspelt word of one field, with its line and column."""
    out = []
    for word in speller.misspelt(text):
        line, column = spelling.line_and_column(text, word.start)
        message = f"'{word.text}' (line {line}, column {column}) is not in the UK English dictionary"
        options = speller.suggest(word.text, SUGGESTIONS_IN_MESSAGE) if suggest else []
        if options:
            message += f"; did you mean {_quote_list(options)}?"
        else:
            message += ("; correct it, or add it to the edition's dictionary.txt if it is a name"
                        + ("" if suggest else " (right-click it in the editor for suggestions)"))
        out.append(Finding(path, "warning", UNKNOWN_WORD, message))
    return out


@lru_cache(maxsize=4096)
def _text_findings(path: str, text: str, target: int, long_words: int) -> tuple[Finding, ...]:
    out: list[Finding] = []
    if _is_section(path):
        score = plain_english.readability(text)
        ease = score.ease
        if score.scored and ease is not None and ease < target:
            out.append(Finding(path, "info", READING_EASE,
                               f"reading ease {ease:.0f} ({plain_english.describe(ease)}) is below the edition's "
                               f"target of {target}: shorter sentences and shorter words make it easier"))
    for sentence in plain_english.long_sentences(text, long_words):
        line, column = spelling.line_and_column(text, sentence.start)
        opening = " ".join(sentence.text.split()[:6])
        out.append(Finding(path, "info", LONG_SENTENCE,
                           f"the sentence at line {line}, column {column} (\"{opening} …\") has {sentence.words} "
                           f"words; over {long_words} is hard to follow: split it"))
    return tuple(out)


@lru_cache(maxsize=256)
def _acronym_findings(texts: tuple[tuple[str, str], ...]) -> tuple[Finding, ...]:
    out = []
    for path, use in plain_english.unexplained_acronyms(texts):
        text = dict(texts)[path]
        line, column = spelling.line_and_column(text, use.start)
        out.append(Finding(path, "info", ACRONYM,
                           f"'{use.acronym}' (line {line}, column {column}) is not spelt out at its first use: "
                           f"write the words in full with '({use.acronym})' after them"))
    return tuple(out)


def check_fields(fields: list[tuple[str, str]], content: EditionContent, folder: Path | None, *,
                 suggest: bool = False) -> list[Finding]:
    """Spelling (with the edition's dictionary in `folder`) and plain English over (path, text) fields.

    `suggest`: put up to three suggestions in each unknown word's message (tens of milliseconds a
    word: the command line does; the editor computes them when the context menu opens instead).
    """
    speller = spelling.speller_for(folder)
    if speller.engine is spelling.LOADING:
        return []  # the editor is loading the dictionary and syllable patterns: it re-checks when they are there
    out: list[Finding] = []
    for path, text in fields:
        out += spelling_findings(path, text, speller, suggest=suggest)
        out += _text_findings(path, text, content.reading_ease_target, content.long_sentence_words)
    out += _acronym_findings(tuple(fields))
    return out


def check_borough(content: EditionContent, borough: Borough, folder: Path | None, *,
                  suggest: bool = False) -> list[Finding]:
    return check_fields(borough_fields(borough), content, folder, suggest=suggest)


def check_edition(content: EditionContent, folder: Path | None, *, suggest: bool = False) -> list[Finding]:
    out = check_fields(edition_fields(content), content, folder, suggest=suggest)
    eng = spelling.speller_for(folder).engine
    if isinstance(eng, spelling.Unavailable) and eng is not spelling.LOADING:
        severity: Severity = "info"
        out.append(Finding("", severity, UNAVAILABLE, eng.reason))
    return out


def preload(on_ready: Callable[[], None] | None = None) -> bool:
    """Load the UK dictionary and the syllable patterns in a background thread (the editor does at start)."""
    return spelling.preload(on_ready, first=plain_english.warm)


def defer() -> None:
    """Report spelling and plain English as loading until `preload` (see `spelling.defer`)."""
    spelling.defer()


def loading() -> bool:
    """Are the dictionary and syllable patterns still loading in the background?"""
    return spelling.loading()
