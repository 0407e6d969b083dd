"""Hypothesis strategies for whole documents, derived from the schema's type annotations."""

from __future__ import annotations

import dataclasses
import types as pytypes
import typing
from decimal import Decimal
from typing import Any, Literal, get_args, get_origin, get_type_hints

from hypothesis import strategies as st

from model.types import FORMAT_VERSION

# Text that has broken YAML writers: quotes, colons, '#', leading dashes, YAML 1.1 booleans,
# phone numbers, times, emoji, right-to-left and Bengali script, control characters.
TRICKY = st.sampled_from([
    "no", "yes", "NO", "on", "off", "~", "null", "12:30", "0300 123 1212", "020 7202 0202",
    "+442072020202", "02072020202", "1e3", "- leading dash", "# not a comment", "key: value",
    "'single' and \"double\"", "trailing space ", " leading space", "a\n\nb", "a\r\nb",
    "line one\n- bullet\n- bullet", "<b>bold</b> & <img src=x>", "emoji 🚓👮🏽‍♀️",
    "مرحبا بالعالم", "টাওয়ার হ্যামলেটস", "tab\tinside", "next\u0085line", "\u2028sep",
    "ends with newline\n", "%TAG", "!important", "*star", "&amp", "@handle", "`tick`", "|", ">",
])
TEXT = st.one_of(TRICKY, st.text(max_size=60), st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
DECIMALS = st.decimals(min_value=-1000, max_value=1000, allow_nan=False, allow_infinity=False, places=1) | st.decimals(
    min_value=-100, max_value=100, allow_nan=False, allow_infinity=False, places=2
)


def for_type(tp: Any) -> st.SearchStrategy[Any]:
    """A strategy producing any valid value of a schema annotation."""
    origin = get_origin(tp)
    if origin in (typing.Union, pytypes.UnionType):
        return st.one_of(*(for_type(a) for a in get_args(tp)))
    if tp is type(None):
        return st.none()
    if origin is Literal:
        return st.sampled_from(get_args(tp))
    if origin is tuple:
        return st.lists(for_type(get_args(tp)[0]), max_size=3).map(tuple)
    if dataclasses.is_dataclass(tp):
        return documents(tp)  # type: ignore[arg-type]
    return {str: TEXT, int: st.integers(-10**9, 10**9), bool: st.booleans(), Decimal: DECIMALS}[tp]


def documents(cls: type) -> st.SearchStrategy[Any]:
    """Any instance of a schema dataclass, with `format` fixed to the current version."""
    hints = get_type_hints(cls)
    fields = {
        f.name: (st.just(FORMAT_VERSION) if f.name == "format" else for_type(hints[f.name]))
        for f in dataclasses.fields(cls)
    }
    return st.builds(cls, **fields)
