"""The last preview of each borough kept on disk, shown at once when the editor starts on it again.

The first preview of a session waits for reportlab to be imported, its fonts registered and a
render with every cache empty: about 250 ms after the window is shown. When the same content was
previewed before (the editor keeps the last preview of a borough when it leaves it or closes), that
PDF is shown in the meantime. It is only ever a picture in the preview pane: the real render always
follows and replaces it, and nothing else (checks, export, approval) reads it.

The key covers everything a render reads: the edition content and the borough (their whole repr),
the photos the leaflet prints (`model.review.photo_digests`: their bytes), the export code and fonts
(names, sizes and times) and reportlab's version. The newest `KEEP` files are kept.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from model.atomic import atomic_write_bytes
from model.safe_read import read_regular
from model.types import Borough, EditionContent

KEEP = 40  # files: one per borough of an edition, and a few more
MAX_CACHED_PDF_BYTES = 200 * 1024 * 1024  # a preview is a few MB
ROOT = Path(__file__).resolve().parent.parent
RENDERER = (ROOT / "export", ROOT / "resources" / "fonts")  # what makes the PDF out of the content


def default_folder() -> Path:
    """`preview/` in the user's cache folder (e.g. ~/.cache/<app>/preview)."""
    from PySide6.QtCore import QStandardPaths

    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)) / "preview"


@cache
def renderer_stamp() -> str:
    """Names, sizes and modification times of the export code and fonts, and reportlab's version."""
    import reportlab  # the render that follows imports it anyway

    parts = [f"reportlab {reportlab.Version}"]
    for folder in RENDERER:
        for file in sorted(folder.glob("*")):
            if file.suffix in (".py", ".ttf"):
                stat = file.stat()
                parts.append(f"{file.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts)


def key(content: EditionContent, borough: Borough, folder: Path) -> str:
    """The cache key of the leaflet `render_leaflet(content, borough, folder)` makes."""
    from model.review import photo_digests  # reads (and remembers) the photos' digests

    digest = hashlib.sha256()
    photos = sorted(photo_digests(content, borough, folder).items())
    for part in (renderer_stamp(), repr(content), repr(borough), repr(photos)):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


class PreviewCache:
    """PDFs by key in one folder; reading or writing one never raises (a cache miss instead)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, key: str) -> Path:
        return self.folder / f"{key}.pdf"

    def get(self, key: str) -> bytes | None:
        file = self._file(key)
        try:
            data = read_regular(file, limit=MAX_CACHED_PDF_BYTES, what="cached preview")
            if not (data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]):
                return None  # cut short (a full disk): not shown; the real render follows anyway
            os.utime(file)  # recently used: kept longest
        except OSError:
            return None
        return data

    def put(self, key: str, pdf: bytes) -> bool:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self._file(key), pdf)
            self._prune()
        except OSError:
            return False
        return True

    def _prune(self) -> None:
        files = sorted(self.folder.glob("*.pdf"), key=lambda f: f.stat().st_mtime_ns, reverse=True)
        for stale in files[KEEP:]:
            stale.unlink(missing_ok=True)
