"""The schema: YAML node trees to document dataclasses (with every problem found) and back.

The dataclasses in types.py are the schema. Each field is read by its annotation; text fields
take any scalar as the exact characters typed, numbers must look like numbers, and unknown keys
are reported with a "did you mean" so a typo never silently drops a paragraph.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import types as pytypes
import typing
from decimal import Decimal
from functools import cache
from typing import Any, Literal, TypeVar, get_args, get_origin, get_type_hints

import yaml

from model.paths import format_path
from model.yaml_read import Problem

T = TypeVar("T")
SourceMap = dict[str, tuple[int, int]]
"""Field path → (line, column) of its value in the file, both 1-based."""

_INT = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_TRUE = {"true", "yes", "on"}
_FALSE = {"false", "no", "off"}
_NULL = {"", "~", "null"}
_MAX_FIGURE_CHARS = 20  # int() refuses over 4300 digits with ValueError; no leaflet figure needs 20


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


_QUOTE_CHARS = 40


def quoted(value: str) -> str:
    """A value as a message shows it: at most 40 characters, so an error never prints a whole file."""
    if len(value) <= _QUOTE_CHARS:
        return repr(value)
    return f"{value[:_QUOTE_CHARS]!r}… ({len(value):,} characters)"


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a map of keys"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"the value {quoted(node.value)}"


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.source_map: SourceMap = {}

    def problem(self, node: yaml.Node, path: tuple[str | int, ...], message: str) -> None:
        self.problems.append(
            Problem(self.file, node.start_mark.line + 1, node.start_mark.column + 1, format_path(path), message)
        )

    def read(self, tp: Any, node: yaml.Node, path: tuple[str | int, ...]) -> Any:
        self.source_map[format_path(path)] = (node.start_mark.line + 1, node.start_mark.column + 1)
        origin = get_origin(tp)
        if origin in (typing.Union, pytypes.UnionType):
            options = [a for a in get_args(tp) if a is not type(None)]
            if isinstance(node, yaml.ScalarNode) and node.style is None and node.value in _NULL:
                return None
            return self.read(options[0], node, path)
        if dataclasses.is_dataclass(tp):
            return self.read_dataclass(tp, node, path)  # type: ignore[arg-type]
        if origin is tuple:
            return self.read_list(get_args(tp)[0], node, path)
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, path, f"expected a single value here, found {_describe(node)}")
            return None
        return self.read_scalar(tp, node, path)

    def read_scalar(self, tp: Any, node: yaml.ScalarNode, path: tuple[str | int, ...]) -> Any:
        raw = node.value
        if tp is str:
            # A bare `~` or empty value means "nothing typed yet", not the text "~".
            return "" if node.style is None and raw in _NULL else raw
        if get_origin(tp) is Literal:
            allowed = get_args(tp)
            if raw in allowed:
                return raw
            self.problem(node, path, f"must be one of {', '.join(allowed)}; found {quoted(raw)}")
            return None
        text = raw.strip()
        if tp in (int, Decimal) and len(text) > _MAX_FIGURE_CHARS:
            self.problem(node, path, f"this number is {len(text)} characters long; a figure has at most "
                                     f"{_MAX_FIGURE_CHARS}")
            return None
        if tp is bool:
            if text.lower() in _TRUE:
                return True
            if text.lower() in _FALSE:
                return False
            self.problem(node, path, f"must be true or false; found {quoted(raw)}")
            return None
        if tp is int:
            if _INT.fullmatch(text):
                return int(text)
            hint = " (write it without thousands separators, e.g. 6919)" if "," in text else ""
            self.problem(node, path, f"must be a whole number; found {quoted(raw)}{hint}")
            return None
        if tp is Decimal:
            cleaned = text.removesuffix("%").strip()
            if _DECIMAL.fullmatch(cleaned):
                return Decimal(cleaned)
            self.problem(node, path, f"must be a number such as -12.7; found {quoted(raw)}")
            return None
        raise TypeError(f"no reader for {tp!r}")  # a schema bug, not a user error

    def read_list(self, item_tp: Any, node: yaml.Node, path: tuple[str | int, ...]) -> tuple[Any, ...]:
        if isinstance(node, yaml.ScalarNode) and node.style is None and node.value in _NULL:
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, path, f"expected a list (lines starting with '- '), found {_describe(node)}")
            return ()
        return tuple(self.read(item_tp, item, (*path, i)) for i, item in enumerate(node.value))

    def read_dataclass(self, cls: type[T], node: yaml.Node, path: tuple[str | int, ...]) -> T | None:
        if isinstance(node, yaml.ScalarNode) and node.style is None and node.value in _NULL:
            return cls()
        if not isinstance(node, yaml.MappingNode):
            # The whole document as one value is a file of something else (a password file, a
            # letter): say what it is, never print it.
            found = (f"{len(node.value):,} characters of plain text" if not path and isinstance(node, yaml.ScalarNode)
                     else _describe(node))
            self.problem(node, path, f"expected a map of keys (key: value lines), found {found}")
            return cls()
        klass: type = cls  # mypy does not take type[T] for Hashable, which the cache needs
        hints = _hints(klass)
        known = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
        values: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key not in hints:
                close = difflib.get_close_matches(key, known, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(known)}"
                self.problem(key_node, (*path, key), f"unknown key {quoted(key)}{hint}")
                continue
            value = self.read(hints[key], value_node, (*path, key))
            if value is not None or _is_optional(hints[key]):
                values[key] = value
        return cls(**values)


def _is_optional(tp: Any) -> bool:
    return get_origin(tp) in (typing.Union, pytypes.UnionType) and type(None) in get_args(tp)


def from_node(cls: type[T], node: yaml.Node, file: str) -> tuple[T, list[Problem], SourceMap]:
    """Read `node` as a `cls`; returns the value, the problems found and the source map."""
    reader = _Reader(file)
    value = reader.read_dataclass(cls, node, ())
    assert value is not None
    return value, reader.problems, reader.source_map


def to_plain(obj: Any) -> Any:
    """A document as plain dicts/lists in schema order, leaving out optional keys left empty."""
    from model.types import ALWAYS_WRITTEN

    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            default = f.default if f.default is not dataclasses.MISSING else (
                f.default_factory() if f.default_factory is not dataclasses.MISSING else dataclasses.MISSING
            )
            if f.name not in ALWAYS_WRITTEN.get(type(obj), ()) and value == default:
                continue
            out[f.name] = to_plain(value)
        return out
    if isinstance(obj, tuple):
        return [to_plain(v) for v in obj]
    return obj
