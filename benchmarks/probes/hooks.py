"""What the probes share: noticing a window's first paint, and printing the result line."""

from __future__ import annotations

import json
import resource
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class FirstPaint(QObject):
    """Records `time.monotonic()` when `window` or any widget in it is first painted, then calls `then`.

    The filter sits on the application only until that paint: a window whose children cover it
    completely never gets a paint event of its own.
    """

    def __init__(self, window: QWidget, then: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.at: float | None = None
        self._window = window
        self._then = then
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if (self.at is None and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget)
                and watched.window() is self._window):
            self.at = time.monotonic()
            QApplication.instance().removeEventFilter(self)
            if self._then:
                QTimer.singleShot(0, self._then)  # after this paint has finished
        return False


def max_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(**values: object) -> None:
    """The one line the benchmark reads: the given values (times are `time.monotonic()`) and the peak memory."""
    print(json.dumps({**values, "max_rss_mb": max_rss_mb()}), flush=True)
