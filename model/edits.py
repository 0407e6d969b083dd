"""Pure edits: each takes a document and returns a new one, leaving the old one untouched.

The editor's undo commands hold the before and after values and call these; so can scripts.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from model.paths import Path

D = TypeVar("D")


def get_at(doc: Any, path: Path) -> Any:
    """The value at `path`; KeyError/IndexError if there is none."""
    value = doc
    for part in path:
        if isinstance(part, int):
            value = value[part]
        else:
            if not dataclasses.is_dataclass(value) or not hasattr(value, part):
                raise KeyError(part)
            value = getattr(value, part)
    return value


def set_at(doc: D, path: Path, new_value: Any) -> D:
    """A copy of `doc` with the value at `path` replaced."""
    if not path:
        return new_value  # type: ignore[no-any-return]
    head, rest = path[0], path[1:]
    if isinstance(head, int):
        items = list(doc)  # type: ignore[call-overload]
        items[head] = set_at(items[head], rest, new_value)
        return tuple(items)  # type: ignore[return-value]
    if not dataclasses.is_dataclass(doc) or not hasattr(doc, head):
        raise KeyError(head)
    current = getattr(doc, head)
    if current is None and rest:
        # Filling in a field of an absent optional block (e.g. `approval`) creates it.
        current = _field_type(doc, head)()
    return dataclasses.replace(doc, **{head: set_at(current, rest, new_value)})  # type: ignore[type-var]


def _field_type(obj: Any, name: str) -> type:
    from typing import get_args, get_type_hints

    tp = get_type_hints(type(obj))[name]
    for option in get_args(tp) or (tp,):
        if dataclasses.is_dataclass(option):
            return option  # type: ignore[return-value]
    raise KeyError(name)


def insert_at(doc: D, list_path: Path, index: int, item: Any) -> D:
    """A copy of `doc` with `item` inserted at `index` of the list at `list_path`."""
    items = list(get_at(doc, list_path))
    items.insert(index, item)
    return set_at(doc, list_path, tuple(items))


def remove_at(doc: D, list_path: Path, index: int) -> D:
    """A copy of `doc` without item `index` of the list at `list_path`."""
    items = list(get_at(doc, list_path))
    del items[index]
    return set_at(doc, list_path, tuple(items))


def move_at(doc: D, list_path: Path, old: int, new: int) -> D:
    """A copy of `doc` with item `old` of the list at `list_path` moved to position `new`."""
    items = list(get_at(doc, list_path))
    items.insert(new, items.pop(old))
    return set_at(doc, list_path, tuple(items))
