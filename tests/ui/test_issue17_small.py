"""Issue 17 item 10, the small things, each as the user met it in the real window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QMessageBox

from model.docdiff import value_text
from model.types import Initiative
from tests.ui.test_issue17_form import TH, priorities_page, type_into_cell
from ui.main_window import MainWindow

pytestmark = pytest.mark.timeout(120)


def test_counts_read_as_english(window: MainWindow) -> None:
    from decimal import Decimal

    from ui.words import plural

    assert plural(1, "error") == "1 error" and plural(2, "borough") == "2 boroughs" and plural(0, "error") == "0 errors"
    window.session.boroughs[TH].set_field(("results", 0, "change_pct"), Decimal("-21.7"))
    assert "1 error," in window.problems_dock.windowTitle()  # not "1 errors"


def test_the_preview_follows_the_priorities_tab(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    pages = window.preview.section_pages
    assert "looking_forward" in pages
    jumps: list[int] = []
    navigator = window.preview.view.pageNavigator()
    original = navigator.jump
    navigator.jump = lambda page, *a: jumps.append(page) or original(page, *a)  # type: ignore[method-assign]
    priorities_page(window)
    assert jumps and jumps[-1] == pages["looking_forward"]


def test_open_it_now_says_so_when_no_pdf_viewer_is_set(qtbot, window: MainWindow, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui import file_actions

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, text, *a: told.append(f"{title}: {text}"))
    monkeypatch.setattr(file_actions.QDesktopServices, "openUrl", lambda _url: False)
    target = tmp_path / "leaflet.pdf"
    file_actions._exported(window, QMessageBox(), target, b"%PDF-1.4 test", "")
    assert target.read_bytes() == b"%PDF-1.4 test"
    assert told and "No program to open PDF files" in told[0] and str(target) in told[0]


def test_changes_since_approval_read_as_words_not_keys() -> None:
    text = value_text(Initiative(title="Operation Fusion", text="Safer streets.", photo="images/a.jpg", alt="Officers"))
    assert "title:" not in text and "text:" not in text
    assert "Title: Operation Fusion" in text and "\nSafer streets." in text and "Photo description: Officers" in text


def test_editing_table_cells_logs_nothing(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    logged: list[str] = []
    previous = qInstallMessageHandler(lambda kind, _ctx, message: logged.append(message)
                                      if kind != QtMsgType.QtDebugMsg else None)
    try:
        page = priorities_page(window)
        type_into_cell(qtbot, page.view, 0, 0, "burglary down by 3%")
        type_into_cell(qtbot, page.view, 1, 1, "Tackling anti-social behaviour")
        qtbot.wait(100)
    finally:
        qInstallMessageHandler(previous)
    assert not [m for m in logged if "commitData" in m], logged
    assert page.view.currentIndex().row() == 1  # the current cell is kept after an edit


def test_tables_fit_without_a_horizontal_scroll_bar_and_explain_their_tints(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    window.showNormal()
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.width() == 1920)
    from ui.pages.tables import ResultsPage

    page = next(p for p in window.borough_pages if isinstance(p, ResultsPage))
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(page.view.isVisible)
    assert not page.view.horizontalScrollBar().isVisible()
    keys = [w.text() for w in page.findChildren(QLabel) if w.accessibleName() == "Colour key"]
    assert keys and "error" in keys[0] and "warning" in keys[0] and "Hover" in keys[0]
