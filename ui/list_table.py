"""A table model over a list of dataclass rows in a Document (results, contacts, priorities).

Cells are edited through `Document.apply` (undoable); cells with findings are tinted and carry
their messages as tooltips. Row operations (add, remove, move) are undoable commands too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from model import edits
from model.findings import Finding
from model.paths import Path as FieldPath
from model.paths import format_path
from ui.document import Document

_INDEX = QModelIndex | QPersistentModelIndex
TINTS = {"error": QColor(198, 40, 40, 70), "warning": QColor(224, 138, 0, 60)}


class CellError(ValueError):
    """The typed text is not a valid value for the cell; the message says what is expected."""


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    parse: Callable[[str], Any] = str
    show: Callable[[Any], str] = lambda v: "" if v is None else str(v)
    editable: Callable[[Any], bool] = lambda _row: True
    width: int = 120


class ListTableModel(QAbstractTableModel):
    """Rows = the items of the list at `list_path`; columns = chosen fields of each item."""

    def __init__(self, columns: list[Column], list_path: FieldPath, item_type: type, noun: str,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.list_path = list_path
        self.item_type = item_type
        self.noun = noun
        self.document: Document[Any] | None = None
        self.findings: list[Finding] = []
        self.on_error: Callable[[str], None] = lambda _message: None
        self._shown_rows: tuple[Any, ...] = ()  # the rows the views were last reset to
        self._prefix = format_path(list_path)

    # --- binding -----------------------------------------------------------------------------

    def set_document(self, document: Document[Any] | None) -> None:
        if self.document is not None:
            self.document.field_changed.disconnect(self._changed)
        self.beginResetModel()
        self.document = document
        if document is not None:
            document.field_changed.connect(self._changed)
        self._shown_rows = self.rows()
        self.endResetModel()

    def rows(self) -> tuple[Any, ...]:
        if self.document is None:
            return ()
        try:
            return tuple(edits.get_at(self.document.data, self.list_path))
        except (KeyError, IndexError):
            return ()

    def _changed(self, _path: str) -> None:
        rows = self.rows()
        if rows == self._shown_rows:
            return  # another field changed (a keystroke in the message): nothing here to redraw
        if len(rows) == len(self._shown_rows):
            # Cells changed, rows did not come or go: redraw those rows. A reset here, in the middle of
            # the view committing a cell editor, closed that editor under it ("commitData called with an
            # editor that does not belong to this view") and lost the current cell.
            changed = [i for i, (a, b) in enumerate(zip(rows, self._shown_rows, strict=True)) if a != b]
            self._shown_rows = rows
            self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], self.columnCount() - 1))
            return
        self.beginResetModel()  # rows added or removed: lists are short, a reset is simpler and exact
        self._shown_rows = rows
        self.endResetModel()

    def set_findings(self, findings: list[Finding]) -> None:
        # Only the findings about this list's cells; the views redraw only when those change.
        mine = [f for f in findings if f.path == self._prefix or f.path.startswith((self._prefix + "[",
                                                                                    self._prefix + "."))]
        if mine == self.findings:
            return
        self.findings = mine
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    # --- Qt model ------------------------------------------------------------------------------

    def rowCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: B008 - Qt override
        return 0 if parent.isValid() else len(self.rows())

    def columnCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: B008 - Qt override
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        if role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def cell_path(self, row: int, column: int) -> str:
        return format_path((*self.list_path, row, self.columns[column].field))

    def cell_findings(self, row: int, column: int) -> list[Finding]:
        cell = self.cell_path(row, column)
        whole_row = format_path((*self.list_path, row))
        return [f for f in self.findings if f.path == cell or f.path.startswith(cell + ".")
                or (f.path == whole_row and column == 0)]

    def data(self, index: _INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.rows()[index.row()]
        column = self.columns[index.column()]
        value = getattr(item, column.field)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return column.show(value)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            found = [f for f in self.cell_findings(index.row(), index.column()) if f.severity != "info"]
            if not found:
                return None if role == Qt.ItemDataRole.BackgroundRole else (
                    "Calculated from the counts" if not column.editable(item) else None)
            if role == Qt.ItemDataRole.BackgroundRole:
                worst = "error" if any(f.severity == "error" for f in found) else "warning"
                return QBrush(TINTS[worst])
            return "\n".join(f"{f.severity.capitalize()}: {f.message}" for f in found)
        if role == Qt.ItemDataRole.ForegroundRole and not column.editable(item):
            return QBrush(QColor(110, 110, 110))
        return None

    def flags(self, index: _INDEX) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self.columns[index.column()].editable(self.rows()[index.row()]):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: _INDEX, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or self.document is None or not index.isValid():
            return False
        column = self.columns[index.column()]
        try:
            parsed = column.parse(str(value).strip()) if value is not None else None
        except CellError as exc:
            self.on_error(str(exc))
            return False
        row = index.row()
        old = self.rows()[row]
        new = self.updated_row(old, column.field, parsed)
        label = f"Edit {self.noun} {row + 1}: {column.header.lower()}"
        return self.document.apply(label, lambda d: edits.set_at(d, (*self.list_path, row), new),
                                   (*self.list_path, row, column.field))

    def updated_row(self, old: Any, field: str, value: Any) -> Any:
        """The row after one cell changed; subclasses derive other cells (results)."""
        return dataclasses.replace(old, **{field: value})

    # --- row commands ------------------------------------------------------------------------

    def add_row(self, at: int | None = None) -> int:
        assert self.document is not None
        index = len(self.rows()) if at is None else at
        self.document.apply(f"Add {self.noun}", lambda d: edits.insert_at(d, self.list_path, index, self.item_type()))
        return index

    def remove_row(self, row: int) -> None:
        assert self.document is not None
        self.document.apply(f"Remove {self.noun} {row + 1}", lambda d: edits.remove_at(d, self.list_path, row))

    def move_row(self, row: int, to: int) -> None:
        assert self.document is not None
        if 0 <= to < len(self.rows()):
            self.document.apply(f"Move {self.noun}", lambda d: edits.move_at(d, self.list_path, row, to))
