"""Format versions: each bump adds one function that rewrites the node tree of the version before.

A migration works on the composed YAML nodes (before the schema reads them) so line numbers in
error messages still point into the user's file.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

from model.types import FORMAT_VERSION
from model.yaml_read import LoadError, Problem

# MIGRATIONS[n] turns a version-n tree into a version-(n+1) tree. Version 1 is the first.
MIGRATIONS: dict[int, Callable[[yaml.MappingNode], None]] = {}


def _format_node(root: yaml.MappingNode) -> tuple[yaml.ScalarNode, yaml.Node] | None:
    for key, value in root.value:
        if key.value == "format":
            return key, value
    return None


def migrate(root: yaml.Node, file: str) -> yaml.Node:
    """Bring a file of any supported version up to FORMAT_VERSION, in place."""
    if not isinstance(root, yaml.MappingNode):
        return root  # the schema reports the wrong shape with its line
    found = _format_node(root)
    if found is None:
        raise LoadError([Problem(file, 1, 1, "format",
                                 f"the file has no 'format' key; add 'format: {FORMAT_VERSION}' as its first line")])
    _key, value = found
    text = value.value if isinstance(value, yaml.ScalarNode) else None
    # isdigit() also accepts "²", which int() refuses; and int() refuses over 4300 digits.
    if text is None or not re.fullmatch(r"[0-9]{1,9}", text.strip()):
        raise LoadError([Problem(file, value.start_mark.line + 1, value.start_mark.column + 1, "format",
                                 f"'format' must be a whole number such as {FORMAT_VERSION}")])
    version = int(text)
    if version > FORMAT_VERSION:
        raise LoadError([Problem(file, value.start_mark.line + 1, value.start_mark.column + 1, "format",
                                 f"this file is format {version}, written by a newer version of Borough "
                                 f"Summary Editor (this one reads up to {FORMAT_VERSION}); update the app")])
    if version < 1:
        raise LoadError([Problem(file, value.start_mark.line + 1, value.start_mark.column + 1, "format",
                                 f"format {version} does not exist; the first format is 1")])
    while version < FORMAT_VERSION:
        MIGRATIONS[version](root)
        version += 1
    value.value = str(FORMAT_VERSION)
    return root
