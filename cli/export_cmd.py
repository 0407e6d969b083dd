"""`export PATH -o OUT [--print] [--all] [--force] [--html]`: the leaflet as PDF (or the web edition).

Exit 0: written; 1: held back unless --force: by errors (layout overflow, figure checks, photos)
and, for a print PDF, by a missing or out-of-date approval (the print gate; with --force the
override is recorded in the borough file, with --by and --reason); 2: the input could not be read,
the output path cannot be used (a folder, a device, a missing folder, a file of the edition), or
the PDF could not be written (a full disk).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.errors import report_load_error, unusable_text
from cli.outputs import OutputError, check_output_file, check_output_folder
from export.gate import cut_text, gate_reasons, held_back
from model.atomic import atomic_write_bytes
from model.edition import EDITION_FILE, borough_files, find_edition_folder
from model.findings import Finding
from model.storage import SaveError, load_borough, load_edition_content, save_error_from
from model.yaml_read import LoadError, Problem


def describe(findings: list[Finding]) -> str:
    return "\n".join(f"  {f.severity} {f.code} {f.path}: {f.message}" for f in findings)


def edition_of_borough(path: Path) -> Path:
    """The edition folder of a borough file; LoadError saying what to pass instead if it has none."""
    folder = find_edition_folder(path)
    if folder is None or path.is_dir():
        raise LoadError([Problem(str(path), None, None, "",
                                 f"expected a borough file inside an edition folder (beside {EDITION_FILE}); "
                                 "for a whole edition use --all")])
    return folder


def edition_for_all(path: Path) -> Path:
    """The edition folder `--all` was given; LoadError when it is not one."""
    if not (path / EDITION_FILE).is_file():
        raise LoadError([Problem(str(path), None, None, "", f"--all needs an edition folder with {EDITION_FILE}")])
    return path


def report_batch(exported: int, total: int, out: Path | str, held_back: list[tuple[str, str]],
                 failed: list[tuple[str, str]] | None = None) -> int:
    """The summary an `--all` export ends with; exit 1 when any borough was held back, 2 when one could
    not be written (a full disk is not a borough's fault)."""
    print(f"exported {exported} of {total} borough(s) to {out}", file=sys.stderr)
    for slug, why in held_back:
        print(f"  held back {slug}: {why}", file=sys.stderr)
    for slug, why in failed or []:
        print(f"  not written {slug}: {why}", file=sys.stderr)
    return 2 if failed else 1 if held_back else 0


def _export_one(args: argparse.Namespace) -> int:
    from export.checking import borough_findings
    from export.pdf import final_pdf, render_leaflet

    path = Path(args.path)
    folder = edition_of_borough(path)
    out = check_output_file(args.output, edition=folder, inputs=[path, folder / EDITION_FILE])
    borough = load_borough(path, folder).doc
    content = load_edition_content(folder / EDITION_FILE, folder).doc
    # Rendered first: the PDF's own layout measurement is the layout check, so it is not laid out twice.
    rendered = render_leaflet(content, borough, folder, print_pdf=args.print_pdf)
    findings = borough_findings(content, borough, folder, layout=rendered.findings)
    overridden = bool(gate_reasons(content, borough, folder, findings, print_pdf=args.print_pdf))
    try:
        reasons = held_back(path, content, borough, folder, findings, print_pdf=args.print_pdf, force=args.force,
                            by=args.by, reason=args.reason)
    except (SaveError, LoadError) as exc:
        print(f"{path}: not exported: the override could not be recorded in the file: {exc}", file=sys.stderr)
        return 1
    if reasons and cut_text(findings):
        print(f"{path}: not exported: {'; '.join(reasons)}", file=sys.stderr)
        return 1
    if reasons:
        errors = [f for f in findings if f.severity == "error"]
        print(f"{path}: not exported: {'; '.join(reasons)} (use --force to export anyway"
              + (", with --by NAME --reason WHY" if args.print_pdf else "") + ")"
              + ("\n" + describe(errors) if errors else ""), file=sys.stderr)
        return 1
    warnings = [f for f in rendered.findings if f.severity != "error"]
    if warnings:
        print(describe(warnings), file=sys.stderr)
    pdf = final_pdf(rendered, content, borough, folder, print_pdf=args.print_pdf, overridden=overridden)
    try:
        atomic_write_bytes(out, pdf)
    except OSError as exc:
        return report_write_error(exc, out)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def report_write_error(exc: OSError, out: Path) -> int:
    """A PDF (or web page) that could not be written: exit 2 with the cause in plain words (disk full...)."""
    error = save_error_from(exc, out)
    print(f"error: {out} was not written: {error.what}. Nothing else was changed.", file=sys.stderr)
    return 2


def _export_all(args: argparse.Namespace) -> int:
    from export.batch import export_many

    folder = edition_for_all(Path(args.path))
    out = check_output_folder(args.output, edition=folder, inputs=[])
    jobs = borough_files(folder)

    def progress(done: int, total: int, name: str) -> None:
        print(f"[{done}/{total}] {name}", file=sys.stderr, flush=True)

    result = export_many(jobs, out, print_pdf=args.print_pdf, workers=args.jobs,
                         progress=progress, force=args.force,
                         override_by=args.by.strip(), override_reason=args.reason.strip())
    return report_batch(len(result.exported), len(jobs), args.output, result.held_back, result.failed)


def run(args: argparse.Namespace) -> int:
    for option, value in (("--by", args.by), ("--reason", args.reason)):
        if why := unusable_text(value, option):
            print(f"error: {why}", file=sys.stderr)
            return 2
    if args.html:
        from cli import export_html

        return export_html.run(args)
    try:
        return _export_all(args) if args.all else _export_one(args)
    except LoadError as exc:
        return report_load_error(exc)
    except OutputError as exc:
        print(f"error: {exc}; nothing was written", file=sys.stderr)
        return 2
