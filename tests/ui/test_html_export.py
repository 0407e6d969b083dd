"""File ▸ Export Web Page (HTML)…: beside the PDF exports, asks for a folder, holds back errors unless confirmed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ui.main_window import MainWindow
from ui.pages.commander import CommanderPage

ACTION = "Export &Web Page (HTML)…"



def file_actions(win: MainWindow) -> list[str]:
    return [a.text() for a in win.menu("&File").actions() if isinstance(a, QAction) and not a.isSeparator()]


def answer(monkeypatch: pytest.MonkeyPatch, folder: Path, replies: list[QMessageBox.StandardButton]) -> list[str]:
    """Patch the folder dialog and the questions; returns the questions' titles as they are asked."""
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))

    def question(_parent, title, _text, *_a, **_k):  # type: ignore[no-untyped-def]
        asked.append(title)
        return replies.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_the_action_sits_beside_the_pdf_exports_and_writes_the_page(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    actions = file_actions(window)
    assert actions.index(ACTION) == actions.index("Export &Print PDF…") + 1
    asked = answer(monkeypatch, tmp_path, [QMessageBox.StandardButton.No])  # do not open a browser
    window.show_borough("tower-hamlets")
    next(a for a in window.menu("&File").actions() if a.text() == ACTION).trigger()
    page = tmp_path / "tower-hamlets" / "index.html"
    assert asked == ["Exported"]
    assert "<title>Tower Hamlets Local Policing Summary 2009/10</title>" in page.read_text(encoding="utf-8")
    assert (tmp_path / "tower-hamlets" / "images" / "commander.jpg").is_file()


def test_a_photo_without_alt_text_asks_before_exporting(
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.web_export import export_web_page

    window.show_borough("tower-hamlets")
    page = next(p for p in window.borough_pages if isinstance(p, CommanderPage))
    window.tabs.setCurrentWidget(page)
    page.alt.selectAll()  # the alt text field of the commander's form, emptied as a user would
    qtbot.keyClick(page.alt, Qt.Key.Key_Delete)
    assert window.session.boroughs["tower-hamlets"].data.commander.alt == ""
    qtbot.waitUntil(lambda: any(f.code == "photo.alt_missing" and f.path == "commander.alt"
                                for f in window.session.findings.get("tower-hamlets", [])), timeout=10_000)
    asked = answer(monkeypatch, tmp_path, [QMessageBox.StandardButton.No])
    assert export_web_page(window) is None
    assert asked == ["Export with errors?"] and not (tmp_path / "tower-hamlets").exists()
    asked = answer(monkeypatch, tmp_path, [QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No])
    page = export_web_page(window)
    assert asked == ["Export with errors?", "Exported"]
    assert page == tmp_path / "tower-hamlets" / "index.html"
    assert 'alt=""' in page.read_text(encoding="utf-8")


def test_the_pan_london_page_has_no_web_page_of_its_own(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.web_export import export_web_page

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: told.append(text))
    window.show_borough("")
    assert export_web_page(window) is None
    assert told == ["Choose a borough in the list first."]


