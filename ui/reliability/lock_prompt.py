"""The prompt shown when a draft is locked by someone else: open read-only, take over, or cancel."""

from __future__ import annotations

import contextlib
from datetime import datetime
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from model.locking import LockInfo


def describe_local(info: LockInfo) -> str:
    """"jsmith on COMMS-PC-04 since 24 Nov 2026 14:02", in this computer's local time."""
    when = info.since
    with contextlib.suppress(ValueError):
        when = datetime.fromisoformat(info.since).astimezone().strftime("%d %b %Y %H:%M")
    return f"{info.user or 'someone'} on {info.host or 'an unknown computer'} since {when}"


class LockChoice(Enum):
    READ_ONLY = "read_only"
    TAKE_OVER = "take_over"
    CANCEL = "cancel"


class LockPrompt(QMessageBox):
    """Says who has the file; offers take-over only for a lock that looks abandoned."""

    def __init__(self, path: Path, info: LockInfo, stale: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("File in use")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setTextFormat(Qt.TextFormat.PlainText)  # names and paths are shown as typed, never as markup
        self.setText(f"{path.name} is being edited by {describe_local(info)}.")
        if stale:
            detail = ("This lock looks abandoned: the program that made it is no longer running, or it "
                      "has not been refreshed for a long time. If you are sure nobody is editing the "
                      "file, you can take it over.")
        else:
            detail = ("You can open it read-only to look at it; to keep changes you make, save them "
                      "under another name.")
        self.setInformativeText(detail)
        self.read_only_button = self.addButton("Open Read-Only", QMessageBox.ButtonRole.AcceptRole)
        self.take_over_button = self.addButton("Take Over", QMessageBox.ButtonRole.DestructiveRole) if stale else None
        self.cancel_button = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.take_over_button or self.read_only_button)
        self.setEscapeButton(self.cancel_button)
        self.setAccessibleName("File in use")

    def choice(self) -> LockChoice:
        """What the clicked button means (call after exec or a click)."""
        clicked = self.clickedButton()
        if clicked is self.read_only_button:
            return LockChoice.READ_ONLY
        if self.take_over_button is not None and clicked is self.take_over_button:
            return LockChoice.TAKE_OVER
        return LockChoice.CANCEL

    def ask(self) -> LockChoice:
        self.exec()
        return self.choice()
