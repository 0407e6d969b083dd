"""The dialog shown when a save fails: what happened in plain words, and Save As to go elsewhere."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from model.storage import SaveError

_ADVICE = {
    "disk_full": "Free some space, or save the draft to another disk or a USB stick.",
    "permission": "Save the draft in a folder you can write to (your Documents), then ask for access.",
    "folder_missing": "If the network share was disconnected, reconnect it; or save the draft elsewhere.",
    "name_too_long": "Save it under a shorter name or in a folder nearer the top of the disk.",
    "read_only": "Save the draft on a disk you can write to.",
    "read_only_open": "Someone else has this file open. Save your version under another name.",
}


class SaveErrorDialog(QMessageBox):
    """Save failed: the draft is still in the editor and nothing on disk changed."""

    def __init__(self, name: str, error: SaveError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Could not save")
        self.setIcon(QMessageBox.Icon.Critical)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(f"{name} could not be saved: {error.what.rstrip('.')}.")
        advice = _ADVICE.get(error.reason, "Try saving the draft somewhere else.")
        where = f"\n\nFolder: {error.path.parent}" if error.path is not None else ""
        self.setInformativeText(f"Your draft is still open in the editor and nothing on disk was changed. "
                                f"{advice}{where}")
        self.save_as_button = self.addButton("Save As…", QMessageBox.ButtonRole.AcceptRole)
        self.cancel_button = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.save_as_button)
        self.setEscapeButton(self.cancel_button)

    def wants_save_as(self) -> bool:
        return self.clickedButton() is self.save_as_button

    def ask(self) -> bool:
        """True when the user wants to save elsewhere."""
        self.exec()
        return self.wants_save_as()
