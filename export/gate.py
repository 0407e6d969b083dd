"""The export gate, one rule for the command line and the batch: errors hold any PDF back, and a print
PDF also waits for a current approval; `--force` goes ahead, recording a print override in the file.

Text that does not fit is never exported, `--force` or not: a PDF with a paragraph cut would lose words
nobody decided to lose (`cut_text`).
"""

from __future__ import annotations

import getpass
from pathlib import Path

from model import review
from model.approvals import record_print_override
from model.findings import Finding
from model.types import Borough, EditionContent


def gate_reasons(content: EditionContent, borough: Borough, folder: Path, findings: list[Finding], *,
                 print_pdf: bool) -> list[str]:
    """What the gate holds an export back for; a print PDF exported despite these (`--force`) is a draft."""
    state = review.approval_state(content, borough, folder) if print_pdf else None
    return review.print_gate_reasons(state, findings)


def held_back(path: Path, content: EditionContent, borough: Borough, folder: Path, findings: list[Finding], *,
              print_pdf: bool, force: bool, by: str = "", reason: str = "") -> list[str]:
    """Why this export may not go ahead (empty: it may).

    With `force`, nothing holds it back; a forced print export first records who (`by`, else the
    login name) and why in the borough file at `path` — SaveError or LoadError if that fails, and
    then nothing may be exported.
    """
    cut = cut_text(findings)
    if cut:
        return cut  # before any override is recorded: nothing is exported
    reasons = gate_reasons(content, borough, folder, findings, print_pdf=print_pdf)
    if not reasons or not force:
        return reasons
    if print_pdf:
        record_print_override(path, by.strip() or getpass.getuser(),
                              review.override_reason(reason.strip() or "exported with --force", reasons))
    return []


CUT_CODE = "layout.overflow"


def cut_text(findings: list[Finding]) -> list[str]:
    """Why the PDF would lose text (one reason per section cut); `--force` never overrides these."""
    return [f"text would be cut ({f.message}); --force never exports a leaflet with text cut"
            for f in findings if f.code == CUT_CODE]
