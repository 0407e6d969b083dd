"""Issue 15 in the editor: a damaged lock file (`{"pid": 1e400}`, a folder) still lets the draft open."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from model import locking
from tests.ui.test_reliability_flows import answer, draft, window  # noqa: F401  (fixtures)
from ui.reliability.hooks import Reliability
from ui.reliability.lock_prompt import LockPrompt


def test_an_infinite_pid_in_the_lock_still_opens_read_only(window: Any, draft: Path, tmp_path: Path) -> None:  # noqa: F811
    locking.lock_path(draft).write_text('{"pid": 1e400, "user": "x"}')  # int(1e400) raised OverflowError
    seen: list[LockPrompt] = []
    answer(LockPrompt, lambda d: d.read_only_button.click(), seen)
    hooks = Reliability(window, tmp_path / "rec", ask_save_path=lambda _p: None)
    assert hooks.before_open(draft)
    assert seen and hooks.is_read_only(draft)


def test_a_lock_that_is_a_folder_still_opens_read_only(window: Any, draft: Path, tmp_path: Path) -> None:  # noqa: F811
    locking.lock_path(draft).mkdir()  # reading it raised IsADirectoryError
    seen: list[LockPrompt] = []
    answer(LockPrompt, lambda d: d.read_only_button.click(), seen)
    hooks = Reliability(window, tmp_path / "rec", ask_save_path=lambda _p: None)
    assert hooks.before_open(draft)
    assert seen and hooks.is_read_only(draft)
