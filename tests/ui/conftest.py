"""GUI test set-up: settings and recovery files go to a temporary place, never the user's own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """QSettings and QStandardPaths point at a fresh folder for every test."""
    folder = tmp_path_factory.mktemp("settings")
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
