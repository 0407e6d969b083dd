"""The reliability dialogs on their own: user text shown literally, the right buttons for each case."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from model.locking import LockInfo
from model.storage import SaveError
from ui.reliability.changed_prompt import ChangedChoice, ChangedOnDiskDialog
from ui.reliability.lock_prompt import LockChoice, LockPrompt
from ui.reliability.save_error import SaveErrorDialog

HOSTILE = Path("<b>Tower<b> & <img src=x>.yaml")
INFO = LockInfo("<i>jsmith</i>", "PC-04", 1, "2026-11-24T14:02:00+00:00")


def test_names_that_look_like_markup_are_shown_as_typed(qtbot: Any) -> None:
    prompt = LockPrompt(HOSTILE, INFO, stale=False)
    qtbot.addWidget(prompt)
    assert prompt.textFormat() == Qt.TextFormat.PlainText
    assert "<b>Tower<b> & <img src=x>.yaml is being edited by <i>jsmith</i>" in prompt.text()
    error = SaveErrorDialog(HOSTILE.name, SaveError("x", reason="disk_full", what="the disk is full"))
    qtbot.addWidget(error)
    assert error.textFormat() == Qt.TextFormat.PlainText
    changed = ChangedOnDiskDialog(HOSTILE, "a: 1\n", "a: 2\n", ["a"])
    qtbot.addWidget(changed)
    labels = changed.findChildren(QLabel)
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    assert any("<b>Tower<b> &" in label.text() for label in labels)


def test_a_live_lock_offers_no_take_over_a_stale_one_does(qtbot: Any) -> None:
    live = LockPrompt(Path("a.yaml"), INFO, stale=False)
    stale = LockPrompt(Path("a.yaml"), INFO, stale=True)
    qtbot.addWidget(live)
    qtbot.addWidget(stale)
    assert live.take_over_button is None
    assert stale.take_over_button is not None
    assert "abandoned" in stale.informativeText()
    assert live.choice() is LockChoice.CANCEL  # nothing clicked yet means no


def test_a_deleted_file_cannot_be_reloaded_and_cancel_is_the_default(qtbot: Any) -> None:
    dialog = ChangedOnDiskDialog(Path("a.yaml"), None, "a: 2\n", [])
    qtbot.addWidget(dialog)
    assert not dialog.reload_button.isEnabled()
    assert dialog.cancel_button.isDefault()
    assert dialog.choice is ChangedChoice.CANCEL
    dialog.diff_button.click()
    assert dialog.diff_view.isVisibleTo(dialog)
    assert "+a: 2" in dialog.diff_view.toPlainText()
