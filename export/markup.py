"""User text to reportlab Paragraph markup: always escaped, characters the font lacks dropped, links made by us."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from export.fonts import missing_glyphs

# Web addresses and emails as typed in the seed ("www.mpa.gov.uk/...", "review@mpa.gov.uk").
_LINK = re.compile(r"(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)|(?P<web>(?:https?://|www\.)[\w.-]+(?:/[\w./%~+-]*)?)")


def _strip_missing(text: str) -> str:
    """Drop characters the font cannot draw (they are reported as findings, not printed as boxes)."""
    missing = set(missing_glyphs(text))
    return "".join(ch for ch in text if ch not in missing) if missing else text


def _href(found: str, *, email: bool) -> str:
    if email:
        return f"mailto:{found}"
    return found if found.startswith("http") else f"https://{found}"


def plain(text: str) -> str:
    """Literal text as Paragraph markup: `<`, `&`, `>` escaped, nothing interpreted."""
    return escape(_strip_missing(text))


def linked(text: str, *, links: bool, colour: str = "") -> str:
    """Like `plain`, with web addresses and emails turned into links (only when `links`)."""
    text = _strip_missing(text)
    if not links:
        return escape(text)
    out: list[str] = []
    pos = 0
    for match in _LINK.finditer(text):
        found = match.group(0).rstrip(".,;:")
        end = match.start() + len(found)
        out.append(escape(text[pos:match.start()]))
        href = _href(found, email=bool(match.group("email")))
        colour_attr = f" color={quoteattr(colour)}" if colour else ""
        out.append(f"<a href={quoteattr(href)}{colour_attr}>{escape(found)}</a>")
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)
