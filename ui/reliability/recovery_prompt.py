"""The offer at start-up to restore edits left unsaved by a crash, showing what would come back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from model.recovery import RecoveryEntry
from model.yaml_read import LoadError

_UNREADABLE = "(could not compare with the file on disk)"


class RecoveryDialog(QDialog):
    """Lists each draft with unsaved edits: which file, when, what changed; restore the ticked ones."""

    RESTORE, DISCARD, LATER = 1, 2, 0

    def __init__(self, entries: list[RecoveryEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recover unsaved edits")
        self.setAccessibleName("Recover unsaved edits")
        self.entries = entries
        self.action = self.LATER
        layout = QVBoxLayout(self)
        intro = QLabel("The editor closed without saving these drafts. Tick the ones to restore; "
                       "they open as unsaved edits that you can check and then save.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Draft", "Edits kept at", "What would be restored"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName("Drafts with unsaved edits")
        for entry in entries:
            self.tree.addTopLevelItem(_item(entry))
        for column in (0, 1):
            self.tree.resizeColumnToContents(column)
        self.tree.currentItemChanged.connect(self._show_detail)
        layout.addWidget(self.tree)
        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName("Details of the selected draft")
        self.detail.setMaximumHeight(120)
        layout.addWidget(self.detail)
        self._add_buttons(layout)
        self.resize(760, 380)
        if entries:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    def _add_buttons(self, layout: QVBoxLayout) -> None:
        box = QDialogButtonBox(self)
        self.restore_button = box.addButton("Restore Ticked", QDialogButtonBox.ButtonRole.AcceptRole)
        self.discard_button = box.addButton("Discard All", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.later_button = box.addButton("Decide Later", QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(lambda: self._finish(self.RESTORE))
        self.discard_button.clicked.connect(lambda: self._finish(self.DISCARD))
        self.later_button.clicked.connect(lambda: self._finish(self.LATER))
        layout.addWidget(box)

    def _finish(self, action: int) -> None:
        self.action = action
        self.accept() if action != self.LATER else self.reject()

    def _show_detail(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        entry: RecoveryEntry = item.data(0, Qt.ItemDataRole.UserRole)
        lines = [f"File: {entry.original or 'a new draft that was never saved'}",
                 f"Edits kept at: {_when(entry.saved_at)} (this computer's time)",
                 f"Compared with the file on disk: {item.data(2, Qt.ItemDataRole.UserRole) or item.text(2)}"]
        words = _words(entry)
        if words:
            lines.append("What you typed ([-removed-] {+added+}):")
            lines.extend(f"  {path}: {text}" for path, text in words)
        if entry.original_changed():
            lines.append("Note: the file on disk has changed since these edits began; "
                         "saving will show you both versions first.")
        self.detail.setPlainText("\n".join(lines))

    def ticked(self) -> list[RecoveryEntry]:
        """The entries the user ticked for restoring."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.checkState(0) == Qt.CheckState.Checked:
                out.append(item.data(0, Qt.ItemDataRole.UserRole))
        return out


def _item(entry: RecoveryEntry) -> QTreeWidgetItem:
    name = Path(entry.original).name if entry.original else "Untitled draft"
    try:
        summary = entry.summary().describe()
    except (LoadError, OSError):  # a damaged entry still gets listed; restoring it reports the problem
        summary = _UNREADABLE
    words = _words(entry)
    shown = "; ".join(f"{path}: {' '.join(text.split())}" for path, text in words[:3]) if words else summary
    if len(shown) > 160:
        shown = shown[:157] + "…"
    item = QTreeWidgetItem([name, _when(entry.saved_at), shown])
    item.setData(0, Qt.ItemDataRole.UserRole, entry)
    item.setData(2, Qt.ItemDataRole.UserRole, summary)
    item.setToolTip(2, "\n".join(f"{path}: {text}" for path, text in words) or summary)
    item.setCheckState(0, Qt.CheckState.Checked)
    item.setToolTip(0, str(entry.original or ""))
    return item


def _words(entry: RecoveryEntry) -> list[tuple[str, str]]:
    """The words restoring would bring back, field by field ([] when it cannot be compared)."""
    try:
        return entry.changed_words()
    except (LoadError, OSError):
        return []


def _when(iso: str) -> str:
    from datetime import datetime

    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%d %b %Y %H:%M")
    except ValueError:
        return iso
