"""Writing a user's file without ever leaving it half-written: temp file, fsync, os.replace."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

if os.name != "nt":
    import fcntl  # imported once: the lock must not depend on importing in the middle of a save

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
    if "\x00" in os.fspath(path):
        raise NotRegularTarget(os.fspath(path).replace("\x00", "\\0"), "the file name contains a NUL character")
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    check_target(target)
    tmp = folder / temp_name(target.name)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        _write_all(fd, data)
        os.fsync(fd)
        os.close(fd)
        fd = -1
        _verify(tmp, data)
        # With a `before_replace` check, everything from here to the replace runs under an exclusive
        # OS lock on the folder, so two processes saving the same file (two `import-figures` at
        # once) cannot both pass the caller's changed-on-disk check before either replaces: the
        # second sees the first's bytes.
        with folder_lock(folder) if before_replace is not None else contextlib.nullcontext():
            check_target(target)
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


class NotRegularTarget(OSError):
    """The path to write is not a regular file (a folder, a device such as /dev/null, a pipe)."""

    def __init__(self, path: str | os.PathLike[str], why: str) -> None:
        super().__init__(errno.EINVAL, why, os.fspath(path))
        self.why = why

    def __str__(self) -> str:
        return f"{self.filename}: {self.why}"


class ReadOnlyFileError(PermissionError):
    """The file to replace is marked read-only (no write permission for anyone): it is not replaced."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(errno.EACCES, "the file is marked read-only", os.fspath(path))


def check_target(target: Path) -> None:
    """Refuse to replace anything but a writable regular file (a missing file is fine: it is created).

    `os.replace` would otherwise swap a device node (`-o /dev/null` as root) or a read-only draft
    for a regular file; root ignores permission bits, so the mode is looked at, not os.access.
    """
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(st.st_mode):
        what = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file (a device, pipe or socket)"
        raise NotRegularTarget(target, f"this is {what}; nothing was written to it")
    if not st.st_mode & 0o222:
        raise ReadOnlyFileError(target)


_LOCK_NAME = ".~write-lock"
_LOCK_WAIT_SECONDS = 30.0
_local = threading.local()  # the folders this thread holds the lock of, with a depth count
_thread_locks: dict[str, threading.Lock] = {}
_thread_locks_guard = threading.Lock()


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive OS lock for writes into `folder`, between processes and between threads.

    A sidecar `.~write-lock` in the folder is locked with fcntl.flock (msvcrt.locking on Windows);
    the file is never deleted (deleting a lock file races with the next locker). Re-entrant within
    one thread. Where the sidecar cannot be created (a read-only folder, which a write would fail
    in anyway) the write goes on unlocked.
    """
    key = os.path.realpath(folder)
    held: dict[str, int] = _local.__dict__.setdefault("held", {})
    if held.get(key):
        held[key] += 1
        try:
            yield
        finally:
            held[key] -= 1
        return
    with _thread_locks_guard:
        in_process = _thread_locks.setdefault(key, threading.Lock())
    with in_process:
        fd = _open_sidecar(os.path.join(key, _LOCK_NAME))
        try:
            if fd >= 0:
                _os_lock(fd)
            held[key] = 1
            try:
                yield
            finally:
                held.pop(key, None)
        finally:
            if fd >= 0:
                os.close(fd)  # closing releases the OS lock


def _open_sidecar(path: str) -> int:
    """The lock sidecar, created if needed; read-only when a colleague created it (flock needs no write
    access, so a 0644 sidecar of another user still locks); -1 where it cannot be opened at all."""
    cloexec = getattr(os, "O_CLOEXEC", 0)
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | cloexec, 0o666)
    except OSError:
        pass
    try:
        return os.open(path, os.O_RDONLY | cloexec)
    except OSError:
        return -1


def _os_lock(fd: int) -> None:
    deadline = time.monotonic() + _LOCK_WAIT_SECONDS
    while True:
        try:
            if os.name == "nt":  # pragma: no cover - Windows
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            else:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        except OSError as exc:
            if exc.errno not in (errno.EACCES, errno.EAGAIN, errno.EDEADLK):
                return  # the file system has no locks (some network shares): go on as before
        if time.monotonic() > deadline:
            raise TimeoutError(errno.ETIMEDOUT, "another program has been saving in this folder for over "
                                                f"{int(_LOCK_WAIT_SECONDS)} s; try again")
        time.sleep(0.02)


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
        # Keep owner and group; only root may give a file away, so otherwise keep at least the group
        # of a shared folder's file (the saver then owns it, as with every editor's save).
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
        except OSError:
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
