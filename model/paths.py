"""Field paths: `results[1].change_pct` as text, ("results", 1, "change_pct") in code."""

from __future__ import annotations

import re

Path = tuple[str | int, ...]

_TOKEN = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|(\.)")


def format_path(path: Path) -> str:
    """("results", 1, "change_pct") → "results[1].change_pct"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def parse_path(text: str) -> Path:
    """"results[1].change_pct" → ("results", 1, "change_pct"); ValueError if malformed."""
    parts: list[str | int] = []
    pos = 0
    expect_name = True
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise ValueError(f"not a field path: {text!r}")
        name, index, dot = m.groups()
        if name is not None:
            if not expect_name:
                raise ValueError(f"not a field path: {text!r}")
            parts.append(name)
            expect_name = False
        elif index is not None:
            if expect_name and parts:
                raise ValueError(f"not a field path: {text!r}")
            parts.append(int(index))
            expect_name = False
        elif dot is not None:
            if expect_name:
                raise ValueError(f"not a field path: {text!r}")
            expect_name = True
        pos = m.end()
    if expect_name and parts:
        raise ValueError(f"not a field path: {text!r}")
    return tuple(parts)


def is_within(path: Path, prefix: Path) -> bool:
    """True when `path` is `prefix` or lies below it (`results[1].change` within `results[1]`)."""
    return path[: len(prefix)] == prefix
