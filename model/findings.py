"""Findings: what a check says about one field, in the shape `check --json` prints."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    """One check result. `code` is stable (scripts filter on it); `path` is a field path."""

    path: str
    severity: Severity
    code: str
    message: str
    file: str = ""
    line: int | None = None

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "file": self.file,
            "path": self.path,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }
        if self.line is not None:
            out["line"] = self.line
        return out


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then info; within each, by file and path."""
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.file, f.path, f.code))
