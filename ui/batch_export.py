"""The batch export dialog: all or the selected boroughs to screen and/or print PDFs, with progress and cancel.

The export itself runs in worker processes (`export.batch.export_many`); this dialog drives it
from a QThread so the window keeps painting, and ends with what was exported and what was held
back and why. Screen and print PDFs go to `screen/` and `print/` inside the chosen folder.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from model.boroughs import BY_SLUG

Exporter = Callable[..., Any]
"""`export_many(jobs, out_dir, *, print_pdf, workers, progress, cancel) -> BatchResult`."""

KINDS = ("screen", "print")


@dataclass
class BatchSummary:
    """What a batch run did: (kind, borough, file) exported, (kind, borough, why) held back."""

    exported: list[tuple[str, str, str]] = field(default_factory=list)
    held_back: list[tuple[str, str, str]] = field(default_factory=list)
    cancelled: bool = False
    failure: str = ""  # the export could not run at all

    def text(self) -> str:
        lines = []
        for kind in KINDS:
            done = [b for k, b, _ in self.exported if k == kind]
            if done:
                lines.append(f"{kind.capitalize()} PDFs exported: {len(done)}")
        if self.held_back:
            lines.append(f"Held back: {len(self.held_back)}")
            lines += [f"  {borough} ({kind}): {why}" for kind, borough, why in self.held_back]
        if self.cancelled:
            lines.append("Cancelled: the boroughs not listed above were not exported.")
        if self.failure:
            lines.append(f"The export stopped: {self.failure}")
        return "\n".join(lines) or "Nothing was exported."


def _default_exporter() -> Exporter:
    from export.batch import export_many

    return export_many


def _name_of(item: Any) -> str:
    """A borough's printed name from what the export reports: a path, a slug, or an object with `slug`/`path`."""
    slug = Path(str(item)).stem
    for attribute in ("borough", "slug", "path", "source"):
        value = getattr(item, attribute, None)
        if value:
            slug = Path(str(value)).stem if attribute in ("path", "source") else str(value)
            break
    return BY_SLUG.get(slug, slug)


def absorb(summary: BatchSummary, kind: str, result: Any) -> None:
    """Add one export_many result to the summary (exported files; held-back boroughs with their reasons)."""
    summary.cancelled = summary.cancelled or bool(getattr(result, "cancelled", False))
    for item in getattr(result, "exported", ()):
        summary.exported.append((kind, _name_of(item), str(getattr(item, "output", item))))
    for item in getattr(result, "held_back", ()):
        if isinstance(item, tuple) and len(item) == 2:
            summary.held_back.append((kind, _name_of(item[0]), str(item[1])))
        else:
            summary.held_back.append((kind, _name_of(item), str(getattr(item, "reason", ""))))
    for slug, why in getattr(result, "failed", ()):  # rendered but not written (a full disk)
        summary.held_back.append((kind, _name_of(slug), f"not written: {why}"))


class BatchWorker(QThread):
    """Runs export_many once per kind of PDF, off the GUI thread; `cancel()` is safe from any thread."""

    progressed = Signal(int, int, str)  # done, total, what was just finished
    done = Signal(object)  # BatchSummary

    def __init__(self, jobs: Sequence[Path], out_dir: Path, kinds: Sequence[str], exporter: Exporter,
                 workers: int = 0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.jobs, self.out_dir, self.kinds = list(jobs), out_dir, list(kinds)
        self.exporter, self.workers = exporter, workers or max(1, (os.cpu_count() or 2))
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:  # Qt override, runs in the worker thread
        summary = BatchSummary()
        total = len(self.jobs) * len(self.kinds)
        for round_number, kind in enumerate(self.kinds):
            if self._cancel.is_set():
                break
            offset = round_number * len(self.jobs)

            def progress(done: int, *_rest: Any, offset: int = offset, kind: str = kind) -> None:
                what = f"{_name_of(_rest[1])} ({kind})" if len(_rest) > 1 else kind
                self.progressed.emit(offset + done, total, what)

            try:
                result = self.exporter(self.jobs, self.out_dir / kind, print_pdf=kind == "print",
                                       workers=self.workers, progress=progress, cancel=self._cancel.is_set)
            except Exception as exc:  # a crash in the exporter must end in the summary, not kill the app
                summary.failure = f"{type(exc).__name__}: {exc}"
                break
            absorb(summary, kind, result)
        summary.cancelled = summary.cancelled or self._cancel.is_set()
        self.done.emit(summary)


class BatchExportDialog(QDialog):
    """Choose boroughs, kinds and folder; Export; watch progress; Cancel; read the summary."""

    finished_export = Signal(object)  # BatchSummary

    def __init__(self, folder: Path, boroughs: Sequence[Path], selected: Sequence[Path] = (),
                 out_dir: Path | None = None, exporter: Exporter | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export leaflets")
        self.folder, self.boroughs, self.selected = folder, list(boroughs), list(selected)
        self._exporter = exporter
        self.worker: BatchWorker | None = None
        self.summary: BatchSummary | None = None
        self._build(out_dir or folder / "export")

    def _build(self, out_dir: Path) -> None:
        self.all_radio = QRadioButton(f"All boroughs ({len(self.boroughs)})" if len(self.boroughs) != 1 else "The one borough (1)")
        self.selected_radio = QRadioButton(f"Selected boroughs ({len(self.selected)})")
        self.selected_radio.setEnabled(bool(self.selected))
        (self.selected_radio if self.selected else self.all_radio).setChecked(True)
        self.screen_box = QCheckBox("Screen PDF (for the web and email)")
        self.screen_box.setChecked(True)
        self.print_box = QCheckBox("Print PDF (CMYK, bleed and crop marks, for the print shop)")
        self.out_edit = QLineEdit(str(out_dir))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.out_edit, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow("Boroughs:", self.all_radio)
        form.addRow("", self.selected_radio)
        form.addRow("Export:", self.screen_box)
        form.addRow("", self.print_box)
        form.addRow("To folder:", where)
        self.progress = QProgressBar()
        self.progress.setFormat("%v of %m")
        self.status = QLabel("")
        self.summary_view = QPlainTextEdit(readOnly=True)
        self.summary_view.setPlaceholderText("The summary of the export appears here.")
        self.export_button = QPushButton("Export")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel_or_close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.summary_view)
        layout.addLayout(buttons)
        self.resize(620, 460)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Export to folder", self.out_edit.text())
        if chosen:
            self.out_edit.setText(chosen)

    def jobs(self) -> list[Path]:
        return list(self.selected if self.selected_radio.isChecked() else self.boroughs)

    def kinds(self) -> list[str]:
        return [k for k, box in zip(KINDS, (self.screen_box, self.print_box), strict=True) if box.isChecked()]

    def start(self) -> None:
        """Begin exporting in a worker thread; the controls are locked until it ends."""
        jobs, kinds = self.jobs(), self.kinds()
        if not jobs or not kinds:
            self.status.setText("Choose at least one borough and one kind of PDF.")
            return
        exporter = self._exporter or _default_exporter()
        self.summary = None
        self.summary_view.clear()
        self.progress.setRange(0, len(jobs) * len(kinds))
        self.progress.setValue(0)
        self.status.setText("Exporting…")
        self._set_running(True)
        self.worker = BatchWorker(jobs, Path(self.out_edit.text()), kinds, exporter, parent=self)
        self.worker.progressed.connect(self._progressed)
        self.worker.done.connect(self._done)
        self.worker.start()

    def _set_running(self, running: bool) -> None:
        for widget in (self.export_button, self.all_radio, self.screen_box, self.print_box, self.out_edit):
            widget.setEnabled(not running)
        self.selected_radio.setEnabled(not running and bool(self.selected))
        self.cancel_button.setText("Cancel" if running else "Close")

    def _progressed(self, done: int, total: int, what: str) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.status.setText(f"Exported {what}" if what else "Exporting…")

    def _done(self, summary: BatchSummary) -> None:
        self.summary = summary
        if self.worker is not None:
            self.worker.wait()
            self.worker = None
        self._set_running(False)
        self.status.setText("Cancelled." if summary.cancelled else "Finished.")
        self.summary_view.setPlainText(summary.text())
        self.finished_export.emit(summary)

    def cancel_or_close(self) -> None:
        """While exporting: ask the workers to stop (the summary follows). Otherwise: close."""
        if self.worker is not None:
            self.worker.cancel()
            self.status.setText("Cancelling: finishing the leaflets already started…")
            self.cancel_button.setEnabled(False)
            self.worker.done.connect(lambda _s: self.cancel_button.setEnabled(True))
            return
        self.reject()

    def reject(self) -> None:  # Qt override: Esc or the window's close button during a run cancels first
        if self.worker is not None:
            self.worker.cancel()
            self.worker.wait()
        super().reject()
