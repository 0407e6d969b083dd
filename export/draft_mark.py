"""The "DRAFT — not approved" mark of a print PDF made without a current approval or with `--force`.

It sits in the slug, the border outside the 3 mm bleed that reportlab's crop marks make room for:
seen by anyone who opens or proofs the file, cut away with the crop marks if it is printed anyway.
It is drawn in 100% magenta, a single ink, so it reads on any proof and is never mistaken for
the leaflet's own navy and black.
"""

from __future__ import annotations

from reportlab.lib.colors import CMYKColor
from reportlab.pdfgen.canvas import Canvas

from export.fonts import BOLD
from export.pages import BLEED, CROP_BORDER
from export.print_file import DRAFT_TEXT

_SIZE = 11.0
_MAGENTA = CMYKColor(0, 1, 0, 0, alpha=None)


def draw_draft_mark(canv: Canvas, width: float, height: float) -> None:
    """The mark centred in the slug above and below the page (origin at the trim's lower left corner)."""
    canv.saveState()
    canv.setFillColor(_MAGENTA)
    canv.setFont(BOLD, _SIZE)
    # Midway between the bleed edge and the media edge, clear of the corner crop marks.
    slug = (CROP_BORDER - BLEED) / 2
    text = f"{DRAFT_TEXT} \u2014 not for press"
    canv.drawCentredString(width / 2, height + BLEED + slug - _SIZE * 0.35, text)
    canv.drawCentredString(width / 2, -BLEED - slug - _SIZE * 0.35, text)
    canv.restoreState()
