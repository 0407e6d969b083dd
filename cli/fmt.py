"""`fmt PATH...`: re-save borough files, edition files or whole edition folders canonically.

A file that changed on disk while fmt worked (an editor saved it, a sync client replaced it) is
never overwritten: fmt reports it and exits 1, so the user can run it again. Exit 1 too, with the
file left as it was, for a file open in the editor (its `.~lock`), a read-only file, a file of the
bundled sample, and a file with `# comments` (which the canonical format would drop; `--force`
drops them).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.errors import report_load_error
from model.atomic import remove_orphan_temps
from model.edition import EDITION_FILE, borough_files, find_edition_folder
from model.storage import ChangedOnDiskError, Loaded, SaveError, fingerprint_bytes, load, read_bytes, save, serialize
from model.types import Borough, EditionContent
from model.write_guard import LEFT_ALONE, WriteRefused, refuse_write
from model.yaml_read import LoadError, comment_lines

EXIT_CHANGED = 1
EXIT_UNWRITABLE = 2


def _files(path: Path) -> list[tuple[type[Borough] | type[EditionContent], Path]]:
    if path.is_dir():
        out: list[tuple[type[Borough] | type[EditionContent], Path]] = [(EditionContent, path / EDITION_FILE)]
        return out + [(Borough, p) for p in borough_files(path)]
    return [(EditionContent if path.name == EDITION_FILE else Borough, path)]


def run(args: argparse.Namespace) -> int:
    targets = [t for raw in args.path for t in _files(Path(raw))]
    try:
        loaded = [load(cls, path, find_edition_folder(path)) for cls, path in targets]
    except LoadError as exc:
        return report_load_error(exc)
    for folder in {item.path.parent for item in loaded}:
        remove_orphan_temps(folder)  # left by a save that was killed; fresh ones may be a save in progress
    changed, status = 0, 0
    for item in loaded:
        outcome = _format_one(item, bool(getattr(args, "force", False)))
        if outcome == "formatted":
            changed += 1
        elif isinstance(outcome, int):
            status = max(status, outcome)
    print(f"{changed} of {len(loaded)} file(s) changed", file=sys.stderr)
    return status


def _comments(path: Path) -> list[int]:
    try:
        return comment_lines(read_bytes(path).decode("utf-8-sig", "replace"))
    except LoadError:
        return []  # gone meanwhile: the save's changed-on-disk check says so


def _format_one(item: Loaded[Borough | EditionContent], force: bool) -> str | int:
    """Re-save one file unless it is canonical already; an exit code if it could not be."""
    try:
        data = serialize(item.doc)
        if fingerprint_bytes(data) == item.fingerprint:
            return "unchanged"
        refuse_write(item.path)  # said before the comments: a file that may not change at all
        if not force and (lines := _comments(item.path)):
            more = f" (lines {', '.join(map(str, lines[:5]))})" if len(lines) > 1 else ""
            print(f"error: {item.path}, line {lines[0]}: the file has # comments{more}, which the canonical "
                  "format cannot keep; it was not changed. Move them into a field, or run fmt --force to drop "
                  "them.", file=sys.stderr)
            return EXIT_CHANGED
        save(item.doc, item.path, expected_fingerprint=item.fingerprint, guard=True)
    except WriteRefused as exc:
        print(f"error: {item.path}: not formatted: {exc.why}", file=sys.stderr)
        return EXIT_CHANGED if exc.reason in LEFT_ALONE else EXIT_UNWRITABLE
    except ChangedOnDiskError:
        print(f"error: {item.path} changed on disk while fmt was working; it was not overwritten. "
              "Run fmt again.", file=sys.stderr)
        return EXIT_CHANGED
    except SaveError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CHANGED if exc.reason in LEFT_ALONE else EXIT_UNWRITABLE
    print(f"formatted {item.path}")
    return "formatted"
