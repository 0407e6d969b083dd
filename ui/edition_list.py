"""The edition on the left: the pan-London content and every borough, with status and counts."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from model.types import STATUS_LABELS
from ui.session import CONTENT, EditionSession


class EditionList(QListWidget):
    """One row per borough; `chosen(slug)` when the user selects one ("" = London-wide content)."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Boroughs of the edition")
        self.setMinimumWidth(220)
        self.setWordWrap(True)
        self.setSpacing(2)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.currentItemChanged.connect(self._changed)
        self.session: EditionSession | None = None

    def set_session(self, session: EditionSession) -> None:
        self.session = session
        blocked = self.blockSignals(True)
        self.clear()
        self.addItem(self._item(CONTENT))
        for slug in session.slugs:
            self.addItem(self._item(slug))
        self.blockSignals(blocked)
        session.findings_changed.connect(self.refresh)

    def _item(self, slug: str) -> QListWidgetItem:
        item = QListWidgetItem()
        item.setData(Qt.ItemDataRole.UserRole, slug)
        self._label(item)
        return item

    def _label(self, item: QListWidgetItem) -> None:
        assert self.session is not None
        slug = item.data(Qt.ItemDataRole.UserRole)
        if slug == CONTENT:
            name, status = "London-wide content", "shared by all boroughs"
        elif slug in self.session.boroughs:
            doc = self.session.boroughs[slug].data
            name, status = doc.borough or slug, STATUS_LABELS[doc.status]
            if any(f.code == "review.approval_stale" for f in self.session.findings.get(slug, [])):
                status += " (approval out of date)"
            open_comments = sum(1 for c in doc.comments if not c.resolved)
            if open_comments:
                status += f" · {open_comments} open comment{'s' * (open_comments != 1)}"
        else:
            name, status = slug.replace("-", " ").title(), "not opened yet"
        counts = ""
        if slug in self.session.findings:
            errors, warnings = self.session.counts(slug)
            counts = f" · {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
        text = f"{name}\n{status}{counts}"
        if item.text() != text:  # unchanged on most keystrokes: setting it anyway relaid out the list
            item.setText(text)
            item.setToolTip(f"{name}: {status}{counts}")

    def refresh(self, slug: str) -> None:
        for row in range(self.count()):
            item = self.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == slug:
                self._label(item)

    def select(self, slug: str) -> None:
        for row in range(self.count()):
            if self.item(row).data(Qt.ItemDataRole.UserRole) == slug:
                self.setCurrentRow(row)

    def _changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None:
            self.chosen.emit(current.data(Qt.ItemDataRole.UserRole))
