"""`export PATH -o OUT [--print] [--all] [--force] [--html]`: the leaflet as PDF (or the web edition).

Exit 0: written; 1: held back by errors (layout overflow, figure checks, photos) unless --force;
2: the input could not be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.errors import report_load_error
from model.atomic import atomic_write_bytes
from model.edition import EDITION_FILE, borough_files, find_edition_folder
from model.findings import Finding
from model.storage import load_borough, load_edition_content
from model.yaml_read import LoadError, Problem


def _describe(findings: list[Finding]) -> str:
    return "\n".join(f"  {f.severity} {f.code} {f.path}: {f.message}" for f in findings)


def _export_html(args: argparse.Namespace) -> int:
    try:
        from export.html import export_html
    except ImportError:
        print("error: the HTML export is not available in this version", file=sys.stderr)
        return 2
    return int(export_html(args))


def _export_one(args: argparse.Namespace) -> int:
    from export.checking import borough_findings
    from export.pdf import render_leaflet

    path = Path(args.path)
    folder = find_edition_folder(path)
    if folder is None or path.is_dir():
        raise LoadError([Problem(str(path), None, None, "",
                                 f"expected a borough file inside an edition folder (beside {EDITION_FILE}); "
                                 "for a whole edition use --all")])
    borough = load_borough(path).doc
    content = load_edition_content(folder / EDITION_FILE).doc
    errors = [f for f in borough_findings(content, borough, folder) if f.severity == "error"]
    if errors and not args.force:
        print(f"{path}: not exported, the checks report errors (use --force to export anyway):\n"
              + _describe(errors), file=sys.stderr)
        return 1
    rendered = render_leaflet(content, borough, folder, print_pdf=args.print_pdf)
    warnings = [f for f in rendered.findings if f.severity != "error"]
    if warnings:
        print(_describe(warnings), file=sys.stderr)
    atomic_write_bytes(Path(args.output), rendered.pdf)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _export_all(args: argparse.Namespace) -> int:
    from export.batch import export_many

    folder = Path(args.path)
    if not (folder / EDITION_FILE).is_file():
        raise LoadError([Problem(str(folder), None, None, "", f"--all needs an edition folder with {EDITION_FILE}")])
    jobs = borough_files(folder)

    def progress(done: int, total: int, name: str) -> None:
        print(f"[{done}/{total}] {name}", file=sys.stderr, flush=True)

    result = export_many(jobs, Path(args.output), print_pdf=args.print_pdf, workers=args.jobs,
                         progress=progress, force=args.force)
    print(f"exported {len(result.exported)} of {len(jobs)} borough(s) to {args.output}", file=sys.stderr)
    for slug, why in result.held_back:
        print(f"  held back {slug}: {why}", file=sys.stderr)
    return 1 if result.held_back else 0


def run(args: argparse.Namespace) -> int:
    if args.html:
        return _export_html(args)
    try:
        return _export_all(args) if args.all else _export_one(args)
    except LoadError as exc:
        return report_load_error(exc)
