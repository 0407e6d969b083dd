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
    # Where the figure is: `span` is (start, end) in the field's text, `figure` the text as printed
    # there ("11.3 per cent"), `column` the 1-based column of its first character in the file
    # (with `line`, set by `locate` when the file's text is known).
    column: int | None = None
    figure: str = ""
    span: tuple[int, int] | None = None

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
        if self.column is not None:
            out["column"] = self.column
        if self.figure:
            out["figure"] = self.figure
        if self.span is not None:
            out["span"] = list(self.span)
        return out


def text_position(source: str, value_line: int, value_column: int, text: str, offset: int) -> tuple[int, int] | None:
    """(line, column), 1-based, of character `offset` of a field's `text` in the file `source`.

    `value_line`/`value_column` is where the field's YAML value starts (a block scalar's `|`, a
    quote, or the first character of a plain value). The text's line is found by its own content,
    so folded or quoted values that YAML rewrote are located by the line they start on, or None.
    """
    lines = source.splitlines()
    if not 0 < value_line <= len(lines):
        return None
    before = text[:offset]
    row = before.count("\n")
    col = offset - (before.rfind("\n") + 1)
    target_text = text.split("\n")[row] if row < len(text.split("\n")) else ""
    first = lines[value_line - 1][value_column - 1:]
    if first.lstrip().startswith(("|", ">")):  # a block: the text starts on the next line, indented
        index = value_line + row  # 0-based index of the text's line `row`
        if index >= len(lines):
            return None
        line = lines[index]
        indent = len(line) - len(line.lstrip(" "))
        if line[indent:indent + len(target_text)] != target_text:
            found = line.find(target_text[:40]) if target_text else -1
            if found < 0:
                return None
            indent = found
        return index + 1, indent + col + 1
    if row == 0:
        quote = first[:1] if first[:1] in ("'", '"') else ""
        def written(part: str) -> str:
            return part.replace("'", "''") if quote == "'" else part

        printed = written(text[:offset])
        through = printed + written(text[offset:offset + 1])
        # The value as written must hold the text unchanged through the figure (no escapes, no folding).
        if first[len(quote):len(quote) + len(through)] != through:
            return None
        return value_line, value_column + len(quote) + len(printed)
    return None


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then info; within each, by file and path."""
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.file, f.path, f.code))
