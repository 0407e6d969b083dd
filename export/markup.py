"""User text to reportlab Paragraph markup: always escaped, characters the font lacks dropped, links made by us.

Typography is applied here, when rendering, and never to the stored text (`typeset`): curly quotes and
apostrophes, en dashes for spaced hyphens, a true minus (U+2212) before figures, and `*italic*`
emphasis in long text (`emphasis`). Web addresses and emails are left exactly as typed and break only
after `/ . @ -` (`allow_url_breaks`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.sax.saxutils import escape, quoteattr

from export.fonts import missing_glyphs

# Web addresses and emails as typed in the seed ("www.mpa.gov.uk/...", "review@mpa.gov.uk").
_LINK = re.compile(r"(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)|(?P<web>(?:https?://|www\.)[\w.-]+(?:/[\w./%~+-]*)?)")

MINUS = "\u2212"
_MINUS = re.compile(r"(?<![\w.,/])-(?=\d)")  # "-12.7%", "(-6)": not "2009-10", "0300-123" or "a-1"
_EN_DASH = re.compile(r"(?<=\s)--?(?=\s)")  # " - " and " -- " between words
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")  # don't, London's
_OPEN_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[{\u2013\u2014\"\u201c]))'")
_OPEN_DOUBLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[{\u2013\u2014'\u2018]))\"")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])")


def _strip_missing(text: str) -> str:
    """Drop characters the font cannot draw (they are reported as findings, not printed as boxes)."""
    missing = set(missing_glyphs(text))
    return "".join(ch for ch in text if ch not in missing) if missing else text


def typeset(text: str, before: str = "") -> str:
    """Printed typography for plain text (no links in it): curly quotes, apostrophes, en dashes, minus signs.

    "the MPA's 'Community Engagement Commitment' - -12.7%" → "the MPA’s ‘Community Engagement Commitment’ – −12.7%"
    `before`: the character printed just before `text` (the end of a web address), so a quote after it closes.
    """
    if not any(ch in text for ch in "'\"-"):
        return text
    if before:
        return typeset(before[-1] + text)[1:]
    text = _EN_DASH.sub("\u2013", text)
    text = _MINUS.sub(MINUS, text)
    text = _APOSTROPHE.sub("\u2019", text)
    text = _OPEN_SINGLE.sub("\u2018", text).replace("'", "\u2019")
    return _OPEN_DOUBLE.sub("\u201c", text).replace('"', "\u201d")


def emphasis(markup: str) -> str:
    """`*words*` in escaped markup → italic (the long-text convention); a lone asterisk stays as typed."""
    return _EMPHASIS.sub(r"<i>\1</i>", markup) if "*" in markup else markup


def _href(found: str, *, email: bool) -> str:
    if email:
        return f"mailto:{found}"
    return found if found.startswith("http") else f"https://{found}"


def _segments(text: str) -> Iterator[tuple[str, str]]:
    """("text", words) and ("email"/"web", address) pieces of `text`, in order."""
    pos = 0
    for match in _LINK.finditer(text):
        found = match.group(0).rstrip(".,;:")
        if not found:
            continue
        yield "text", text[pos:match.start()]
        yield ("email" if match.group("email") else "web"), found
        pos = match.start() + len(found)
    yield "text", text[pos:]


def plain(text: str) -> str:
    """Literal text as Paragraph markup: `<`, `&`, `>` escaped, nothing interpreted; typography applied."""
    return linked(text, links=False)


def linked(text: str, *, links: bool, colour: str = "") -> str:
    """Like `plain`, with web addresses and emails turned into links (only when `links`).

    Addresses are never typeset: a hyphen in a web address stays a hyphen.
    """
    text = _strip_missing(text)
    out: list[str] = []
    last = ""
    for kind, piece in _segments(text):
        if kind == "text":
            out.append(escape(typeset(piece, last)))
        elif links:
            colour_attr = f" color={quoteattr(colour)}" if colour else ""
            out.append(f"<a href={quoteattr(_href(piece, email=kind == 'email'))}{colour_attr}>{escape(piece)}</a>")
        else:
            out.append(escape(piece))
        last = piece[-1:] or last
    return "".join(out)


# --- line breaks inside web addresses and emails ------------------------------------------------------------
# A web address, email, domain or path (also the rest of one already broken: "gov.uk/haveyoursay"), or a
# hyphenated word, which may break after its hyphen like any typeset text.
_ADDRESS = re.compile(r"^(?:https?://|www\.)\S+$|^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$"
                      r"|^(?=\S*[a-z])[\w-]+(?:\.[\w-]+)+(?:/\S*)?$|^[^\s/]*/\S+$|^\w\S*-\S*\w$", re.IGNORECASE)
_BREAK_AFTER = "/.@-"


def address_breaks(word: str, *, tail: bool = False) -> list[tuple[str, str]] | None:
    """Where a web address or email may break: (head, tail) pairs, longest head first; None for other words.

    Only after `/ . @ -`, so "www.mpa.gov.uk" can become "www.mpa." + "gov.uk" but never "www.m" + "pa.gov.uk".
    """
    if not (_ADDRESS.match(word) or (tail and not any(ch.isspace() for ch in word))):
        return None
    cuts = [i + 1 for i, ch in enumerate(word[:-1]) if ch in _BREAK_AFTER]
    return [(word[:i], word[i:]) for i in reversed(cuts)]


def allow_url_breaks() -> None:
    """Teach reportlab's line breaker to split addresses after `/ . @ -` only (its own splits only after `/`).

    reportlab asks `_uri_split_pairs(word)` for the break points of a word that does not fit its line
    (with `uriWasteReduce` set on the style); words that are not addresses keep reportlab's answer.
    """
    from reportlab.platypus import paragraph as rl_paragraph

    original = getattr(rl_paragraph, "_uri_split_pairs", None)
    if original is None or getattr(original, "_leaflet", False):
        return

    split_word = getattr(rl_paragraph, "_SplitWord", ())

    def split_pairs(word: str) -> list[tuple[str, str]] | None:
        text = word.decode("utf8") if isinstance(word, bytes) else word
        if not any(ch in text for ch in _BREAK_AFTER):  # most words: no address, no break (reportlab agrees)
            return None
        tail = isinstance(word, split_word)  # the rest of an address already broken once ("gov.uk/haveyoursay")
        found = address_breaks(text, tail=tail)
        if found is None:
            return original(word)  # type: ignore[no-any-return]
        if not tail:  # no break fits this line: start the address on the next one
            found.append(("", text))  # (else reportlab would fill the line with its first letters)
        return found

    split_pairs._leaflet = True  # type: ignore[attr-defined]
    rl_paragraph._uri_split_pairs = split_pairs
