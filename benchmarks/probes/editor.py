"""Drives the real editor offscreen and prints one JSON line (see benchmarks/bench_gui.py, bench_memory.py).

    python -m benchmarks.probes.editor startup             → shown, preview (monotonic times)
    python -m benchmarks.probes.editor keystroke N PATH    → keystroke_ms (N keystrokes into a copy of PATH)
    python -m benchmarks.probes.editor refresh N PATH      → refresh_ms after the debounce, export_ms
    python -m benchmarks.probes.editor memory EDITION      → max_rss_mb after visiting and editing every borough
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow

from benchmarks.probes.drive import keystrokes, refreshes, visit_every_borough
from benchmarks.probes.hooks import report
from benchmarks.probes.watch import Watch

SETTLE_MS = 3000  # the longest the first checks and preview may take before driving starts


def startup() -> int:
    """`main.py --smoke` exactly as CI runs it, watched: when the window and a preview page were painted."""
    watch = Watch()
    import main

    code = main.main(["--smoke"])
    report(shown=watch.shown, preview=watch.preview, loaded=watch.loads[0] if watch.loads else None)
    return code


def drive(path: Path, action: Callable[[QMainWindow, Watch], dict[str, object]]) -> int:
    """Start the editor on `path`; once its window and first preview are up, run `action`, print, exit."""
    watch = Watch()

    def start() -> None:
        assert watch.window is not None
        # The size the editor opens at on a 1440×900 screen: the offscreen screen is 800 px wide, where
        # the preview is a tab behind the form (issue 17) and an edit would repaint no preview to time.
        watch.window.showNormal()
        watch.window.resize(1440, 900)
        watch.wait_for_refresh(0.0, SETTLE_MS)
        result = action(watch.window, watch)
        report(**result)  # type: ignore[arg-type]
        # Exit at once: closing would ask about the unsaved edits the benchmark made.
        sys.stdout.flush()
        os._exit(0)

    watch.on_shown = lambda: QTimer.singleShot(0, start)
    from ui.app import run_gui

    run_gui(str(path), smoke=False)
    print("the editor closed before the benchmark ran", file=sys.stderr)
    return 1


def main(argv: list[str]) -> int:
    mode, *rest = argv
    if mode == "startup":
        return startup()
    if mode == "keystroke":
        return drive(Path(rest[1]), lambda w, watch: keystrokes(w, watch, int(rest[0])))
    if mode == "refresh":
        return drive(Path(rest[1]), lambda w, watch: refreshes(w, watch, int(rest[0]), Path(rest[1])))
    if mode == "memory":
        return drive(Path(rest[0]), visit_every_borough)
    raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
