"""The import dialog: preview per borough, rejected rows by number, apply as one undo step on open boroughs."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from model.edition import load_edition
from model.new_edition import create_edition
from model.storage import load_borough
from tests.conftest import ROOT, SAMPLE
from ui.document import Document
from ui.import_figures_dialog import ImportFiguresDialog

EXAMPLE = ROOT / "tests" / "fixtures" / "performance-figures-2009-10.csv"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("import") / "ed"
    create_edition(SAMPLE, folder, "2010/11")
    return folder


@pytest.fixture
def edition(template: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(template, tmp_path / "ed"))


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    path = tmp_path / "figures.csv"
    path.write_text(EXAMPLE.read_text() + "Tower Hamlet,Gun crime,65,90,-4.2\nBarnet,Knife crime,lots,3,-1\n")
    return path


def test_preview_lists_changes_by_borough_and_rejected_rows(qtbot, edition: Path, sheet: Path) -> None:
    dialog = ImportFiguresDialog(edition, sheet=sheet)
    qtbot.addWidget(dialog)
    boroughs = [dialog.changes_tree.topLevelItem(i).text(0) for i in range(dialog.changes_tree.topLevelItemCount())]
    assert boroughs == ["Barnet", "Camden", "Tower Hamlets"]
    knife = dialog.changes_tree.topLevelItem(1).child(0)
    assert knife.text(0) == "Knife crime (new row)"
    rows = [tuple(knife.child(i).text(c) for c in range(3)) for i in range(knife.childCount())]
    assert ("Change %", "(empty)", "-7.7") in rows and ("Outcome", "(empty)", "achieved") in rows
    th = dialog.changes_tree.topLevelItem(2)
    youth = next(th.child(i) for i in range(th.childCount()) if th.child(i).text(0) == "Serious youth violence")
    assert ("Target %", "-5.5", "-4.7") in [tuple(youth.child(i).text(c) for c in range(3))
                                            for i in range(youth.childCount())]
    rejected = [(dialog.rejected_table.item(r, 0).text(), dialog.rejected_table.item(r, 1).text())
                for r in range(dialog.rejected_table.rowCount())]
    assert [r for r, _ in rejected] == ["12", "13"]
    assert "unknown borough" in rejected[0][1] and "'lots'" in rejected[1][1]
    assert dialog.apply_button.isEnabled()


def test_apply_is_one_undo_step_on_open_boroughs_and_saves_the_others(qtbot, edition: Path, sheet: Path) -> None:
    th_path = edition / "boroughs" / "tower-hamlets.yaml"
    loaded = load_borough(th_path)
    document = Document(loaded.doc, th_path, fingerprint=loaded.fingerprint)
    document.set_field(("commander", "message"), "An unsaved draft message.")
    disk_before = th_path.read_bytes()
    dialog = ImportFiguresDialog(edition, documents={"tower-hamlets": document}, sheet=sheet)
    qtbot.addWidget(dialog)
    steps = document.undo_stack.count()
    with qtbot.waitSignal(dialog.applied) as blocker:
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [["barnet", "camden", "tower-hamlets"]]
    # The open borough: changed in memory as exactly one more undo step, unsaved edit kept.
    assert document.undo_stack.count() == steps + 1
    assert document.data.commander.message == "An unsaved draft message."
    assert [r.change for r in document.data.results][-1] == -101
    assert th_path.read_bytes() == disk_before
    document.undo_stack.undo()
    assert document.data == replace(loaded.doc, commander=replace(loaded.doc.commander,
                                                                  message="An unsaved draft message."))
    # The others: written to disk.
    disk = load_edition(edition)
    assert disk.boroughs["camden"].doc.results[0].change_pct is not None
    assert disk.boroughs["barnet"].doc.results[1].outcome == "missed"
    assert not dialog.apply_button.isEnabled()


def test_unreadable_sheet_explained_in_the_dialog(qtbot, edition: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    dialog = ImportFiguresDialog(edition, sheet=bad)
    qtbot.addWidget(dialog)
    assert "not a readable Excel workbook" in dialog.status.text()
    assert not dialog.apply_button.isEnabled() and dialog.changes_tree.topLevelItemCount() == 0
