"""Watching the real editor from outside: when its main window is first painted, when a preview page is.

The editor is not changed for the benchmark: `QWidget.show` is wrapped so the first main window shown
gets a paint watcher; every PDF view found (at a show, or given a document) gets a filter noting
each paint while it has pages (the preview); and each Python-side `QPdfDocument.render` call that
returns an image counts as a page rendered.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QMainWindow, QWidget

from benchmarks.probes.hooks import FirstPaint


def wait_until(condition: Callable[[], bool], timeout_ms: float, poll_ms: int = 2) -> bool:
    """Run the event loop until `condition()` holds or `timeout_ms` pass; True if it held.

    Waits in a QEventLoop, which releases the GIL while idle, as the editor's own loop does.
    `QTest.qWait` holds the GIL while it sleeps between polls: it starved the preview's worker
    thread, so a 35 ms export took 150-200 ms in the benchmark and in no real session.
    """
    if condition():
        return True
    deadline = time.monotonic() + timeout_ms / 1000
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(poll_ms)
    timer.timeout.connect(lambda: loop.quit() if condition() or time.monotonic() >= deadline else None)
    timer.start()
    loop.exec()
    timer.stop()
    return condition()


def wait_ms(ms: float) -> None:
    """Let the event loop run for `ms` milliseconds (see `wait_until`)."""
    wait_until(lambda: False, ms)


class Watch(QObject):
    """Installs the wrappers once; `shown`, `preview` (first page painted) and `pages_painted` (all)."""

    def __init__(self) -> None:
        super().__init__()
        self.window: QMainWindow | None = None
        self.first_paint: FirstPaint | None = None
        self.pages_painted: list[float] = []  # monotonic time of every preview page paint
        self.loads: list[float] = []  # monotonic time of every QPdfDocument.load (a new preview PDF)
        self._views: set[int] = set()
        self.on_shown: Callable[[], None] | None = None  # called once the main window is first painted
        self._wrap_show()
        self._wrap_render()
        self._wrap_set_document()
        self._wrap_load()

    @property
    def shown(self) -> float | None:
        return self.first_paint.at if self.first_paint else None

    @property
    def preview(self) -> float | None:
        """The first paint of a preview page after the first PDF was loaded into a view."""
        if not self.loads:
            return self.pages_painted[0] if self.pages_painted else None  # rendered by hand, not loaded
        return next((p for p in self.pages_painted if p >= self.loads[0]), None)

    def _wrap_show(self) -> None:
        original = QWidget.show
        watch = self

        def show(widget: QWidget) -> None:
            if watch.window is None and isinstance(widget, QMainWindow):
                watch.window = widget
                watch.first_paint = FirstPaint(widget, lambda: watch._shown(widget))
            original(widget)
            watch.find_views(widget)

        QWidget.show = show  # type: ignore[method-assign]

    def _shown(self, window: QWidget) -> None:
        self.find_views(window)
        if self.on_shown:
            self.on_shown()

    def wait_for_refresh(self, since: float, timeout_ms: int, quiet_ms: int = 80) -> float | None:
        """The last paint of the burst that shows a PDF loaded after `since`, or None on timeout.

        QPdfView paints blank pages first and the page images once its renderer delivers them,
        so the refresh is done when the paints after the load fall quiet for `quiet_ms`.
        """
        found: list[float] = []

        def refreshed() -> bool:
            load = next((t for t in self.loads if t >= since), None)
            painted = [p for p in self.pages_painted if load is not None and p >= load]
            if painted and time.monotonic() - painted[-1] > quiet_ms / 1000:
                found.append(painted[-1])
                return True
            return False

        wait_until(refreshed, timeout_ms)
        return found[0] if found else None

    def _wrap_render(self) -> None:
        original = QPdfDocument.render
        watch = self

        def render(document: QPdfDocument, *args: Any, **kwargs: Any) -> Any:
            image = original(document, *args, **kwargs)
            if not image.isNull():
                watch.pages_painted.append(time.monotonic())
            return image

        QPdfDocument.render = render  # type: ignore[method-assign]

    def _wrap_load(self) -> None:
        original = QPdfDocument.load
        watch = self

        def load(document: QPdfDocument, *args: Any) -> Any:
            result = original(document, *args)
            watch.loads.append(time.monotonic())
            return result

        QPdfDocument.load = load  # type: ignore[method-assign]

    def _wrap_set_document(self) -> None:
        original = QPdfView.setDocument
        watch = self

        def set_document(view: QPdfView, document: QPdfDocument) -> None:
            original(view, document)
            watch.watch_view(view)

        QPdfView.setDocument = set_document  # type: ignore[method-assign]

    def find_views(self, root: QWidget) -> None:
        views = root.findChildren(QPdfView)
        if isinstance(root, QPdfView):
            views.append(root)
        for view in views:
            self.watch_view(view)

    def watch_view(self, view: QPdfView) -> None:
        if id(view) not in self._views:
            self._views.add(id(view))
            view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() == QEvent.Type.Paint:
            view = watched.parent()
            if isinstance(view, QPdfView):
                document = view.document()
                if document is not None and document.pageCount() > 0:
                    self.pages_painted.append(time.monotonic())
        return False
