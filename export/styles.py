"""The leaflet's look as data: colours (screen RGB / print CMYK), paragraph styles, sizes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Generic, TypeVar

from reportlab.lib.colors import CMYKColor, Color, HexColor
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from export.fonts import BOLD, BOLD_ITALIC, ITALIC, register_fonts

# name → (screen hex, print CMYK 0..1); body text prints as 100% K only.
_COLOURS: dict[str, tuple[str, tuple[float, float, float, float]]] = {
    "ink": ("#1a1a1a", (0, 0, 0, 1)),
    "navy": ("#12326b", (1, 0.75, 0.1, 0.35)),
    "head": ("#12326b", (0, 0, 0, 1)),  # behind small white type: one ink in print (export/reversed_type.py)
    "blue": ("#1f5fa8", (0.9, 0.5, 0, 0)),
    "pale": ("#e8eef6", (0.08, 0.03, 0, 0)),
    "sand": ("#f4efe4", (0, 0.03, 0.08, 0.03)),
    "rule": ("#9fb2cc", (0.35, 0.18, 0, 0.05)),
    "achieved": ("#1e7b3c", (0.85, 0.1, 0.9, 0.15)),
    "missed": ("#b3261e", (0.1, 0.95, 0.95, 0.1)),
    "white": ("#ffffff", (0, 0, 0, 0)),
    "muted": ("#4a4a4a", (0, 0, 0, 0.75)),
}


@dataclass(frozen=True)
class Palette:
    """Colours by role for one output kind."""

    colours: dict[str, Color]

    def __getattr__(self, name: str) -> Color:
        try:
            return self.colours[name]
        except KeyError:
            raise AttributeError(name) from None

    def hex(self, name: str) -> str:
        """The colour as markup text (`<font color=...>`), screen only."""
        return _COLOURS[name][0]


@cache
def palette(print_pdf: bool) -> Palette:
    if print_pdf:
        # alpha=None: CMYKColor's default alpha of 1 writes transparency state that PDF/X-1a/X-3 refuse.
        return Palette({k: CMYKColor(*cmyk, alpha=None) for k, (_, cmyk) in _COLOURS.items()})
    return Palette({k: HexColor(hx) for k, (hx, _) in _COLOURS.items()})


# Style name → overrides of the body style; sizes in points.
_STYLE_DATA: dict[str, dict[str, object]] = {
    "body": {"fontSize": 9.5, "leading": 12.2, "spaceAfter": 4.4},
    "bullet": {"fontSize": 9.5, "leading": 12.2, "leftIndent": 10, "bulletIndent": 1, "spaceAfter": 1.6},
    "h1": {"fontName": BOLD, "fontSize": 15, "leading": 18, "spaceBefore": 8, "spaceAfter": 3, "colour": "navy"},
    "h2": {"fontName": BOLD, "fontSize": 10.5, "leading": 13, "spaceBefore": 2, "spaceAfter": 4, "colour": "blue"},
    "pull_quote": {"fontName": BOLD_ITALIC, "fontSize": 11, "leading": 14, "spaceBefore": 4, "colour": "blue"},
    "h3": {"fontName": BOLD, "fontSize": 9.5, "leading": 12, "spaceBefore": 4, "spaceAfter": 2, "colour": "navy"},
    "sign_name": {"fontName": BOLD, "fontSize": 9, "leading": 11.6, "spaceBefore": 2},
    "sign_title": {"fontName": ITALIC, "fontSize": 8.5, "leading": 10.6, "colour": "muted"},
    "cell": {"fontSize": 8.6, "leading": 10.4},
    "cell_head": {"fontName": BOLD, "fontSize": 8.6, "leading": 10.4, "colour": "white"},
    "contact": {"fontSize": 8.4, "leading": 10.4, "spaceAfter": 3.5},
    "contact_own": {"fontSize": 8.4, "leading": 10.4, "leftIndent": 8, "spaceAfter": 3.5},
    "band_big": {"fontName": BOLD, "fontSize": 17, "leading": 21, "colour": "white"},
    "band_small": {"fontName": BOLD, "fontSize": 12, "leading": 16, "colour": "white"},
    "caption": {"fontName": ITALIC, "fontSize": 7.5, "leading": 9, "colour": "muted", "spaceAfter": 5},
    "cut": {"fontName": BOLD, "fontSize": 8, "leading": 10, "colour": "white"},
}
_UNSCALED = frozenset({"band_big", "band_small", "cut"})  # the emergency band keeps its size on every plan
MIN_SIZE = 6.5  # nothing is printed smaller (points)

# How generously the text is set: (type size factor, leading and spacing factor). The layout picks the
# loosest that lets the leaflet fit its pages (export/layout.py), so a short borough fills its pages
# and a long one still fits; DEFAULT_LEVEL is the design's own setting.
LEVELS: tuple[tuple[float, float], ...] = (
    (0.94, 0.92), (0.97, 0.96), (1.0, 1.0), (1.03, 1.06), (1.06, 1.12), (1.08, 1.18),
)
DEFAULT_LEVEL = 2


@dataclass(frozen=True)
class Styles:
    """Paragraph styles by name plus the palette they were made with."""

    by_name: dict[str, ParagraphStyle]
    colours: Palette
    level: int = DEFAULT_LEVEL

    def __getitem__(self, name: str) -> ParagraphStyle:
        return self.by_name[name]


def _scaled(name: str, data: dict[str, object], level: int) -> dict[str, object]:
    if name in _UNSCALED:
        return dict(data)
    size, space = LEVELS[level]
    values = dict(data)
    values["fontSize"] = max(MIN_SIZE, float(data["fontSize"]) * size)  # type: ignore[arg-type]
    for key in ("leading", "spaceBefore", "spaceAfter"):
        if key in data:
            values[key] = round(float(data[key]) * size * space, 2)  # type: ignore[arg-type]
    return values


# On narrow (A5) columns the headings are set smaller, so a section heading takes two lines, not three.
_COMPACT: dict[str, dict[str, object]] = {
    "h1": {"fontSize": 13, "leading": 15.6},
    "pull_quote": {"fontSize": 10, "leading": 12.6},
}


@cache
def styles(print_pdf: bool, level: int = DEFAULT_LEVEL, compact: bool = False) -> Styles:
    """The paragraph styles at one of the `LEVELS` (made once each: the parse cache keys on style identity).

    No widows or orphans anywhere: a paragraph split across columns leaves at least two lines on each side.
    """
    regular = register_fonts()
    pal = palette(print_pdf)
    base = ParagraphStyle("base", fontName=regular, bulletFontName=regular, textColor=pal.ink,
                          alignment=TA_LEFT, hyphenationLang="", uriWasteReduce=0.3,
                          allowWidows=0, allowOrphans=0)
    made: dict[str, ParagraphStyle] = {}
    for name, data in _STYLE_DATA.items():
        values = _scaled(name, {**data, **_COMPACT.get(name, {})} if compact else data, level)
        colour = values.pop("colour", "ink")
        made[name] = ParagraphStyle(f"{name}@{level}{'c' if compact else ''}", parent=base, textColor=pal.colours[str(colour)], **values)
    made["cell_num"] = ParagraphStyle(f"cell_num@{level}", parent=made["cell"], alignment=TA_RIGHT)
    made["cell_head_num"] = ParagraphStyle(f"cell_head_num@{level}", parent=made["cell_head"], alignment=TA_RIGHT)
    return Styles(made, pal, level)


T = TypeVar("T")


class ByIdentity(Generic[T]):
    """A palette or style set in a cache key, equal only to itself (they are made once and hold dicts,
    so they cannot be hashed); holding the object keeps its id from being reused while the key lives."""

    __slots__ = ("obj",)

    def __init__(self, obj: T) -> None:
        self.obj = obj

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ByIdentity) and other.obj is self.obj

    def __hash__(self) -> int:
        return id(self.obj)
