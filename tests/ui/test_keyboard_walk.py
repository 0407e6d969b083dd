"""Keyboard only (issue 17): every field reachable with Tab in the order the window shows them, every
stop named for a screen reader, and the focus visible where it is."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QApplication, QComboBox, QTabBar, QWidget

from ui.main_window import MainWindow
from ui.pages.base import Page

pytestmark = pytest.mark.timeout(180)


def walk(qtbot, window: MainWindow, start: QWidget, limit: int = 80,  # type: ignore[no-untyped-def]
         unseen: list[QWidget] | None = None) -> list[QWidget]:
    """Press Tab from `start` until the focus comes back to it; the widgets it stopped at, in order.

    `unseen` collects the stops that could not be seen when the focus was on them.
    """
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    stops = [start]
    for _ in range(limit):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is start or now is None:
            break
        stops.append(now)
        if unseen is not None and now.visibleRegion().isEmpty():
            unseen.append(now)
    return stops


def spoken_name(widget: QWidget) -> str:
    """What a screen reader announces: the accessible name, else a button's or a tab bar's own text."""
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "")
    if isinstance(widget, QTabBar):
        return widget.tabText(widget.currentIndex())
    return ""


def page_fields(page: Page) -> list[QWidget]:
    """The page's own controls Tab should reach (enabled, shown, taking focus; not the text box inside a
    combo or spin box, which the control itself stands for)."""
    return [w for w in page.findChildren(QWidget) if w.isVisibleTo(page) and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.window() is page.window()
            and not isinstance(w.parentWidget(), (QComboBox, QAbstractSpinBox))]


@pytest.mark.parametrize("index", range(5))
def test_tab_reaches_every_field_of_each_section_in_visual_order(qtbot, window: MainWindow, index: int) -> None:  # type: ignore[no-untyped-def]
    window.showNormal()
    window.resize(1280, 720)
    window.tabs.setCurrentIndex(index)
    page = window.tabs.currentWidget()
    assert isinstance(page, Page)
    qtbot.waitUntil(page.isVisible)
    unseen: list[QWidget] = []
    stops = walk(qtbot, window, window.edition_list, unseen=unseen)
    fields = page_fields(page)
    missing = [f"{type(w).__name__} {spoken_name(w)!r}" for w in fields if w not in stops]
    assert not missing, f"not reachable with Tab on {page.title}: {missing}"
    # the list, then the section tabs, then this page's fields, and the problems list after them all
    positions = [stops.index(w) for w in fields]
    assert stops.index(window.tabs.tabBar()) < min(positions)
    assert max(positions) < stops.index(window.problems)
    # in the order they are shown: top to bottom, and left to right on one line
    in_page = [w for w in stops if w in fields]
    places = [(w.mapTo(page, w.rect().topLeft()).y(), w.mapTo(page, w.rect().topLeft()).x()) for w in in_page]
    for (y0, x0), (y1, x1), a, b in zip(places, places[1:], in_page, in_page[1:], strict=False):
        assert y1 > y0 - 4 or (abs(y1 - y0) <= 4 and x1 > x0), (
            f"Tab goes from {spoken_name(a)!r} at {(x0, y0)} back up to {spoken_name(b)!r} at {(x1, y1)}")
    hidden = [f"{type(w).__name__} {spoken_name(w)!r}" for w in unseen]
    assert not hidden, f"Tab went to controls that cannot be seen (a dock tabbed behind another): {hidden}"
    unnamed = [type(w).__name__ for w in stops if not spoken_name(w)]
    assert not unnamed, f"stops without a name for a screen reader: {unnamed}"


def _looks(window: MainWindow, widget: QWidget) -> QImage:
    """The window's pixels where `widget` is, with whatever is drawn over it."""
    top_left = widget.mapTo(window, widget.rect().topLeft())
    return window.grab(QRect(top_left, widget.size())).toImage()


def test_the_focus_is_visible_at_every_stop(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.showNormal()
    window.resize(1280, 720)
    window.tabs.setCurrentIndex(0)
    stops = walk(qtbot, window, window.edition_list)
    assert len(stops) >= 10
    invisible = []
    for widget in stops:
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda w=widget: QApplication.focusWidget() is w)
        focused = _looks(window, widget)
        window.menuBar().setFocus(Qt.FocusReason.OtherFocusReason)  # somewhere that is not a stop
        qtbot.waitUntil(lambda w=widget: not w.hasFocus())
        if _looks(window, widget) == focused:
            invisible.append(f"{type(widget).__name__} {spoken_name(widget)!r}")
    assert not invisible, f"the focus does not show on {len(invisible)} of {len(stops)} stops: {invisible}"
