"""The strip above the form when a draft is open read-only: who has it, and "Take Over"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class ReadOnlyBanner(QFrame):
    """Hidden unless the draft shown is read-only; `take_over` asks to make it editable."""

    take_over = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("read-only-banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#read-only-banner { background: #fff4ce; border: 1px solid #c8a600; }")
        self.setAccessibleName("Read-only notice")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)
        self.button = QPushButton("&Take Over")
        self.button.setAccessibleName("Take over editing")
        self.button.setToolTip("Edit this draft yourself; whoever has it open will have to save a copy")
        self.button.clicked.connect(self.take_over)
        layout.addWidget(self.button)
        self.hide()

    def show_for(self, name: str, holder: str) -> None:
        self.label.setText(f"{name} is open read-only: {holder} is editing it. You can read and copy; "
                           "to change it, take it over or use File ▸ Save Edition As.")
        self.show()
