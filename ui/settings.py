"""Remembered settings (QSettings): the user's name, recent editions, window layout."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog, QWidget

ORGANISATION = "Borough Summary Editor"
APPLICATION = "Borough Summary Editor"
MAX_RECENT = 8


def settings() -> QSettings:
    return QSettings(ORGANISATION, APPLICATION)


def user_name() -> str:
    """The name used for comments and approvals (key `user/name`)."""
    return str(settings().value("user/name", "") or "")


def set_user_name(name: str) -> None:
    settings().setValue("user/name", name.strip())


def ask_user_name(parent: QWidget | None) -> str:
    """Ask once and remember; returns "" if the user cancels."""
    name, ok = QInputDialog.getText(parent, "Your name", "Your name (shown on comments and approvals):",
                                    text=user_name())
    if ok and name.strip():
        set_user_name(name)
        return name.strip()
    return ""


def recent_editions() -> list[str]:
    value = settings().value("recent/editions", []) or []
    return [str(v) for v in (value if isinstance(value, list) else [value])]


def add_recent(path: str) -> None:
    items = [p for p in recent_editions() if p != path]
    settings().setValue("recent/editions", [path, *items][:MAX_RECENT])
    settings().setValue("recent/last", path)


def last_edition() -> str:
    return str(settings().value("recent/last", "") or "")
