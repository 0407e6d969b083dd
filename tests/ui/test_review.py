"""The review panel driven as a commander would: approve, see an edit re-open it, comment, the print gate."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from model.checks.ledger import figure_ledger
from model.storage import load_borough
from tests.ui.conftest import close_quietly
from tests.ui.test_editor import results_page, type_into_cell
from ui import file_actions, review_actions
from ui.approve_dialog import ApproveDialog
from ui.main_window import MainWindow
from ui.session import EditionSession
from ui.settings import set_user_name

SLUG = "tower-hamlets"


@pytest.fixture
def window(qtbot, sample_copy: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:  # type: ignore[no-untyped-def]
    set_user_name("Ch Supt Example")
    win = MainWindow(EditionSession(sample_copy))
    win.show()
    qtbot.waitUntil(lambda: win.preview.pdf.pageCount() > 0, timeout=20_000)
    yield win
    close_quietly(win)


def _yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def answer(_parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    # The approval dialog (ui/approve_dialog.py), answered "Approve" with the name it offers.
    monkeypatch.setattr(ApproveDialog, "exec", lambda self: asked.append(self.windowTitle()) or QDialog.DialogCode.Accepted)
    return asked


def _redrawn(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not window.review_panel._timer.isActive(), timeout=5000)


def test_approve_edit_a_figure_see_it_stale_and_the_diff_shows_that_edit(
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    _yes(monkeypatch)
    panel = window.review_panel
    assert "Not approved" in panel.banner.text()
    assert review_actions.approve(window)
    document = window.session.boroughs[SLUG]
    assert document.data.approval is not None and document.data.approval.by == "Ch Supt Example"
    assert document.data.status == "approved"
    _redrawn(qtbot, window)
    assert "Approved by Ch Supt Example" in panel.banner.text()
    assert panel.status.currentData() == "approved"
    assert not panel.approve.isEnabled()
    assert "approved by Ch Supt Example" in window.approval_label.text()

    page = results_page(window)
    type_into_cell(qtbot, page, 1, 3, "-135")  # Total robbery: -136 → -135
    assert document.data.results[1].change == -135
    assert any(f.code == "review.approval_stale" for f in window.session.findings[SLUG])
    _redrawn(qtbot, window)
    assert "Out of date" in panel.banner.text()
    assert panel.view is not None and [c.path for c in panel.view.changes] == ["results[1].change"]
    html = panel.changes.toHtml()
    assert "-136" in html and "-135" in html and "line-through" in html
    assert panel.tabs.tabText(1) == "Changes since approval (1)"
    item = window.edition_list.item(1)
    assert "approval out of date" in item.text()
    assert "approval out of date" in window.approval_label.text()

    window.undo_group.undo()  # back to what was approved
    _redrawn(qtbot, window)
    assert "Approved by" in panel.banner.text()


def test_a_london_edit_reopens_the_approval_and_is_listed(
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    _yes(monkeypatch)
    review_actions.approve(window)
    content = window.session.content
    content.set_field(("met_forward", "heading"), content.data.met_forward.heading + " today")
    assert any(f.code == "review.approval_stale" for f in window.session.findings[SLUG])
    _redrawn(qtbot, window)
    assert [c.path for c in window.review_panel.view.changes] == ["london.met_forward.heading"]  # type: ignore[union-attr]


class _FakeCommentDialog:
    def __init__(self, targets, current, author, parent) -> None:  # type: ignore[no-untyped-def]
        self.targets, self.current = targets, current

    def exec(self) -> QDialog.DialogCode:
        return QDialog.DialogCode.Accepted

    def values(self) -> tuple[str, str]:
        path = next(p for _label, p in self.targets if p == "results[1]")
        return path, "Check robbery <b>against</b> the spreadsheet & the MPS figure"


def test_comments_are_added_resolved_saved_and_loaded(
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, sample_copy: Path) -> None:  # type: ignore[no-untyped-def]
    _yes(monkeypatch)
    review_actions.approve(window)
    assert review_actions.add_comment(window, dialog_factory=_FakeCommentDialog)
    document = window.session.boroughs[SLUG]
    [comment] = document.data.comments
    assert (comment.path, comment.author, comment.resolved) == ("results[1]", "Ch Supt Example", False)
    assert comment.text == "Check robbery <b>against</b> the spreadsheet & the MPS figure"
    _redrawn(qtbot, window)
    panel = window.review_panel
    assert panel.comments.topLevelItemCount() == 1
    assert panel.comments.topLevelItem(0).text(0) == "Results: Total robbery"
    assert panel.tabs.tabText(0) == "Comments (1 open)"
    assert "1 open comment" in window.edition_list.item(1).text()
    assert "Approved by" in panel.banner.text()  # a comment is not a change to the content

    panel.comments.setCurrentItem(panel.comments.topLevelItem(0))
    panel.resolve.click()
    assert document.data.comments[0].resolved
    _redrawn(qtbot, window)
    assert panel.comments.topLevelItemCount() == 0  # resolved ones are hidden until asked for
    panel.show_resolved.setChecked(True)
    assert panel.comments.topLevelItemCount() == 1

    assert file_actions.save(window)
    again = load_borough(sample_copy / "boroughs" / f"{SLUG}.yaml").doc
    assert again.comments == document.data.comments
    assert again.approval == document.data.approval
    window.undo_group.undo()  # resolving is undoable like every edit
    assert not document.data.comments[0].resolved


def test_print_export_asks_why_and_records_the_override(
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def cancel(_parent, title, label, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(label)
        return "", False

    monkeypatch.setattr(QInputDialog, "getText", cancel)
    file_actions.export_pdf(window, print_pdf=True)
    assert asked and "not approved" in asked[0]
    document = window.session.boroughs[SLUG]
    assert document.data.print_overrides == ()

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("printer deadline", True))
    target = tmp_path / "th-print.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)  # don't open it
    file_actions.export_pdf(window, print_pdf=True)
    qtbot.waitUntil(target.exists, timeout=30_000)
    [override] = document.data.print_overrides
    assert override.by == "Ch Supt Example" and override.reason.startswith("printer deadline")
    assert window.isWindowModified()  # saved with the file


def test_the_figures_tab_lists_every_ledger_entry(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    review_actions.show_tab(window, 2)
    _redrawn(qtbot, window)
    panel = window.review_panel
    ledger = figure_ledger(window.session.content.data, window.session.boroughs[SLUG].data)
    assert panel.ledger.topLevelItemCount() == len(ledger) > 20
    words = {panel.ledger.topLevelItem(i).text(2) for i in range(panel.ledger.topLevelItemCount())}
    assert "✔ Verified" in words and "– Not sourced" in words
    panel.ledger_filter.setCurrentIndex(panel.ledger_filter.findData("verified"))
    assert 0 < panel.ledger.topLevelItemCount() < len(ledger)


def test_hostile_comment_paths_and_text_are_shown_literally(qtbot, sample_copy: Path) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from model.storage import save
    from model.types import Comment

    path = sample_copy / "boroughs" / f"{SLUG}.yaml"
    borough = load_borough(path).doc
    odd = (Comment("a", "results[abc]", "<b>Boss</b>", "2026", "<script>alert(1)</script>"),
           Comment("b", "results[99].change", "x", "", "row gone"), Comment("c", "london.nowhere[", "x", "", "y"))
    save(replace(borough, comments=odd), path)
    set_user_name("Reviewer")
    win = MainWindow(EditionSession(sample_copy))
    win.show()
    try:
        review_actions.show_tab(win, 0)
        _redrawn(qtbot, win)
        panel = win.review_panel
        texts = [panel.comments.topLevelItem(i).text(1) for i in range(panel.comments.topLevelItemCount())]
        assert texts == ["<script>alert(1)</script>", "row gone", "y"]
        assert panel.comments.topLevelItem(0).text(0) == "results[abc]"
        assert panel.comments.topLevelItem(1).text(0) == "Results: #100 (change)"
        for i in range(3):  # nowhere to jump to is not a crash
            panel._jump_comment(panel.comments.topLevelItem(i))
    finally:
        close_quietly(win)
