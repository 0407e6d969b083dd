"""The floor of start-up and memory: a bare PySide6 window shown (first painted) and closed.

    python -m benchmarks.probes.bare_window   → {"shown": <time.monotonic()>, "max_rss_mb": ...}
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from benchmarks.probes.hooks import FirstPaint, report


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("floor")
    window.setCentralWidget(QLabel("A bare window"))
    window.resize(1400, 900)
    painted = FirstPaint(window, app.quit)
    window.show()
    app.exec()
    window.close()
    report(shown=painted.at)
    return 0


if __name__ == "__main__":
    sys.exit(main())
