"""The commander's pull quote: one sentence of their message, printed large beside it; checked here."""

from __future__ import annotations

import re

from model.findings import Finding
from model.text import paragraphs
from model.types import Borough

MAX_WORDS = 35  # longer than this is a paragraph, not a quote: it crowds the photo column
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u2019\u201d)]*\s+")
_EDGES = "\"'\u2018\u2019\u201c\u201d \t"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(_EDGES).rstrip(".!?").strip(_EDGES).casefold()


def sentences(message: str) -> list[str]:
    """The message's sentences, paragraph by paragraph (a sentence ends at . ! or ? and a space)."""
    return [s.strip() for para in paragraphs(message) for s in _SENTENCE_END.split(para) if s.strip()]


def pull_quote_findings(borough: Borough) -> list[Finding]:
    """An error when the pull quote is not a sentence of the message; a warning when it is too long to quote."""
    quote = borough.commander.pull_quote
    if not quote.strip():
        return []
    wanted = _norm(quote)
    if wanted not in {_norm(s) for s in sentences(borough.commander.message)}:
        return [Finding("commander.pull_quote", "error", "quote.not_in_message",
                        "the pull quote must be one sentence of the commander's message, word for word; "
                        "copy a sentence from the message or leave the pull quote empty")]
    words = len(quote.split())
    if words > MAX_WORDS:
        return [Finding("commander.pull_quote", "warning", "quote.long",
                        f"the pull quote has {words} words; a pull quote reads best under {MAX_WORDS} words")]
    return []
