"""The rolling backups kept beside a saved file: the last few versions in a `.backups/` folder."""

from __future__ import annotations

import contextlib
import logging
import os
from datetime import UTC, datetime
from pathlib import Path

from model.atomic import atomic_write_bytes
from model.safe_read import read_regular
from model.write_guard import refuse_link_out

BACKUP_DIR = ".backups"
KEEP = 5
_STAMP = "%Y%m%dT%H%M%S.%fZ"

log = logging.getLogger(__name__)


def backup_folder(path: Path) -> Path:
    return path.parent / BACKUP_DIR


def backup_name(path: Path, when: datetime) -> str:
    """`tower-hamlets.yaml` → `tower-hamlets.20261124T190134.123456Z.yaml`: sorts by time, opens as YAML."""
    return f"{path.stem}.{when.strftime(_STAMP)}{path.suffix}"


def list_backups(path: str | os.PathLike[str]) -> list[Path]:
    """The backups of `path`, oldest first."""
    p = Path(path)
    folder = backup_folder(p)
    if not folder.is_dir():
        return []
    found = [b for b in folder.glob(f"{p.stem}.*{p.suffix}") if _stamp_of(p, b) is not None]
    return sorted(found, key=lambda b: _stamp_of(p, b) or datetime.min.replace(tzinfo=UTC))


def _stamp_of(path: Path, backup: Path) -> datetime | None:
    middle = backup.name[len(path.stem) + 1: len(backup.name) - len(path.suffix)]
    try:
        return datetime.strptime(middle, _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None


def keep_backup(path: str | os.PathLike[str], data: bytes, *, keep: int = KEEP,
                now: datetime | None = None) -> Path | None:
    """Store `data` (the version about to be replaced) as the newest backup of `path`.

    Nothing is stored when the newest backup already holds these bytes. Older backups beyond
    `keep` are deleted. A backup that cannot be written is logged, not raised: it must never
    stop the user's own save.
    """
    p = Path(path)
    refuse_link_out(backup_folder(p), p.parent)  # raised, not logged: backups must not go elsewhere
    existing = list_backups(p)
    with contextlib.suppress(OSError):
        if existing and read_regular(existing[-1], limit=len(data) + 1, what="backup") == data:
            return None
    when = now or datetime.now(UTC)
    target = backup_folder(p) / backup_name(p, when)
    try:
        target.parent.mkdir(exist_ok=True)
        atomic_write_bytes(target, data)
    except OSError as exc:
        log.warning("could not keep a backup of %s: %s", p, exc)
        return None
    prune(p, keep)
    return target


def prune(path: Path, keep: int = KEEP) -> None:
    """Delete all but the newest `keep` backups of `path`."""
    backups = list_backups(path)
    for old in backups[: max(0, len(backups) - keep)]:
        with contextlib.suppress(OSError):
            old.unlink()
