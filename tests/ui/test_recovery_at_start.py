"""After a crash, opening the edition offers the unsaved edits and puts them back, unsaved."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from model.recovery import RecoveryStore
from model.storage import load_borough
from ui.main_window import MainWindow
from ui.reliability.hooks import Reliability
from ui.reliability.recovery_prompt import RecoveryDialog
from ui.session import EditionSession


def test_recovered_edits_are_restored_into_the_borough(qtbot, sample_copy: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                        monkeypatch) -> None:
    recovery = tmp_path / "recovery"
    path = sample_copy / "boroughs" / "tower-hamlets.yaml"
    loaded = load_borough(path)
    edited = dataclasses.replace(loaded.doc, commander=dataclasses.replace(loaded.doc.commander,
                                                                           name="Edited before the crash"))
    copy = RecoveryStore(recovery).write(edited, path, loaded.fingerprint)  # what the autosaver wrote
    assert copy is not None
    record = json.loads(copy.read_text())
    record["pid"] = 2**22 + 12345  # the crashed editor's process, long gone
    copy.write_text(json.dumps(record))

    monkeypatch.setattr(RecoveryDialog, "exec", lambda self: setattr(self, "action", RecoveryDialog.RESTORE) or 1)
    window = MainWindow(EditionSession(sample_copy))
    window.reliability = Reliability(window, recovery)
    try:
        assert window.restore_recovered() == 1
        restored = window.session.boroughs["tower-hamlets"]
        assert restored.data.commander.name == "Edited before the crash"
        assert restored.dirty  # restored, not yet saved
        assert load_borough(path).doc.commander.name == loaded.doc.commander.name  # the file is untouched
    finally:
        window.preview.wait_idle()
        for doc in window.session.documents():
            doc.undo_stack.setClean()
        window.close()
