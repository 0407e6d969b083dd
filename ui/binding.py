"""Binding plain input widgets to Document fields, and marking them with their findings.

A widget never writes the data: user edits go to `Document.set_field` (an undoable command),
and the widget refreshes from `field_changed` without echoing the change back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget

from model.edits import get_at
from model.findings import Finding
from model.paths import Path as FieldPath
from model.paths import format_path
from ui import spelling
from ui.document import Document

# How a field with a problem is marked: its background tinted with the severity's colour (and the
# messages in its tooltip). A palette change only repaints the field. The editor used to draw a border
# with a style sheet on the whole window, which put every widget under QStyleSheetStyle and made each
# mark a restyle and relayout of the whole page (docs/performance.md, keystroke to findings).
MARK_COLOURS = {"error": QColor("#c62828"), "warning": QColor("#e08a00")}
MARK_STRENGTH = 0.22  # share of the severity colour in the tint: the text stays readable, light or dark


@dataclass
class Binding:
    widget: QLineEdit | QPlainTextEdit
    path: Callable[[], FieldPath | None]  # None: nothing to show (e.g. no initiative selected)
    label: str


def widget_text(widget: QLineEdit | QPlainTextEdit) -> str:
    return widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()


def set_widget_text(widget: QLineEdit | QPlainTextEdit, text: str) -> None:
    if widget_text(widget) == text:
        return  # keeps the cursor where the user is typing
    blocked = widget.blockSignals(True)
    if isinstance(widget, QLineEdit):
        widget.setText(text)
    else:
        widget.setPlainText(text)
    widget.blockSignals(blocked)


def mark(widget: QWidget, findings: list[Finding]) -> None:
    """Tint the widget's background by its worst finding and put the messages in its tooltip."""
    worst = ""
    for severity in ("info", "warning", "error"):
        if any(f.severity == severity for f in findings):
            worst = severity
    if widget.property("severity") != worst:  # repainted only when the worst severity changes
        widget.setProperty("severity", worst)
        widget.setPalette(tinted(widget, MARK_COLOURS[worst]) if worst in MARK_COLOURS else QPalette())
    tips = "\n".join(f"{f.severity.capitalize()}: {f.message}" for f in findings if f.severity != "info")
    if widget.toolTip() != tips:
        widget.setToolTip(tips)


def tinted(widget: QWidget, colour: QColor) -> QPalette:
    """A palette that changes only the widget's text background, towards `colour`."""
    base = QApplication.palette(widget).color(QPalette.ColorRole.Base)
    mix = QColor(*(round(a * (1 - MARK_STRENGTH) + b * MARK_STRENGTH) for a, b in
                   ((base.red(), colour.red()), (base.green(), colour.green()), (base.blue(), colour.blue()))))
    palette = QPalette()  # nothing set: everything else still comes from the parent
    palette.setColor(QPalette.ColorRole.Base, mix)
    return palette


class FieldBinder(QObject):
    """Keeps a set of text widgets and one Document's fields in step."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bindings: list[Binding] = []
        self.document: Document[Any] | None = None

    def bind(self, widget: QLineEdit | QPlainTextEdit, path: FieldPath | Callable[[], FieldPath | None],
             label: str) -> None:
        getter = path if callable(path) else (lambda p=path: p)
        binding = Binding(widget, getter, label)
        self.bindings.append(binding)
        widget.setAccessibleName(label)
        spelling.attach(widget, lambda: self.document, getter)  # underline and suggestions (prose fields only)
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda text, b=binding: self._edited(b, text))
        else:
            widget.textChanged.connect(lambda b=binding: self._edited(b, widget_text(b.widget)))

    def set_document(self, document: Document[Any] | None) -> None:
        if self.document is not None:
            self.document.field_changed.disconnect(self.refresh)
        self.document = document
        if document is not None:
            document.field_changed.connect(self.refresh)
        self.refresh("")

    def refresh(self, _changed: str = "") -> None:
        """Show the document's current values (after undo, redo, load, selection change)."""
        for b in self.bindings:
            path = b.path()
            enabled = self.document is not None and path is not None
            b.widget.setEnabled(enabled)
            value = ""
            if enabled:
                try:
                    value = get_at(self.document.data, path)  # type: ignore[union-attr, arg-type]
                except (KeyError, IndexError):
                    value = ""
            set_widget_text(b.widget, "" if value is None else str(value))

    def _edited(self, binding: Binding, text: str) -> None:
        path = binding.path()
        if self.document is None or path is None:
            return
        self.document.set_field(path, text, f"Edit {binding.label.lower()}")

    def mark_findings(self, findings: list[Finding]) -> None:
        for b in self.bindings:
            path = b.path()
            key = format_path(path) if path else None
            mine = [f for f in findings if key and (f.path == key or f.path.startswith(key + "."))]
            mark(b.widget, mine)

    def widget_for(self, field_path: str) -> QWidget | None:
        """The widget showing `field_path` or its nearest ancestor."""
        best: tuple[int, QWidget] | None = None
        for b in self.bindings:
            path = b.path()
            if not path:
                continue
            key = format_path(path)
            if (field_path == key or field_path.startswith(key + ".")) and (best is None or len(key) > best[0]):
                best = (len(key), b.widget)
        return best[1] if best else None
