"""The edition dashboard: one row per borough with what the files say, sortable, double-click opens."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from benchmarks.generate_edition import generate_edition
from model import locking, review
from model.storage import load_borough, load_edition_content, save
from model.types import Approval, Comment
from ui.dashboard import COLUMNS, EditionDashboard


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    folder = generate_edition(tmp_path / "ed", seed=3)
    camden = folder / "boroughs" / "camden.yaml"
    doc = load_borough(camden).doc
    fingerprint = review.current_fingerprint(load_edition_content(folder / "edition.yaml").doc, doc, folder)
    save(replace(doc, status="approved", approval=Approval("Cdr Jones", "2010-06-01T09:00:00+00:00", fingerprint),
                 comments=(Comment(id="a", path="results[0]", text="x"), Comment(id="b", path="", text="y"),
                           Comment(id="c", path="", text="z", resolved=True))), camden)
    (folder / "boroughs" / "zz-broken.yaml").write_text("format: 1\nborough: [unclosed\n")
    return folder


@pytest.fixture
def dashboard(qtbot, edition: Path) -> EditionDashboard:
    widget = EditionDashboard()
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.refreshed, timeout=60_000):
        widget.set_folder(edition)
    return widget


def column_values(widget: EditionDashboard, column: int) -> list[str]:
    proxy = widget.proxy
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_one_row_per_borough_file_with_what_the_file_says(dashboard: EditionDashboard) -> None:
    names = column_values(dashboard, COLUMNS.index("Borough"))
    assert len(names) == 33 and names[0] == "Barking and Dagenham"
    camden = next(r for r in dashboard.model.rows if r.slug == "camden")
    assert (camden.status, camden.unresolved, camden.approval) == ("approved", 2, "Approved by Cdr Jones")
    broken = next(r for r in dashboard.model.rows if r.slug == "zz-broken")
    assert broken.status == "unreadable" and "not valid YAML" in broken.problem
    assert "33 boroughs" in dashboard.summary.text() and "1 approved" in dashboard.summary.text()


def test_open_by_shows_the_lock_holder(qtbot, edition: Path) -> None:
    with locking.acquire(edition / "boroughs" / "barnet.yaml"):
        widget = EditionDashboard()
        qtbot.addWidget(widget)
        with qtbot.waitSignal(widget.refreshed, timeout=60_000):
            widget.set_folder(edition)
    barnet = next(r for r in widget.model.rows if r.slug == "barnet")
    assert barnet.open_by and "old lock" not in barnet.open_by
    assert all(not r.open_by for r in widget.model.rows if r.slug != "barnet")


def test_clicking_a_header_sorts_by_that_column_numerically(qtbot, dashboard: EditionDashboard) -> None:
    header = dashboard.table.horizontalHeader()
    column = COLUMNS.index("Open comments")
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    first = [int(v) if v != "—" else -1 for v in column_values(dashboard, column)]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    second = [int(v) if v != "—" else -1 for v in column_values(dashboard, column)]
    assert first != second
    assert sorted([first, second]) == sorted([sorted(first), sorted(first, reverse=True)])


def test_sort_by_last_saved_uses_the_time_not_the_text(dashboard: EditionDashboard) -> None:
    column = COLUMNS.index("Last saved")
    dashboard.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    top = dashboard.proxy.index(0, 0).data()
    assert top in ("Camden", "zz-broken")  # written last by the fixture


def test_double_click_opens_the_borough(qtbot, dashboard: EditionDashboard) -> None:
    dashboard.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    dashboard.show()
    qtbot.waitExposed(dashboard)
    index = dashboard.proxy.index(1, 0)  # descending: zz-broken, then Westminster
    rect = dashboard.table.visualRect(index)
    # A real double-click is a press, a release, then the double-click event (Qt 6 needs the press).
    qtbot.mouseClick(dashboard.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(dashboard.open_borough, timeout=5000) as blocker:
        qtbot.mouseDClick(dashboard.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["westminster"]


def test_selected_slugs_follow_the_sorted_table(dashboard: EditionDashboard) -> None:
    dashboard.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    dashboard.table.selectRow(0)
    assert dashboard.selected_slugs() == ["barking-and-dagenham"]


def test_refresh_one_borough_after_a_save(dashboard: EditionDashboard, edition: Path) -> None:
    path = edition / "boroughs" / "barnet.yaml"
    save(replace(load_borough(path).doc, status="in_review", comments=()), path)
    dashboard.refresh_borough("barnet")
    barnet = next(r for r in dashboard.model.rows if r.slug == "barnet")
    assert (barnet.status, barnet.unresolved) == ("in_review", 0)
    assert len(dashboard.model.rows) == 33


def test_a_london_change_reopens_approvals_and_the_summary_counts_them(qtbot, edition: Path) -> None:  # type: ignore[no-untyped-def]
    text = (edition / "edition.yaml").read_text(encoding="utf-8")
    (edition / "edition.yaml").write_text(text.replace("period:", "# edited\nperiod:", 1), encoding="utf-8")
    unchanged = EditionDashboard()
    qtbot.addWidget(unchanged)
    with qtbot.waitSignal(unchanged.refreshed, timeout=60_000):
        unchanged.set_folder(edition)
    camden = next(r for r in unchanged.model.rows if r.slug == "camden")
    assert camden.approval == "Approved by Cdr Jones"  # a comment in the file prints nothing

    content = load_edition_content(edition / "edition.yaml").doc
    save(replace(content, cpegs=replace(content.cpegs, heading=content.cpegs.heading + " (updated)")),
         edition / "edition.yaml")
    widget = EditionDashboard()
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.refreshed, timeout=60_000):
        widget.set_folder(edition)
    camden = next(r for r in widget.model.rows if r.slug == "camden")
    assert camden.approval == "Out of date (approved by Cdr Jones)"
    assert "1 approval out of date" in widget.summary.text() and "0 approved" in widget.summary.text()
