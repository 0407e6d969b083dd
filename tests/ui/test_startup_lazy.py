"""What the editor makes after its first paint (issue 9): the form pages not in front, the review panel.

Each is made at the latest when it is used, so nothing a user or a test reaches for is missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog, QLineEdit

from tests.ui.conftest import close_quietly
from ui import file_actions
from ui.main_window import MainWindow
from ui.pages.base import Page
from ui.pages.commander import CommanderPage
from ui.pages.tables import ResultsPage
from ui.session import EditionSession


@pytest.fixture
def unshown(qtbot, sample_copy: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(EditionSession(sample_copy))
    yield win
    close_quietly(win)


def _page(win: MainWindow, kind: type[Page]) -> Page:
    return next(p for p in win.borough_pages if isinstance(p, kind))


def test_only_the_page_in_front_is_built_with_the_window(unshown: MainWindow) -> None:
    assert _page(unshown, CommanderPage).built
    assert [p.built for p in unshown.borough_pages[1:]] == [False] * 4
    assert not unshown.london.built
    assert unshown.styleSheet() == ""  # no sheet on the window: it restyled every widget


def test_an_unbuilt_page_asked_for_a_widget_builds_and_shows_its_document_and_findings(unshown: MainWindow) -> None:
    page = _page(unshown, ResultsPage)
    document = unshown.session.boroughs["tower-hamlets"]
    bad = [f for f in unshown.session.findings["tower-hamlets"] if f.path.startswith("results[")]
    assert page.model.rowCount() == len(document.data.results)  # `.model` built it
    assert page.built and page.model.document is document
    assert page.model.findings == bad


def test_showing_a_page_builds_it_before_it_is_painted(qtbot, unshown: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = _page(unshown, ResultsPage)
    unshown.tabs.setCurrentWidget(page)
    assert page.built and page.tables


def test_find_searches_the_pages_not_built_yet(unshown: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.pages.initiatives import InitiativesPage

    page = _page(unshown, InitiativesPage)
    title = unshown.session.boroughs["tower-hamlets"].data.initiatives[0].title
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (title, True))
    file_actions.find(unshown)
    assert page.built and unshown.tabs.currentWidget() is page
    assert page.title_edit.selectedText() == title


def test_every_page_exists_once_the_first_preview_is_shown(window: MainWindow) -> None:
    assert all(p.built for p in (*window.borough_pages, window.london))
    labels = {w.accessibleName() for w in window.findChildren(QLineEdit)}
    assert {"Initiative title", "Period", "Deputy Mayor name"} <= labels


def test_the_review_panel_is_installed_when_first_used(unshown: MainWindow) -> None:
    review = unshown.menu("&Review")
    texts = [a.text() for a in review.actions()]
    assert texts == ["Review &Panel", "&Approve This Version…", "Add &Comment…", "Changes Since Approval",
                     "Figures in the Leaflet"]  # every entry and shortcut from the start
    assert "_review_panel" not in unshown.__dict__  # the panel itself is not made yet
    assert "Not approved" in unshown.review_panel.banner.text()  # asking for the panel installs it
    assert [a.text() for a in review.actions()] == texts  # and adds no second set of entries
    assert unshown.approval_label.text()  # filled for the borough already shown


def test_a_review_entry_used_before_the_panel_exists_installs_it_and_acts(unshown: MainWindow) -> None:
    entry = next(a for a in unshown.menu("&Review").actions() if a.text() == "Figures in the Leaflet")
    assert "_review_panel" not in unshown.__dict__
    entry.trigger()
    assert unshown.review_panel.tabs.currentIndex() == 2


def test_the_review_panel_is_installed_after_the_first_preview(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: "_review_panel" in window.__dict__, timeout=5000)  # without being asked for
    assert window.review_dock.widget() is window.review_panel
    assert "&Approve This Version…" in [a.text() for a in window.menu("&Review").actions()]


def test_opening_the_review_menu_installs_the_panel(unshown: MainWindow) -> None:
    unshown.menu("&Review").aboutToShow.emit()
    assert "_review_panel" in unshown.__dict__
    assert len(unshown.menu("&Review").actions()) == 5


def test_the_dashboard_is_made_when_its_dock_is_first_shown(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window._dashboard is None
    window.dashboard_dock.show()
    window.dashboard_dock.raise_()
    qtbot.waitUntil(lambda: window._dashboard is not None, timeout=5000)
    assert window.dashboard_dock.widget() is window.dashboard


def test_the_saved_layout_places_the_review_dock_made_before_its_panel(qtbot, sample_copy: Path) -> None:  # type: ignore[no-untyped-def]
    first = MainWindow(EditionSession(sample_copy))
    first.show()
    first.review_dock.setFloating(True)  # installs the panel; the user tears the dock off
    close_quietly(first)  # saves the layout
    again = MainWindow(EditionSession(sample_copy))
    try:
        again.show()  # restoring a floating dock used to install the panel inside restoreState: a crash
        assert again.review_dock.isFloating()
        assert again.review_dock.widget() is again.review_panel
    finally:
        close_quietly(again)
