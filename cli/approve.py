"""`approve BOROUGH.yaml --by NAME`: record the commander's approval of the file's current content.

The approval covers everything the borough's leaflet prints (its edition's London-wide text and
its photo files included); the approved content is kept in the edition's `.approvals/` folder so
the editor can show what changed since. Exit 0: approved; 1: not written (the file is open in the
editor, read-only, part of the bundled sample, or changed on disk meanwhile); 2: the input could
not be read or written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.errors import report_load_error, unusable_text
from export.checking import borough_findings
from model import review
from model.approvals import save_snapshot, write_approval_record
from model.edition import EDITION_FILE, find_edition_folder
from model.storage import ChangedOnDiskError, SaveError, load_borough, load_edition_content, save, save_error_from
from model.write_guard import LEFT_ALONE, WriteRefused, refuse_write
from model.yaml_read import LoadError, Problem


def run(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if not args.by.strip():
        print("error: --by needs the approver's name", file=sys.stderr)
        return 2
    if why := unusable_text(args.by, "--by"):
        print(f"error: {why}", file=sys.stderr)
        return 2
    try:
        folder = find_edition_folder(path)
        if folder is None or path.is_dir():
            raise LoadError([Problem(str(path), None, None, "",
                                     f"expected a borough file inside an edition folder (beside {EDITION_FILE})")])
        loaded = load_borough(path, folder)
        content = load_edition_content(folder / EDITION_FILE, folder).doc
    except LoadError as exc:
        return report_load_error(exc)
    try:
        refuse_write(path)  # open in the editor, read-only, or the bundled sample: nothing is written
    except WriteRefused as exc:
        print(f"error: {path} was not approved: {exc.why}", file=sys.stderr)
        return 1 if exc.reason in LEFT_ALONE else 2
    borough = loaded.doc
    fingerprint = review.current_fingerprint(content, borough, folder)
    user, host = review.this_computer()
    approved = review.approve(borough, fingerprint, args.by, review.now_text(), user=user, host=host)
    try:
        save_snapshot(folder, fingerprint, content, borough)
        save(approved, path, expected_fingerprint=loaded.fingerprint, guard=True)
        assert approved.approval is not None
        write_approval_record(folder, path, borough.borough or path.stem, approved.approval)
    except ChangedOnDiskError:
        print(f"error: {path} changed on disk meanwhile; nothing was approved. Run approve again.", file=sys.stderr)
        return 1
    except SaveError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1 if exc.reason in LEFT_ALONE else 2
    except OSError as exc:
        print(f"error: {path} was not approved: {save_error_from(exc, path).what}", file=sys.stderr)
        return 2
    print(f"approved {borough.borough or path.stem} by {args.by.strip()}", file=sys.stderr)
    errors = sum(1 for f in borough_findings(content, approved, folder) if f.severity == "error")
    if errors:  # approving is the commander's call; printing still waits for the errors to be fixed
        print(f"  note: the checks report {errors} error(s); the print export is held back until they are fixed",
              file=sys.stderr)
    return 0
