"""`fmt PATH...`: re-save borough files, edition files or whole edition folders canonically."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.errors import report_load_error
from model.edition import EDITION_FILE, borough_files
from model.storage import SaveError, load, save
from model.types import Borough, EditionContent
from model.yaml_read import LoadError


def _files(path: Path) -> list[tuple[type, Path]]:
    if path.is_dir():
        out: list[tuple[type, Path]] = [(EditionContent, path / EDITION_FILE)]
        return out + [(Borough, p) for p in borough_files(path)]
    return [(EditionContent if path.name == EDITION_FILE else Borough, path)]


def run(args: argparse.Namespace) -> int:
    targets = [t for raw in args.path for t in _files(Path(raw))]
    try:
        loaded = [load(cls, path) for cls, path in targets]
    except LoadError as exc:
        return report_load_error(exc)
    changed = 0
    for item in loaded:
        if item.path.read_bytes() == _canonical(item.doc):
            continue
        try:
            save(item.doc, item.path)
        except SaveError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        changed += 1
        print(f"formatted {item.path}")
    print(f"{changed} of {len(loaded)} file(s) changed", file=sys.stderr)
    return 0


def _canonical(doc: Borough | EditionContent) -> bytes:
    from model.storage import serialize

    return serialize(doc)
