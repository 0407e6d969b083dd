"""A keystroke redraws only what changed (issue 9): marks, the problems list, tables, the photo thumbnail."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from model import edits
from model.findings import Finding
from ui import binding
from ui.list_table import Column, ListTableModel
from ui.pages import commander
from ui.problems import ProblemsList
from ui.session import EditionSession

ERROR = Finding("commander.name", "error", "x.error", "The name is wrong")
WARNING = Finding("commander.name", "warning", "x.warning", "The name looks odd")


def _base(widget: QLineEdit | QPlainTextEdit) -> str:
    return widget.palette().color(QPalette.ColorRole.Base).name()


def test_a_mark_tints_the_field_without_a_style_sheet_and_clearing_it_restores_the_look(qtbot) -> None:  # type: ignore[no-untyped-def]
    edit = QLineEdit()
    qtbot.addWidget(edit)
    plain = _base(edit)
    binding.mark(edit, [WARNING])
    warned = _base(edit)
    binding.mark(edit, [WARNING, ERROR])
    assert (edit.property("severity"), edit.styleSheet()) == ("error", "")
    assert len({plain, warned, _base(edit)}) == 3
    assert edit.toolTip() == "Warning: The name looks odd\nError: The name is wrong"
    binding.mark(edit, [])
    assert (edit.property("severity"), _base(edit), edit.toolTip()) == ("", plain, "")
    assert _base(edit) == QApplication.palette(edit).color(QPalette.ColorRole.Base).name()


def test_an_unchanged_mark_does_not_touch_the_widget(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    binding.mark(edit, [ERROR])
    calls: list[str] = []
    monkeypatch.setattr(edit, "setPalette", lambda p: calls.append("palette"))
    monkeypatch.setattr(edit, "setToolTip", lambda t: calls.append("tooltip"))
    binding.mark(edit, [ERROR])
    assert calls == []


def _rows(problems: ProblemsList) -> list[tuple[str, str, str]]:
    return [tuple(problems.topLevelItem(i).text(c) for c in range(3))  # type: ignore[misc]
            for i in range(problems.topLevelItemCount())]


def test_the_problems_list_rewrites_only_rows_that_changed_and_matches_a_fresh_list(qtbot) -> None:  # type: ignore[no-untyped-def]
    problems = ProblemsList()
    qtbot.addWidget(problems)
    first = [Finding(f"results[{i}].change", "warning", "w", f"message {i}") for i in range(4)]
    problems.set_findings([("a", "", first)])
    kept = problems.topLevelItem(3)
    changed = [*first[:1], Finding("results[1].change", "error", "e", "now an error"), *first[2:]]
    problems.set_findings([("a", "", changed), ("", "London-wide", [Finding("met_forward.text", "warning", "w", "x")])])
    fresh = ProblemsList()
    qtbot.addWidget(fresh)
    fresh.set_findings([("a", "", changed), ("", "London-wide", [Finding("met_forward.text", "warning", "w", "x")])])
    assert _rows(problems) == _rows(fresh)
    assert _rows(problems)[0] == ("✖ Error", "Results", "now an error")
    assert problems.topLevelItem(3) is kept  # the same item, its text rewritten in place
    problems.set_findings([("a", "", first[:1])])
    assert _rows(problems) == [("▲ Warning", "Results", "message 0")]
    item = problems.topLevelItem(0)
    assert item.data(0, 256) == ("a", "results[0].change")  # Qt.UserRole: where a double-click jumps


def test_a_table_is_reset_only_when_its_own_rows_change(qtbot, sample_copy: Path) -> None:  # type: ignore[no-untyped-def]
    session = EditionSession(sample_copy)
    document = session.open_borough("tower-hamlets")
    model = ListTableModel([Column("name", "Name")], ("contacts",), object, "contact")
    model.set_document(document)
    resets: list[int] = []
    redraws: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda *_: redraws.append(1))
    document.set_field(("commander", "message"), "A new message.")
    assert resets == []
    document.set_field(("contacts", 0, "name"), "Another station")
    # a cell changed: that row is redrawn, not the whole table reset (which closed the cell editor
    # under the view while it committed: issue 17)
    assert resets == [] and redraws == [1] and model.data(model.index(0, 0)) == "Another station"
    document.apply("Remove contact", lambda d: edits.remove_at(d, ("contacts",), 0))
    assert resets == [1]  # rows come or go: a reset
    document.undo_stack.undo()
    redraws.clear()
    about_contacts = Finding("contacts[0].phone", "warning", "c", "check the number")
    model.set_findings([ERROR, about_contacts])
    model.set_findings([WARNING, about_contacts])  # only other fields' findings changed
    assert len(redraws) == 1 and model.findings == [about_contacts]
    document.undo_stack.setClean()


def test_the_thumbnail_is_read_again_only_when_the_photo_or_its_file_changes(qtbot, sample_copy: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    reads: list[str] = []
    guarded_read = commander.read_regular

    def read(path, **kwargs):  # type: ignore[no-untyped-def]
        reads.append(str(path))  # the thumbnail's bytes come through the guarded reader (issue 15)
        return guarded_read(path, **kwargs)

    monkeypatch.setattr(commander, "read_regular", read)
    page = commander.CommanderPage(lambda: sample_copy)
    qtbot.addWidget(page)
    page.ensure_built()
    page.photo.edit.setText("images/commander.jpg")
    page.photo.update_thumbnail()
    page.photo.update_thumbnail()
    assert len(reads) == 1 and not page.photo.thumb.pixmap().isNull()
    photo = sample_copy / "images" / "commander.jpg"
    stat = photo.stat()
    os.utime(photo, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # replaced on disk
    page.photo.update_thumbnail()
    assert len(reads) == 2
    page.photo.edit.setText("images/operation-fusion.jpg")  # textChanged updates it
    assert len(reads) == 3 and reads[-1].endswith("operation-fusion.jpg")
    page.photo.edit.setText("../outside.jpg")
    assert page.photo.thumb.text() == "Outside\nedition" and len(reads) == 3
