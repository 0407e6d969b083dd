"""The editor driven as a user would: type, see findings, undo, overflow, save, reload, close."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QMessageBox

from model.storage import load_borough
from tests.ui.conftest import close_quietly
from ui.main_window import MainWindow
from ui.pages.commander import CommanderPage
from ui.pages.tables import ResultsPage
from ui.session import EditionSession


def results_page(win: MainWindow) -> ResultsPage:
    page = next(p for p in win.borough_pages if isinstance(p, ResultsPage))
    win.tabs.setCurrentWidget(page)
    return page


def problem_messages(win: MainWindow) -> list[str]:
    return [win.problems.topLevelItem(i).text(2) for i in range(win.problems.topLevelItemCount())]


def type_into_cell(qtbot, page: ResultsPage, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    index = page.model.index(row, column)
    page.view.setCurrentIndex(index)
    page.view.setFocus()
    page.view.edit(index)
    # Offscreen there is no active window, so find the cell editor rather than the focus widget.
    editor = next(e for e in page.view.viewport().findChildren(QLineEdit) if e.isVisible())
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on Return through a queued call: let the event loop deliver it.
    qtbot.waitUntil(lambda: page.view.state() == QAbstractItemView.State.NoState, timeout=5000)


def test_wrong_figure_shows_in_problems_and_on_the_cell_and_undo_removes_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = results_page(window)
    assert not any(f.severity == "error" for f in window.session.findings["tower-hamlets"])
    type_into_cell(qtbot, page, 1, 4, "-21.7")  # Total robbery: 136 offences cannot be -21.7% ... of 1,070
    doc = window.session.boroughs["tower-hamlets"]
    assert str(doc.data.results[1].change_pct) == "-21.7"  # possible for a baseline of 626-628: no error
    type_into_cell(qtbot, page, 0, 4, "-21.7")  # 6 offences at -21.7%: no whole-number baseline
    errors = [f for f in window.session.findings["tower-hamlets"] if f.severity == "error"]
    assert any(f.path == "results[0].change_pct" and f.code == "results.implausible_pct" for f in errors)
    assert any("cannot be -21.7%" in m for m in problem_messages(window))
    tooltip = page.model.data(page.model.index(0, 4), Qt.ItemDataRole.ToolTipRole)
    assert tooltip and "cannot be -21.7%" in tooltip
    assert page.model.data(page.model.index(0, 4), Qt.ItemDataRole.BackgroundRole) is not None
    assert window.isWindowModified()
    window.undo_group.undo()
    assert str(doc.data.results[0].change_pct) == "-0.6"
    window.undo_group.undo()
    assert str(doc.data.results[1].change_pct) == "-12.7"
    assert not window.isWindowModified()
    assert not any(f.code == "results.implausible_pct" and f.path == "results[0].change_pct"
                   for f in window.session.findings["tower-hamlets"])
    assert not any("cannot be -21.7% of" in m and "Residential" in m for m in problem_messages(window))
    assert page.model.data(page.model.index(0, 4), Qt.ItemDataRole.BackgroundRole) is None


def test_counts_make_change_and_percentage_derived_and_read_only(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = results_page(window)
    type_into_cell(qtbot, page, 1, 1, "1,070")
    type_into_cell(qtbot, page, 1, 2, "934")
    row = window.session.boroughs["tower-hamlets"].data.results[1]
    assert (row.change, str(row.change_pct)) == (-136, "-12.7")
    assert not page.model.flags(page.model.index(1, 4)) & Qt.ItemFlag.ItemIsEditable
    assert not [f for f in window.session.findings["tower-hamlets"] if f.severity == "error"]


def test_overflowing_message_turns_the_meter(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = next(p for p in window.borough_pages if isinstance(p, CommanderPage))
    window.tabs.setCurrentWidget(page)
    assert "Fits" in page.meter.text()
    page.message.setFocus()
    page.message.moveCursor(page.message.textCursor().MoveOperation.End)
    # the box grows with the message: it takes far more than a normal message to overflow it
    extra = " We will keep working with our partners across the borough every day of the year." * 60
    qtbot.keyClicks(page.message, extra[:400])
    page.message.insertPlainText(extra[400:])
    # the flowing leaflet is measured again once typing pauses (ui/session.py), not on every key
    qtbot.waitUntil(lambda: "too long" in page.meter.text(), timeout=10_000)
    assert re.fullmatch(r"⚠ About \d+ words? too long", page.meter.text())  # in words, not lines
    assert page.meter.property("over") > 0
    assert any(f.code == "layout.overflow" for f in window.session.findings["tower-hamlets"])
    # Typing is one undo step per field: undoing brings the message back as it was.
    document = window.session.boroughs["tower-hamlets"]
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    qtbot.waitUntil(lambda: "Fits" in page.meter.text(), timeout=10_000)


def test_save_and_reload_keeps_every_edit(qtbot, window: MainWindow, sample_copy: Path) -> None:  # type: ignore[no-untyped-def]
    page = next(p for p in window.borough_pages if isinstance(p, CommanderPage))
    window.tabs.setCurrentWidget(page)
    page.name.setFocus()
    page.name.selectAll()
    qtbot.keyClicks(page.name, "Jane Doe <b>&")
    type_into_cell(qtbot, results_page(window), 6, 0, "Gun crime (all)")
    from ui import file_actions

    assert file_actions.save(window)
    assert not window.isWindowModified()
    saved = load_borough(sample_copy / "boroughs" / "tower-hamlets.yaml").doc
    assert saved.commander.name == "Jane Doe <b>&"
    assert saved.results[6].measure == "Gun crime (all)"
    close_quietly(window)  # releases the lock files, as quitting the editor does
    again = MainWindow(EditionSession(sample_copy))
    again.show_borough("tower-hamlets")
    assert next(p for p in again.borough_pages if isinstance(p, CommanderPage)).name.text() == "Jane Doe <b>&"
    close_quietly(again)


def test_close_with_unsaved_changes_asks_and_cancel_keeps_the_window(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def answer(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(args[2])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", answer)
    window.session.boroughs["tower-hamlets"].set_field(("commander", "name"), "Someone else")
    assert not window.close()
    assert asked and "unsaved changes" in asked[0]
    assert window.isVisible()


def test_bundled_sample_is_never_written(qtbot, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui import file_actions
    from ui.session import SAMPLE_FOLDER

    before = (SAMPLE_FOLDER / "boroughs" / "tower-hamlets.yaml").read_bytes()
    win = MainWindow(EditionSession(SAMPLE_FOLDER))
    win.show_borough("tower-hamlets")
    win.session.boroughs["tower-hamlets"].set_field(("commander", "name"), "Changed")
    monkeypatch.setattr("ui.file_actions.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "my-copy"), ""))
    assert file_actions.save(win)  # goes to Save As: a copy of the edition in the folder typed
    assert (SAMPLE_FOLDER / "boroughs" / "tower-hamlets.yaml").read_bytes() == before
    copy = tmp_path / "my-copy" / "boroughs" / "tower-hamlets.yaml"
    assert load_borough(copy).doc.commander.name == "Changed"
    close_quietly(win)


def test_problem_double_click_jumps_to_the_field(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentIndex(0)
    window.jump_to("tower-hamlets", "results[6].change_pct")
    page = results_page(window)
    assert window.tabs.currentWidget() is page
    assert page.view.currentIndex().row() == 6 and page.view.currentIndex().column() == 4


def test_every_control_has_an_accessible_name(window: MainWindow) -> None:
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTableView

    controls = [w for kind in (QLineEdit, QPlainTextEdit, QTableView) for w in window.findChildren(kind)]
    assert len(controls) > 20
    unnamed = [w for w in controls if not w.accessibleName() and w.isVisibleTo(window)]
    assert unnamed == []
