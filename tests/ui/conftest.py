"""GUI test set-up: settings and recovery files go to a temporary place, never the user's own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings, QStandardPaths

if TYPE_CHECKING:
    from ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """QSettings, QStandardPaths and the recovery folder point at a fresh folder for every test.

    Test mode alone puts recovery files and caches in ~/.qttest, shared by every test run on the
    machine: a run's leftover recovery entry then pops a dialog in another. A home of its own per
    test keeps them apart (QStandardPaths reads HOME each time it is asked), and the recovery folder
    is pointed there explicitly too.
    """
    folder = tmp_path_factory.mktemp("settings")
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setattr("ui.reliability.hooks.default_recovery_folder", lambda: folder / "recovery")
    QStandardPaths.setTestModeEnabled(True)
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    QSettings("Borough Summary Editor", "Borough Summary Editor").clear()
    yield folder


class UnexpectedDialog(AssertionError):
    """A test opened a modal dialog it did not patch: fail at once instead of hanging CI."""


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

    def refuse(name: str):  # type: ignore[no-untyped-def]
        def dialog(*args, **kwargs):  # type: ignore[no-untyped-def]
            text = " | ".join(str(a) for a in args[1:3])
            raise UnexpectedDialog(f"unexpected modal {name}: {text}")
        return dialog

    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, refuse(f"QMessageBox.{name}"))
    for name in ("getExistingDirectory", "getOpenFileName", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, refuse(f"QFileDialog.{name}"))
    monkeypatch.setattr(QInputDialog, "getText", refuse("QInputDialog.getText"))


@pytest.fixture
def window(qtbot, sample_copy: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The editor on a writable copy of the sample, its first preview rendered."""
    from ui.main_window import MainWindow
    from ui.session import EditionSession

    win = MainWindow(EditionSession(sample_copy))
    win.show()
    qtbot.waitUntil(lambda: win.preview.pdf.pageCount() > 0, timeout=20_000)
    yield win
    close_quietly(win)


def close_quietly(win: MainWindow) -> None:
    """Close without the unsaved-changes prompt (the test has checked what it wanted)."""
    win.preview.wait_idle()
    for document in win.session.documents():
        document.undo_stack.setClean()
    win.close()
    win.deleteLater()
