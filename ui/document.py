"""The open document: owns a borough's data, its undo stack, path and dirty flag.

Every change goes through `apply()`, which pushes an undo command; the command calls a pure
function of `model.edits` and then emits `field_changed(path)`. Undo, the dirty flag, checks,
preview and widgets all hang off that one signal; widgets never write the data themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from model import edits
from model.paths import Path as FieldPath
from model.paths import format_path
from model.types import Borough, EditionContent

D = TypeVar("D", Borough, EditionContent)

_MERGE_ID = 0x5E7  # id() of text edits that merge while the user keeps typing in one field


class EditCommand(QUndoCommand):
    """One user action: replaces the whole document value before ↔ after, keyed by field path.

    Holding whole immutable documents (not widgets, not diffs) makes undo exact and cheap:
    the model shares every unchanged part between the two versions.
    """

    def __init__(self, document: Document[Any], text: str, before: Any, after: Any,
                 path: FieldPath, merge_key: str | None) -> None:
        super().__init__(text)
        self._document = document
        self._before = before
        self._after = after
        self.path = path
        self.merge_key = merge_key

    def id(self) -> int:  # Qt override
        return _MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # Qt override
        if not isinstance(other, EditCommand) or other.merge_key != self.merge_key:
            return False
        self._after = other._after
        return True

    def redo(self) -> None:
        self._document._replace(self._after, self.path)

    def undo(self) -> None:
        self._document._replace(self._before, self.path)


class Document(QObject, Generic[D]):
    """An open borough or edition file. `field_changed` carries the path that changed ("" = all)."""

    field_changed = Signal(str)
    path_changed = Signal()
    dirty_changed = Signal(bool)

    def __init__(self, data: D, path: Path | None = None, *, fingerprint: str = "",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data = data
        self._path = path
        self.fingerprint = fingerprint  # of the bytes last read or written; see issue on reliability
        self.undo_stack = QUndoStack(self)
        # A bound slot, not a lambda: Qt drops it when the document is destroyed, so the stack's
        # own destruction (which emits cleanChanged) cannot reach a half-deleted document.
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    # --- reading --------------------------------------------------------------------------

    @property
    def data(self) -> D:
        return self._data

    @property
    def path(self) -> Path | None:
        return self._path

    def set_path(self, path: Path | None) -> None:
        self._path = path
        self.path_changed.emit()

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    def get(self, path: FieldPath) -> Any:
        return edits.get_at(self._data, path)

    # --- the one way to change it -----------------------------------------------------------

    def apply(self, text: str, change: Callable[[D], D], path: FieldPath = (), *,
              merge: bool = False) -> bool:
        """Push an undoable change made by the pure function `change`; False if it changed nothing.

        With `merge`, consecutive changes to the same field collapse into one undo step
        (typing a sentence is one step, as in every text editor).
        """
        after = change(self._data)
        if after == self._data:
            return False
        key = format_path(path) if merge else None
        self.undo_stack.push(EditCommand(self, text, self._data, after, path, key))
        return True

    def set_field(self, path: FieldPath, value: Any, text: str | None = None, *, merge: bool = True) -> bool:
        """Set one field (`("results", 1, "change")`) as an undoable, merging edit."""
        label = text or f"Edit {format_path(path)}"
        return self.apply(label, lambda d: edits.set_at(d, path, value), path, merge=merge)

    def break_merge(self) -> None:
        """End the current typing run, so the next edit of the same field is its own undo step."""
        self._merge_barrier()

    def _merge_barrier(self) -> None:
        # A command that never merges and changes nothing would still be pushed; instead we
        # mark the last command so it refuses further merges.
        count = self.undo_stack.count()
        if count:
            last = self.undo_stack.command(count - 1)
            if isinstance(last, EditCommand):
                last.merge_key = None

    def mark_saved(self, fingerprint: str, path: Path | None = None) -> None:
        """After a successful save: remember what is on disk and clear the dirty flag."""
        self.fingerprint = fingerprint
        if path is not None and path != self._path:
            self.set_path(path)
        self.undo_stack.setClean()
        self._merge_barrier()

    def replace_all(self, data: D, text: str) -> None:
        """An undoable whole-document change (an import, a reload kept in history)."""
        self.apply(text, lambda _d: data)

    def _clean_changed(self, clean: bool) -> None:
        self.dirty_changed.emit(not clean)

    def _replace(self, data: D, path: FieldPath) -> None:
        self._data = data
        self.field_changed.emit(format_path(path))
