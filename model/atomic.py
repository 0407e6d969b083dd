"""Writing a user's file without ever leaving it half-written: temp file, fsync, os.replace."""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from collections.abc import Callable
from pathlib import Path

TEMP_PREFIX = ".~save-"
ORPHAN_AGE_SECONDS = 600  # a temp file this old belongs to no save in progress (ours or a colleague's)
_NAME_MAX = 255  # bytes in one file name on every file system we meet (ext4, NTFS, SMB)
_TAG_LENGTH = 8


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, *,
                       before_replace: Callable[[Path], None] | None = None) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file.

    The temp file lives in the same folder (os.replace is atomic only within one file system),
    is read back and compared before it replaces anything, and takes the old file's permissions
    (a fresh temp file would make a shared 0664 draft private). `before_replace(target)` runs
    just before the replace, so a caller can check the file on disk and keep a backup as late
    as possible. On any error the temp file is removed and the original is untouched.
    A symlink is followed: the file it points to is replaced, the link stays a link.
    """
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    tmp = folder / temp_name(target.name)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        _write_all(fd, data)
        os.fsync(fd)
        os.close(fd)
        fd = -1
        _verify(tmp, data)
        _copy_mode(target, tmp)
        if before_replace is not None:
            before_replace(target)
        os.replace(tmp, target)
    except BaseException:
        if fd >= 0:
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_folder(folder)


def temp_name(name: str) -> str:
    """A unique temp file name for `name`, short enough for the file system whatever `name` is."""
    tag = "." + secrets.token_hex(_TAG_LENGTH // 2)
    room = _NAME_MAX - len(TEMP_PREFIX.encode()) - len(tag)
    stem = name.encode("utf-8", "surrogateescape")[:room].decode("utf-8", "ignore")
    return TEMP_PREFIX + stem + tag


def _write_all(fd: int, data: bytes) -> None:
    # os.write may write less than asked (signals, some network file systems): loop until done.
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError("write made no progress")
        view = view[written:]


def _verify(tmp: Path, data: bytes) -> None:
    """Read the temp file back: a file system that accepted the bytes but stored others fails here."""
    if tmp.read_bytes() != data:
        raise OSError(f"{tmp.name}: the bytes read back differ from those written")


def _copy_mode(target: Path, tmp: Path) -> None:
    try:
        st = os.stat(target)
    except FileNotFoundError:
        os.chmod(tmp, 0o666 & ~_umask())
        return
    os.chmod(tmp, st.st_mode & 0o7777)
    if hasattr(os, "chown"):
        # Keep the group of a shared folder's file; only root may change the owner, so try the group.
        with contextlib.suppress(OSError):
            os.chown(tmp, -1, st.st_gid)


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


def remove_orphan_temps(folder: str | os.PathLike[str], *, min_age: float = ORPHAN_AGE_SECONDS) -> list[Path]:
    """Delete temp files left by a save that was killed; returns what was removed.

    Only temp files older than `min_age` seconds go: on a shared folder a fresh one may be a
    colleague's save in progress.
    """
    removed = []
    now = time.time()
    for candidate in Path(folder).glob(TEMP_PREFIX + "*"):
        with contextlib.suppress(OSError):
            if now - candidate.lstat().st_mtime >= min_age and candidate.is_file():
                candidate.unlink()
                removed.append(candidate)
    return removed
