"""An edition folder: edition.yaml, boroughs/<slug>.yaml and images/, loaded together."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from model.storage import Loaded, load_borough, load_edition_content
from model.types import Borough, EditionContent
from model.yaml_read import LoadError, Problem

EDITION_FILE = "edition.yaml"
BOROUGHS_DIR = "boroughs"
IMAGES_DIR = "images"
MAX_PHOTO_BYTES = 40 * 1024 * 1024  # a leaflet photo is a few MB; the cap on every photo read


def slugify(name: str) -> str:
    """"Kensington and Chelsea" → "kensington-and-chelsea"."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@dataclass
class Edition:
    """A loaded edition folder. Boroughs are keyed by slug (the file name without .yaml)."""

    folder: Path
    content: Loaded[EditionContent]
    boroughs: dict[str, Loaded[Borough]] = field(default_factory=dict)

    def borough_path(self, slug: str) -> Path:
        return self.folder / BOROUGHS_DIR / f"{slug}.yaml"


def find_edition_folder(path: str | os.PathLike[str]) -> Path | None:
    """The edition folder of an edition folder or of a borough file inside one, if any."""
    # The file itself is not resolved: a borough file that is a link to somewhere else is still
    # judged by the folder it sits in, and then refused by the reader for leaving it.
    p = Path(os.path.abspath(path))
    p = p.resolve() if p.is_dir() else p.parent.resolve() / p.name
    for candidate in (p, p.parent, p.parent.parent):
        if (candidate / EDITION_FILE).is_file():
            return candidate
    return None


def borough_files(folder: Path) -> list[Path]:
    """The borough files of an edition folder, in name order."""
    return sorted((folder / BOROUGHS_DIR).glob("*.yaml"))


def load_edition(folder: str | os.PathLike[str]) -> Edition:
    """Load edition.yaml and every borough file; LoadError lists the problems of all files."""
    root = Path(folder)
    if not (root / EDITION_FILE).is_file():
        raise LoadError([Problem(str(root), None, None, "",
                                 f"this is not an edition folder: it has no {EDITION_FILE}")])
    problems: list[Problem] = []
    content = None
    try:
        content = load_edition_content(root / EDITION_FILE, root)
    except LoadError as exc:
        problems.extend(exc.problems)
    boroughs: dict[str, Loaded[Borough]] = {}
    for path in borough_files(root):
        try:
            boroughs[path.stem] = load_borough(path, root)
        except LoadError as exc:
            problems.extend(exc.problems)
    if problems or content is None:
        raise LoadError(problems)
    return Edition(root, content, boroughs)


class ImagePathError(ValueError):
    """An image path that is empty, absolute, or escapes the edition folder."""


def resolve_image(edition_folder: Path, relative: str) -> Path:
    """The file an image path names, refusing any path that leaves the edition folder.

    Both sides are resolved so `../`, absolute paths and symlinks pointing out are all caught.
    """
    if not relative.strip():
        raise ImagePathError("no image path given")
    if "\x00" in relative:
        raise ImagePathError(f"{relative!r} contains a NUL character; retype the image path")
    candidate = Path(relative)
    if candidate.is_absolute():
        raise ImagePathError(f"{relative!r} is an absolute path; use a path inside the edition folder, "
                             f"such as images/photo.jpg")
    root = edition_folder.resolve()
    target = (root / candidate).resolve()
    if target != root and root not in target.parents:
        raise ImagePathError(f"{relative!r} points outside the edition folder; copy the image into "
                             f"{IMAGES_DIR}/ and use that path")
    return target
