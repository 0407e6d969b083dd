"""Starting the editor: the application object, the first window, and the --smoke self-test."""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from model.edition import find_edition_folder
from model.recovery import RecoveryStore
from model.yaml_read import LoadError
from ui.main_window import MainWindow, load_error_text
from ui.session import SAMPLE_FOLDER, EditionSession, is_bundled
from ui.settings import APPLICATION, ORGANISATION, add_recent

SMOKE_TIMEOUT_MS = 60_000
LAYOUT_WAIT_MS = 3_000


def _check_layout_after_first_preview(window: MainWindow, session: EditionSession) -> None:
    """At start-up the layout check waits for the first preview (or `LAYOUT_WAIT_MS`).

    That render measures the same layout and leaves it in the layout check's cache, so the check
    then costs nothing; run before, it would compete with the render for the interpreter and delay
    both the first paint and the first preview.
    """
    window.preview.ready.connect(lambda _pages: session.check_layout(), Qt.ConnectionType.SingleShotConnection)
    window.preview.ready.connect(session.measure_stale)  # the render measured the leaflet: show it at once
    QTimer.singleShot(LAYOUT_WAIT_MS, window, session.check_layout)  # no preview (or a failed one): check anyway


def open_window(path: Path, parent: QWidget | None = None) -> MainWindow | None:
    """A window on the edition at `path` (a folder or a borough file in one); None if unreadable."""
    folder = find_edition_folder(path)
    slug = path.stem if path.is_file() else None
    try:
        if folder is None:
            from model.yaml_read import Problem

            raise LoadError([Problem(str(path), None, None, "", "this is not an edition folder or a borough "
                                     "file inside one (no edition.yaml found)")])
        session = EditionSession(folder, defer_layout=True)
    except LoadError as exc:
        QMessageBox.warning(parent, "Cannot open edition", load_error_text(exc))
        return None
    window = MainWindow(session)
    if slug in session.slugs:
        window.edition_list.select(slug)
    window.show()
    _check_layout_after_first_preview(window, session)
    if not session.bundled:
        add_recent(str(folder))
        window.restore_recovered()
    return window


def run_gui(path: str | None, *, smoke: bool = False) -> int:
    """The editor's main loop. With `smoke`, exit once the window, checks and preview are ready."""
    started = time.perf_counter()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Borough Summary Editor")
    _stop_cleanly_on_signals(app)
    window = open_window(Path(path) if path and not smoke else _start_folder())
    if window is None:
        if smoke:
            return 1
        window = open_window(SAMPLE_FOLDER)  # the app stays open on the sample
    if smoke:
        return _smoke(app, window, started)
    return app.exec()


def _start_folder() -> Path:
    """Without a path: the edition a crash left unsaved edits in (so they are offered), else the sample."""
    from ui.reliability.hooks import default_recovery_folder

    for entry in RecoveryStore(default_recovery_folder()).pending():
        folder = find_edition_folder(entry.original) if entry.original and entry.original.exists() else None
        if folder is not None and not is_bundled(folder):
            return folder
    return SAMPLE_FOLDER


def _stop_cleanly_on_signals(app: QApplication) -> None:
    """SIGTERM and SIGINT close every window as `MainWindow.stop_for_signal` does, then quit.

    Python runs a signal handler only when the interpreter gets control: a short timer gives it that
    while Qt's event loop waits.
    """
    def stop(_signum: int, _frame: object) -> None:
        QTimer.singleShot(0, lambda: _stop_all(app))

    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, stop)
    tick = QTimer(app)
    tick.timeout.connect(lambda: None)
    tick.start(250)


def _stop_all(app: QApplication) -> None:
    for widget in app.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.stop_for_signal()
    app.quit()


def _smoke(app: QApplication, window: MainWindow | None, started: float) -> int:
    assert window is not None
    result = {"code": 1}

    def report(pages: int) -> None:
        errors, warnings = window.session.counts(window.slug)
        name = window.current_document().data.borough if window.current_document() else "?"  # type: ignore[union-attr]
        print(f"smoke: {name} ({window.session.folder.name}), {errors} errors, {warnings} warnings, "
              f"preview {pages} pages, ready in {time.perf_counter() - started:.2f} s", flush=True)
        result["code"] = 0 if pages > 0 else 1
        app.quit()

    window.preview.ready.connect(report)
    QTimer.singleShot(SMOKE_TIMEOUT_MS, app.quit)
    app.exec()
    window.preview.wait_idle()
    for document in window.session.documents():
        document.undo_stack.setClean()
    window.close()
    if result["code"]:
        print("smoke: the preview was not ready in time", file=sys.stderr)
    return result["code"]
