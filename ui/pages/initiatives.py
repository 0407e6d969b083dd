"""Local initiatives: a list to add, remove and reorder, and a form for the selected one."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from model import edits
from model.findings import Finding
from model.types import Initiative
from ui.overflow import meter_text, overflow_words
from ui.pages.base import Page, heading, line, text_box
from ui.pages.commander import PhotoField
from ui.readability import ReadabilityLabel


class InitiativesPage(Page):
    title = "Initiatives"
    keys = ("initiatives",)

    def __init__(self, folder: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._folder = folder
        self._listening: Any = None  # the document whose field_changed refreshes the list
        self._titles: list[str] | None = None  # what the list shows now
        self._meter_over: int | None = None  # what the fit meter shows now

    def build(self) -> None:
        folder = self._folder
        self.list = QListWidget(self)
        self.list.setAccessibleName("Initiatives")
        self.list.setMaximumHeight(120)
        self.list.currentRowChanged.connect(self._selected)
        current = self._current_path
        self.title_edit = line(self, lambda: current("title"), "Initiative title", "e.g. Operation Fusion")
        self.text = text_box(self, lambda: current("text"), "Initiative text", "Paragraphs separated by a blank line")
        self.photo = PhotoField(self, lambda: current("photo"), "Initiative photo", folder)
        self.alt = line(self, lambda: current("alt"), "Initiative photo description (alt text)")
        self.meter = QLabel()
        buttons = QHBoxLayout()
        for text, action in (("Add initiative", self.add), ("Remove", self.remove),
                             ("Move up", lambda: self.move(-1)), ("Move down", lambda: self.move(1))):
            button = QPushButton(text, self)
            button.clicked.connect(action)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.meter)
        form = QFormLayout()
        form.addRow("&Title:", self.title_edit)
        form.addRow("Photo:", self.photo)
        form.addRow("&Alt text:", self.alt)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Local police initiatives", "Printed on page 3, each with an optional photo."))
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addLayout(form)
        layout.addWidget(QLabel("Te&xt:", buddy=self.text))
        layout.addWidget(self.text, 1)
        layout.addWidget(ReadabilityLabel(self.text, self))

    def _current_path(self, field: str) -> tuple[str | int, ...] | None:
        row = self.list.currentRow()
        if self.document is None or row < 0 or row >= len(self.document.data.initiatives):
            return None
        return ("initiatives", row, field)

    def document_shown(self, document: Any) -> None:
        if self._listening is not None:
            self._listening.field_changed.disconnect(self._refresh_list)
        self._listening = document
        if document is not None:
            document.field_changed.connect(self._refresh_list)
        self._refresh_list("")
        super().document_shown(document)

    def _refresh_list(self, _path: str) -> None:
        items = self.document.data.initiatives if self.document is not None else ()
        titles = [i.title or f"(untitled initiative {n + 1})" for n, i in enumerate(items)]
        if titles != self._titles:  # rebuilt only when a title changed or an item came or went
            self._titles = titles
            row = self.list.currentRow()
            blocked = self.list.blockSignals(True)
            self.list.clear()
            self.list.addItems(titles)
            self.list.setCurrentRow(min(max(row, 0), len(items) - 1) if items else -1)
            self.list.blockSignals(blocked)
        self.binder.refresh("")
        self.photo.update_thumbnail()  # reads the photo again only if its path or file changed

    def _selected(self, _row: int) -> None:
        self.binder.refresh("")
        self.binder.mark_findings(self.findings)
        self.photo.update_thumbnail()

    def add(self) -> None:
        if self.document is None:
            return
        at = len(self.document.data.initiatives)
        self.document.apply("Add initiative", lambda d: edits.insert_at(d, ("initiatives",), at, Initiative()))
        self.list.setCurrentRow(at)
        self.title_edit.setFocus()

    def remove(self) -> None:
        row = self.list.currentRow()
        if self.document is not None and row >= 0:
            self.document.apply(f"Remove initiative {row + 1}", lambda d: edits.remove_at(d, ("initiatives",), row))

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        if self.document is None or row < 0 or not 0 <= row + step < len(self.document.data.initiatives):
            return
        self.document.apply("Move initiative", lambda d: edits.move_at(d, ("initiatives",), row, row + step))
        self.list.setCurrentRow(row + step)

    def findings_shown(self, findings: list[Finding]) -> None:
        super().findings_shown(findings)
        over = overflow_words(findings, "initiatives")
        if over != self._meter_over:  # restyled only when it changes, not on every keystroke
            self._meter_over = over
            self.meter.setText(meter_text(over))
            self.meter.setStyleSheet(f"color: {'#c62828' if over else '#2e7d32'}; font-weight: bold;")

    def focus(self, path: str) -> bool:
        self.ensure_built()
        if path.startswith("initiatives["):
            self.list.setCurrentRow(int(path[len("initiatives["):path.index("]")]))
        return super().focus(path)
