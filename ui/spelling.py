"""Spelling as you type: a wavy red underline under unknown words, suggestions on right-click.

The engine and the edition's word list live in `model/spelling.py`; this module only draws and asks.
Multi-line fields get a `QSyntaxHighlighter` (one paragraph re-checked per keystroke, words cached);
one-line fields and table-cell editors get the same formats through input-method text formats (a
QLineEdit has no QTextDocument). Qt counts text in UTF-16 units, Python in code points: converted here.
A chosen suggestion is committed through the field's Document (an undoable, non-merging edit), never
written into the widget alone; "Add to edition dictionary" writes the edition's dictionary.txt
(atomically) and re-checks, except in the bundled sample, which is never written.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QInputMethodEvent,
    QPainter,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from model import spelling, spelling_checks
from model.edition import find_edition_folder
from model.paths import Path as FieldPath
from model.spelling import Speller, Word
from model.spelling_checks import PROSE_KEYS
from ui.document import Document
from ui.list_table import ListTableModel

UNDERLINE = QColor("#d32f2f")
MENU_SUGGESTIONS = 5


def underline_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    fmt.setUnderlineColor(UNDERLINE)
    return fmt


# --- UTF-16 ⇄ code points ---------------------------------------------------------------------


def to_utf16(text: str, index: int) -> int:
    """Qt's position of Python index `index` in `text` (astral characters count twice in Qt)."""
    if text.isascii():
        return index
    return index + sum(1 for c in text[:index] if ord(c) > 0xFFFF)


def from_utf16(text: str, position: int) -> int:
    """Python index of Qt position `position` in `text`."""
    if text.isascii():
        return position
    units = 0
    for i, c in enumerate(text):
        if units >= position:
            return i
        units += 2 if ord(c) > 0xFFFF else 1
    return len(text)


def word_at(speller: Speller, text: str, index: int) -> Word | None:
    """The misspelt word of `text` at Python index `index` (or just after it), if any."""
    for word in speller.misspelt(text):
        if word.start <= index <= word.end:
            return word
    return None


# --- the hub: the dictionary loads once, in the background; every underline redraws when it changes ---


class SpellingHub(QObject):
    """One per application: loads the engine off the UI thread and announces changes of the words."""

    changed = Signal()  # the dictionary finished loading, or a word was added: re-check and redraw
    _ready = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._ready.connect(self.changed, Qt.ConnectionType.QueuedConnection)

    def defer(self) -> None:
        """At start-up: spelling waits for `preload`, which the window calls once its first preview is up."""
        spelling_checks.defer()

    def preload(self) -> None:
        spelling_checks.preload(self._announce)  # called in the loader thread, delivered in the UI thread

    def _announce(self) -> None:
        # The editor may have quit while the dictionary loaded (a SIGTERM at start-up, issue 17): the
        # hub is gone then, and there is nobody left to tell; no traceback on the way out.
        with contextlib.suppress(RuntimeError):
            self._ready.emit()

    def add_word(self, folder: Path, word: str, parent: QWidget | None = None) -> bool:
        """Add `word` to the edition's dictionary.txt; a file that cannot be written is said, not raised."""
        try:
            spelling.add_word(folder, word)
        except OSError as exc:
            QMessageBox.warning(parent, "Could not add the word",
                                f"'{word}' could not be added to {spelling.dictionary_path(folder)}:\n{exc}\n\n"
                                "Check that the edition folder can be written, or ask whoever shares it.")
            return False
        self.changed.emit()
        return True


_hub: SpellingHub | None = None


def hub() -> SpellingHub:
    global _hub
    if _hub is None:
        _hub = SpellingHub()
    return _hub


def writable(folder: Path | None) -> bool:
    """May this edition's dictionary.txt be written? Never the bundled sample's."""
    from ui.session import is_bundled  # ui.session imports this module

    return folder is not None and not is_bundled(folder)


# --- drawing ----------------------------------------------------------------------------------


class SpellHighlighter(QSyntaxHighlighter):
    """Underlines the unknown words of each paragraph of a QTextDocument."""

    def __init__(self, document: QTextDocument, folder: Callable[[], Path | None],
                 active: Callable[[], bool] = lambda: True) -> None:
        super().__init__(document)
        self._folder = folder
        self._active = active
        self._format = underline_format()
        hub().changed.connect(self.rehighlight)

    def highlightBlock(self, text: str) -> None:  # Qt override
        if not self._active():
            return
        speller = spelling.speller_for(self._folder())
        for word in speller.misspelt(text):
            start = to_utf16(text, word.start)
            self.setFormat(start, to_utf16(text, word.end) - start, self._format)


def underline_line_edit(edit: QLineEdit, speller: Speller) -> None:
    """Draw the unknown words of a one-line field, through input-method text formats.

    Their positions are relative to the cursor, so this runs again when the cursor moves.
    """
    text = edit.text()
    cursor = edit.cursorPosition()
    fmt = underline_format()
    attributes = []
    if speller.available:
        for word in speller.misspelt(text):
            start = to_utf16(text, word.start)
            attributes.append(QInputMethodEvent.Attribute(QInputMethodEvent.AttributeType.TextFormat, start - cursor,
                                                          to_utf16(text, word.end) - start, fmt))
    if not attributes and not edit.property("spelling_marked"):
        return
    edit.setProperty("spelling_marked", bool(attributes))
    QCoreApplication.sendEvent(edit, QInputMethodEvent("", attributes))


# --- the context menu -------------------------------------------------------------------------


def spelling_menu(menu: QMenu, word: Word, speller: Speller, folder: Path | None,
                  replace: Callable[[str], None]) -> None:
    """Put the suggestions (computed now, only now) and "Add to edition dictionary" at the menu's top."""
    first = menu.actions()[0] if menu.actions() else None
    added: list[QAction] = []
    suggestions = speller.suggest(word.text, MENU_SUGGESTIONS)
    for suggestion in suggestions:
        action = QAction(suggestion, menu)
        font = action.font()
        font.setBold(True)
        action.setFont(font)
        action.triggered.connect(lambda _checked=False, s=suggestion: replace(s))
        added.append(action)
    if not suggestions:
        none = QAction("(no suggestions)", menu)
        none.setEnabled(False)
        added.append(none)
    add = QAction(f"Add “{word.text}” to edition dictionary", menu)
    if writable(folder):
        add.triggered.connect(lambda: hub().add_word(folder, word.text, menu.parentWidget()))  # type: ignore[arg-type]
        add.setStatusTip(f"Accept '{word.text}' in every file of this edition (dictionary.txt)")
    else:
        add.setEnabled(False)
        add.setText(f"Add “{word.text}” to edition dictionary (save the sample as your own edition first)")
    added.append(add)
    menu.insertActions(first, added)  # type: ignore[arg-type]
    menu.insertSeparator(first)  # type: ignore[arg-type]


class FieldSpelling(QObject):
    """Spelling for one bound text widget: underline, context menu, replacement through `commit`.

    `commit(new_text)`: the whole field's new text, made an undoable edit of the Document by the caller.
    """

    def __init__(self, widget: QLineEdit | QPlainTextEdit, folder: Callable[[], Path | None],
                 commit: Callable[[str], None], active: Callable[[], bool] = lambda: True) -> None:
        super().__init__(widget)
        self.widget = widget
        self.folder = folder
        self.commit = commit
        self.active = active
        self.highlighter: SpellHighlighter | None = None
        widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        widget.customContextMenuRequested.connect(self.show_menu)
        if isinstance(widget, QPlainTextEdit):
            self.highlighter = SpellHighlighter(widget.document(), folder, active)
        else:
            widget.textChanged.connect(self.redraw)
            widget.cursorPositionChanged.connect(self.redraw)
            hub().changed.connect(self.redraw)

    def speller(self) -> Speller:
        return spelling.speller_for(self.folder()) if self.active() else Speller(spelling.Unavailable("not prose"))

    def redraw(self, *_args: object) -> None:
        if isinstance(self.widget, QLineEdit):
            underline_line_edit(self.widget, self.speller())

    def word_under(self, pos: QPoint) -> tuple[Word, int] | None:
        """The misspelt word under the mouse and the Python index of its paragraph in the field's text."""
        speller = self.speller()
        if not speller.available:
            return None
        if isinstance(self.widget, QLineEdit):
            text = self.widget.text()
            found = word_at(speller, text, from_utf16(text, self.widget.cursorPositionAt(pos)))
            return (found, 0) if found else None
        cursor = self.widget.cursorForPosition(pos)
        block = cursor.block()
        text = block.text()
        found = word_at(speller, text, from_utf16(text, cursor.positionInBlock()))
        if found is None:
            return None
        return found, from_utf16(self.widget.toPlainText(), block.position())

    def build_menu(self, pos: QPoint) -> QMenu:
        menu = self.widget.createStandardContextMenu()
        engine = spelling.engine() if self.active() else None
        if isinstance(engine, spelling.Unavailable) and engine is not spelling.LOADING:
            # Say so where a user looks for suggestions, rather than leave them wondering.
            note = QAction(engine.reason, menu)
            note.setEnabled(False)
            first = menu.actions()[0] if menu.actions() else None
            menu.insertAction(first, note)  # type: ignore[arg-type]
            menu.insertSeparator(first)  # type: ignore[arg-type]
            return menu
        hit = self.word_under(pos)
        if hit is not None:
            word, offset = hit
            spelling_menu(menu, word, self.speller(), self.folder(),
                          lambda s: self.replace(offset + word.start, offset + word.end, s))
        return menu

    def show_menu(self, pos: QPoint) -> None:
        menu = self.build_menu(pos)
        menu.exec(self.widget.mapToGlobal(pos))
        menu.deleteLater()

    def replace(self, start: int, end: int, suggestion: str) -> None:
        """Replace text[start:end] (Python indices) by `suggestion` through the Document; keep the view."""
        widget = self.widget
        if isinstance(widget, QLineEdit):
            text = widget.text()
            new = text[:start] + suggestion + text[end:]
            self.commit(new)
            widget.setCursorPosition(to_utf16(new, start + len(suggestion)))
            return
        scroll = widget.verticalScrollBar().value()
        text = widget.toPlainText()
        new = text[:start] + suggestion + text[end:]
        self.commit(new)
        cursor = widget.textCursor()
        cursor.setPosition(to_utf16(new, start + len(suggestion)))
        widget.setTextCursor(cursor)
        widget.verticalScrollBar().setValue(scroll)


@lru_cache(maxsize=256)
def edition_folder(path: Path | None) -> Path | None:
    """The edition folder of a Document's file (its dictionary.txt lives there); asked on every keystroke."""
    return None if path is None else find_edition_folder(path)


def attach(widget: QLineEdit | QPlainTextEdit, document: Callable[[], Document[Any] | None],
           path: Callable[[], FieldPath | None]) -> FieldSpelling:
    """Spelling for a field bound to `path` of `document` (ui/binding.py calls this for every field).

    Only prose is checked (names, titles, messages, texts, alt text, notes), not photo paths or periods.
    """

    def folder() -> Path | None:
        doc = document()
        return None if doc is None else edition_folder(doc.path)

    def commit(text: str) -> None:
        doc, where = document(), path()
        if doc is not None and where is not None:
            doc.set_field(where, text, "Correct spelling", merge=False)

    def active() -> bool:
        where = path()
        return bool(where) and is_prose(where)  # type: ignore[arg-type]

    return FieldSpelling(widget, folder, commit, active)


def is_prose(path: FieldPath) -> bool:
    last = next((p for p in reversed(path) if isinstance(p, str)), "")
    return last in PROSE_KEYS


# --- table cells --------------------------------------------------------------------------------


def attach_cells(view: QAbstractItemView, model: ListTableModel) -> None:
    """Spelling in the cell editors of a table's prose columns (measure names, contact names, notes)."""
    columns = {i for i, c in enumerate(model.columns) if c.field in PROSE_KEYS}
    if columns:
        view.setItemDelegate(SpellingDelegate(view, lambda: edition_folder(
            model.document.path if model.document is not None else None), columns))


class SpellingDelegate(QStyledItemDelegate):
    """Prose cells (measure names, contact names and notes) are drawn with the wavy underline, and their
    editors get it as you type, with the suggestions menu.

    A replacement changes the editor's text; the cell is committed when editing ends, through the
    table model's `setData` — an undoable Document edit like any typed value.
    """

    def __init__(self, view: QAbstractItemView, folder: Callable[[], Path | None], columns: set[int]) -> None:
        super().__init__(view)
        self._folder = folder
        self._columns = columns

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:  # Qt override
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        speller = spelling.speller_for(self._folder()) if index.column() in self._columns and text else None
        bad = speller.misspelt(text) if speller is not None and speller.available else ()
        if not bad:
            super().paint(painter, option, index)
            return
        # The cell as usual without its text, then the text with the wavy underlines over it.
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        document = QTextDocument()
        document.setDocumentMargin(2)
        document.setDefaultFont(opt.font)
        document.setPlainText(text)
        document.setTextWidth(rect.width())
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        colour = QTextCharFormat()
        colour.setForeground(opt.palette.highlightedText() if selected else opt.palette.text())
        cursor = QTextCursor(document)
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeCharFormat(colour)
        for word in bad:
            cursor.setPosition(to_utf16(text, word.start))
            cursor.setPosition(to_utf16(text, word.end), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(underline_format())
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(rect.translated(-rect.topLeft()))
        document.drawContents(painter)
        painter.restore()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:  # Qt override
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit) and index.column() in self._columns:
            FieldSpelling(editor, self._folder, editor.setText)
        return editor
