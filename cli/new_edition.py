"""`new-edition FROM_DIR TO_DIR --period P`: next year's edition with a draft for each of the 32 boroughs.

Exit 0: created; 2: the previous edition could not be read, the period is not one, the target
folder already holds files, or writing failed (nothing is left behind in the target).
"""

from __future__ import annotations

import argparse
import sys

from cli.errors import report_load_error
from model.new_edition import NewEditionError, NewEditionReport, create_edition
from model.storage import SaveError
from model.yaml_read import LoadError


def describe(report: NewEditionReport) -> str:
    """The summary printed after a successful run."""
    lines = [f"created {report.folder} for {report.period} (priorities for {report.next_period}): "
             f"{len(report.boroughs)} borough drafts, {report.images} image(s) copied"]
    for slug, count in sorted(report.targets_carried.items()):
        lines.append(f"  {slug}: {count} target(s) from last year's priorities offered as results rows")
    if report.ignored:
        lines.append("  not carried forward (not one of the 32 boroughs): " + ", ".join(report.ignored))
    if report.skipped_images:
        lines.append("  not copied (not a regular image file): " + ", ".join(report.skipped_images))
    lines.append("The pan-London texts are last year's: rewrite them for the new period "
                 "(`check` lists the old period labels left in them).")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    try:
        report = create_edition(args.from_dir, args.to_dir, args.period)
    except LoadError as exc:
        return report_load_error(exc)
    except NewEditionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (SaveError, OSError) as exc:
        print(f"error: the new edition could not be written; nothing was left in {args.to_dir}: {exc}",
              file=sys.stderr)
        return 2
    print(describe(report))
    return 0
