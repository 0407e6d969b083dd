"""The live preview: the real exported leaflet, rebuilt in a worker thread shortly after typing stops."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QObject, QPointF, QThread, QTimer, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from model.types import Borough, EditionContent
from ui import preview_cache
from ui.preview_cache import PreviewCache

DEBOUNCE_MS = 400
FIRST_RENDER_WAIT_MS = 250


class _RenderJob(QThread):
    """One export in the background; the newest finished job wins."""

    rendered = Signal(int, bytes, object)  # generation, PDF bytes, section → page
    cached = Signal(int, bytes)  # generation, a PDF of the same content kept from before (ui/preview_cache.py)

    def __init__(self, generation: int, content: EditionContent, borough: Borough, folder: Path,
                 parent: QObject | None = None, *, cache: PreviewCache | None = None) -> None:
        super().__init__(parent)
        self.generation, self.content, self.borough, self.folder = generation, content, borough, folder
        self.cache = cache  # looked in first, when given

    def run(self) -> None:  # Qt override, in the worker thread
        if self.cache is not None:
            try:
                found = self.cache.get(preview_cache.key(self.content, self.borough, self.folder))
            except Exception:  # a cache that cannot be read is a miss: the render follows anyway
                found = None
            if found:
                self.cached.emit(self.generation, found)
        try:
            # Imported here, not at start-up: reportlab is a fifth of the editor's import time, and the
            # first render happens once the window is up.
            from export.pdf import render_leaflet

            result = render_leaflet(self.content, self.borough, self.folder)
        except Exception as exc:
            self.rendered.emit(self.generation, b"", {"error": str(exc)})
            return
        self.rendered.emit(self.generation, result.pdf, result.section_pages)


# Fields printed inside a section of another name: the priorities are the bullets of "Looking forward".
PRINTED_IN = {"priorities": "looking_forward"}


class PreviewPane(QWidget):
    """Shows the leaflet of the current borough; `request()` after every edit.

    The first render of a borough may be preceded by the PDF kept on disk from the last time the
    same content was previewed (`keep()`, ui/preview_cache.py): shown in the view only, with its own
    QPdfDocument, until the render arrives; `pdf`, `ready` and `section_pages` are the render's alone.
    """

    ready = Signal(int)  # page count of the preview just rendered and shown
    painted = Signal()  # once, when the window is first painted (the view's first paint)

    def __init__(self, parent: QWidget | None = None, *, cache: PreviewCache | None = None) -> None:
        super().__init__(parent)
        self.cache = cache if cache is not None else PreviewCache(preview_cache.default_folder())
        self._kept: QPdfDocument | None = None  # the PDF from the cache while the view shows it
        self._kept_data = b""
        self._looked: set[tuple[str, str]] = set()  # (folder, borough) looked up in the cache already
        self._last: tuple[EditionContent, Borough, Path] | None = None  # what the shown render is of
        self._last_data = b""
        self._kept_key = ""  # the key last written by keep()
        self.pdf = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName("Leaflet preview")
        self.status = QLabel("Preparing the preview…")
        # Text the leaflet cannot print (it does not fit) is marked over the preview, in words.
        self.cuts = QLabel()
        self.cuts.setWordWrap(True)
        self.cuts.setAccessibleName("Text that does not fit")
        self.cuts.setStyleSheet("color: white; background: #c62828; padding: 4px 8px; font-weight: bold;")
        self.cuts.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.cuts)
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
            self.painted.emit()
        return False

    def request(self, content: EditionContent, borough: Borough, folder: Path, *, at_once: bool = False) -> None:
        self._pending = (content, borough, folder)
        self._held = at_once and not self._painted
        self._timer.start(DEBOUNCE_MS if not at_once else FIRST_RENDER_WAIT_MS if self._held else 0)

    def _start(self) -> None:
        if self._pending is None:
            return
        self._generation += 1
        content, borough, folder = self._pending
        seen = (str(folder), borough.borough)
        first = seen not in self._looked  # the cache is only worth a look at a borough's first render
        self._looked.add(seen)
        job = _RenderJob(self._generation, content, borough, folder, parent=self, cache=self.cache if first else None)
        job.cached.connect(self._show_kept)
        job.rendered.connect(lambda generation, data, pages, job=job: self._show(generation, data, pages, job))
        job.finished.connect(lambda j=job: self._jobs.remove(j) if j in self._jobs else None)
        self._jobs.append(job)
        self.status.setText("Updating the preview…")
        job.start()

    def _show_kept(self, generation: int, data: bytes) -> None:
        """The PDF kept from before, for the content a render is on its way for."""
        if generation < self._generation or self._shown >= generation:
            return  # a newer request, or this render already arrived
        document = QPdfDocument(self)
        document.load(_buffer(data, document))
        if document.pageCount() == 0:
            document.deleteLater()
            return
        self._drop_kept()
        self._kept, self._kept_data = document, data
        self.view.setDocument(document)
        self.status.setText("Preview as last seen; updating it…")

    def _drop_kept(self) -> None:
        if self._kept is not None:
            self._kept.deleteLater()
        self._kept, self._kept_data = None, b""

    def _show(self, generation: int, data: bytes, pages: dict[str, int], job: _RenderJob | None = None) -> None:
        if generation < self._shown:
            return  # an older render finished after a newer one
        self._shown = generation
        if not data:
            self.status.setText(f"The preview could not be made: {pages.get('error', 'unknown error')}")
            return
        buffer = _buffer(data, self)
        self.pdf.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer  # QPdfDocument reads from it lazily: keep it alive
        if self._kept is not None and data != self._kept_data:
            self.view.setDocument(self.pdf)  # the render differs from the kept PDF: show the render
            self._drop_kept()
        if job is not None:
            self._last = (job.content, job.borough, job.folder)
        self._last_data = data
        self.section_pages = pages
        self.status.setText(f"Preview: {self.pdf.pageCount()} pages, updated as you type")
        self.scroll_to(self.focus_key)
        self.ready.emit(self.pdf.pageCount())

    def show_cuts(self, notes: list[str]) -> None:
        """Mark over the preview what the leaflet cuts ("✂ The commander's message is cut here: …")."""
        text = "\n".join(notes)
        if text != self.cuts.text():
            self.cuts.setText(text)
        self.cuts.setVisible(bool(notes))

    def scroll_to(self, key: str) -> None:
        """Show the page that prints the section `key` (a field-path prefix such as `results`)."""
        self.focus_key = key
        field = key.split(".", maxsplit=1)[0].split("[", maxsplit=1)[0]
        page = self.section_pages.get(PRINTED_IN.get(field, field))
        if page is not None and 0 <= page < self.pdf.pageCount():
            self.view.pageNavigator().jump(page, QPointF(0, 0), self.view.pageNavigator().currentZoom())

    def keep(self) -> bool:
        """Keep the PDF shown now on disk for the next start on the same content (ui/preview_cache.py)."""
        if self._last is None:
            return False
        try:
            key = preview_cache.key(*self._last)
            if key != self._kept_key and self.cache.put(key, self._last_data):
                self._kept_key = key
        except Exception:  # the cache is never worth an error: the next start renders instead
            return False
        return key == self._kept_key

    def wait_idle(self) -> None:
        """Finish background renders (used on close and by tests)."""
        for job in list(self._jobs):
            job.wait()


def _buffer(data: bytes, parent: QObject) -> QBuffer:
    """A read-only QBuffer over `data` (QPdfDocument reads from it lazily: keep it alive)."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QBuffer.OpenModeFlag.ReadOnly)
    return buffer
