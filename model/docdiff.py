"""What differs between two versions of a document: changed fields and a line diff, for prompts."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from model.convert import to_plain
from model.paths import Path as FieldPath
from model.paths import format_path


@dataclass(frozen=True)
class DiffSummary:
    """Fields that differ and how many lines of the saved YAML were added and removed."""

    fields: tuple[str, ...]
    added: int
    removed: int

    def describe(self, limit: int = 6) -> str:
        """"3 fields changed (commander.message, results[1].change, …); +4 −2 lines"."""
        if not self.fields:
            return "no differences"
        shown = ", ".join(self.fields[:limit]) + (", …" if len(self.fields) > limit else "")
        noun = "field" if len(self.fields) == 1 else "fields"
        return f"{len(self.fields)} {noun} changed ({shown}); +{self.added} \u2212{self.removed} lines"


def changed_fields(old: Any, new: Any) -> list[str]:
    """Field paths whose values differ between two documents (lists compared item by item)."""
    out: list[FieldPath] = []
    _walk(to_plain(old), to_plain(new), (), out)
    return [format_path(p) or "(whole document)" for p in out]


def _walk(a: Any, b: Any, path: FieldPath, out: list[FieldPath]) -> None:
    if a == b:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for key in list(a) + [k for k in b if k not in a]:
            _walk(a.get(key), b.get(key), (*path, key), out)
        return
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _walk(x, y, (*path, i), out)
        return
    out.append(path)


def line_diff(old_text: str, new_text: str, old_label: str, new_label: str) -> list[str]:
    """A unified diff of two YAML texts, as lines without newlines."""
    return list(difflib.unified_diff(old_text.splitlines(), new_text.splitlines(),
                                     old_label, new_label, lineterm=""))


def summarize(old: Any, new: Any, old_text: str, new_text: str) -> DiffSummary:
    """Changed fields of two documents plus the added/removed line counts of their texts."""
    lines = line_diff(old_text, new_text, "a", "b")
    added = sum(1 for line in lines if line.startswith("+") and not line.startswith("+++"))
    removed = sum(1 for line in lines if line.startswith("-") and not line.startswith("---"))
    return DiffSummary(tuple(changed_fields(old, new)), added, removed)
