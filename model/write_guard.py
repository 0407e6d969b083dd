"""What a writer outside the editor must check before touching a file of an edition.

The editor holds the `.~lock` of every draft it has open and never writes the bundled sample;
the command line (`fmt`, `approve`, `import-figures`, `export --force`) must honour both, and
refuse a read-only draft. `storage.save(..., guard=True)` repeats `refuse_write` under the
folder's exclusive OS lock, just before the replace, so a lock taken meanwhile is still seen.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from model.locking import is_stale, lock_path, read_lock

# Refusals that leave a file alone on purpose (commands exit 1: close it, make it writable, copy the
# sample); the others ("lock_unreadable", "outside_edition") are exit 2, something to repair.
LEFT_ALONE = ("locked", "read_only", "bundled_sample")

BUNDLED_SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "sample"


class WriteRefused(OSError):
    """A write the product refuses; `reason` is a SaveError reason: "locked", "lock_unreadable", "read_only",
    "bundled_sample" or "outside_edition"."""

    def __init__(self, path: str | os.PathLike[str], reason: str, why: str) -> None:
        super().__init__(errno.EPERM, why, os.fspath(path))
        self.reason = reason
        self.why = why

    def __str__(self) -> str:
        return f"{self.filename}: {self.why}"


def in_bundled_sample(path: str | os.PathLike[str]) -> bool:
    """Whether `path` is (inside) the sample edition that ships with the app."""
    real = Path(os.path.realpath(path))
    root = Path(os.path.realpath(BUNDLED_SAMPLE))
    return real == root or root in real.parents


def refuse_write(path: str | os.PathLike[str]) -> None:
    """WriteRefused if `path` is in the bundled sample, open in the editor, or marked read-only."""
    p = Path(path)
    if in_bundled_sample(p):
        raise WriteRefused(p, "bundled_sample", "this is the sample edition that ships with the app and is never "
                                                "changed; copy the edition folder first and work on the copy")
    holder = read_lock(p)
    if holder is not None and holder.damaged:
        raise WriteRefused(p, "lock_unreadable", f"its lock file {lock_path(p)} cannot be read as a lock "
                                        f"({holder.damaged}); if nobody has the file open, delete the lock file")
    if holder is not None and not is_stale(holder):
        raise WriteRefused(p, "locked", f"the file is open in the editor ({holder.describe()}); "
                                        "save or close it there first")
    try:
        st = os.stat(p)
    except OSError:
        return
    if stat.S_ISREG(st.st_mode) and not st.st_mode & 0o222:
        raise WriteRefused(p, "read_only", "the file is marked read-only; make it writable first "
                                           "if it really should change")


def refuse_link_out(folder: str | os.PathLike[str], home: str | os.PathLike[str]) -> None:
    """WriteRefused when `folder` (`.backups`, `.approvals`) is a link leading outside `home` (the edition)."""
    f = Path(folder)
    if not os.path.islink(f):
        return
    real, root = Path(os.path.realpath(f)), Path(os.path.realpath(home))
    if real != root and root not in real.parents:
        raise WriteRefused(f, "outside_edition", "this folder is a link that leads outside the edition folder, so "
                                                 "nothing was written there; replace the link with a real folder")
