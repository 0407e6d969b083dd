"""Writes an open document's unsaved edits to the recovery folder a few seconds after each change."""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer

from model.recovery import RecoveryStore
from ui.document import Document

RECOVERY_DELAY_MS = 3000
log = logging.getLogger(__name__)


class RecoveryAutosaver(QObject):
    """Watches one Document: dirty → a recovery copy within RECOVERY_DELAY_MS; saved → copy removed.

    The timer starts at the first change and is not pushed back by further typing, so someone
    typing without pause still gets a copy every few seconds.
    """

    def __init__(self, document: Document[Any], store: RecoveryStore, delay_ms: int = RECOVERY_DELAY_MS) -> None:
        super().__init__(document)
        self.document = document
        self.store = store
        self.untitled_id = f"{id(document):x}"
        self._copies: set[Path] = set()  # copies written (or adopted) under whatever name the draft had then
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.write_now)
        document.field_changed.connect(self._changed)
        document.dirty_changed.connect(self._dirty_changed)

    def _changed(self, _path: str) -> None:
        if not self.timer.isActive():
            self.timer.start()

    def _dirty_changed(self, dirty: bool) -> None:
        if not dirty:
            self.timer.stop()
            self.discard()

    def write_now(self) -> None:
        """Keep the document's current state as its recovery copy (or drop the copy if saved)."""
        if not self.document.dirty:
            self.discard()
            return
        try:
            written = self.store.write(self.document.data, self.document.path, self.document.fingerprint,
                                       untitled_id=self.untitled_id)
        except OSError as exc:  # a full disk must not interrupt typing; the next change tries again
            log.warning("could not write the recovery copy: %s", exc)
            return
        if written is not None:
            self._copies.add(written)

    def adopt(self, copy: Path) -> None:
        """A recovery copy restored into this document: remove it when this document is saved."""
        self._copies.add(copy)

    def discard(self) -> None:
        self.store.discard(self.document.path, untitled_id=self.untitled_id)
        for copy in self._copies:
            with contextlib.suppress(OSError):
                copy.unlink()
        self._copies.clear()

    def keep(self) -> None:
        """The editor is being stopped (a signal, not the user): write the copy now and stop watching.

        Unlike `stop`, the copy stays for the next start to offer; later signals of the document (its
        undo stack marked clean while the window closes) no longer touch it.
        """
        self.timer.stop()
        self.write_now()
        self.document.field_changed.disconnect(self._changed)
        self.document.dirty_changed.disconnect(self._dirty_changed)

    def stop(self) -> None:
        """The document is closing on purpose (saved, or the user chose to drop the edits)."""
        self.timer.stop()
        self.discard()
