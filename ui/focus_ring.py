"""A focus ring drawn over whichever control has the keyboard focus, in every style.

Some of Qt's styles draw no focus mark on tab bars, buttons, the PDF view or lists (issue 17 counted
6 of 17 Tab stops with none). One thin ring in the palette's highlight colour is drawn on top of the
focused control, inside its edges (so a control filling its panel is still ringed), and follows it
as it moves or resizes. It ignores the mouse and is made once per window.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar, QWidget

RING = 2  # pixels


class FocusRing(QWidget):
    """Follows the focus within `window`; `target` is the control it rings (None when hidden).

    It moves with its control (move and resize events) and when the window calls `follow` (the form
    scrolled).
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("focus-ring")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.target: QWidget | None = None
        self._window = window
        self.hide()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def detach(self) -> None:
        """The window is closing: stop following the focus (before its widgets are destroyed)."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._focus_changed)
        self._release()
        self.hide()

    def _release(self) -> None:
        if self.target is not None and shiboken6.isValid(self.target):
            self.target.removeEventFilter(self)
        self.target = None

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not shiboken6.isValid(self) or not shiboken6.isValid(self._window):
            return
        self._release()
        ringable = (new is not None and new.window() is self._window and new is not self
                    and not isinstance(new, (QMenu, QMenuBar)))
        self.target = new if ringable else None
        if self.target is None:
            self.hide()
            return
        self.target.installEventFilter(self)
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if watched is self.target and event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show,
                                                        QEvent.Type.Hide):
            self._place()
        return False

    def follow(self) -> None:
        """Put the ring where the focused control is now (after scrolling, say)."""
        self._place()

    def _place(self) -> None:
        # The ring stays a child of the window (reparenting it into the form made Qt delete it twice
        # when the window closed); it covers the part of the control that can be seen.
        target = self.target
        if target is None or not shiboken6.isValid(target) or not target.isVisible():
            self.hide()
            return
        seen = target.visibleRegion().boundingRect()
        if seen.isEmpty():
            self.hide()
            return
        top_left = target.mapTo(self._window, seen.topLeft())
        self.setGeometry(QRect(top_left, seen.size()))
        self.raise_()
        self.show()
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # Qt override
        painter = QPainter(self)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), RING)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.drawRect(self.rect().adjusted(RING // 2, RING // 2, -(RING + 1) // 2, -(RING + 1) // 2))
