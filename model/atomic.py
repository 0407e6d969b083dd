"""Writing a user's file without ever leaving it half-written: temp file, fsync, os.replace."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

TEMP_PREFIX = ".~save-"


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file.

    The temp file lives in the same folder (os.replace is atomic only within one file system)
    and takes the old file's permissions (mkstemp makes it 0600, which would make a shared
    draft private). On any error the temp file is removed and the original is untouched.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX + target.name + ".", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chmod(tmp, os.stat(target).st_mode & 0o7777)
        except FileNotFoundError:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_folder(folder)


def fsync_folder(folder: Path) -> None:
    """Make the rename itself durable, where the OS lets a folder be fsynced."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (and Windows) do not support it; the data itself is synced
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def remove_orphan_temps(folder: str | os.PathLike[str]) -> list[Path]:
    """Delete temp files left by a save that was killed; returns what was removed."""
    removed = []
    for candidate in Path(folder).glob(TEMP_PREFIX + "*"):
        with contextlib.suppress(OSError):
            candidate.unlink()
            removed.append(candidate)
    return removed
