"""Photos for the leaflet: resolved inside the edition, decoded safely, ICC-converted CMYK for print, resolution checked."""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageOps
from reportlab.lib.utils import ImageReader

from export.print_colour import to_print_cmyk
from model.edition import MAX_PHOTO_BYTES, ImagePathError, resolve_image
from model.findings import Finding
from model.safe_read import read_regular, stat_regular

MAX_PIXELS = 40_000_000  # a 300 dpi A4 page is ~8.7 Mpx; more is a mistake or a decompression bomb
MAX_BYTES = MAX_PHOTO_BYTES
PRINT_DPI = 300
_TOO_BIG = "more than a leaflet photo needs; resize it to at most 4000 pixels on the long side"


@dataclass(frozen=True)
class Photo:
    """A decoded photo ready to place: JPEG bytes, its pixel size, and a digest of the bytes."""

    data: bytes = field(repr=False)
    width: int
    height: int
    digest: str = ""  # names the photo in caches without keeping (or re-hashing) its bytes


class PhotoReader(ImageReader):
    """A prepared photo for `Canvas.drawImage`, named by its digest instead of its decoded pixels.

    drawImage names an ImageReader's image by a digest of `getRGBData()`, so every export decoded
    each photo in full only to name it, although the JPEG is then embedded as it is (`jpeg_fh`).
    The photo is a JPEG of known size (`_prepared`): nothing needs opening or decoding here either.
    """

    def __init__(self, photo: Photo) -> None:  # not ImageReader's: it would open the JPEG with PIL
        self._photo = photo
        self._ident = None
        self.fileName = f"photo-{photo.digest}"
        self.fp = io.BytesIO(photo.data)
        self._image = None
        self._width, self._height = photo.width, photo.height
        self._transparent = None
        self._data = None
        self._dataA = None  # no alpha channel: drawImage reads this for mask="auto"
        self.jpeg_fh = self._jpeg_fh

    def getRGBData(self) -> bytes:
        return self._photo.digest.encode() or self._photo.data


def _decode(path: Path) -> tuple[bytes, Image.Image, bool]:
    """The file's bytes, the upright photo, and whether the bytes are a JPEG a screen PDF can embed as
    they are (RGB or grey, no EXIF rotation)."""
    if path.stat().st_size > MAX_BYTES:
        raise ValueError(f"the file is over {MAX_BYTES // (1024 * 1024)} MB")
    data = read_regular(path, limit=MAX_BYTES, what="photo")  # read once: what is checked is what is embedded
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as img:
                if img.width * img.height > MAX_PIXELS:
                    raise ValueError(f"it is {img.width}×{img.height} pixels, {_TOO_BIG}")
                img.load()  # a truncated file raises here instead of printing half a photo
                as_is = img.format == "JPEG" and img.mode in ("RGB", "L") and img.getexif().get(0x0112, 1) == 1
                return data, ImageOps.exif_transpose(img), as_is
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ValueError(f"it has over {MAX_PIXELS:,} pixels, {_TOO_BIG}") from None


def load_photo(folder: Path | None, relative: str, path: str, *, print_pdf: bool) -> tuple[Photo | None, list[Finding]]:
    """The photo at `relative` in the edition folder, or None and an error finding saying why."""
    if folder is None:
        return None, [Finding(path, "warning", "photo.unavailable", "no edition folder, so the photo is left out")]
    try:
        target = resolve_image(folder, relative)
        stat = stat_regular(target, root=folder, what="photo")
        photo = _prepared(str(target), stat.st_mtime_ns, stat.st_size, print_pdf)
    except ImagePathError as exc:
        return None, [Finding(path, "error", "photo.path", str(exc))]
    except FileNotFoundError:
        return None, [Finding(path, "error", "photo.missing", f"the photo {relative!r} does not exist; "
                                                              "check the file name in the images/ folder")]
    except (OSError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        return None, [Finding(path, "error", "photo.unreadable",
                              f"the photo {relative!r} cannot be used: {exc}")]
    return photo, []


@lru_cache(maxsize=64)
def _prepared(path: str, _mtime_ns: int, _size: int, print_pdf: bool) -> Photo:
    """Decoded and re-encoded once per file version (the layout check runs on every keystroke)."""
    data, decoded, as_is = _decode(Path(path))  # decoded in full: a truncated or bogus file is refused here
    if not print_pdf and as_is:
        # An upright RGB or grey JPEG goes into the screen PDF as it is: re-encoding it would cost
        # more than the rest of the export and only lose quality.
        return Photo(data, decoded.width, decoded.height, hashlib.blake2b(data, digest_size=16).hexdigest())
    # Print: through the ICC profile (black generation, ink limit). The profile itself is not embedded
    # in the JPEG (reportlab copies it whole: ~1 MB a photo); the PDF's OutputIntent names it once.
    img = to_print_cmyk(decoded) if print_pdf else decoded.convert("RGB")
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=90)
    data = buffer.getvalue()
    return Photo(data, img.width, img.height, hashlib.blake2b(data, digest_size=16).hexdigest())


def resolution_finding(photo: Photo, placed_width_pt: float, path: str) -> list[Finding]:
    """A warning when the photo has fewer than 300 pixels per inch at its printed width."""
    dpi = photo.width / (placed_width_pt / 72)
    if dpi >= PRINT_DPI - 0.5:
        return []
    return [Finding(path, "warning", "photo.resolution",
                    f"the photo prints at {dpi:.0f} dpi; print needs {PRINT_DPI} dpi "
                    f"(at least {round(PRINT_DPI * placed_width_pt / 72)} pixels wide)")]
