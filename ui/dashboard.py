"""The edition dashboard: every borough's status, findings, comments, approval and last save in one sortable table.

Rows are read from the files on disk by a worker thread, one borough at a time, so the table
fills in while the window stays responsive. "Last saved" is the file's modification time and
"Open by" the holder of its lock file: the files do not record who saved them last, so the
dashboard does not pretend to know.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QThread,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from export.checking import borough_findings
from model.edition import BOROUGHS_DIR, EDITION_FILE, borough_files
from model.locking import is_stale, read_lock
from model.storage import load_borough, load_edition_content
from model.types import STATUS_LABELS, Borough, EditionContent
from model.yaml_read import LoadError
from ui.words import plural

COLUMNS = ("Borough", "Status", "Errors", "Warnings", "Open comments", "Approval", "Last saved", "Open by")
_INDEX = QModelIndex | QPersistentModelIndex
_RED = QColor("#b00020")
_AMBER = QColor("#8a5a00")
_GREEN = QColor("#1b6e2a")
_GREY = QColor("#8a8a8a")


@dataclass(frozen=True)
class BoroughRow:
    """One line of the dashboard, read from one borough file."""

    slug: str
    name: str
    status: str  # a key of STATUS_LABELS, or "unreadable"
    errors: int
    warnings: int
    unresolved: int
    approval: str  # "Not approved", "Approved by …", "Out of date (approved by …)"
    saved: float  # modification time, seconds since the epoch
    open_by: str  # who holds the lock, "" when nobody
    problem: str = ""  # why the file could not be read

    def cell(self, column: int) -> str:
        if self.status == "unreadable" and column in (2, 3, 4):
            return "—"
        values = (self.name, STATUS_LABELS.get(self.status, "Cannot be read"), str(self.errors),
                  str(self.warnings), str(self.unresolved), self.approval, _when(self.saved), self.open_by)
        return values[column]

    def sort_key(self, column: int) -> Any:
        if self.status == "unreadable" and column in (2, 3, 4):
            return -1  # "—" sorts before every count
        keys = (self.name.casefold(), list(STATUS_LABELS).index(self.status) if self.status in STATUS_LABELS else 9,
                self.errors, self.warnings, self.unresolved, self.approval, self.saved, self.open_by.casefold())
        return keys[column]


def _when(seconds: float) -> str:
    return datetime.fromtimestamp(seconds).strftime("%d %b %Y %H:%M") if seconds else ""


def approval_label(borough: Borough, stale: bool) -> str:
    if borough.approval is None:
        return "Not approved"
    who = borough.approval.by or "someone"
    return f"Out of date (approved by {who})" if stale else f"Approved by {who}"


def lock_holder(path: Path) -> str:
    info = read_lock(path)
    if info is None:
        return ""
    return info.describe().split(" since ")[0] + (" (old lock)" if is_stale(info) else "")


def read_row(path: Path, content: EditionContent | None, folder: Path) -> BoroughRow:
    """Everything the dashboard shows about one borough file; a file that cannot be read becomes a row saying so."""
    saved = path.stat().st_mtime if path.exists() else 0.0
    try:
        borough = load_borough(path).doc
    except LoadError as exc:
        first = str(exc.problems[0]) if exc.problems else "the file could not be read"
        return BoroughRow(path.stem, path.stem, "unreadable", 0, 0, 0, "", saved, lock_holder(path), first)
    findings = borough_findings(content, borough, folder) if content is not None else []
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")
    stale = any(f.path.startswith("review") for f in findings)
    unresolved = sum(1 for c in borough.comments if not c.resolved)
    return BoroughRow(path.stem, borough.borough or path.stem, borough.status, errors, warnings, unresolved,
                      approval_label(borough, stale), saved, lock_holder(path))


class RowReader(QThread):
    """Reads every borough file of an edition folder off the GUI thread, one `row_ready` per borough."""

    row_ready = Signal(object)

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder

    def run(self) -> None:  # Qt override, runs in the worker thread
        try:
            content: EditionContent | None = load_edition_content(self.folder / EDITION_FILE).doc
        except LoadError:
            content = None  # the rows still show status and comments; `check` explains edition.yaml
        for path in borough_files(self.folder):
            if self.isInterruptionRequested():
                return
            self.row_ready.emit(read_row(path, content, self.folder))


class DashboardModel(QAbstractTableModel):
    """The rows, kept in file-name order; sorting is the proxy's job."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[BoroughRow] = []

    def rowCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: B008 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: B008 - Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: _INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cell(column)
        if role == Qt.ItemDataRole.UserRole:
            return row.sort_key(column)
        if role == Qt.ItemDataRole.ToolTipRole and row.problem:
            return row.problem
        if role == Qt.ItemDataRole.ForegroundRole:
            return _colour(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 3, 4):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def set_row(self, new: BoroughRow) -> None:
        for i, old in enumerate(self.rows):
            if old.slug == new.slug:
                self.rows[i] = new
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))
                return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(new)
        self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self.rows = []
        self.endResetModel()


def _colour(row: BoroughRow, column: int) -> QBrush | None:
    if (column == 2 and row.errors) or (column == 1 and row.status == "unreadable"):
        return QBrush(_RED)
    if (column == 3 and row.warnings) or (column == 5 and row.approval.startswith("Out of date")):
        return QBrush(_AMBER)
    if (column == 1 and row.status == "approved") or (column == 5 and row.approval.startswith("Approved")):
        return QBrush(_GREEN)
    if column in (2, 3, 4) and row.cell(column) in ("0", "—"):
        return QBrush(_GREY)  # so the counts that need attention stand out
    return None


class EditionDashboard(QWidget):
    """The table of all boroughs. Double-click (or Open) emits `open_borough(slug)`."""

    open_borough = Signal(str)
    refreshed = Signal()  # every row has been read

    def __init__(self, folder: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.model = DashboardModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = self._make_table()
        self.summary = QLabel()
        self.summary.setObjectName("dashboardSummary")
        self._reader: RowReader | None = None
        self._build()
        if folder is not None:
            self.refresh()

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setAccessibleName("Edition dashboard: all boroughs")
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.doubleClicked.connect(self._open_index)
        return table

    def _build(self) -> None:
        refresh = QPushButton("Refresh")
        refresh.clicked.connect(self.refresh)
        opener = QPushButton("Open borough")
        opener.clicked.connect(lambda: self._open_index(self.table.currentIndex()))
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(opener)
        top.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)

    def set_folder(self, folder: Path) -> None:
        self.folder = folder
        self.refresh()

    def refresh(self) -> None:
        """Re-read every borough file (in a worker thread); `refreshed` is emitted when done."""
        if self.folder is None:
            return
        self.stop()
        self.model.clear()
        self.summary.setText("Reading the boroughs…")
        self._reader = RowReader(self.folder, self)
        self._reader.row_ready.connect(self._row_ready)
        self._reader.finished.connect(self._done)
        self._reader.start()

    def refresh_borough(self, slug: str) -> None:
        """Re-read one borough file now (after the editor saved it)."""
        if self.folder is None:
            return
        try:
            content: EditionContent | None = load_edition_content(self.folder / EDITION_FILE).doc
        except LoadError:
            content = None
        self.model.set_row(read_row(self.folder / BOROUGHS_DIR / f"{slug}.yaml", content, self.folder))
        self._update_summary()

    def stop(self) -> None:
        if self._reader is not None:
            self._reader.requestInterruption()
            self._reader.wait()
            self._reader = None

    def _row_ready(self, row: BoroughRow) -> None:
        self.model.set_row(row)
        self._update_summary()

    def _done(self) -> None:
        self._update_summary()
        self.refreshed.emit()

    def _update_summary(self) -> None:
        rows = self.model.rows
        approved = sum(1 for r in rows if r.approval.startswith("Approved"))
        stale = sum(1 for r in rows if r.approval.startswith("Out of date"))
        with_errors = sum(1 for r in rows if r.errors or r.status == "unreadable")
        comments = sum(r.unresolved for r in rows)
        parts = [plural(len(rows), "borough"), f"{approved} approved"]
        if stale:
            parts.append(f"{stale} approval{'s' if stale != 1 else ''} out of date")
        parts += [f"{with_errors} with errors", plural(comments, "open comment")]
        self.summary.setText(" · ".join(parts))

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_borough.emit(self.model.rows[self.proxy.mapToSource(index).row()].slug)

    def selected_slugs(self) -> list[str]:
        """The boroughs selected in the table, in table order (for "export selected")."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[self.proxy.mapToSource(self.proxy.index(r, 0)).row()].slug for r in rows]

    def closeEvent(self, event: Any) -> None:  # Qt override
        self.stop()
        super().closeEvent(event)
