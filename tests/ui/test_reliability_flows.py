"""pytest-qt: the reliability prompts as a user meets them: changed on disk, lock, save error, recovery."""

from __future__ import annotations

import errno
import json
import os
import socket
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from model import atomic, backups, locking
from model.storage import load_borough, save
from model.types import Borough
from tests.conftest import SAMPLE_BOROUGH
from ui.document import Document
from ui.reliability.changed_prompt import ChangedOnDiskDialog
from ui.reliability.hooks import Reliability
from ui.reliability.lock_prompt import LockPrompt
from ui.reliability.recovery_prompt import RecoveryDialog
from ui.reliability.save_error import SaveErrorDialog

pytestmark = pytest.mark.timeout(60)  # a modal dialog nobody answers must not hang the run
SAMPLE = load_borough(SAMPLE_BOROUGH).doc


def answer(kind: type, act: Callable[[Any], None], seen: list[Any]) -> None:
    """When a modal dialog of `kind` appears, run `act` on it (as the user would click)."""
    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind):
            seen.append(widget)
            act(widget)
        else:
            QTimer.singleShot(10, poll)
    QTimer.singleShot(0, poll)


@pytest.fixture
def window(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "edition" / "boroughs" / "tower-hamlets.yaml"
    path.parent.mkdir(parents=True)
    save(SAMPLE, path)
    return path


@pytest.fixture
def opened(window: QWidget, draft: Path, tmp_path: Path) -> Iterator[tuple[Reliability, Document[Borough]]]:
    copies = tmp_path / "copies"
    copies.mkdir()
    hooks = Reliability(window, tmp_path / "recovery", ask_save_path=lambda _p: copies / "my-copy.yaml")
    assert hooks.before_open(draft)
    loaded = load_borough(draft)
    document: Document[Borough] = Document(loaded.doc, draft, fingerprint=loaded.fingerprint, parent=window)
    hooks.watch(document, delay_ms=20)
    document.set_field(("commander", "name"), "My Edit")
    yield hooks, document
    hooks.closed(document)


def _someone_else_saves(draft: Path) -> bytes:
    save(replace(SAMPLE, borough="Their Borough Name"), draft, backups=False)
    return draft.read_bytes()


# --- changed on disk --------------------------------------------------------------------------


def test_changed_on_disk_prompt_shows_differences_and_saves_a_copy(opened: Any, draft: Path, tmp_path: Path) -> None:
    hooks, document = opened
    theirs = _someone_else_saves(draft)
    seen: list[ChangedOnDiskDialog] = []
    diff_text: list[str] = []

    def look_then_copy(dialog: ChangedOnDiskDialog) -> None:
        dialog.diff_button.click()
        diff_text.append(dialog.diff_view.toPlainText())
        dialog.copy_button.click()

    answer(ChangedOnDiskDialog, look_then_copy, seen)
    assert hooks.save(document)
    assert seen, "the prompt was not shown"
    assert draft.read_bytes() == theirs  # never a silent overwrite
    assert "-borough: Their Borough Name" in diff_text[0]
    assert "+  name: My Edit" in diff_text[0]
    copy = tmp_path / "copies" / "my-copy.yaml"
    assert load_borough(copy).doc.commander.name == "My Edit"
    assert document.path == copy and not document.dirty


def test_changed_on_disk_reload_shows_their_version_and_undo_brings_mine_back(opened: Any, draft: Path) -> None:
    hooks, document = opened
    theirs = _someone_else_saves(draft)
    answer(ChangedOnDiskDialog, lambda d: d.reload_button.click(), [])
    assert not hooks.save(document)
    assert draft.read_bytes() == theirs
    assert document.data.borough == "Their Borough Name" and not document.dirty
    document.undo_stack.undo()
    assert document.data.commander.name == "My Edit"


def test_changed_on_disk_cancel_writes_nothing_and_keeps_the_edits(opened: Any, draft: Path) -> None:
    hooks, document = opened
    theirs = _someone_else_saves(draft)
    answer(ChangedOnDiskDialog, lambda d: d.cancel_button.click(), [])
    assert not hooks.save(document)
    assert draft.read_bytes() == theirs
    assert document.dirty and document.data.commander.name == "My Edit"


def test_changed_on_disk_overwrite_keeps_their_version_as_a_backup(opened: Any, draft: Path) -> None:
    hooks, document = opened
    theirs = _someone_else_saves(draft)
    answer(ChangedOnDiskDialog, lambda d: d.overwrite_button.click(), [])
    assert hooks.save(document)
    assert load_borough(draft).doc.commander.name == "My Edit"
    assert backups.list_backups(draft)[-1].read_bytes() == theirs


def test_an_unchanged_file_saves_without_any_prompt(opened: Any, draft: Path) -> None:
    hooks, document = opened
    assert hooks.save(document)
    assert load_borough(draft).doc.commander.name == "My Edit"
    assert QApplication.activeModalWidget() is None


# --- locks ------------------------------------------------------------------------------------


def _plant_lock(draft: Path, **fields: object) -> None:
    record = {"user": "jsmith", "host": "COMMS-PC-04", "pid": 4242, "since": "2026-11-24T14:02:00+00:00",
              "token": "theirs"} | fields
    locking.lock_path(draft).write_text(json.dumps(record))


def test_a_second_opener_is_told_who_has_it_and_opens_read_only(window: QWidget, draft: Path, tmp_path: Path) -> None:
    _plant_lock(draft)
    seen: list[LockPrompt] = []
    answer(LockPrompt, lambda d: d.read_only_button.click(), seen)
    hooks = Reliability(window, tmp_path / "rec", ask_save_path=lambda _p: None)
    assert hooks.before_open(draft)
    assert "jsmith on COMMS-PC-04" in seen[0].text()
    assert seen[0].take_over_button is None  # a live lock cannot be taken over
    assert hooks.is_read_only(draft)
    # saving a read-only draft explains why and offers Save As (declined here): nothing written
    document = Document(replace(SAMPLE, borough="X"), draft, fingerprint="", parent=window)
    before = draft.read_bytes()
    errors: list[SaveErrorDialog] = []
    answer(SaveErrorDialog, lambda d: d.cancel_button.click(), errors)
    assert not hooks.save(document)
    assert "open read-only because someone else is editing it" in errors[0].text()
    assert "under another name" in errors[0].informativeText()
    assert draft.read_bytes() == before
    assert json.loads(locking.lock_path(draft).read_text())["token"] == "theirs"


def test_a_stale_lock_can_be_taken_over(window: QWidget, draft: Path, tmp_path: Path) -> None:
    _plant_lock(draft, host=socket.gethostname(), pid=_dead_pid())
    answer(LockPrompt, lambda d: d.take_over_button.click(), [])
    hooks = Reliability(window, tmp_path / "rec")
    assert hooks.before_open(draft)
    assert not hooks.is_read_only(draft)
    info = locking.read_lock(draft)
    assert info is not None and info.pid == os.getpid()


def test_cancel_at_the_lock_prompt_does_not_open(window: QWidget, draft: Path, tmp_path: Path) -> None:
    _plant_lock(draft)
    answer(LockPrompt, lambda d: d.cancel_button.click(), [])
    assert not Reliability(window, tmp_path / "rec").before_open(draft)


def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# --- save errors ------------------------------------------------------------------------------


def test_disk_full_shows_a_clear_error_and_save_as_elsewhere_works(opened: Any, draft: Path, tmp_path: Path) -> None:
    hooks, document = opened
    before = draft.read_bytes()
    seen: list[SaveErrorDialog] = []
    answer(SaveErrorDialog, lambda d: d.save_as_button.click(), seen)

    real_write = os.write
    calls = [0]

    def disk_full_once(fd: int, data: bytes) -> int:
        calls[0] += 1
        if calls[0] == 1:  # the save to the draft's own folder: the disk is full there
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    with mock.patch.object(atomic.os, "write", disk_full_once):
        assert hooks.save(document)
    assert "could not be saved: the disk is full." in seen[0].text()
    assert "still open in the editor" in seen[0].informativeText()
    assert draft.read_bytes() == before
    assert load_borough(tmp_path / "copies" / "my-copy.yaml").doc.commander.name == "My Edit"


# --- recovery ---------------------------------------------------------------------------------


def test_recovery_copy_is_written_after_a_change_and_removed_by_saving(opened: Any, qtbot: Any) -> None:
    hooks, document = opened
    qtbot.waitUntil(lambda: len(hooks.store.pending()) == 1, timeout=5000)
    assert hooks.store.pending()[0].document().commander.name == "My Edit"
    assert hooks.save(document)
    assert hooks.store.pending() == []


def test_recovery_is_offered_at_start_with_what_will_be_restored(window: QWidget, draft: Path, tmp_path: Path) -> None:
    from model.recovery import RecoveryStore

    store_folder = tmp_path / "recovery"
    edited = replace(SAMPLE, commander=replace(SAMPLE.commander, name="Unsaved Name"))
    RecoveryStore(store_folder).write(edited, draft, load_borough(draft).fingerprint)
    seen: list[RecoveryDialog] = []
    rows: list[tuple[str, str]] = []

    def read_then_restore(dialog: RecoveryDialog) -> None:
        item = dialog.tree.topLevelItem(0)
        rows.append((item.text(0), item.text(2)))
        rows.append(("detail", dialog.detail.toPlainText()))
        dialog.restore_button.click()

    answer(RecoveryDialog, read_then_restore, seen)
    hooks = Reliability(window, store_folder)
    [entry] = hooks.offer_recovery()
    # the words that would come back, not only where (issue 17 item 7)
    assert rows[0] == ("tower-hamlets.yaml", "commander.name: [-Paul-]{+Unsaved+} [-Rickett-]{+Name+}")
    assert str(draft.resolve()) in rows[1][1]
    assert "1 field changed (commander.name); +1 \u22121 lines" in rows[1][1]
    assert hooks.before_open(draft)
    loaded = load_borough(draft)
    document = Document(loaded.doc, draft, fingerprint=loaded.fingerprint, parent=window)
    hooks.watch(document)
    assert hooks.restore_into(document, entry)
    assert document.data.commander.name == "Unsaved Name" and document.dirty
    assert hooks.save(document)
    assert load_borough(draft).doc.commander.name == "Unsaved Name"
    assert hooks.store.pending() == []
    hooks.closed(document)
