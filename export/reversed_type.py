"""White type on dark bands in the print file: never small text knocked out of several inks.

Navy is four inks (C100 M75 Y10 K35). White text on it is a hole in four plates; when one plate
is 0.1 mm out of register (normal on press) a coloured fringe fills the thin strokes of small
type and it turns blurred or illegible. Two ways out, one for each kind of text:

- large text (the borough name, the emergency numbers, the masthead lines) stays on navy but is
  made big and bold enough that a 0.1 mm fringe is a small part of each stroke: at least
  `MIN_BOLD_PT` bold, or `MIN_REGULAR_PT` regular (`reversed_font`);
- small text (the results table's header row, 8.6 pt) sits on a band of one ink, 100% K
  (`palette(True).head`): a single plate cannot be out of register with itself.

The screen PDF and web edition keep their look: misregistration exists only on press.
"""

from __future__ import annotations

from export.fonts import BOLD

MIN_BOLD_PT = 12.0
MIN_REGULAR_PT = 14.0


def reversed_font(font: str, size: float, *, print_pdf: bool) -> tuple[str, float]:
    """The font and size for white text on a multi-ink band: in print, bold and at least 12 pt when smaller."""
    if not print_pdf or size >= MIN_REGULAR_PT or (font == BOLD and size >= MIN_BOLD_PT):
        return font, size
    return BOLD, max(size, MIN_BOLD_PT)


def safe_on_four_inks(font_is_bold: bool, size: float) -> bool:
    """Whether white text of this weight and size may be knocked out of a four-ink band (tests use this)."""
    return size >= MIN_REGULAR_PT - 0.01 or (font_is_bold and size >= MIN_BOLD_PT - 0.01)
