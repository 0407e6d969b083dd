"""What differs between two versions of a document: changed fields and a line diff, for prompts."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any, Literal

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


def changed_values(old: Any, new: Any) -> list[tuple[str, Any, Any]]:
    """(field path, old value, new value) of every field that differs, values as plain data."""
    a, b = to_plain(old), to_plain(new)
    out: list[FieldPath] = []
    _walk(a, b, (), out)
    return [(format_path(p), _at(a, p), _at(b, p)) for p in out]


def _at(plain: Any, path: FieldPath) -> Any:
    for part in path:
        if isinstance(part, int):
            plain = plain[part] if isinstance(plain, list) and part < len(plain) else None
        else:
            plain = plain.get(part) if isinstance(plain, dict) else None
    return plain


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


# --- word-level differences, for "what changed since approval" ---------------------------------

_TOKEN = re.compile(r"\s+|\S+")

DiffOp = Literal["equal", "insert", "delete"]


def word_diff(old: str, new: str) -> list[tuple[DiffOp, str]]:
    """`old` → `new` as runs of equal, deleted and inserted text, split at whitespace.

    Words keep their punctuation ("-12.7%" is one word), so a changed figure shows as that figure
    struck out and the new one inserted, as a proof-reader would mark it. Joining the equal and
    deleted runs gives `old` back; the equal and inserted runs give `new`.
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[tuple[DiffOp, str]] = []

    def emit(op: DiffOp, tokens: list[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            emit("equal", a[i1:i2])
        else:
            emit("delete", a[i1:i2])
            emit("insert", b[j1:j2])
    return out


def marked(runs: list[tuple[DiffOp, str]]) -> str:
    """Runs as plain text with git's word-diff marks: [-deleted-]{+inserted+}."""
    marks = {"equal": ("", ""), "delete": ("[-", "-]"), "insert": ("{+", "+}")}
    return "".join(marks[op][0] + text + marks[op][1] for op, text in runs)


# How a record's keys read to a reviewer; the text of a record is shown without a label at all.
KEY_LABELS = {"previous": "Previous year", "current": "This year", "change_pct": "Change %",
              "target_pct": "Target %", "alt": "Photo description", "measure": "Measure", "title": "Title"}
UNLABELLED = frozenset({"text", "message"})


def key_label(key: str) -> str:
    """"target_pct" → "Target %", "borough_contacts" → "Borough contacts"."""
    return KEY_LABELS.get(key, key.replace("_", " ").capitalize())


def value_text(value: Any) -> str:
    """A field's value as the words a reviewer reads: text as it is, records as `Label: value` lines."""
    lines: list[str] = []
    _value_lines(to_plain(value), "", lines)
    return "\n".join(lines)


def _value_lines(value: Any, indent: str, lines: list[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)):
                lines.append(f"{indent}{key_label(key)}:")
                _value_lines(item, indent + "  ", lines)
            elif item not in (None, "") and key in UNLABELLED:
                lines.append(f"{indent}{_scalar(item)}")
            elif item not in (None, ""):
                lines.append(f"{indent}{key_label(key)}: {_scalar(item)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, (dict, list)):
                lines.append(f"{indent}-")
                _value_lines(item, indent + "  ", lines)
            else:
                lines.append(f"{indent}- {_scalar(item)}")
    elif value is not None:
        lines.append(indent + _scalar(value))


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def condensed(runs: list[tuple[DiffOp, str]], context: int = 12) -> list[tuple[DiffOp, str]]:
    """The runs with long unchanged stretches cut to `context` words either side of each change.

    A commander re-reading a changed paragraph needs the words around the change, not the page.
    """
    out: list[tuple[DiffOp, str]] = []
    for i, (op, text) in enumerate(runs):
        if op != "equal":
            out.append((op, text))
            continue
        words = _TOKEN.findall(text)
        keep_head = context * 2 if i > 0 else 0  # words and the spaces between them
        keep_tail = context * 2 if i < len(runs) - 1 else 0
        if len(words) <= keep_head + keep_tail + 2:
            out.append((op, text))
            continue
        head = "".join(words[:keep_head])
        tail = "".join(words[len(words) - keep_tail:]) if keep_tail else ""
        out.append((op, head.rstrip() + " … " + tail.lstrip() if head and tail else
                    (head.rstrip() + " …" if head else "… " + tail.lstrip())))
    return out
