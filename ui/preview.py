"""The live preview: the real exported leaflet, rebuilt in a worker thread shortly after typing stops."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QObject, QPointF, QThread, QTimer, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from model.types import Borough, EditionContent

DEBOUNCE_MS = 400
FIRST_RENDER_WAIT_MS = 250


class _RenderJob(QThread):
    """One export in the background; the newest finished job wins."""

    rendered = Signal(int, bytes, object)  # generation, PDF bytes, section → page

    def __init__(self, generation: int, content: EditionContent, borough: Borough, folder: Path,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.generation, self.content, self.borough, self.folder = generation, content, borough, folder

    def run(self) -> None:  # Qt override, in the worker thread
        try:
            # Imported here, not at start-up: reportlab is a fifth of the editor's import time, and the
            # first render happens once the window is up.
            from export.pdf import render_leaflet

            result = render_leaflet(self.content, self.borough, self.folder)
        except Exception as exc:
            self.rendered.emit(self.generation, b"", {"error": str(exc)})
            return
        self.rendered.emit(self.generation, result.pdf, result.section_pages)


class PreviewPane(QWidget):
    """Shows the leaflet of the current borough; `request()` after every edit."""

    ready = Signal(int)  # page count of the preview just shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName("Leaflet preview")
        self.status = QLabel("Preparing the preview…")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._start)
        self._generation = 0
        self._shown = 0
        self._jobs: list[_RenderJob] = []
        self._pending: tuple[EditionContent, Borough, Path] | None = None
        self._buffer: QBuffer | None = None
        self.section_pages: dict[str, int] = {}
        self.focus_key = ""
        # The first render waits for the window's first paint (at most FIRST_RENDER_WAIT_MS): started
        # before, its imports and layout compete with the paint for the interpreter and delay it.
        self._painted = False
        self._held = False
        self.view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            self.view.viewport().removeEventFilter(self)
            if self._held:
                self._held = False
                self._timer.start(0)  # after this paint
        return False

    def request(self, content: EditionContent, borough: Borough, folder: Path, *, at_once: bool = False) -> None:
        self._pending = (content, borough, folder)
        self._held = at_once and not self._painted
        self._timer.start(DEBOUNCE_MS if not at_once else FIRST_RENDER_WAIT_MS if self._held else 0)

    def _start(self) -> None:
        if self._pending is None:
            return
        self._generation += 1
        job = _RenderJob(self._generation, *self._pending, parent=self)
        job.rendered.connect(self._show)
        job.finished.connect(lambda j=job: self._jobs.remove(j) if j in self._jobs else None)
        self._jobs.append(job)
        self.status.setText("Updating the preview…")
        job.start()

    def _show(self, generation: int, data: bytes, pages: dict[str, int]) -> None:
        if generation < self._shown:
            return  # an older render finished after a newer one
        self._shown = generation
        if not data:
            self.status.setText(f"The preview could not be made: {pages.get('error', 'unknown error')}")
            return
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QBuffer.OpenModeFlag.ReadOnly)
        self.pdf.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer  # QPdfDocument reads from it lazily: keep it alive
        self.section_pages = pages
        self.status.setText(f"Preview: {self.pdf.pageCount()} pages, updated as you type")
        self.scroll_to(self.focus_key)
        self.ready.emit(self.pdf.pageCount())

    def scroll_to(self, key: str) -> None:
        """Show the page that prints the section `key` (a field-path prefix such as `results`)."""
        self.focus_key = key
        page = self.section_pages.get(key.split(".", maxsplit=1)[0].split("[", maxsplit=1)[0])
        if page is not None and 0 <= page < self.pdf.pageCount():
            self.view.pageNavigator().jump(page, QPointF(0, 0), self.view.pageNavigator().currentZoom())

    def wait_idle(self) -> None:
        """Finish background renders (used on close and by tests)."""
        for job in list(self._jobs):
            job.wait()
