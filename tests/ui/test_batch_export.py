"""The batch export dialog: progress while the export runs, cancel stops it, the summary says what happened."""

from __future__ import annotations

import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from ui.batch_export import BatchExportDialog, BatchSummary


class FakeExport:
    """Stands in for export.batch.export_many: writes a file per job, holds back `held`, can be paused."""

    def __init__(self, held: frozenset[str] = frozenset(), pause_after: int | None = None) -> None:
        self.held = held
        self.pause_after = pause_after
        self.paused = threading.Event()
        self.calls: list[tuple[str, bool]] = []

    def __call__(self, jobs, out_dir: Path, *, print_pdf, workers, progress, cancel):
        self.calls.append((out_dir.name, print_pdf))
        out_dir.mkdir(parents=True, exist_ok=True)
        exported, held_back = [], []
        for done, job in enumerate(jobs, start=1):
            if self.pause_after is not None and done > self.pause_after:
                self.paused.set()
                while not cancel():
                    threading.Event().wait(0.01)
            if cancel():
                return SimpleNamespace(exported=exported, held_back=held_back, cancelled=True)
            if job.stem in self.held:
                held_back.append((job.stem, "2 errors in the checks"))
            else:
                target = out_dir / f"{job.stem}.pdf"
                target.write_bytes(b"%PDF-1.4 fake")
                exported.append(target)
            progress(done, len(jobs), job)
        return SimpleNamespace(exported=exported, held_back=held_back, cancelled=False)


@pytest.fixture
def jobs(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "ed" / "boroughs"
    folder.mkdir(parents=True)
    names = ["barnet", "camden", "hackney", "sutton"]
    for name in names:
        (folder / f"{name}.yaml").write_text("format: 1\n")
    return [folder / f"{n}.yaml" for n in names]


def make_dialog(qtbot, jobs: list[Path], tmp_path: Path, exporter, selected=()) -> BatchExportDialog:
    dialog = BatchExportDialog(tmp_path / "ed", jobs, selected=selected, out_dir=tmp_path / "out", exporter=exporter)
    qtbot.addWidget(dialog)
    return dialog


def test_exports_each_kind_and_summarises_held_back(qtbot, jobs, tmp_path: Path) -> None:
    fake = FakeExport(held=frozenset({"hackney"}))
    dialog = make_dialog(qtbot, jobs, tmp_path, fake)
    dialog.print_box.setChecked(True)
    seen: list[int] = []
    dialog.progress.valueChanged.connect(seen.append)
    with qtbot.waitSignal(dialog.finished_export, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    summary: BatchSummary = blocker.args[0]
    assert fake.calls == [("screen", False), ("print", True)]
    assert sorted(p.name for p in (tmp_path / "out" / "screen").iterdir()) == ["barnet.pdf", "camden.pdf", "sutton.pdf"]
    assert sorted(p.name for p in (tmp_path / "out" / "print").iterdir()) == ["barnet.pdf", "camden.pdf", "sutton.pdf"]
    assert [(k, b) for k, b, _ in summary.held_back] == [("screen", "Hackney"), ("print", "Hackney")]
    assert dialog.progress.value() == dialog.progress.maximum() == 8
    assert seen == sorted(seen) and len(seen) >= 4
    text = dialog.summary_view.toPlainText()
    assert "Screen PDFs exported: 3" in text and "Hackney (print): 2 errors in the checks" in text
    assert dialog.export_button.isEnabled() and dialog.cancel_button.text() == "Close"


def test_only_the_selected_boroughs(qtbot, jobs, tmp_path: Path) -> None:
    fake = FakeExport()
    dialog = make_dialog(qtbot, jobs, tmp_path, fake, selected=jobs[1:2])
    assert dialog.selected_radio.isChecked()
    with qtbot.waitSignal(dialog.finished_export, timeout=10_000):
        dialog.start()
    assert [p.name for p in (tmp_path / "out" / "screen").iterdir()] == ["camden.pdf"]


def test_cancel_stops_the_export_and_says_so(qtbot, jobs, tmp_path: Path) -> None:
    fake = FakeExport(pause_after=1)
    dialog = make_dialog(qtbot, jobs, tmp_path, fake)
    dialog.start()
    qtbot.waitUntil(fake.paused.is_set, timeout=10_000)
    qtbot.waitUntil(lambda: dialog.progress.value() == 1, timeout=5_000)  # the GUI thread kept running
    assert not dialog.export_button.isEnabled() and dialog.cancel_button.text() == "Cancel"
    with qtbot.waitSignal(dialog.finished_export, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    summary: BatchSummary = blocker.args[0]
    assert summary.cancelled
    assert [b for _, b, _ in summary.exported] == ["Barnet"]
    assert [p.name for p in (tmp_path / "out" / "screen").iterdir()] == ["barnet.pdf"]
    assert "Cancelled" in dialog.summary_view.toPlainText() and dialog.status.text() == "Cancelled."


def test_an_exporter_crash_ends_in_the_summary(qtbot, jobs, tmp_path: Path) -> None:
    def broken(*_args, **_kwargs):
        raise RuntimeError("worker process died")

    dialog = make_dialog(qtbot, jobs, tmp_path, broken)
    with qtbot.waitSignal(dialog.finished_export, timeout=10_000):
        dialog.start()
    assert "The export stopped: RuntimeError: worker process died" in dialog.summary_view.toPlainText()


def test_nothing_to_export_is_explained(qtbot, jobs, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, jobs, tmp_path, FakeExport())
    dialog.screen_box.setChecked(False)
    dialog.start()
    assert dialog.worker is None and "at least one" in dialog.status.text()
