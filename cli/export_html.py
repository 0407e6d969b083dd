"""`export PATH --html -o DIR [--all] [--force]`: the accessible web edition, one folder per borough.

Exit codes as for the PDF: 0 written; 1 held back by errors (figure checks, photos, missing alt
text) unless --force; 2 the input could not be read or the folder could not be written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.errors import report_load_error
from cli.export_cmd import describe, edition_for_all, edition_of_borough, report_batch
from cli.outputs import OutputError, check_output_folder
from export.html import INDEX, STYLESHEET_SOURCE, edition_index, folder_names, write_page
from export.html_page import STYLESHEET
from model.atomic import atomic_write_bytes
from model.edition import EDITION_FILE, borough_files
from model.storage import load_borough, load_edition_content
from model.types import Borough
from model.yaml_read import LoadError


def _export_one(args: argparse.Namespace) -> int:
    path = Path(args.path)
    folder = edition_of_borough(path)
    out = check_output_folder(args.output, edition=folder, inputs=[path])
    borough = load_borough(path, folder).doc
    content = load_edition_content(folder / EDITION_FILE, folder).doc
    result = write_page(content, borough, folder, out, force=args.force)
    if result.folder is None:
        print(f"{path}: not exported, the checks report errors (use --force to export anyway):\n"
              + describe(result.errors), file=sys.stderr)
        return 1
    print(f"wrote {result.folder / INDEX}", file=sys.stderr)
    return 0


def _export_all(args: argparse.Namespace) -> int:
    folder = edition_for_all(Path(args.path))
    out = check_output_folder(args.output, edition=folder, inputs=[])
    content = load_edition_content(folder / EDITION_FILE, folder).doc
    jobs = borough_files(folder)
    pages: list[tuple[str, str]] = []
    held_back: list[tuple[str, str]] = []
    boroughs: dict[Path, Borough] = {}
    for path in jobs:
        try:
            boroughs[path] = load_borough(path, folder).doc
        except LoadError as exc:
            held_back.append((path.stem, "cannot be read: " + exc.summary()))
    names = folder_names(boroughs)
    for done, (path, borough) in enumerate(boroughs.items(), 1):
        print(f"[{done}/{len(boroughs)}] {path.stem}", file=sys.stderr, flush=True)
        page_folder = check_output_folder(out / names[path], edition=folder, inputs=[])
        result = write_page(content, borough, folder, page_folder, force=args.force)
        if result.folder is None:
            first = result.errors[0]
            held_back.append((path.stem, f"{len(result.errors)} error(s), first: {first.path}: {first.message}"))
        else:
            pages.append((names[path], borough.borough or path.stem))
    out.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(out / STYLESHEET, STYLESHEET_SOURCE.read_bytes())
    atomic_write_bytes(out / INDEX, edition_index(content, pages).encode("utf-8"))
    return report_batch(len(pages), len(jobs), out, held_back)


def run(args: argparse.Namespace) -> int:
    try:
        return _export_all(args) if args.all else _export_one(args)
    except LoadError as exc:
        return report_load_error(exc)
    except OutputError as exc:
        print(f"error: {exc}; nothing was written", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: the web edition could not be written: {exc.strerror or exc} ({exc.filename or args.output})",
              file=sys.stderr)
        return 2
