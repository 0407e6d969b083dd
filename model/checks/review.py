"""Review checks: an approval whose content has changed since, a status that claims an approval it lacks.

Needs the edition folder: the approval's fingerprint covers the photo files' bytes, and the approved
snapshot (model/approvals.py) names the fields that changed.
"""

from __future__ import annotations

from pathlib import Path

from model.approvals import load_snapshot
from model.findings import Finding
from model.review import approval_state, changed_paths
from model.types import Borough, EditionContent

_SHOWN = 5  # changed fields named in the message; the editor's review panel lists them all


def _what_changed(content: EditionContent, borough: Borough, folder: Path) -> str:
    assert borough.approval is not None
    snapshot = load_snapshot(folder, borough.approval.fingerprint)
    if snapshot is None:
        return "the content has changed since"
    paths = changed_paths(snapshot.content, snapshot.borough, content, borough)
    if not paths:
        return "a photo file has been replaced since"
    more = f" and {len(paths) - _SHOWN} more" if len(paths) > _SHOWN else ""
    return f"these fields have changed since: {', '.join(paths[:_SHOWN])}{more}"


def check(content: EditionContent, borough: Borough, folder: Path) -> list[Finding]:
    """`review.approval_stale` and `review.status_without_approval` (both warnings), else nothing."""
    state = approval_state(content, borough, folder)
    if state.kind == "stale":
        when = f" on {state.at[:10]}" if state.at else ""
        return [Finding("review.approval", "warning", "review.approval_stale",
                        f"approved by {state.by or 'someone'}{when}, but {_what_changed(content, borough, folder)}; "
                        "the commander has not seen the current content: review the changes and approve again")]
    if state.kind == "none" and borough.status == "approved":
        return [Finding("review.status", "warning", "review.status_without_approval",
                        "the status says Approved but no approval is recorded; approve from the Review "
                        "panel or with `main.py approve`")]
    return []
