"""Issue 14 item 11: activating a problem about a figure selects that figure in its text field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit

from ui.main_window import MainWindow
from ui.pages.base import select_span


def test_activating_a_figure_problem_selects_the_figure(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    problems = window.problems
    # The sample's one warning in prose: "vehicle crime has been reduced by over 30%".
    qtbot.waitUntil(lambda: any(problems.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole + 1)
                                for i in range(problems.topLevelItemCount())), timeout=10_000)
    item = next(problems.topLevelItem(i) for i in range(problems.topLevelItemCount())
                if problems.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)[1] == "commander.message"
                and problems.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole + 1))
    problems.itemActivated.emit(item, 0)
    page = next(p for p in window.borough_pages if p.handles("commander.message"))
    widget = page.binder.widget_for("commander.message")
    assert isinstance(widget, QPlainTextEdit)
    assert window.tabs.currentWidget() is page
    assert widget.textCursor().selectedText() == "30%"


def test_select_span_counts_characters_as_python_does(qtbot) -> None:  # type: ignore[no-untyped-def]
    box = QPlainTextEdit()
    qtbot.addWidget(box)
    text = "Crime 👮 fell by 17%."  # the emoji is two UTF-16 units in Qt, one character in Python
    box.setPlainText(text)
    start = text.index("17%")
    assert select_span(box, start, start + 3)
    assert box.textCursor().selectedText() == "17%"
    assert not select_span(box, 5, 500)


def test_a_row_names_what_it_counts_and_its_baseline_in_the_form(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from model.leaflet import result_line
    from tests.ui.test_editor import results_page, type_into_cell

    page = results_page(window)
    noun = next(i for i, c in enumerate(page.model.columns) if c.field == "noun")
    since = next(i for i, c in enumerate(page.model.columns) if c.field == "baseline")
    type_into_cell(qtbot, page, 4, noun, "victims")
    type_into_cell(qtbot, page, 4, since, "2008/09")
    row = window.current_document().data.results[4]
    assert (row.noun, row.baseline) == ("victims", "2008/09")
    assert result_line(row, "offences_or") == "44 victims or +21.4% since 2008/09"
