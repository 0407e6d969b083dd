"""The problems list: every finding of the open borough and the shared content; double-click jumps."""

from __future__ import annotations

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


def section_of(path: str) -> str:
    key = path.split(".", maxsplit=1)[0].split("[", maxsplit=1)[0]
    return SECTION_NAMES.get(key, key.replace("_", " ").capitalize())


class ProblemsList(QTreeWidget):
    """Severity, section, message; `jump(slug, path)` on double-click or Enter."""

    jump = Signal(str, str)

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

    def set_findings(self, groups: list[tuple[str, str, list[Finding]]]) -> None:
        """groups: (slug, label, findings); the label prefixes the section for shared content."""
        self.clear()
        for slug, label, findings in groups:
            for f in sort_findings(findings):
                if f.severity == "info" and not self.show_info:
                    continue
                section = section_of(f.path) + (f" ({label})" if label else "")
                item = QTreeWidgetItem([SYMBOLS[f.severity], section, f.message])
                item.setForeground(0, QBrush(COLOURS[f.severity]))
                item.setToolTip(2, f"{f.code} at {f.path}\n{f.message}")
                item.setData(0, Qt.ItemDataRole.UserRole, (slug, f.path))
                self.addTopLevelItem(item)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        slug, path = item.data(0, Qt.ItemDataRole.UserRole)
        self.jump.emit(slug, path)
