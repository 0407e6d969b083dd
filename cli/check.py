"""`check PATH [--json]`: the figure checks on a borough file or a whole edition folder.

Exit 0: no errors; 1: errors found; 2: the input could not be read.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cli.errors import report_load_error
from export.checking import borough_findings, edition_findings
from model.edition import EDITION_FILE, find_edition_folder, load_edition
from model.findings import Finding
from model.storage import Loaded, load_borough
from model.types import Borough, EditionContent
from model.yaml_read import LoadError, Problem


def _with_location(findings: list[Finding], loaded: Loaded[Borough] | Loaded[EditionContent]) -> list[Finding]:
    from dataclasses import replace

    # `review.approval` and `review.status` are about the file's `approval` and `status` keys
    located = [replace(f, file=str(loaded.path), line=loaded.line_of(f.path.removeprefix("review.")))
               for f in findings]
    return _at_figures(located, loaded)


def _at_figures(findings: list[Finding], loaded: Loaded[Borough] | Loaded[EditionContent]) -> list[Finding]:
    """A finding about a figure in a text points at the figure's own line and column, not the field's."""
    from dataclasses import replace

    from model.edits import get_at
    from model.findings import text_position
    from model.paths import parse_path

    if not any(f.span is not None and f.path in loaded.source_map for f in findings):
        return findings
    try:
        source = loaded.path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return findings
    out = []
    for f in findings:
        where = loaded.source_map.get(f.path)
        position = None
        if f.span is not None and where is not None:
            try:
                text = get_at(loaded.doc, parse_path(f.path))
            except (KeyError, IndexError, ValueError, AttributeError, TypeError):
                text = None
            position = text_position(source, where[0], where[1], text, f.span[0]) if isinstance(text, str) else None
        out.append(f if position is None else replace(f, line=position[0], column=position[1]))
    return out


def collect(path: Path) -> list[Finding]:
    """Findings for a borough file (with its edition's shared content) or an edition folder."""
    if path.is_dir():
        edition = load_edition(path)
        content = edition.content
        found = _with_location(edition_findings(content.doc, edition.folder, suggest=True), content)
        for loaded in edition.boroughs.values():
            found += _with_location(borough_findings(content.doc, loaded.doc, edition.folder, suggest=True), loaded)
        return found
    folder = find_edition_folder(path)
    if folder is None:
        load_borough(path)  # an unreadable file says why first
        raise LoadError([Problem(str(path), None, None, "",
                                 f"no {EDITION_FILE} found beside this file's boroughs/ folder; "
                                 "a borough file is checked against its edition")])
    loaded = load_borough(path, folder)
    content = load_edition_content(folder / EDITION_FILE, folder)
    return _with_location(borough_findings(content.doc, loaded.doc, folder, suggest=True), loaded)


def load_edition_content(path: Path, root: Path) -> Loaded[EditionContent]:
    from model.storage import load_edition_content as load_content

    return load_content(path, root)


def format_text(findings: list[Finding]) -> str:
    lines = []
    for f in findings:
        where = f.file + (f":{f.line}" if f.line else "")
        lines.append(f"{where}: {f.severity} {f.code} {f.path}: {f.message}")
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    lines.append(f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    try:
        findings = collect(Path(args.path))
    except LoadError as exc:
        return report_load_error(exc, as_json=args.json)
    if args.json:
        print(json.dumps([f.as_json() for f in findings], indent=2, ensure_ascii=False))
    else:
        print(format_text(findings))
    return 1 if any(f.severity == "error" for f in findings) else 0
