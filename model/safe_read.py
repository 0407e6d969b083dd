"""The one guarded way the product reads a file: regular files only, size-capped, kept inside the edition.

Every reader (borough and edition YAML, photos, lock files, spreadsheets, approval snapshots,
backups, recovery copies) goes through `read_regular`. It opens with O_NONBLOCK and checks the
*opened* descriptor with fstat, so a FIFO planted as a photo never blocks and a file swapped for a
device between a check and the open is still refused; it caps the size before and while reading
(a link to /dev/zero, a /proc file that reports size 0); with `root` it refuses a path that leaves
that folder, naming the link that leads out. A refusal is `RefusedRead`, an OSError whose message
names the file and never quotes its contents, so every existing `except OSError` handles it.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

# Pseudo-file systems whose "files" are not documents (/proc/self/environ reports size 0).
_PSEUDO_ROOTS = ("/proc", "/sys", "/dev")
_CHUNK = 1 << 16


class RefusedRead(OSError):
    """A file the product will not read: not a regular file, too large, or outside its folder."""

    def __init__(self, path: str | os.PathLike[str], why: str, *, code: int = errno.EINVAL) -> None:
        super().__init__(code, why, os.fspath(path))
        self.why = why

    def __str__(self) -> str:
        return f"{self.filename}: {self.why}"


def _display(path: str | os.PathLike[str]) -> str:
    # A name with bytes that are not UTF-8 (surrogate escapes) still prints on any terminal.
    return os.fspath(path).encode("utf-8", "backslashreplace").decode("utf-8")


def check_name(path: str | os.PathLike[str]) -> None:
    """Refuse names the OS would reject with a ValueError (NUL) before any call sees them."""
    if "\x00" in os.fspath(path):
        raise RefusedRead(_display(os.fspath(path).replace("\x00", "\\0")),
                          "the file name contains a NUL character; rename the file", code=errno.EINVAL)


def link_leaving(root: Path, path: Path) -> Path | None:
    """The first symbolic link on the way from `root` to `path` that leads outside `root`, if any.

    `path` must be inside `root` as written (relative parts like `..` are resolved by the caller).
    Returns `path` itself when it is outside `root` without any link.
    """
    real_root = Path(os.path.realpath(root))
    here = Path(os.path.abspath(root))
    try:
        parts = Path(os.path.abspath(path)).relative_to(here).parts
    except ValueError:
        return None if _inside(real_root, Path(os.path.realpath(path))) else path
    for part in parts:
        here = here / part
        if os.path.islink(here) and not _inside(real_root, Path(os.path.realpath(here))):
            return here
    return None if _inside(real_root, Path(os.path.realpath(path))) else path


def _inside(root: Path, target: Path) -> bool:
    return target == root or root in target.parents


def check_inside(root: str | os.PathLike[str], path: str | os.PathLike[str], *, what: str = "file") -> None:
    """RefusedRead when `path` (links followed) is not inside the folder `root`, naming the link that leads out."""
    check_name(path)
    p = Path(path)
    leaving = link_leaving(Path(root), p)
    if leaving is None:
        return
    if os.path.islink(leaving):
        raise RefusedRead(_display(leaving), f"this is a link that leads outside the edition folder, so the {what} "
                                             "was not read; copy the file into the folder instead",
                          code=errno.EPERM)
    raise RefusedRead(_display(p), f"the {what} is outside the edition folder; copy it into the folder",
                      code=errno.EPERM)


def _pseudo(path: Path) -> bool:
    if sys.platform == "win32":
        return False
    real = os.path.realpath(path)
    return any(real == r or real.startswith(r + "/") for r in _PSEUDO_ROOTS)


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words: "a folder", "a pipe (FIFO)", "a device"..."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_regular(path: str | os.PathLike[str], *, limit: int, root: str | os.PathLike[str] | None = None,
                 what: str = "file") -> bytes:
    """The bytes of the regular file `path`, at most `limit` of them, else RefusedRead (an OSError).

    FileNotFoundError and PermissionError pass through as they are, for callers that word them.
    """
    check_name(path)
    p = Path(path)
    if root is not None:
        check_inside(root, p, what=what)
    if _pseudo(p):
        raise RefusedRead(_display(p), f"this is a system file, not a {what}", code=errno.EPERM)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(p, flags)
    except IsADirectoryError:
        raise RefusedRead(_display(p), f"this is a folder, not a {what}", code=errno.EISDIR) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise RefusedRead(_display(p), f"this is {kind_of(st.st_mode)}, not a {what}",
                              code=errno.EISDIR if stat.S_ISDIR(st.st_mode) else errno.EINVAL)
        if st.st_size > limit:
            raise RefusedRead(_display(p), _too_large(st.st_size, limit, what), code=errno.EFBIG)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while we read, or its size was a lie
                raise RefusedRead(_display(p), _too_large(total, limit, what), code=errno.EFBIG)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _too_large(size: int, limit: int, what: str) -> str:
    return f"the file is {size:,} bytes or more; a {what} is at most {limit:,}. Is this the right file?"


def stat_regular(path: str | os.PathLike[str], *, root: str | os.PathLike[str] | None = None,
                 what: str = "file") -> os.stat_result:
    """os.stat of `path` after the same name and folder checks as `read_regular`; refuses non-regular files."""
    check_name(path)
    if root is not None:
        check_inside(root, path, what=what)
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise RefusedRead(_display(path), f"this is {kind_of(st.st_mode)}, not a {what}",
                          code=errno.EISDIR if stat.S_ISDIR(st.st_mode) else errno.EINVAL)
    return st
