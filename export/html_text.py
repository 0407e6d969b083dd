"""User text as HTML: always escaped, control characters dropped, links (web, email, tel) made by us.

Nothing a user types is ever interpreted as markup: `<b>` prints as the four characters `<b>`.
Web addresses and emails are found with the same pattern as the PDF (export/markup.py), so the
two editions link the same things.
"""

from __future__ import annotations

import html
import re

from export.markup import _EMPHASIS, typeset
from export.markup import _LINK as LINK_PATTERN  # one definition of "a link in the text" for PDF and web

# C0/C1 control characters (but tab, newline, carriage return) and non-characters are not allowed
# in an HTML document; a browser would show them as boxes or replace them, so they are dropped.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")


def clean(text: str) -> str:
    """The text without characters HTML forbids (what the reader sees, before escaping)."""
    return _FORBIDDEN.sub("", text)


def esc(text: str) -> str:
    """Literal text for element content or a quoted attribute value."""
    return html.escape(clean(text), quote=True)


def link(href: str, text: str) -> str:
    return f'<a href="{esc(href)}">{esc(text)}</a>'


def web_href(address: str) -> str:
    """"www.mpa.gov.uk" → "https://www.mpa.gov.uk" (addresses are printed without a scheme)."""
    return address if re.match(r"https?://", address, re.IGNORECASE) else f"https://{address}"


def tel_href(number: str) -> str:
    """"0300 123 1212" → "tel:03001231212"; "" when the text holds no digits to dial."""
    digits = re.sub(r"[^\d+]", "", number)
    return f"tel:{digits}" if re.search(r"\d", digits) else ""


def _words(text: str, before: str = "") -> str:
    """Running text as HTML: escaped, typeset as in print (curly quotes, dashes, minus), `*italic*` as <em>."""
    escaped = html.escape(typeset(text, before), quote=False)
    return _EMPHASIS.sub(r"<em>\1</em>", escaped) if "*" in escaped else escaped


def linked(text: str) -> str:
    """Escaped text with web addresses and emails turned into links (addresses never typeset)."""
    text = clean(text)
    out: list[str] = []
    pos = 0
    for match in LINK_PATTERN.finditer(text):
        found = match.group(0).rstrip(".,;:")
        if not found:
            continue
        out.append(_words(text[pos:match.start()], text[pos - 1:pos]))
        href = f"mailto:{found}" if match.group("email") else web_href(found)
        out.append(link(href, found))
        pos = match.start() + len(found)
    out.append(_words(text[pos:], text[pos - 1:pos] if pos else ""))
    return "".join(out)


def with_number(line: str, number: str) -> str:
    """A printed line ending in a phone number ("tel: 0300 123 1212"), the number as a tel: link."""
    href = tel_href(number) if number else ""
    if not href or not line.endswith(number):
        return linked(line)
    return esc(line[: len(line) - len(number)]) + link(href, number)
