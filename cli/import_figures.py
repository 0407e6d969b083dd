"""`import-figures SHEET EDITION_DIR [--dry-run] [--json]`: the performance spreadsheet into the results tables.

Exit 0: every row applied; 1: some rows rejected (the good ones are still applied unless
--dry-run) or a file changed on disk meanwhile, is open in the editor or is read-only (left as it
was); 2: the sheet or the edition could not be read, or a file could not be written. With --json
stdout is always JSON: the report, or `{"error": {...}}`.
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import groupby

from cli.errors import report_error, report_load_error
from model.edition import load_edition
from model.figures_import import ApplyResult, ImportPlan, apply_plan, plan_import
from model.sheets import SheetError, read_sheet
from model.write_guard import LEFT_ALONE
from model.yaml_read import LoadError

# Files left alone on purpose (exit 1, run again later): changed meanwhile, open in the editor,
# read-only, or the bundled sample. Anything else that stops a save (a full disk) is exit 2.
_NOT_WRITTEN_ON_PURPOSE = ("changed_on_disk", *LEFT_ALONE)


def format_plan(plan: ImportPlan) -> list[str]:
    """The preview: each borough's changed fields (old → new), then the rows not used, then notes."""
    lines: list[str] = []
    for slug, changes in groupby(plan.changes, key=lambda c: c.slug):
        found = list(changes)
        lines.append(f"{found[0].borough} (boroughs/{slug}.yaml)")
        lines += [f"  {c.describe()}" for c in found]
    if plan.rejected:
        lines.append("rows not used:")
        lines += [f"  {r.describe()}" for r in plan.rejected]
    lines += [f"note: {n}" for n in plan.notes]
    return lines


def _summary(plan: ImportPlan, applied: ApplyResult | None, dry_run: bool) -> str:
    verb = "would change" if dry_run else "changed"
    written = {p.stem for p in applied.written} if applied else set(plan.boroughs)
    fields = sum(1 for c in plan.changes if c.slug in written)
    text = (f"{len(plan.applied_rows)} row(s) usable, {len(plan.rejected)} rejected; "
            f"{verb} {fields} field(s) in {len(written)} borough file(s)")
    if applied and applied.failed:  # never claim a change that did not reach the disk
        text += f"; {len(applied.failed)} file(s) NOT written (see the errors)"
    return text + (" (dry run: nothing written)" if dry_run else "")


def _report(plan: ImportPlan, applied: ApplyResult | None, args: argparse.Namespace) -> None:
    if args.json:
        print(json.dumps({
            "dry_run": bool(args.dry_run),
            "applied_rows": list(plan.applied_rows),
            "changes": [c.as_json() for c in plan.changes],
            "rejected": [r.as_json() for r in plan.rejected],
            "notes": list(plan.notes),
            "written": [str(p) for p in applied.written] if applied else [],
            "failed": [{"file": str(f.path), "reason": f.reason, "message": f.message}
                       for f in applied.failed] if applied else [],
        }, indent=2, ensure_ascii=False))
        return
    print("\n".join([*format_plan(plan), _summary(plan, applied, args.dry_run)]))


def run(args: argparse.Namespace) -> int:
    try:
        sheet = read_sheet(args.sheet)
        edition = load_edition(args.edition_dir)
        plan = plan_import(edition, sheet)
    except LoadError as exc:
        return report_load_error(exc, as_json=args.json)
    except SheetError as exc:
        return report_error(f"the spreadsheet could not be used: {exc}", as_json=args.json)
    applied = None if args.dry_run else apply_plan(edition, plan)
    _report(plan, applied, args)
    failed = applied.failed if applied else ()
    for failure in failed:
        print(f"error: {failure.message}", file=sys.stderr)
    if any(f.reason not in _NOT_WRITTEN_ON_PURPOSE for f in failed):
        return 2
    return 1 if plan.rejected or failed else 0
