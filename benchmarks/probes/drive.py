"""What the editor probe does in the running editor: type, wait for the preview, visit every borough.

Widgets are found as a user (or a screen reader) would: by their accessible names, so the probe needs
no hook in the editor's code.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMainWindow, QPlainTextEdit, QTextEdit, QWidget

from benchmarks.probes.watch import Watch, wait_ms, wait_until
from model.edition import EDITION_FILE, find_edition_folder
from model.storage import load_borough, load_edition_content

W = TypeVar("W", bound=QWidget)
PREFIX = " Burglary fell by 90"  # then "%" and backspace in turn: each keystroke changes the findings
DEBOUNCE_WAIT_MS = 600  # how long a keystroke's findings may lag before the probe stops waiting


def _label(widget: QWidget) -> str:
    return " ".join((widget.accessibleName(), widget.objectName(), widget.toolTip(), type(widget).__name__)).lower()


def find(window: QWidget, kind: type[W], *words: str) -> W:
    """The widget of `kind` whose accessible name (or object name, tooltip) has the most of `words`."""
    candidates = window.findChildren(kind)
    scored = sorted(candidates, key=lambda w: -sum(word in _label(w) for word in words))
    if not scored or not any(word in _label(scored[0]) for word in words):
        names = ", ".join(repr(w.accessibleName() or w.objectName()) for w in candidates[:12])
        raise LookupError(f"no {kind.__name__} named like {' '.join(words)!r} (there are: {names})")
    return scored[0]


def reveal(widget: QWidget) -> None:
    """Bring the form page holding `widget` to the front (stacked pages, tabs) and focus it."""
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        if hasattr(parent, "setCurrentWidget") and parent.indexOf(child) >= 0:
            parent.setCurrentWidget(child)
        child, parent = parent, parent.parentWidget()
    widget.setFocus()
    wait_ms(5)


def message_editor(window: QMainWindow) -> QWidget:
    """The commander's message field, cursor at its end."""
    try:
        editor: QWidget = find(window, QPlainTextEdit, "message", "commander")
    except LookupError:
        editor = find(window, QTextEdit, "message", "commander")
    reveal(editor)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    return editor


def findings_state(window: QMainWindow) -> tuple[str, ...]:
    """Everything the problems list shows, so a change in the findings is seen as a change here."""
    view = find(window, QAbstractItemView, "problem")
    return _texts(view.model(), QModelIndex())


def _texts(model: QAbstractItemModel, parent: QModelIndex) -> tuple[str, ...]:
    out: list[str] = []
    for row in range(model.rowCount(parent)):
        column, index = 0, model.index(row, 0, parent)
        while index.isValid():  # columnCount is private on list models, so walk until the index is invalid
            out.append(str(model.data(index, Qt.ItemDataRole.DisplayRole)))
            column += 1
            index = model.index(row, column, parent)
        out.extend(_texts(model, model.index(row, 0, parent)))
    return tuple(out)


def _key(editor: QWidget, step: int) -> None:
    if step % 2 == 0:
        QTest.keyClicks(editor, "%")
    else:
        QTest.keyClick(editor, Qt.Key.Key_Backspace)


def keystrokes(window: QMainWindow, watch: Watch, count: int) -> dict[str, object]:
    """Time from each key press to the problems list showing the findings of the new text."""
    editor = message_editor(window)
    QTest.keyClicks(editor, PREFIX)
    watch.wait_for_refresh(time.monotonic(), DEBOUNCE_WAIT_MS * 5)  # the preview of the prefix, done
    samples, lagged, unchanged = [], 0, 0
    for step in range(count):
        before = findings_state(window)
        start = time.monotonic()
        _key(editor, step)
        QApplication.processEvents()
        end = time.monotonic()
        if findings_state(window) == before:
            left_ms = DEBOUNCE_WAIT_MS - (time.monotonic() - start) * 1000
            wait_until(lambda before=before: findings_state(window) != before, left_ms, poll_ms=1)
            if findings_state(window) == before:
                unchanged += 1
            else:
                end, lagged = time.monotonic(), lagged + 1
        samples.append((end - start) * 1000)
    notes = []
    if lagged:
        notes.append(f"{lagged} of {count} keystrokes updated the findings only after the event loop waited")
    if unchanged:
        notes.append(f"{unchanged} of {count} keystrokes changed no finding (typing '%' after '{PREFIX.strip()}' "
                     "should); those count the time to handle the key")
    return {"keystroke_ms": samples, "note": "; ".join(notes)}


class TimerWatch(QObject):
    """Notes when armed single-shot timers (the preview's debounce) fire: their timer event, before any slot."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__()
        self.fired: list[float] = []
        self.armed = [t for t in window.findChildren(QTimer) if t.isActive() and t.isSingleShot()]
        for timer in self.armed:
            timer.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() == QEvent.Type.Timer:
            self.fired.append(time.monotonic())
        return False

    def close(self) -> None:
        for timer in self.armed:
            timer.removeEventFilter(self)


def refreshes(window: QMainWindow, watch: Watch, count: int, path: Path) -> dict[str, object]:
    """From the debounce timer firing after an edit to the preview painting a page of the new PDF."""
    editor = message_editor(window)
    samples, notes, to_load, to_paint, exports = [], [], [], [], []
    export_once = exporter(path)
    export_once()  # untimed: the first export pays for what the preview's renders already paid
    for step in range(count):
        exports.append(export_once())  # the floor, interleaved so both figures see the machine alike
        edited = time.monotonic()
        _key(editor, step)
        timers = TimerWatch(window)
        page = watch.wait_for_refresh(edited, 10_000)
        timers.close()
        if page is None:
            notes.append("the preview did not repaint within 10 s of an edit")
            continue
        fired = [t for t in timers.fired if t <= page]
        start = fired[-1] if fired else edited
        samples.append((page - start) * 1000)
        load = next(t for t in watch.loads if t >= edited)
        to_load.append((load - start) * 1000)
        to_paint.append((page - load) * 1000)
        if not fired:
            notes.append("no debounce timer seen: measured from the edit")
    if samples:
        notes.append(f"of which export in the worker thread and load {statistics.median(to_load):.0f} ms, "
                     f"QPdfView painting the pages {statistics.median(to_paint):.0f} ms")
    return {"refresh_ms": samples, "export_ms": exports, "note": "; ".join(dict.fromkeys(notes))}


def exporter(path: Path) -> Callable[[], float]:
    """The floor: one in-process export of the borough file open in the editor, as saved; returns ms."""
    from export.pdf import render_leaflet

    folder = find_edition_folder(path) or path.parent
    content = load_edition_content(folder / EDITION_FILE).doc
    borough = load_borough(path).doc

    def export_once() -> float:
        start = time.perf_counter()
        render_leaflet(content, borough, folder)
        return (time.perf_counter() - start) * 1000

    return export_once


def visit_every_borough(window: QMainWindow, watch: Watch) -> dict[str, object]:
    """Open every borough of the edition in turn, type into its message, let checks and preview run."""
    try:  # the edition list, not the dashboard ("Edition dashboard: all boroughs")
        boroughs = find(window, QAbstractItemView, "boroughs of the edition")
    except LookupError:
        boroughs = find(window, QAbstractItemView, "borough", "edition")
    model = boroughs.model()
    visited = 0
    started = time.monotonic()
    for row in range(model.rowCount()):
        if "london" in str(model.index(row, 0).data()).lower():
            continue  # the pan-London content: no commander's message to type into
        boroughs.setCurrentIndex(model.index(row, 0))
        wait_ms(20)
        try:
            editor = message_editor(window)
        except LookupError:
            continue  # the pan-London entry has no commander's message
        QTest.keyClicks(editor, " Thanks.")
        watch.wait_for_refresh(time.monotonic() - 0.001, 5_000)
        visited += 1
    seconds = time.monotonic() - started
    return {"visited": visited, "note": f"visited and edited {visited} boroughs in {seconds:.1f} s"}
