"""The problems list: every finding of the open borough and the shared content; double-click jumps."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from model.findings import Finding, sort_findings

SECTION_NAMES = {
    "commander": "Commander", "initiatives": "Initiatives", "results": "Results", "priorities": "Priorities",
    "contacts": "Contacts", "deputy_mayor": "Deputy Mayor", "met_forward": "Met Forward", "mpa_work": "MPA's work",
    "looking_back": "Looking back", "looking_forward": "Looking forward", "have_your_say": "Have your say",
    "cpegs": "CPEGs", "review": "Review", "layout": "Layout", "period": "Edition", "next_period": "Edition",
}
COLOURS = {"error": QColor("#c62828"), "warning": QColor("#b26a00"), "info": QColor("#546e7a")}
SYMBOLS = {"error": "✖ Error", "warning": "▲ Warning", "info": "ℹ Info"}


class _Row(NamedTuple):
    severity: str
    section: str
    message: str
    tooltip: str
    target: tuple[str, str]  # slug, field path
    span: tuple[int, int] | None = None  # the figure's place in the field's text


def _fill(item: QTreeWidgetItem, row: _Row) -> None:
    for column, text in enumerate((SYMBOLS[row.severity], row.section, row.message)):
        item.setText(column, text)
    item.setForeground(0, QBrush(COLOURS[row.severity]))
    item.setToolTip(2, row.tooltip)
    item.setData(0, Qt.ItemDataRole.UserRole, row.target)
    item.setData(0, Qt.ItemDataRole.UserRole + 1, list(row.span) if row.span else None)


def section_of(path: str) -> str:
    key = path.split(".", maxsplit=1)[0].split("[", maxsplit=1)[0]
    return SECTION_NAMES.get(key, key.replace("_", " ").capitalize())


class ProblemsList(QTreeWidget):
    """Severity, section, message; `jump(slug, path)` on double-click or Enter."""

    jump = Signal(str, str)
    # After `jump`: the figure's (start, end) in the field's text, for the field to select it.
    figure_jump = Signal(str, str, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels(["Severity", "Section", "Message"])
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.setAccessibleName("Problems")
        self.setWordWrap(True)
        self.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.setColumnWidth(0, 110)
        self.setColumnWidth(1, 130)
        self.itemActivated.connect(self._activated)
        self.show_info = False
        self._rows: list[_Row] = []  # what the list shows now, item by item

    def set_findings(self, groups: list[tuple[str, str, list[Finding]]]) -> None:
        """groups: (slug, label, findings); the label prefixes the section for shared content.

        Only the rows that differ from what is shown are rewritten (a keystroke usually changes one
        message, if any): clearing and refilling the list repainted and relaid out every row.
        """
        rows = [_Row(f.severity, section_of(f.path) + (f" ({label})" if label else ""), f.message,
                     f"{f.code} at {f.path}\n{f.message}", (slug, f.path), f.span)
                for slug, label, findings in groups for f in sort_findings(findings)
                if f.severity != "info" or self.show_info]
        if rows == self._rows:
            return
        for index, (old, new) in enumerate(zip(self._rows, rows, strict=False)):
            if old != new:
                _fill(self.topLevelItem(index), new)
        for _ in range(len(rows), len(self._rows)):
            self.takeTopLevelItem(len(rows))
        if len(rows) > len(self._rows):
            added = []
            for row in rows[len(self._rows):]:
                item = QTreeWidgetItem()
                _fill(item, row)
                added.append(item)
            self.addTopLevelItems(added)
        self._rows = rows

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        slug, path = item.data(0, Qt.ItemDataRole.UserRole)
        self.jump.emit(slug, path)
        span = item.data(0, Qt.ItemDataRole.UserRole + 1)
        if span:
            self.figure_jump.emit(slug, path, span[0], span[1])
