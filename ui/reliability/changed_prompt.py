"""The prompt before a save when the file changed on disk: reload, save a copy, see differences."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from model.docdiff import line_diff


class ChangedChoice(Enum):
    RELOAD = "reload"
    SAVE_COPY = "save_copy"
    OVERWRITE = "overwrite"
    CANCEL = "cancel"


class ChangedOnDiskDialog(QDialog):
    """Never a silent overwrite: the user picks what happens to their version and the one on disk."""

    def __init__(self, path: Path, disk_text: str | None, my_text: str, fields: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("File changed on disk")
        self.setAccessibleName("File changed on disk")
        self.choice = ChangedChoice.CANCEL
        gone = disk_text is None
        what = "was deleted or moved" if gone else "was changed by someone else (or a sync program)"
        layout = QVBoxLayout(self)
        layout.addWidget(_plain_label(f"{path.name} {what} since you opened it. Saving now would "
                                      "replace that version with yours.\n\nYour edits are safe in "
                                      "the editor; nothing has been written yet."))
        if fields:
            shown = ", ".join(fields[:8]) + (", …" if len(fields) > 8 else "")
            layout.addWidget(_plain_label(f"Differences between the file on disk and your version: "
                                          f"{len(fields)} field(s): {shown}."))
        self.diff_view = QPlainTextEdit(self)
        self.diff_view.setReadOnly(True)
        self.diff_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.diff_view.setAccessibleName("Differences: file on disk compared with your version")
        self.diff_view.setPlainText("\n".join(line_diff(disk_text or "", my_text, "on disk", "your version"))
                                    or "The texts are the same.")
        self.diff_view.setMinimumSize(640, 260)
        self.diff_view.hide()
        layout.addWidget(self.diff_view)
        self._add_buttons(layout, gone)

    def _add_buttons(self, layout: QVBoxLayout, gone: bool) -> None:
        box = QDialogButtonBox(self)
        self.diff_button = QPushButton("Show Differences", self)
        self.diff_button.setCheckable(True)
        self.diff_button.toggled.connect(self._toggle_diff)
        box.addButton(self.diff_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.reload_button = box.addButton("Reload from Disk", QDialogButtonBox.ButtonRole.ResetRole)
        self.reload_button.setEnabled(not gone)
        self.reload_button.setToolTip("Show the version on disk; Undo brings your edits back")
        self.copy_button = box.addButton("Save as Copy…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.overwrite_button = box.addButton("Overwrite", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.overwrite_button.setToolTip("Replace the version on disk with yours; it is kept in .backups/")
        self.cancel_button = box.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setDefault(True)
        self.reload_button.clicked.connect(lambda: self._finish(ChangedChoice.RELOAD))
        self.copy_button.clicked.connect(lambda: self._finish(ChangedChoice.SAVE_COPY))
        self.overwrite_button.clicked.connect(lambda: self._finish(ChangedChoice.OVERWRITE))
        self.cancel_button.clicked.connect(lambda: self._finish(ChangedChoice.CANCEL))
        layout.addWidget(box)

    def _toggle_diff(self, shown: bool) -> None:
        self.diff_view.setVisible(shown)
        self.diff_button.setText("Hide Differences" if shown else "Show Differences")
        self.adjustSize()

    def _finish(self, choice: ChangedChoice) -> None:
        self.choice = choice
        if choice is ChangedChoice.CANCEL:
            self.reject()
        else:
            self.accept()

    def ask(self) -> ChangedChoice:
        self.exec()
        return self.choice


def _plain_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label
