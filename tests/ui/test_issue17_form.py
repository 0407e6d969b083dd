"""Issue 17, driven through the real window: priorities in structured parts (item 2), the window on an
office laptop screen (item 3), overflow in words (item 4), approvals (item 6), small things (item 10)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from model.leaflet import priority_text
from model.types import Target
from ui.main_window import MainWindow
from ui.pages.tables import PrioritiesPage

pytestmark = pytest.mark.timeout(120)
TH = "tower-hamlets"


def priorities_page(win: MainWindow) -> PrioritiesPage:
    page = next(p for p in win.borough_pages if isinstance(p, PrioritiesPage))
    win.tabs.setCurrentWidget(page)
    return page


def type_into_cell(qtbot, view: QAbstractItemView, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.setFocus()
    view.edit(index)
    editor = next(e for e in view.viewport().findChildren(QLineEdit) if e.isVisible())
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() == QAbstractItemView.State.NoState, timeout=5000)


# --- item 2: a priority typed in words is never reversed; structured parts ---------------------------


def test_a_priority_typed_in_words_keeps_its_direction(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = priorities_page(window)
    document = window.session.boroughs[TH]
    type_into_cell(qtbot, page.view, 0, 0, "burglary down by 3%")
    assert document.data.priorities[0].targets == (Target("burglary", Decimal("-3")),)
    assert priority_text(document.data.priorities[0]) == "3% reduction in burglary"
    assert page.model.data(page.model.index(0, 0), Qt.ItemDataRole.DisplayRole) == "burglary -3"


def test_words_without_a_direction_are_refused_and_nothing_changes(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = priorities_page(window)
    document = window.session.boroughs[TH]
    before = document.data.priorities
    type_into_cell(qtbot, page.view, 0, 0, "burglary 3%")
    assert document.data.priorities == before
    assert "reduction or an increase" in page.status.text()
    type_into_cell(qtbot, page.view, 0, 0, "burglary down by +3%")
    assert document.data.priorities == before
    assert "says 'down' but the number is +3" in page.status.text()


def test_a_target_added_from_measure_direction_and_percentage(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = priorities_page(window)
    form = page.target_form
    document = window.session.boroughs[TH]
    measures = [form.measure.itemText(i) for i in range(form.measure.count())]
    assert "Residential burglary" in measures or "Burglary" in measures  # the catalogue's measures are offered
    assert "Most serious violence" in measures
    page.view.setCurrentIndex(page.model.index(1, 0))
    form.measure.setCurrentText("Most serious violence")
    form.direction.setCurrentText("reduction")
    form.percentage.setValue(2.5)
    assert form.prints.text() == "The leaflet will print: “2.5% reduction in Most serious violence”"
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    assert document.data.priorities[1].targets[-1] == Target("Most serious violence", Decimal("-2.5"))
    window.undo_group.undo()  # one undoable edit
    assert len(document.data.priorities[1].targets) == 2
    page.view.setCurrentIndex(page.model.index(-1, -1))
    form.direction.setCurrentText("increase")
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)  # nothing selected: a new priority
    assert document.data.priorities[-1].targets == (Target("Most serious violence", Decimal("2.5")),)


# --- item 3: from 1024×600 up; first start sized to the screen; geometry remembered -------------------


def test_the_window_works_at_1024_by_600(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.showNormal()
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: window.width() == 1024 and window.height() == 600)
    assert window.minimumSizeHint().width() <= 1024 and window.minimumSizeHint().height() <= 600
    inside = window.rect()
    for widget in (window.statusBar(), window.problems_dock, window.centre, window.edition_list):
        top_left = widget.mapTo(window, widget.rect().topLeft())
        bottom_right = widget.mapTo(window, widget.rect().bottomRight())
        assert inside.contains(top_left) and inside.contains(bottom_right), widget
    assert window.centre.indexOf(window.preview) >= 0  # narrow: the preview is a tab beside the form
    assert window.centre.tabBar().isVisible()
    window.centre.setCurrentWidget(window.preview)
    assert window.preview.isVisible()
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() == 1280)
    assert window.splitter.indexOf(window.preview) == 2 and window.preview.isVisible()
    assert not window.centre.tabBar().isVisible()


def test_the_form_scrolls_to_the_field_tabbed_to(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.showNormal()
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: window.height() == 600)
    page = window.borough_pages[0]
    window.tabs.setCurrentWidget(page)
    page.alt.setFocus()
    qtbot.waitUntil(page.alt.hasFocus)
    viewport = window.form_scroll.viewport()
    top = page.alt.mapTo(viewport, page.alt.rect().topLeft())
    assert 0 <= top.y() < viewport.height()


def test_first_start_fits_the_screen_and_the_geometry_is_remembered(qtbot, sample_copy) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import close_quietly
    from ui.session import EditionSession

    first = MainWindow(EditionSession(sample_copy))
    free = first.screen().availableGeometry()
    assert first.width() <= free.width() and first.height() <= free.height()
    first.showNormal()
    first.setGeometry(free.x() + 10, free.y() + 40, 700, 500)
    qtbot.waitUntil(lambda: first.width() == 700)
    close_quietly(first)
    again = MainWindow(EditionSession(sample_copy))
    try:
        assert (again.width(), again.height()) == (700, 500)
    finally:
        close_quietly(again)


# --- item 6: an approval is written at once, as its own record, after a dialog that shows what ---------


def test_approving_shows_what_is_approved_and_writes_it_at_once_with_account_and_computer(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, monkeypatch) -> None:
    import getpass
    import socket

    from PySide6.QtWidgets import QApplication, QMessageBox

    from model.approvals import approval_records
    from model.storage import load_borough
    from ui.approve_dialog import ApproveDialog
    from ui.settings import set_user_name

    set_user_name("")
    document = window.session.boroughs[TH]
    document.set_field(("commander", "name"), "Paul Rickett QPM")  # an unsaved edit, approved with the rest
    seen: list[str] = []

    def the_commander_reads_and_approves(dialog: ApproveDialog) -> None:
        seen.append(dialog.what.toPlainText())
        seen.append(dialog.account.text())
        assert not dialog.approve_button.isEnabled()  # no name, no approval
        dialog.name.setText("Ch Supt Example")
        dialog.approve_button.click()

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, ApproveDialog):
            the_commander_reads_and_approves(widget)
        else:
            QTimer.singleShot(10, poll)

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, poll)
    entry = next(a for a in window.menu("&Review").actions() if a.text() == "&Approve This Version…")
    entry.trigger()
    qtbot.waitUntil(lambda: document.data.approval is not None, timeout=10_000)
    assert "First approval: the whole leaflet" in seen[0] and "Message from Borough Commander Paul Rickett QPM" in seen[0]
    assert seen[1] == f"{getpass.getuser()} on {socket.gethostname()}"
    # on disk at once: the borough file and a record of its own, nothing left unsaved to lose by Discard
    assert not document.dirty
    on_disk = load_borough(document.path).doc.approval
    assert on_disk is not None and on_disk.by == "Ch Supt Example"
    assert (on_disk.user, on_disk.host) == (getpass.getuser(), socket.gethostname())
    [record] = approval_records(window.session.folder)
    assert record["by"] == "Ch Supt Example" and record["user"] == getpass.getuser()
    assert record["fingerprint"] == on_disk.fingerprint and record["file"] == "boroughs/tower-hamlets.yaml"
    assert not list((window.session.folder / ".approvals").glob(".~save-*"))  # written atomically
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    window.close()  # nothing to ask: the approval is not an unsaved change
    assert load_borough(document.path).doc.approval == on_disk


def test_cancelling_the_approval_dialog_approves_nothing(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialog

    from model.approvals import approval_records
    from ui import review_actions
    from ui.approve_dialog import ApproveDialog

    monkeypatch.setattr(ApproveDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert not review_actions.approve(window)
    assert window.session.boroughs[TH].data.approval is None
    assert approval_records(window.session.folder) == []


# --- item 4: overflow in words, marked over the preview ------------------------------------------------


def test_an_overflowing_message_is_counted_in_words_and_marked_in_the_preview(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    import re

    from ui.pages.commander import CommanderPage

    page = next(p for p in window.borough_pages if isinstance(p, CommanderPage))
    window.tabs.setCurrentWidget(page)
    assert page.meter.text() == "✓ Fits" and not window.preview.cuts.isVisibleTo(window.preview)
    document = window.session.boroughs[TH]
    extra = " We will keep working with our partners across the borough every day of the year." * 60  # the box grows first
    document.set_field(("commander", "message"), document.data.commander.message + extra)
    # the flowing leaflet is measured again once typing pauses (ui/session.py), not on every key
    qtbot.waitUntil(lambda: "too long" in page.meter.text(), timeout=10_000)
    found = re.fullmatch(r"⚠ About (\d+) words? too long", page.meter.text())
    assert found, page.meter.text()
    words = int(found.group(1))
    assert 10 <= words <= len(extra.split()) + 5  # in the range of what was added, not a line count
    assert window.preview.cuts.isVisibleTo(window.preview)
    assert f"The commander's message is cut here: about {words} words do not fit" in window.preview.cuts.text()
    window.undo_group.undo()
    qtbot.waitUntil(lambda: page.meter.text() == "✓ Fits", timeout=10_000)
    assert not window.preview.cuts.isVisibleTo(window.preview)


def test_words_are_taken_from_the_layout_check_when_it_counts_them() -> None:
    from model.findings import Finding
    from ui.overflow import meter_text, overflow_words

    reported = Finding("commander", "error", "layout.overflow", "the last 42 words of the commander's message do "
                       "not fit its box and are cut (about 5 lines too long, page 2); shorten it by 42 words or more")
    assert overflow_words([reported], "commander") == 42
    assert meter_text(42) == "⚠ About 40 words too long"
    assert meter_text(3) == "⚠ About 3 words too long"
