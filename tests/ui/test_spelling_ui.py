"""Spelling in the editor: the wavy underline as you type, suggestions on right-click, a correction
that is one undo step of the Document, "Add to edition dictionary" writing dictionary.txt (never the
sample's), cells, and reading ease beside the word count."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from model import spelling as model_spelling
from tests.ui.conftest import close_quietly
from ui import spelling
from ui.main_window import MainWindow
from ui.pages.commander import CommanderPage
from ui.pages.tables import ResultsPage
from ui.readability import ReadabilityLabel
from ui.session import EditionSession

pytestmark = pytest.mark.skipif(isinstance(model_spelling.load_engine("enchant"), model_spelling.Unavailable),
                                reason="needs Debian's libenchant-2-2 and hunspell-en-gb (make spelling-tools)")


def commander_page(win: MainWindow) -> CommanderPage:
    page = next(p for p in win.borough_pages if isinstance(p, CommanderPage))
    win.tabs.setCurrentWidget(page)
    return page


def underlined(edit: QPlainTextEdit) -> list[str]:
    """The text of every spell-check underline the highlighter drew."""
    out = []
    block = edit.document().firstBlock()
    while block.isValid():
        for r in block.layout().formats():
            if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
                out.append(block.text()[r.start:r.start + r.length])
        block = block.next()
    return out


def point_at(edit: QPlainTextEdit, text: str) -> QPoint:
    cursor = QTextCursor(edit.document())
    cursor.setPosition(edit.toPlainText().index(text) + 2)
    return edit.cursorRect(cursor).center()


def spelling_ready(qtbot, win: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(model_spelling.engine_ready, timeout=10_000)
    qtbot.wait(50)  # the queued "changed" re-check and redraw


def test_typed_misspelling_is_underlined_and_corrected_through_the_undo_stack(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    spelling_ready(qtbot, window)
    page = commander_page(window)
    assert underlined(page.message) == []  # the sample's words are all in its dictionary
    page.message.setFocus()
    page.message.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(page.message, " We recieved 40 calls about the behavior of youths.")
    assert underlined(page.message) == ["recieved", "behavior"]
    found = [f for f in window.session.findings["tower-hamlets"] if f.code == "spelling.unknown_word"]
    assert [f.message.split("'")[1] for f in found] == ["recieved", "behavior"]
    field = page.message.findChild(spelling.FieldSpelling)
    menu = field.build_menu(point_at(page.message, "recieved"))
    labels = [a.text() for a in menu.actions()]
    assert labels[0] == "received"
    assert any(t.startswith("Add “recieved” to edition dictionary") for t in labels)
    assert "&Copy\tCtrl+C" in labels or any("Copy" in t for t in labels)  # the standard menu stays below
    document = window.session.boroughs["tower-hamlets"]
    steps = document.undo_stack.count()
    menu.actions()[0].trigger()
    assert "We recieved" not in document.data.commander.message
    assert "We received 40 calls" in document.data.commander.message
    assert document.undo_stack.count() == steps + 1
    assert document.undo_stack.undoText() == "Correct spelling"
    assert underlined(page.message) == ["behavior"]
    document.undo_stack.undo()
    assert "We recieved 40" in document.data.commander.message
    assert page.message.toPlainText() == document.data.commander.message


def test_add_to_edition_dictionary_writes_the_word_list_and_rechecks(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                      sample_copy: Path) -> None:
    spelling_ready(qtbot, window)
    page = commander_page(window)
    page.message.moveCursor(QTextCursor.MoveOperation.End)
    page.message.setFocus()
    qtbot.keyClicks(page.message, " Sergeant Okonkwo led it.")
    assert "Okonkwo" in underlined(page.message)
    field = page.message.findChild(spelling.FieldSpelling)
    menu = field.build_menu(point_at(page.message, "Okonkwo"))
    add = next(a for a in menu.actions() if a.text().startswith("Add “"))
    assert add.isEnabled()
    add.trigger()
    assert "Okonkwo" in (sample_copy / "dictionary.txt").read_text(encoding="utf-8").splitlines()
    assert "Okonkwo" not in underlined(page.message)
    assert not any("Okonkwo" in f.message for f in window.session.findings["tower-hamlets"])


def test_bundled_sample_dictionary_is_never_written(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.session import SAMPLE_FOLDER

    before = (SAMPLE_FOLDER / "dictionary.txt").read_bytes()
    win = MainWindow(EditionSession(SAMPLE_FOLDER))
    win.show()
    try:
        spelling_ready(qtbot, win)
        page = commander_page(win)
        page.message.moveCursor(QTextCursor.MoveOperation.End)
        qtbot.keyClicks(page.message, " Zorblax")
        field = page.message.findChild(spelling.FieldSpelling)
        menu = field.build_menu(point_at(page.message, "Zorblax"))
        add = next(a for a in menu.actions() if a.text().startswith("Add “"))
        assert not add.isEnabled() and "save the sample" in add.text()
        add.trigger()
    finally:
        close_quietly(win)
    assert (SAMPLE_FOLDER / "dictionary.txt").read_bytes() == before


def test_one_line_field_and_photo_path(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    spelling_ready(qtbot, window)
    page = commander_page(window)
    page.name.setFocus()
    page.name.selectAll()
    qtbot.keyClicks(page.name, "Chief Superintendant Rickett")
    field = page.name.findChild(spelling.FieldSpelling)
    assert page.name.property("spelling_marked")
    menu = field.build_menu(QPoint(page.name.cursorRect().x(), 5))  # nowhere special: no word
    point = None
    for x in range(0, page.name.width(), 3):
        if spelling.from_utf16(page.name.text(), page.name.cursorPositionAt(QPoint(x, 5))) == 10:
            point = QPoint(x, 5)
            break
    assert point is not None
    menu = field.build_menu(point)
    assert "Superintendent" in [a.text() for a in menu.actions()]
    next(a for a in menu.actions() if a.text() == "Superintendent").trigger()
    assert window.session.boroughs["tower-hamlets"].data.commander.name == "Chief Superintendent Rickett"
    assert not page.name.property("spelling_marked")
    photo_field = page.photo.edit.findChild(spelling.FieldSpelling)
    assert photo_field is not None and not photo_field.active()  # a file path is not prose


def test_table_cell_editor_underlines_measure_names(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    spelling_ready(qtbot, window)
    page = next(p for p in window.borough_pages if isinstance(p, ResultsPage))
    window.tabs.setCurrentWidget(page)
    index = page.model.index(0, 0)
    page.view.setCurrentIndex(index)
    page.view.edit(index)
    editor = next(e for e in page.view.viewport().findChildren(QLineEdit) if e.isVisible())
    editor.selectAll()
    qtbot.keyClicks(editor, "Residental burglary")
    assert editor.property("spelling_marked")
    assert editor.findChild(spelling.FieldSpelling) is not None
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert any(f.code == "spelling.unknown_word" and f.path == "results[0].measure"
               for f in window.session.findings["tower-hamlets"])


def red_pixels(view, index) -> int:  # type: ignore[no-untyped-def]
    """Pixels of the underline colour when the cell is painted by the view's delegate."""
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

    rect = view.visualRect(index)
    image = QImage(rect.size(), QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    painter = QPainter(image)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = rect.translated(-rect.topLeft())
    view.itemDelegate().paint(painter, option, index)
    painter.end()

    def reddish(rgb: int) -> bool:
        r, g, b = (rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF
        return r > 150 and g < 130 and b < 130

    return sum(1 for y in range(image.height()) for x in range(image.width()) if reddish(image.pixel(x, y)))


def test_table_cell_is_drawn_with_the_underline(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    spelling_ready(qtbot, window)
    page = next(p for p in window.borough_pages if isinstance(p, ResultsPage))
    window.tabs.setCurrentWidget(page)
    index = page.model.index(0, 0)
    assert red_pixels(page.view, index) == 0
    window.session.boroughs["tower-hamlets"].set_field(("results", 0, "measure"), "Residental burglary")
    assert red_pixels(page.view, index) > 10


def test_utf16_positions() -> None:
    text = "👍 recieved"
    assert spelling.to_utf16(text, 2) == 3 and spelling.from_utf16(text, 3) == 2
    assert spelling.from_utf16("abc", 2) == 2 and spelling.to_utf16("abc", 2) == 2


def test_reading_ease_beside_the_word_count(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    spelling_ready(qtbot, window)  # the syllable patterns load with the dictionary, after the first preview
    page = commander_page(window)
    label = page.findChild(ReadabilityLabel)
    assert label is not None
    assert "reading ease 45" in label.text() and "target 50" in label.text()
    assert "2 sentences over 30 words" in label.text()  # the commander's 52- and 31-word sentences
    page.message.setPlainText("We cut crime. You helped. Thank you all.")
    assert "reading ease" not in label.text() or "too short" in label.text()


def test_a_dictionary_that_cannot_be_written_is_said_not_raised(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))

    def refuse(_folder: Path, _word: str) -> bool:
        raise PermissionError("read-only share")

    monkeypatch.setattr(model_spelling, "add_word", refuse)
    spelling_ready(qtbot, window)
    page = commander_page(window)
    page.message.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(page.message, " Zorblax")
    field = page.message.findChild(spelling.FieldSpelling)
    menu = field.build_menu(point_at(page.message, "Zorblax"))
    next(a for a in menu.actions() if a.text().startswith("Add “")).trigger()
    assert said and "read-only share" in said[0] and "dictionary.txt" in said[0]
    assert "Zorblax" in underlined(page.message)


def test_without_a_dictionary_the_menu_says_spelling_is_unavailable(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                    monkeypatch) -> None:
    spelling_ready(qtbot, window)
    monkeypatch.setattr(model_spelling, "_engine", model_spelling.Unavailable("UK spelling is unavailable: test"))
    monkeypatch.setattr(model_spelling, "_spellers", {})
    page = commander_page(window)
    field = page.message.findChild(spelling.FieldSpelling)
    menu = field.build_menu(point_at(page.message, "results"))
    first = menu.actions()[0]
    assert first.text() == "UK spelling is unavailable: test" and not first.isEnabled()
