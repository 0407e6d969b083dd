"""Photos for the web edition: resolved and decoded safely by export/images, scaled down for screens.

Each photo is written under a name made from its place in the leaflet (images/commander.jpg,
images/initiative-1.jpg), never from the user's path, so nothing outside the output folder can
be named and two photos never collide.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from export.images import load_photo
from model.findings import Finding
from model.types import Borough

WEB_MAX_WIDTH = 1440  # twice the widest place a photo takes on the page (about 720 CSS px)


@dataclass(frozen=True)
class WebPhoto:
    """A photo ready for the page: where it goes in the output folder, its JPEG bytes, its size."""

    name: str  # relative to the page, e.g. "images/commander.jpg"
    alt: str
    width: int
    height: int
    data: bytes = field(repr=False)


def _scaled(data: bytes, width: int, height: int) -> tuple[bytes, int, int]:
    if width <= WEB_MAX_WIDTH:
        return data, width, height
    new_size = (WEB_MAX_WIDTH, max(1, round(height * WEB_MAX_WIDTH / width)))
    with Image.open(io.BytesIO(data)) as img:  # our own re-encoded JPEG (export/images), not the user's file
        small = img.resize(new_size, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue(), *new_size


def _one(folder: Path | None, relative: str, alt: str, field_path: str, name: str) -> tuple[WebPhoto | None, list[Finding]]:
    if not relative.strip():
        return None, []
    photo, findings = load_photo(folder, relative, field_path, print_pdf=False)
    if photo is None:
        return None, findings
    data, width, height = _scaled(photo.data, photo.width, photo.height)
    return WebPhoto(name, alt, width, height, data), findings


def web_photos(borough: Borough, folder: Path | None) -> tuple[dict[str, WebPhoto], list[Finding]]:
    """The borough's photos keyed by field path ("commander.photo", "initiatives[0].photo"), and problems."""
    photos: dict[str, WebPhoto] = {}
    findings: list[Finding] = []
    wanted = [("commander.photo", borough.commander.photo, borough.commander.alt, "images/commander.jpg")]
    wanted += [(f"initiatives[{i}].photo", x.photo, x.alt, f"images/initiative-{i + 1}.jpg")
               for i, x in enumerate(borough.initiatives)]
    for field_path, relative, alt, name in wanted:
        photo, problems = _one(folder, relative, alt, field_path, name)
        findings += problems
        if photo is not None:
            photos[field_path] = photo
    return photos, findings
