"""Where an export may write: checked before any work, so a careless `-o` never destroys an input.

`export B.yaml -o B.yaml` would replace the draft with a PDF, `-o /dev/null` (as root) would swap
the device for a regular file, `export --html -o EDITION` would overwrite the edition's photos with
downscaled copies. Each is refused with exit 2 and a sentence saying what to do.
"""

from __future__ import annotations

import os
from pathlib import Path

from model.edition import BOROUGHS_DIR, EDITION_FILE, IMAGES_DIR
from model.safe_read import kind_of

# The folders of an edition that hold what the product reads: an output never goes in them.
_EDITION_PARTS = (BOROUGHS_DIR, IMAGES_DIR, ".approvals", ".backups")


class OutputError(Exception):
    """The output path given cannot be used; nothing was written."""


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _inside(root: Path, target: Path) -> bool:
    return target == root or root in target.parents


def _clash(target: Path, edition: Path | None, inputs: list[Path]) -> str:
    real = _real(target)
    for item in inputs:
        if real == _real(item):
            return "it is a file this export reads"
    if edition is not None:
        root = _real(edition)
        if real == root:
            return "it is the edition folder"
        if real == root / EDITION_FILE:
            return "it is the edition's own file"
        for part in _EDITION_PARTS:
            if _inside(_real(root / part), real):
                return f"it is inside the edition's {part}/ folder"
    return ""


def check_output_file(out: str | os.PathLike[str], *, edition: Path | None, inputs: list[Path]) -> Path:
    """The PDF path to write, or OutputError: a folder, a device, a missing folder, an input of the run."""
    target = Path(out)
    if "\x00" in str(target):
        raise OutputError("the output name contains a NUL character")
    if target.is_dir():
        raise OutputError(f"{target} is a folder; give a file name such as {target / 'leaflet.pdf'}")
    if target.exists() and not target.is_file():
        raise OutputError(f"{target} is {kind_of(target.stat().st_mode)}, not a file; give a PDF file name")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"the folder {parent} does not exist; create it first or choose another place")
    why = _clash(target, edition, inputs)
    if why:
        raise OutputError(f"{target} cannot be the output: {why}, and would be overwritten; "
                          "choose a file outside the edition's folders")
    return target


def check_output_folder(out: str | os.PathLike[str], *, edition: Path | None, inputs: list[Path]) -> Path:
    """The folder to write into (created later), or OutputError: a file, a device, part of the edition."""
    target = Path(out)
    if "\x00" in str(target):
        raise OutputError("the output name contains a NUL character")
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target} is a file, not a folder; give a folder for the exported files")
    why = _clash(target, edition, inputs)
    if why:
        raise OutputError(f"{target} cannot be the output folder: {why}, and its files would be overwritten; "
                          "choose a folder outside the edition")
    return target
