"""Lock files beside open drafts (`.~lock.NAME#`, as LibreOffice does): who has it, stale or not.

The lock is created with O_EXCL, so of two editors opening at once exactly one wins. It holds
user, host, pid, the time it was taken and a random token; only the holder of the token removes
it. A lock is stale when its process is gone (same host, pid not running) or when its owner has
not refreshed it for STALE_AFTER (another machine that crashed or lost the network).
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import secrets
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from model.safe_read import read_regular

LOCK_PREFIX = ".~lock."
LOCK_SUFFIX = "#"
STALE_AFTER = 12 * 3600.0  # seconds without a refresh; the editor refreshes every few minutes
REFRESH_EVERY = 300.0
MAX_LOCK_BYTES = 64 * 1024  # a lock holds a few hundred bytes of JSON


@dataclass(frozen=True)
class LockInfo:
    """What a lock file says about its holder."""

    user: str
    host: str
    pid: int
    since: str  # ISO 8601, UTC
    token: str = ""
    age: float = 0.0  # seconds since the lock file was last written or refreshed
    damaged: str = ""  # why the lock file could not be read as a lock ("" when it could)

    def describe(self) -> str:
        """"Jane Smith on COMMS-PC-04 since 24 Nov 2026 14:02 (UTC)"."""
        when = self.since
        with contextlib.suppress(ValueError):
            when = datetime.fromisoformat(self.since).strftime("%d %b %Y %H:%M (UTC)")
        return f"{self.user or 'someone'} on {self.host or 'an unknown computer'} since {when}"


class LockedError(Exception):
    """The file is locked by someone else; `info` says who, `stale` whether it can be taken over."""

    def __init__(self, path: Path, info: LockInfo, stale: bool) -> None:
        state = "an old lock that looks abandoned" if stale else "it is open"
        super().__init__(f"{path}: {state}: {info.describe()}")
        self.path = path
        self.info = info
        self.stale = stale


def lock_path(path: str | os.PathLike[str]) -> Path:
    p = Path(path)
    return p.parent / f"{LOCK_PREFIX}{p.name}{LOCK_SUFFIX}"


def _me(token: str) -> dict[str, object]:
    return {"user": _user(), "host": socket.gethostname(), "pid": os.getpid(),
            "since": datetime.now(UTC).isoformat(timespec="seconds"), "token": token}


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or password database
        return ""


def read_lock(path: str | os.PathLike[str]) -> LockInfo | None:
    """Who holds the lock on `path`, or None when it is not locked."""
    lp = lock_path(path)
    try:
        age = time.time() - os.lstat(lp).st_mtime
        # Guarded: a lock file that is a pipe, a folder or a link to /dev/zero must not hang or fill memory.
        raw = read_regular(lp, limit=MAX_LOCK_BYTES, what="lock file")
    except FileNotFoundError:
        return None
    except OSError as exc:
        return LockInfo("", "", 0, "", "", 0.0, getattr(exc, "why", "") or f"it cannot be read ({exc.strerror})")
    try:
        fields = json.loads(raw.decode("utf-8"))
        return LockInfo(str(fields.get("user", "")), str(fields.get("host", "")), int(fields.get("pid", 0)),
                        str(fields.get("since", "")), str(fields.get("token", "")), age)
    except (ValueError, AttributeError, TypeError, OverflowError):
        # Half-written or foreign (`{"pid": 1e400}` is an infinite pid): someone holds it, we cannot say who.
        return LockInfo("", "", 0, "", "", age, "it is not a lock file this app wrote, or it is half-written")


def is_stale(info: LockInfo) -> bool:
    """True when the lock's holder is surely gone: dead process on this host, or not refreshed for long."""
    if info.age > STALE_AFTER:
        return True
    return info.host == socket.gethostname() and info.pid > 0 and not pid_alive(info.pid)


def pid_alive(pid: int) -> bool:
    """Whether process `pid` runs on this computer (signal 0 tests without sending anything)."""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False  # 0 and negatives would address process groups, not one process
    if os.name != "posix":
        return True  # on Windows os.kill(pid, 0) sends CTRL_C_EVENT: never call it; the age rule applies
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True  # it exists, it is someone else's
    except OSError:
        return True  # cannot tell: assume alive, the age rule still applies
    return True


class Lock:
    """A lock we hold. `release()` removes the file only if it still carries our token."""

    def __init__(self, path: Path, token: str) -> None:
        self.path = path
        self.lock_file = lock_path(path)
        self.token = token

    def owned(self) -> bool:
        info = read_lock(self.path)
        return info is not None and info.token == self.token

    def refresh(self) -> bool:
        """Touch the lock so it does not look stale; False if it is no longer ours."""
        if not self.owned():
            return False
        with contextlib.suppress(OSError):
            os.utime(self.lock_file)
        return True

    def release(self) -> None:
        if self.owned():
            with contextlib.suppress(OSError):
                self.lock_file.unlink()

    def __enter__(self) -> Lock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def acquire(path: str | os.PathLike[str]) -> Lock:
    """Lock `path` for editing, or raise LockedError saying who has it."""
    p = Path(path)
    token = secrets.token_hex(8)
    data = json.dumps(_me(token)).encode("utf-8")
    try:
        fd = os.open(lock_path(p), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        info = read_lock(p) or LockInfo("", "", 0, "")
        raise LockedError(p, info, is_stale(info)) from None
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    return Lock(p, token)


def take_over(path: str | os.PathLike[str], seen: LockInfo) -> Lock:
    """Replace the lock `seen` (shown to the user as stale) with ours.

    Takers serialise on a second O_EXCL file, so of several people taking over at once exactly
    one wins; the old lock is removed only if it is still the one the user was shown.
    """
    p = Path(path)
    guard = lock_path(p).with_name(lock_path(p).name + ".takeover")
    _clear_abandoned_guard(guard)
    try:
        os.close(os.open(guard, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
    except FileExistsError:
        current = read_lock(p) or seen
        raise LockedError(p, current, False) from None
    try:
        now = read_lock(p)
        if now is not None:
            if (now.token, now.pid, now.host) != (seen.token, seen.pid, seen.host):
                raise LockedError(p, now, is_stale(now))
            with contextlib.suppress(FileNotFoundError):
                lock_path(p).unlink()
        return acquire(p)
    finally:
        with contextlib.suppress(OSError):
            guard.unlink()


def _clear_abandoned_guard(guard: Path) -> None:
    """A take-over guard older than a minute belongs to a taker that crashed midway."""
    with contextlib.suppress(OSError):
        if time.time() - guard.stat().st_mtime > 60:
            guard.unlink()
