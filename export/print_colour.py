"""Colour management for the print file: the CMYK output profile and photos converted through it.

The print condition is FOGRA39 (coated paper, the European offset standard), represented by
"ISO Coated v2 300% (basICColor)" shipped in resources/icc (zlib licence; see docs/print-file.md).
Photos go from their own RGB profile (sRGB when they carry none) to that profile with perceptual
intent, which generates black (K) and keeps total ink at or under 300%. A naive
`Image.convert("CMYK")` makes no black at all and builds greys from up to 300% of C, M and Y.
"""

from __future__ import annotations

import io
from functools import cache, lru_cache
from pathlib import Path

from PIL import Image, ImageCms, ImageMath

ICC_DIR = Path(__file__).resolve().parent.parent / "resources" / "icc"
PROFILE_FILE = ICC_DIR / "ISOcoated_v2_300_bas.icc"
PROFILE_NAME = "ISO Coated v2 300% (basICColor)"
CONDITION = "FOGRA39"  # the OutputIntent's OutputConditionIdentifier (a registered characterisation)
CONDITION_INFO = "Offset printing on coated paper (ISO 12647-2:2004, paper type 1), FOGRA39"
REGISTRY = "http://www.color.org"
MAX_INK = 3.0  # total area coverage the profile is built for: 300%
# What photos are held to before JPEG compression, whose rounding adds up to ~2% in dark areas
# (measured: 301.6% from a 300% black); 295% keeps the printed maximum under 300%.
INK_LIMIT = 2.95


@cache
def profile_bytes() -> bytes:
    """The output profile as embedded in the PDF's OutputIntent."""
    return PROFILE_FILE.read_bytes()


@cache
def _output_profile() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(io.BytesIO(profile_bytes()))


@lru_cache(maxsize=8)
def _transform(source_icc: bytes | None) -> ImageCms.ImageCmsTransform:
    """RGB (the photo's own profile, else sRGB) → the print profile, perceptual; built once per source."""
    source = (ImageCms.ImageCmsProfile(io.BytesIO(source_icc)) if source_icc
              else ImageCms.createProfile("sRGB"))
    return ImageCms.buildTransform(source, _output_profile(), "RGB", "CMYK",
                                   renderingIntent=ImageCms.Intent.PERCEPTUAL)


def limit_ink(img: Image.Image, limit: float = INK_LIMIT) -> Image.Image:
    """The CMYK image with C, M and Y scaled down wherever C+M+Y+K exceeds `limit` (1.0 = 100%); K is kept."""
    c, m, y, k = (band.convert("F") for band in img.split())
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)
    cap = limit * 255
    if total.getextrema()[1] <= cap:
        return img
    # factor = (cmy - excess) / cmy where over the limit, else 1; +0.001 keeps a K-only pixel from 0/0.
    factor = ImageMath.lambda_eval(
        lambda a: (a["cmy"] - a["max"](a["t"] - cap, 0.0)) / (a["cmy"] + 0.001),
        cmy=ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"], c=c, m=m, y=y), t=total)
    scaled = [ImageMath.lambda_eval(lambda a: a["b"] * a["f"], b=band, f=factor).convert("L") for band in (c, m, y)]
    return Image.merge("CMYK", (*scaled, k.convert("L")))


def to_print_cmyk(img: Image.Image) -> Image.Image:
    """The photo as CMYK for the print profile, with black generation and total ink held under 300%
    (CMYK photos are only ink-limited: their separation is someone's deliberate choice)."""
    if img.mode == "CMYK":
        return limit_ink(img)
    icc = img.info.get("icc_profile") or None
    rgb = img if img.mode == "RGB" else img.convert("RGB")
    try:
        transform = _transform(icc)
    except (OSError, ImageCms.PyCMSError):  # an unreadable or non-RGB embedded profile: assume sRGB
        transform = _transform(None)
    converted = ImageCms.applyTransform(rgb, transform)
    assert converted is not None  # None only when converting in place
    return limit_ink(converted)
