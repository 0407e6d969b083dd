"""Issue 17, driven through the real window's menus and dialogs: drafts after Save As, after a crash,
read-only drafts, Save As itself, menus and keys (items 1, 5, 7, 8, 9)."""

from __future__ import annotations

import getpass
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from model import locking
from model.new_edition import create_edition
from model.recovery import RecoveryStore
from model.storage import load_borough
from tests.conftest import ROOT, SAMPLE
from tests.ui.conftest import close_quietly
from tests.ui.test_reliability_flows import answer
from ui.main_window import MainWindow
from ui.pages.commander import CommanderPage
from ui.reliability.lock_prompt import LockPrompt, describe_local
from ui.reliability.recovery_prompt import RecoveryDialog
from ui.session import SAMPLE_FOLDER, EditionSession

pytestmark = pytest.mark.timeout(120)
TH = "tower-hamlets"

# the sample's photos and logos: the only files of its images/ folder a copy may take
SAMPLE_IMAGES = sorted(p.name for p in (SAMPLE / "images").iterdir() if p.suffix in {".jpg", ".jpeg", ".png"})


def action(win: MainWindow, menu: str, text: str) -> QAction:
    """The menu entry as the user sees it (menu "&File", text "Save Edition &As…")."""
    found = [a for a in win.menu(menu).actions() if a.text() == text]
    assert found, f"no {text!r} in {menu}: {[a.text() for a in win.menu(menu).actions()]}"
    return found[0]


def commander(win: MainWindow) -> CommanderPage:
    page = next(p for p in win.borough_pages if isinstance(p, CommanderPage))
    page.ensure_built()
    return page


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _plant_lock(path: Path, **fields: object) -> None:
    record = {"user": "jsmith", "host": "COMMS-PC-04", "pid": 4242, "since": "2026-07-01T12:00:00+00:00",
              "token": "theirs"} | fields
    locking.lock_path(path).write_text(json.dumps(record))


# --- item 1: a draft saved with Save Edition As has its lock and its crash recovery ------------------


def test_save_as_of_the_sample_into_a_new_folder_locks_and_autosaves_there(qtbot, monkeypatch,  # type: ignore[no-untyped-def]
                                                                            tmp_path: Path) -> None:
    win = MainWindow(EditionSession(SAMPLE_FOLDER))
    win.show()
    try:
        win.show_borough(TH)
        win.session.boroughs[TH].set_field(("commander", "name"), "Before Save As")
        target = tmp_path / "drafts" / "our-2009-10"  # a folder typed in the dialog, which does not exist
        monkeypatch.setattr("ui.file_actions.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
        action(win, "&File", "Save Edition &As…").trigger()
        draft = target / "boroughs" / f"{TH}.yaml"
        assert load_borough(draft).doc.commander.name == "Before Save As"
        for path in (draft, target / "edition.yaml"):  # the new files are locked by this editor
            info = locking.read_lock(path)
            assert info is not None and info.pid == os.getpid(), path
        # An edit after Save As gets a recovery copy for the new file within seconds
        win.session.boroughs[TH].set_field(("commander", "name"), "After Save As")
        store = win.reliability.store
        qtbot.waitUntil(lambda: any(e.original == draft.resolve() for e in store.pending()), timeout=10_000)
        entry = next(e for e in store.pending() if e.original == draft.resolve())
        assert entry.document().commander.name == "After Save As"
        # A second editor opening the same draft is told it is in use (here: cancels)
        from ui.reliability.hooks import Reliability

        seen: list[LockPrompt] = []
        answer(LockPrompt, lambda d: d.cancel_button.click(), seen)
        assert not Reliability(win, tmp_path / "other-recovery").before_open(draft)
        assert seen and getpass.getuser() in seen[0].text()
    finally:
        close_quietly(win)
    assert locking.read_lock(target / "boroughs" / f"{TH}.yaml") is None  # closing gives the lock up


def test_a_crash_after_save_as_is_offered_at_the_next_start(qtbot, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Kill -9 after Save As: the next start without a path opens that edition and offers the edit."""
    from ui import app

    win = MainWindow(EditionSession(SAMPLE_FOLDER))
    target = tmp_path / "our-copy"
    monkeypatch.setattr("ui.file_actions.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    win.show_borough(TH)
    action(win, "&File", "Save Edition &As…").trigger()
    win.session.boroughs[TH].set_field(("commander", "name"), "Typed before the crash")
    win.reliability.autosavers[id(win.session.boroughs[TH])].write_now()
    draft = target / "boroughs" / f"{TH}.yaml"
    # What kill -9 leaves: the recovery copy and the lock, both with a process that is gone.
    dead = _dead_pid()
    for copy in win.reliability.store.folder.glob("*.recovery.json"):
        record = json.loads(copy.read_text())
        copy.write_text(json.dumps(record | {"pid": dead}))
    lock = json.loads(locking.lock_path(draft).read_text())
    win.reliability.autosavers.clear()
    win.reliability.locks.clear()
    win.preview.wait_idle()
    win.deleteLater()
    locking.lock_path(draft).write_text(json.dumps(lock | {"pid": dead}))

    assert app._start_folder() == target.resolve()
    monkeypatch.setattr(RecoveryDialog, "exec", lambda self: setattr(self, "action", RecoveryDialog.RESTORE) or 1)
    prompts: list[LockPrompt] = []
    answer(LockPrompt, lambda d: d.cancel_button.click(), prompts)
    again = app.open_window(app._start_folder())
    assert again is not None
    try:
        restored = again.session.boroughs[TH]
        assert restored.data.commander.name == "Typed before the crash" and restored.dirty
        assert prompts == []  # my own crashed editor's lock: no "being edited by" prompt
        info = locking.read_lock(draft)
        assert info is not None and info.pid == os.getpid()
    finally:
        close_quietly(again)


# --- item 5: Save As asks for the folder itself, starts beside the edition, copies only images -------


def test_save_as_starts_beside_the_edition_creates_exactly_the_typed_folder_and_copies_only_images(  # type: ignore[no-untyped-def]
        window: MainWindow, monkeypatch, tmp_path: Path) -> None:
    asked: list[str] = []
    target = tmp_path / "typed new name"

    def dialog(_parent, _title, start, *_a, **_k):  # type: ignore[no-untyped-def]
        asked.append(start)
        return str(target), ""

    monkeypatch.setattr("ui.file_actions.QFileDialog.getSaveFileName", dialog)
    window.session.boroughs[TH].set_field(("commander", "name"), "Saved as")
    origin = window.session.folder
    action(window, "&File", "Save Edition &As…").trigger()
    assert Path(asked[0]).parent == origin.parent  # beside the edition it came from
    assert Path(asked[0]).name == "local-policing-summary-2009-10"
    visible = sorted(p.name for p in target.iterdir() if not p.name.startswith("."))  # its own locks are hidden
    # the folder typed holds the edition itself: no subfolder made in it
    assert visible == sorted(p.name for p in origin.iterdir() if not p.name.startswith("."))
    assert "boroughs" in visible and "edition.yaml" in visible
    assert sorted(p.name for p in (target / "images").iterdir()) == SAMPLE_IMAGES
    assert load_borough(target / "boroughs" / f"{TH}.yaml").doc.commander.name == "Saved as"
    assert window.session.folder == target


def test_a_non_empty_folder_is_refused_and_nothing_is_written(window: MainWindow, monkeypatch,  # type: ignore[no-untyped-def]
                                                              tmp_path: Path) -> None:
    full = tmp_path / "full"
    full.mkdir()
    (full / "theirs.txt").write_text("keep me")
    monkeypatch.setattr("ui.file_actions.QFileDialog.getSaveFileName", lambda *a, **k: (str(full), ""))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a: warned.append(text))
    action(window, "&File", "Save Edition &As…").trigger()
    assert warned and "not empty" in warned[0]
    assert [p.name for p in full.iterdir()] == ["theirs.txt"]


def test_new_edition_copies_and_counts_only_image_files(tmp_path: Path) -> None:
    report = create_edition(SAMPLE, tmp_path / "next", "2010/11")
    assert report.images == len(SAMPLE_IMAGES) >= 3  # photos and logos
    assert "images/make_placeholders.py" in report.skipped_images
    assert not (tmp_path / "next" / "images" / "make_placeholders.py").exists()


# --- item 7: after a crash: my own lock, local times, the words, the word count, signals -------------


def test_my_own_crashed_session_is_recognised_and_its_edits_restored_with_the_words(  # type: ignore[no-untyped-def]
        qtbot, monkeypatch, sample_copy: Path) -> None:
    from ui import app
    from ui.reliability.hooks import default_recovery_folder

    draft = sample_copy / "boroughs" / f"{TH}.yaml"
    dead = _dead_pid()
    _plant_lock(draft, user=getpass.getuser(), host=socket.gethostname(), pid=dead)
    loaded = load_borough(draft)
    import dataclasses

    message = loaded.doc.commander.message + "\n\nA new closing paragraph typed before the crash."
    edited = dataclasses.replace(loaded.doc, commander=dataclasses.replace(loaded.doc.commander, message=message))
    copy = RecoveryStore(default_recovery_folder()).write(edited, draft, loaded.fingerprint)
    assert copy is not None
    copy.write_text(json.dumps(json.loads(copy.read_text()) | {"pid": dead}))

    prompts: list[LockPrompt] = []
    answer(LockPrompt, lambda d: d.cancel_button.click(), prompts)
    shown: list[str] = []

    def restore(dialog: RecoveryDialog) -> int:
        shown.append(dialog.tree.topLevelItem(0).text(2))
        shown.append(dialog.detail.toPlainText())
        dialog.action = RecoveryDialog.RESTORE
        return 1

    monkeypatch.setattr(RecoveryDialog, "exec", restore)
    win = app.open_window(sample_copy)
    assert win is not None
    try:
        assert prompts == []  # not "being edited by <me> on <this computer>"
        assert "A new closing paragraph typed before the crash.+}" in shown[0]  # the words, not a key
        assert "commander.message" in shown[1] and "typed before the crash" in shown[1]
        document = win.session.boroughs[TH]
        assert document.data.commander.message == message
        page = commander(win)
        assert page.words.text() == f"{len(message.split())} words"  # refreshed after restoring
    finally:
        close_quietly(win)


def test_times_are_shown_in_local_time(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    try:
        info = locking.LockInfo("jsmith", "COMMS-PC-04", 1, "2026-07-01T12:00:00+00:00")
        assert describe_local(info) == "jsmith on COMMS-PC-04 since 01 Jul 2026 13:00"  # BST, not UTC
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_sigterm_keeps_unsaved_edits_for_recovery_and_removes_the_lock(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from ui import app

    draft = window.session.path_of(TH)
    assert locking.read_lock(draft) is not None
    window.session.boroughs[TH].set_field(("commander", "name"), "Typed before SIGTERM")
    before = {n: signal.getsignal(n) for n in (signal.SIGTERM, signal.SIGINT)}
    try:
        app._stop_cleanly_on_signals(QApplication.instance())
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)
    assert locking.read_lock(draft) is None
    [entry] = [e for e in window.reliability.store.pending() if e.original == draft.resolve()]
    assert entry.document().commander.name == "Typed before SIGTERM"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_real_editor_process_stopped_by_a_signal_exits_cleanly_without_its_lock(sample_copy: Path,  # type: ignore[no-untyped-def]
                                                                                   tmp_path: Path, signum) -> None:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
                        "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    draft = sample_copy / "boroughs" / f"{TH}.yaml"
    editor = subprocess.Popen([sys.executable, str(ROOT / "main.py"), str(draft)], env=env, cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while locking.read_lock(draft) is None and time.monotonic() < deadline and editor.poll() is None:
            time.sleep(0.1)
        assert locking.read_lock(draft) is not None, editor.stderr.read() if editor.poll() is not None else ""
        time.sleep(1.0)
        editor.send_signal(signum)
        _out, err = editor.communicate(timeout=30)
    finally:
        if editor.poll() is None:
            editor.kill()
    assert editor.returncode == 0, err
    assert b"Traceback" not in err
    assert locking.read_lock(draft) is None


# --- item 8: read-only is read-only, with a banner that offers Take Over -----------------------------


def test_a_read_only_draft_cannot_be_typed_in_and_take_over_makes_it_editable(qtbot, monkeypatch,  # type: ignore[no-untyped-def]
                                                                              sample_copy: Path) -> None:
    draft = sample_copy / "boroughs" / f"{TH}.yaml"
    _plant_lock(draft, host="COMMS-PC-04", pid=4242)  # someone else, on another computer, right now
    seen: list[LockPrompt] = []
    answer(LockPrompt, lambda d: d.read_only_button.click(), seen)
    win = MainWindow(EditionSession(sample_copy))
    win.show()
    try:
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
        page = commander(win)
        assert win.reliability.is_read_only(draft)
        assert not page.name.isEnabled() and not page.message.isEnabled()
        qtbot.keyClicks(page.name, "typed anyway")
        assert win.session.boroughs[TH].data.commander.name == load_borough(draft).doc.commander.name
        assert win.read_only_banner.isVisible()
        assert "jsmith on COMMS-PC-04" in win.read_only_banner.label.text()
        assert "(read-only)" in win.windowTitle()
        asked: list[str] = []
        monkeypatch.setattr(QMessageBox, "question",
                            lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes)
        qtbot.mouseClick(win.read_only_banner.button, Qt.MouseButton.LeftButton)
        assert asked and "jsmith on COMMS-PC-04" in asked[0]  # a live lock: asked before taking it
        assert page.name.isEnabled() and not win.read_only_banner.isVisible()
        info = locking.read_lock(draft)
        assert info is not None and info.pid == os.getpid()
        page.name.setFocus()
        page.name.selectAll()
        qtbot.keyClicks(page.name, "Now Mine")
        assert win.session.boroughs[TH].data.commander.name == "Now Mine"
    finally:
        close_quietly(win)


# --- item 9: standard keys, an Edit menu that edits, a dashboard entry that shows the dashboard --------


def test_edit_menu_has_cut_copy_paste_select_all_with_standard_keys(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    texts = [a.text() for a in window.menu("&Edit").actions() if a.text()]
    for wanted in ("&Undo", "&Redo", "Cu&t", "&Copy", "&Paste", "Select &All", "&Find…"):
        assert any(t.startswith(wanted) for t in texts), (wanted, texts)
    for text, key in (("Cu&t", QKeySequence.StandardKey.Cut), ("&Copy", QKeySequence.StandardKey.Copy),
                      ("&Paste", QKeySequence.StandardKey.Paste),
                      ("Select &All", QKeySequence.StandardKey.SelectAll)):
        assert action(window, "&Edit", text).shortcut() == QKeySequence(key)
    page = commander(window)
    window.tabs.setCurrentWidget(page)
    page.name.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.name)
    action(window, "&Edit", "Select &All").trigger()
    action(window, "&Edit", "&Copy").trigger()
    assert QApplication.clipboard().text() == "Paul Rickett"
    page.alt.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.alt)
    action(window, "&Edit", "Select &All").trigger()
    action(window, "&Edit", "&Paste").trigger()
    assert window.session.boroughs[TH].data.commander.alt == "Paul Rickett"


def test_ctrl_y_and_ctrl_shift_z_redo(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    redo = next(a for a in window.menu("&Edit").actions() if a.text().startswith("&Redo"))
    keys = [k.toString() for k in redo.shortcuts()]
    assert "Ctrl+Y" in keys and "Ctrl+Shift+Z" in keys
    document = window.session.boroughs[TH]
    document.set_field(("commander", "name"), "Changed")
    window.tabs.setFocus()
    qtbot.keyClick(window.tabs, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.data.commander.name == "Paul Rickett"
    qtbot.keyClick(window.tabs, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert document.data.commander.name == "Changed"
    window.undo_group.undo()
    qtbot.keyClick(window.tabs, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert document.data.commander.name == "Changed"


def test_view_edition_dashboard_raises_it_and_never_hides_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    entry = action(window, "&View", "Edition &Dashboard")
    assert not entry.isCheckable() and entry.shortcut() == QKeySequence("Ctrl+D")
    for _ in range(3):
        entry.trigger()
        qtbot.waitUntil(lambda: window.dashboard_dock.isVisible() and not window.dashboard_dock.visibleRegion().isEmpty())
    window.problems_dock.raise_()
    qtbot.keyClick(window.tabs, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.dashboard_dock.visibleRegion().isEmpty())
