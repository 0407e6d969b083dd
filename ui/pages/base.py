"""What every form page shares: binding to a Document, showing findings, jumping to a field."""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from model.findings import Finding
from model.paths import parse_path
from ui import spelling
from ui.binding import FieldBinder
from ui.document import Document
from ui.list_table import ListTableModel


class Page(QWidget):
    """A form page for one leaflet section. `keys` are the field-path prefixes it edits.

    Its widgets are made by `build()` the first time the page is shown or used (`ensure_built`), not
    when the window is made: only the page in front is painted at start-up, and building the others
    (tables, the long London-wide form) first delayed the window by tens of milliseconds. Until then
    the page keeps the document and findings it is given and shows them once built; asking an unbuilt
    page for one of its widgets (`page.view`) builds it.
    """

    title = ""
    keys: tuple[str, ...] = ()
    tab_anchor: QWidget | None = None  # the widget Tab moves from into this page (the window sets it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.binder = FieldBinder(self)
        self.tables: list[tuple[ListTableModel, QTableView]] = []
        self.document: Document[Any] | None = None
        self.findings: list[Finding] = []
        self.built = False

    def build(self) -> None:
        """Make the page's widgets (subclasses). Runs once."""

    def ensure_built(self) -> None:
        if self.built:
            return
        self.built = True
        self.build()
        self.order_focus()
        self.document_shown(self.document)
        self.findings_shown(self.findings)

    def order_focus(self) -> None:
        """Tab goes through the page's fields in the order they are laid out, top to bottom.

        Made after the window (see `ensure_built`), the fields would otherwise come last in the window's
        Tab chain, after the problems list; `tab_anchor` (the section tabs) is what Tab leaves to enter them.
        """
        chain = focus_chain(self.layout())
        anchor = self.tab_anchor
        if anchor is not None and chain:
            QWidget.setTabOrder(anchor, chain[0])
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def setVisible(self, visible: bool) -> None:  # Qt override: built just before it is first shown
        if visible:
            self.ensure_built()
        super().setVisible(visible)

    def __getattr__(self, name: str) -> Any:
        # Only reached for attributes not set yet: a widget of a page not built yet.
        if name.startswith("_") or self.__dict__.get("built", True):
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        self.ensure_built()
        return getattr(self, name)

    def set_document(self, document: Document[Any] | None) -> None:
        self.document = document
        if self.built:
            self.document_shown(document)

    def document_shown(self, document: Document[Any] | None) -> None:
        """Show `document` in the built page's widgets (subclasses extend)."""
        self.binder.set_document(document)
        for model, _view in self.tables:
            model.set_document(document)

    def show_findings(self, findings: list[Finding]) -> None:
        self.findings = findings
        if self.built:
            self.findings_shown(findings)

    def findings_shown(self, findings: list[Finding]) -> None:
        """Mark the built page's widgets with `findings` (subclasses extend)."""
        self.binder.mark_findings(findings)
        for model, _view in self.tables:
            model.set_findings(findings)

    def select_figure(self, path: str, start: int, end: int) -> bool:
        """Select the figure a finding is about (characters start..end of the field's text)."""
        return select_span(self.binder.widget_for(path), start, end)

    def handles(self, path: str) -> bool:
        return any(path == k or path.startswith((k + ".", k + "[")) for k in self.keys)

    def focus(self, path: str) -> bool:
        """Put the keyboard focus on the field `path` (or its nearest ancestor)."""
        self.ensure_built()
        for model, view in self.tables:
            parts = parse_path(path) if path else ()
            n = len(model.list_path)
            if parts[:n] == model.list_path and len(parts) > n and isinstance(parts[n], int):
                column = next((i for i, c in enumerate(model.columns) if len(parts) > n + 1 and c.field == parts[n + 1]), 0)
                view.setCurrentIndex(model.index(parts[n], column))
                view.setFocus()
                return True
        widget = self.binder.widget_for(path)
        if widget is not None:
            widget.setFocus()
            return True
        return False


def focus_chain(layout: QLayout | None) -> list[QWidget]:
    """The widgets Tab should stop at, in the order `layout` places them (forms row by row)."""
    if layout is None:
        return []
    if isinstance(layout, QFormLayout):
        roles = (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole, QFormLayout.ItemRole.SpanningRole)
        items = [layout.itemAt(row, role) for row in range(layout.rowCount()) for role in roles]
    else:
        items = [layout.itemAt(i) for i in range(layout.count())]
    out: list[QWidget] = []
    for item in items:
        if item is None:
            continue
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                out.append(widget)
            else:
                out.extend(focus_chain(widget.layout()))
        elif inner is not None:
            out.extend(focus_chain(inner))
    return out


def select_span(widget: QWidget | None, start: int, end: int) -> bool:
    """Select characters start..end (of the field's text, as a Python string) in a text widget.

    Qt counts UTF-16 units: a character outside the Basic Multilingual Plane counts twice.
    """
    def units(text: str, i: int) -> int:
        return len(text[:i].encode("utf-16-le")) // 2

    if isinstance(widget, QPlainTextEdit):
        text = widget.toPlainText()
        if not 0 <= start <= end <= len(text):
            return False
        cursor = widget.textCursor()
        cursor.setPosition(units(text, start))
        cursor.setPosition(units(text, end), QTextCursor.MoveMode.KeepAnchor)
        widget.setTextCursor(cursor)
        widget.ensureCursorVisible()
        return True
    if isinstance(widget, QLineEdit):
        text = widget.text()
        if not 0 <= start <= end <= len(text):
            return False
        widget.setSelection(units(text, start), units(text, end) - units(text, start))
        return True
    return False


def line(page: Page, path: tuple[str | int, ...], label: str, placeholder: str = "") -> QLineEdit:
    widget = QLineEdit(page)
    widget.setPlaceholderText(placeholder)
    page.binder.bind(widget, path, label)
    return widget


def text_box(page: Page, path: Any, label: str, placeholder: str = "", height: int = 160) -> QPlainTextEdit:
    widget = QPlainTextEdit(page)
    widget.setPlaceholderText(placeholder)
    widget.setTabChangesFocus(True)  # keyboard users leave the box with Tab, as in a form
    widget.setMinimumHeight(height)
    page.binder.bind(widget, path, label)
    return widget


def table(page: Page, model: ListTableModel, label: str) -> tuple[QTableView, QWidget]:
    """A table view with Add / Remove / Up / Down buttons underneath; returns (view, container)."""
    view = QTableView(page)
    view.setModel(model)
    view.setAccessibleName(label)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                         | QAbstractItemView.EditTrigger.AnyKeyPressed)
    view.setAlternatingRowColors(True)
    view.setTabKeyNavigation(False)  # Tab leaves the table for the next field; arrow keys move between cells
    view.setWordWrap(True)
    header = view.horizontalHeader()
    for i, column in enumerate(model.columns):
        view.setColumnWidth(i, column.width)
    # The first column (the measure, the name) takes the room there is: no horizontal scroll bar
    # where the other columns fit; the rest keep their widths and can be dragged.
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(48)
    page.tables.append((model, view))
    spelling.attach_cells(view, model)

    def current_row() -> int:
        return view.currentIndex().row() if view.currentIndex().isValid() else -1

    def add() -> None:
        row = model.add_row(current_row() + 1 if current_row() >= 0 else None)
        view.setCurrentIndex(model.index(row, 0))
        view.setFocus()

    def remove() -> None:
        if current_row() >= 0:
            model.remove_row(current_row())

    def move(step: int) -> None:
        row = current_row()
        if row >= 0:
            model.move_row(row, row + step)
            view.setCurrentIndex(model.index(row + step, view.currentIndex().column()))

    buttons = QHBoxLayout()
    for text, action in ((f"Add {model.noun}", add), ("Remove", remove), ("Move up", lambda: move(-1)),
                         ("Move down", lambda: move(1))):
        button = QPushButton(text, page)
        button.setAccessibleName(f"{text} ({label})")
        button.clicked.connect(action)
        buttons.addWidget(button)
    buttons.addStretch(1)
    container = QWidget(page)
    layout = QVBoxLayout(container)
    layout.setContentsMargins(0, 0, 0, 0)
    # As tall as its rows, not the page: a table filling the page put its horizontal scroll bar (and the
    # columns it leads to, Outcome among them) out of sight below the fold on a 1280×720 laptop.
    view.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    layout.addWidget(view)
    layout.addLayout(buttons)
    layout.addWidget(tint_legend())
    layout.addStretch(1)
    return view, container


def tint_legend() -> QLabel:
    """What the cell tints mean, under every table."""
    from ui.list_table import TINTS

    def swatch(kind: str) -> str:
        c = TINTS[kind]
        return (f"<span style='background: rgba({c.red()},{c.green()},{c.blue()},{c.alpha()});'>"
                "&nbsp;&nbsp;&nbsp;&nbsp;</span>")

    legend = QLabel(f"{swatch('error')} error (the leaflet is held back) &nbsp; {swatch('warning')} warning "
                    "(check it) &nbsp; Grey: calculated. Hover over a tinted cell to read why.")
    legend.setAccessibleName("Colour key")
    legend.setWordWrap(True)
    return legend


def heading(text: str, hint: str = "") -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 4)
    title = QLabel(f"<h2 style='margin:0'>{text}</h2>")
    layout.addWidget(title)
    if hint:
        note = QLabel(hint)
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(mid);")
        layout.addWidget(note)
    return box
