"""Writing YAML deterministically: schema key order, block scalars for long text, risky strings quoted.

Every dump is read back and compared with the document before it may be written, because
PyYAML can silently change some text (U+0085 in a single-quoted scalar comes back as a space).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import yaml

# Strings a YAML reader might take for a number, date, time or phone-as-int: always quoted.
_LOOKS_NUMERIC = re.compile(r"^[\s+\-.]*\d")
_BLOCK_MIN_LENGTH = 72


class _Dumper(yaml.SafeDumper):
    """SafeDumper with our scalar styles; `quote_all` is the fallback that escapes everything."""

    quote_all = False

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key, as people write them by hand.
        super().increase_indent(flow, False)


def _represent_str(dumper: _Dumper, value: str) -> yaml.ScalarNode:
    tag = "tag:yaml.org,2002:str"
    if dumper.quote_all:
        return dumper.represent_scalar(tag, value, style='"')
    if "\n" in value or len(value) > _BLOCK_MIN_LENGTH:
        # The emitter falls back to a quoted style when a literal block cannot hold the text.
        return dumper.represent_scalar(tag, value, style="|" if "\n" in value else None)
    if _LOOKS_NUMERIC.match(value):
        return dumper.represent_scalar(tag, value, style="'")
    return dumper.represent_scalar(tag, value)


def _represent_decimal(dumper: _Dumper, value: Decimal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:float", str(value))


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(Decimal, _represent_decimal)


def dump(plain: Any, *, quote_all: bool = False) -> str:
    """Plain dicts/lists/scalars as YAML text in a stable form."""

    class Dumper(_Dumper):
        pass

    Dumper.quote_all = quote_all
    return yaml.dump(
        plain,
        Dumper=Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100_000,
        indent=2,
    )
