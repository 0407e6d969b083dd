"""The editor's safety net for open drafts: locks on open, the save flow, recovery copies.

The main window calls `before_open` before loading a file, `watch` once a Document exists,
`save` / `save_as` for the menu actions, `closed` when a draft closes, and `offer_recovery`
once at start-up. Every prompt lives in this package; the window only follows the answers.
"""

from __future__ import annotations

import getpass
import logging
import os
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from model import locking
from model.atomic import remove_orphan_temps
from model.docdiff import changed_fields
from model.locking import Lock, LockedError
from model.recovery import RecoveryEntry, RecoveryStore
from model.storage import ChangedOnDiskError, SaveError, load, parse_document, read_bytes, save, serialize
from model.yaml_read import LoadError
from ui.document import Document
from ui.reliability.autosave import RECOVERY_DELAY_MS, RecoveryAutosaver

# The prompts (ui/reliability/*_prompt.py, save_error.py) are imported where they are shown: only a
# problem brings one up, and importing them all delayed every start of the editor.

log = logging.getLogger(__name__)
AskPath = Callable[[Path | None], Path | None]


def is_my_crashed_session(info: locking.LockInfo) -> bool:
    """A stale lock left by this same user on this same computer: their own editor that crashed."""
    return (bool(info.user) and info.user == getpass_user() and info.host == socket.gethostname()
            and info.pid != os.getpid())


def getpass_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def default_recovery_folder() -> Path:
    """The per-user data folder's `recovery/` (e.g. ~/.local/share/<app>/recovery)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "recovery"


class Reliability(QObject):
    """Locks, recovery copies and prompts for every draft one editor window has open."""

    def __init__(self, parent: QWidget, recovery_folder: Path | None = None, *,
                 ask_save_path: AskPath | None = None) -> None:
        super().__init__(parent)
        self.window = parent
        self.store = RecoveryStore(recovery_folder or default_recovery_folder())
        self.locks: dict[Path, Lock] = {}
        self.read_only: set[Path] = set()
        self.autosavers: dict[int, RecoveryAutosaver] = {}
        self.ask_save_path: AskPath = ask_save_path or self._ask_save_path
        self._refresh = QTimer(self)
        self._refresh.setInterval(int(locking.REFRESH_EVERY * 1000))
        self._refresh.timeout.connect(self._refresh_locks)
        self._refresh.start()

    # --- opening and closing --------------------------------------------------------------

    def before_open(self, path: Path) -> bool:
        """Lock `path` for editing, asking the user if someone else has it; False = do not open."""
        path = Path(path)
        remove_orphan_temps(path.parent)
        if path in self.locks:
            return True
        while True:
            try:
                self.locks[path] = locking.acquire(path)
                self.read_only.discard(path)
                return True
            except LockedError as exc:
                if exc.stale and is_my_crashed_session(exc.info):
                    # This user's own editor on this computer died: not a stranger's lock. Take it
                    # back quietly; the crash's unsaved edits are offered by the recovery prompt.
                    try:
                        self.locks[path] = locking.take_over(path, exc.info)
                        self.read_only.discard(path)
                        return True
                    except LockedError:
                        continue
                from ui.reliability.lock_prompt import LockChoice, LockPrompt

                choice = LockPrompt(path, exc.info, exc.stale, self.window).ask()
                if choice is LockChoice.CANCEL:
                    return False
                if choice is LockChoice.READ_ONLY:
                    self.read_only.add(path)
                    return True
                try:
                    self.locks[path] = locking.take_over(path, exc.info)
                    return True
                except LockedError:
                    continue  # it changed hands meanwhile: show the new holder
            except OSError as exc:
                # A folder we cannot write to: no lock possible, and no save possible either.
                log.warning("could not create a lock beside %s: %s", path, exc)
                return True

    def take_over(self, path: Path) -> bool:
        """Make a draft opened read-only editable (the banner's "Take Over"); True if it now is.

        A lock that still looks alive is taken only after the user confirms: its holder's next save
        then meets the changed-on-disk prompt rather than overwriting this user's work.
        """
        path = Path(path)
        info = locking.read_lock(path)
        try:
            if info is None:
                lock = locking.acquire(path)
            else:
                if not locking.is_stale(info) and not self._confirm_take_over(path, info):
                    return False
                lock = locking.take_over(path, info)
        except LockedError as exc:
            from ui.reliability.lock_prompt import describe_local

            QMessageBox.warning(self.window, "Could not take over",
                                f"{path.name} is now being edited by {describe_local(exc.info)}.")
            return False
        except OSError as exc:
            QMessageBox.warning(self.window, "Could not take over",
                                f"No lock could be made beside {path.name}: {exc.strerror or exc}.")
            return False
        self.locks[path] = lock
        self.read_only.discard(path)
        return True

    def _confirm_take_over(self, path: Path, info: locking.LockInfo) -> bool:
        from ui.reliability.lock_prompt import describe_local

        answer = QMessageBox.question(
            self.window, "Take over?",
            f"{path.name} is being edited by {describe_local(info)}.\n\nIf you take it over, their "
            "unsaved changes are not lost, but they will have to save them as a copy. Take it over?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def moved(self, document: Document[Any], old: Path | None) -> None:
        """After Save As put `document` in a new file: its lock and recovery copies follow it there."""
        new = document.path
        if old is not None and new is not None and Path(old) != Path(new):
            self._release(old)
        if new is not None:
            self.before_open(new)
        if id(document) not in self.autosavers:
            self.watch(document)

    def keep_all_for_recovery(self) -> None:
        """The editor is being stopped (SIGTERM, SIGINT, logout): keep unsaved edits, give up the locks.

        Unsaved edits are written to the recovery folder now (not removed as a deliberate close would),
        so the next start offers them; every lock this editor holds is removed.
        """
        for saver in list(self.autosavers.values()):
            saver.keep()
        self.autosavers.clear()
        for path in list(self.locks):
            self._release(path)

    def is_read_only(self, path: Path | None) -> bool:
        return path is not None and Path(path) in self.read_only

    def watch(self, document: Document[Any], delay_ms: int = RECOVERY_DELAY_MS) -> RecoveryAutosaver:
        """Start keeping recovery copies of `document`'s unsaved edits."""
        saver = RecoveryAutosaver(document, self.store, delay_ms)
        self.autosavers[id(document)] = saver
        return saver

    def closed(self, document: Document[Any]) -> None:
        """The draft closed on purpose: drop its recovery copy and give up its lock."""
        saver = self.autosavers.pop(id(document), None)
        if saver is not None:
            saver.stop()
        self._release(document.path)

    def _release(self, path: Path | None) -> None:
        if path is None:
            return
        lock = self.locks.pop(Path(path), None)
        if lock is not None:
            lock.release()
        self.read_only.discard(Path(path))

    def _refresh_locks(self) -> None:
        for lock in self.locks.values():
            lock.refresh()

    # --- saving -----------------------------------------------------------------------------

    def save(self, document: Document[Any]) -> bool:
        """Save to the document's own file, or ask where; True once it is on disk."""
        if document.path is None:
            return self.save_as(document)
        if self.is_read_only(document.path):
            error = SaveError(f"{document.path} is open read-only because someone else is editing it.",
                              path=document.path, reason="read_only_open",
                              what="it is open read-only because someone else is editing it")
            return self._after_error(document, error)
        return self._write(document, document.path, document.fingerprint or None)

    def save_as(self, document: Document[Any]) -> bool:
        """Ask for a file and save there; the document then belongs to that file."""
        target = self.ask_save_path(document.path)
        if target is None:
            return False
        target = Path(target)
        if target != document.path and not self.before_open(target):
            return False
        if self.is_read_only(target):
            self.read_only.discard(target)
            QMessageBox.warning(self.window, "File in use",
                                f"{target.name} is open in another editor; choose another name.")
            return False
        old = document.path
        if not self._write(document, target, None):
            if target != old:
                self._release(target)
            return False
        if old is not None and old != target:
            self._release(old)
        return True

    def _write(self, document: Document[Any], path: Path, expected: str | None) -> bool:
        try:
            fingerprint = save(document.data, path, expected_fingerprint=expected)
        except ChangedOnDiskError as exc:
            return self._changed_on_disk(document, path, exc)
        except SaveError as exc:
            return self._after_error(document, exc)
        document.mark_saved(fingerprint, path)
        saver = self.autosavers.get(id(document))
        if saver is not None:
            saver.discard()
        return True

    def _after_error(self, document: Document[Any], error: SaveError) -> bool:
        name = (error.path or document.path or Path("The draft")).name
        from ui.reliability.save_error import SaveErrorDialog

        if SaveErrorDialog(name, error, self.window).ask():
            return self.save_as(document)
        return False

    def _changed_on_disk(self, document: Document[Any], path: Path, exc: ChangedOnDiskError) -> bool:
        disk_text, fields = None, []
        try:
            data = read_bytes(path)  # guarded: the file on disk may now be anything (a pipe, a huge file)
            disk_text = data.decode("utf-8", "replace")
            disk_doc, _ = parse_document(type(document.data), data, str(path))
            fields = changed_fields(disk_doc, document.data)
        except (OSError, LoadError):
            pass  # gone or unreadable: the dialog says so and shows the raw text it has
        mine = serialize(document.data).decode("utf-8")
        from ui.reliability.changed_prompt import ChangedChoice, ChangedOnDiskDialog

        choice = ChangedOnDiskDialog(path, disk_text, mine, fields, self.window).ask()
        if choice is ChangedChoice.RELOAD:
            return self._reload(document, path)
        if choice is ChangedChoice.SAVE_COPY:
            return self.save_as(document)
        if choice is ChangedChoice.OVERWRITE:
            # Overwrite exactly the version the user was shown; if it changed again, ask again.
            return self._write(document, path, exc.actual)
        return False

    def _reload(self, document: Document[Any], path: Path) -> bool:
        """Show the version on disk; the user's edits stay one Undo away. False: nothing was saved."""
        try:
            loaded = load(type(document.data), path)
        except LoadError as exc:
            QMessageBox.warning(self.window, "Could not reload", f"{exc}\n\nYour version is still in the editor.")
            return False
        document.replace_all(loaded.doc, "Reload from disk")
        document.mark_saved(loaded.fingerprint)
        return False

    # --- recovery ---------------------------------------------------------------------------

    def offer_recovery(self) -> list[RecoveryEntry]:
        """At start-up: offer edits a crash left behind; returns the entries the user wants back."""
        entries = self.store.pending()
        if not entries:
            return []
        from ui.reliability.recovery_prompt import RecoveryDialog

        dialog = RecoveryDialog(entries, self.window)
        dialog.exec()
        if dialog.action == RecoveryDialog.DISCARD:
            for entry in entries:
                self.store.discard_entry(entry)
            return []
        if dialog.action != RecoveryDialog.RESTORE:
            return []
        chosen = dialog.ticked()
        for entry in entries:
            if entry not in chosen:
                self.store.discard_entry(entry)
        return chosen

    def restore_into(self, document: Document[Any], entry: RecoveryEntry) -> bool:
        """Apply recovered edits to a freshly opened `document` as one undoable, unsaved change."""
        try:
            recovered = entry.document()
        except LoadError as exc:
            QMessageBox.warning(self.window, "Could not restore", str(exc))
            return False
        changed_since = entry.original_changed()
        document.replace_all(recovered, "Restore unsaved edits")
        if changed_since and entry.base_fingerprint:
            # Saving must then show both versions rather than overwrite the newer file on disk.
            document.fingerprint = entry.base_fingerprint
        saver = self.autosavers.get(id(document))
        if saver is not None:
            saver.adopt(entry.file)
        return True

    def _ask_save_path(self, current: Path | None) -> Path | None:
        start = str(current) if current is not None else ""
        chosen, _ = QFileDialog.getSaveFileName(self.window, "Save draft as", start, "Draft (*.yaml)")
        return Path(chosen) if chosen else None
