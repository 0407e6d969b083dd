"""Loading and saving one document file: safe read, migration, validation, verified atomic write."""

from __future__ import annotations

import errno
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from model.atomic import NotRegularTarget, ReadOnlyFileError, atomic_write_bytes
from model.backups import keep_backup
from model.convert import SourceMap, from_node, to_plain
from model.migrations import migrate
from model.safe_read import RefusedRead, read_regular
from model.types import Borough, EditionContent
from model.write_guard import WriteRefused, refuse_write
from model.yaml_read import MAX_FILE_BYTES, LoadError, Problem, compose, decode
from model.yaml_write import dump

D = TypeVar("D", bound=Borough | EditionContent)


@dataclass(frozen=True)
class Loaded(Generic[D]):
    """A document as read from disk, with where each field is and what the bytes were."""

    doc: D
    path: Path
    source_map: SourceMap
    fingerprint: str  # sha256 of the bytes read: compared before a save overwrites the file

    def line_of(self, field_path: str) -> int | None:
        """The line of `field_path` in the file, or of its nearest ancestor that is there."""
        probe = field_path
        while probe:
            if probe in self.source_map:
                return self.source_map[probe][0]
            cut = max(probe.rfind("."), probe.rfind("["))
            probe = probe[:cut] if cut > 0 else ""
        return None


def fingerprint_bytes(data: bytes) -> str:
    """The content fingerprint used to notice that a file changed on disk."""
    return hashlib.sha256(data).hexdigest()


def read_bytes(path: Path, root: str | os.PathLike[str] | None = None) -> bytes:
    """The file's bytes, or LoadError with a plain reason (missing, a folder, a pipe, too large, unreadable).

    Read through `model.safe_read.read_regular`: regular files only, at most MAX_FILE_BYTES, and
    with `root` (the edition folder) never a file that a link takes outside it.
    """
    name = str(path)
    try:
        return read_regular(path, limit=MAX_FILE_BYTES, root=root, what="draft")
    except RefusedRead as exc:
        raise LoadError([Problem(str(exc.filename), None, None, "", exc.why)]) from None
    except FileNotFoundError:
        raise LoadError([Problem(name, None, None, "", "the file does not exist")]) from None
    except PermissionError:
        raise LoadError([Problem(name, None, None, "", "you do not have permission to read this file")]) from None
    except OSError as exc:
        raise LoadError([Problem(name, None, None, "", f"the file could not be read: {exc.strerror or exc}")]) from None


def parse_document(cls: type[D], data: bytes, file: str) -> tuple[D, SourceMap]:
    """Bytes of a borough or edition file to its document; LoadError lists every problem."""
    text = decode(data, file)
    root = migrate(compose(text, file), file)
    doc, problems, source_map = from_node(cls, root, file)
    if problems:
        raise LoadError(problems)
    return doc, source_map


def load(cls: type[D], path: str | os.PathLike[str], root: str | os.PathLike[str] | None = None) -> Loaded[D]:
    """Read and validate one file; with `root` (its edition folder) a link leading out of it is refused."""
    p = Path(path)
    data = read_bytes(p, root)
    doc, source_map = parse_document(cls, data, str(p))
    return Loaded(doc, p, source_map, fingerprint_bytes(data))


def load_borough(path: str | os.PathLike[str], root: str | os.PathLike[str] | None = None) -> Loaded[Borough]:
    """Read and validate a boroughs/<slug>.yaml file (inside the edition folder `root`, when given)."""
    return load(Borough, path, root)


def load_edition_content(path: str | os.PathLike[str],
                         root: str | os.PathLike[str] | None = None) -> Loaded[EditionContent]:
    """Read and validate an edition.yaml file (inside the edition folder `root`, when given)."""
    return load(EditionContent, path, root)


class SaveError(Exception):
    """A document could not be written; the file on disk is as it was.

    `reason` is a short code the editor can act on: "disk_full", "permission", "folder_missing",
    "name_too_long", "read_only" (the share, or the file marked read-only), "changed_on_disk",
    "not_representable" or "io"; "not_a_file" (a folder or device where a file was expected),
    "outside_edition" (`.backups/` is a link leading out of the edition); and for writers outside
    the editor (`guard=True`) "locked" (open in the editor), "lock_unreadable" and "bundled_sample".
    """

    def __init__(self, message: str, *, path: Path | None = None, reason: str = "io", what: str = "") -> None:
        super().__init__(message)
        self.path = path
        self.reason = reason
        self.what = what or message  # the cause alone, in plain words ("the disk is full")


class ChangedOnDiskError(SaveError):
    """The file changed on disk since it was read (another user, a sync client); nothing was written."""

    def __init__(self, path: Path, expected: str, actual: str | None) -> None:
        what = "was deleted or moved" if actual is None else "was changed by someone or something else"
        super().__init__(f"{path}: the file {what} since it was opened; it was not overwritten. "
                         "Reload it, or save your version under another name.",
                         path=path, reason="changed_on_disk")
        self.expected = expected
        self.actual = actual  # fingerprint of what is on disk now; None if the file is gone


def serialize(doc: Borough | EditionContent) -> bytes:
    """The exact bytes a document is saved as, verified to load back equal to `doc`."""
    plain = to_plain(doc)
    for quote_all in (False, True):
        text = dump(plain, quote_all=quote_all)
        data = text.encode("utf-8")
        try:
            again, _ = parse_document(type(doc), data, "<verify>")
        except LoadError:
            continue
        if again == doc:
            return data
    raise SaveError("the document could not be written in a form that reads back the same; nothing was saved",
                    reason="not_representable")


def save(doc: Borough | EditionContent, path: str | os.PathLike[str], *,
         expected_fingerprint: str | None = None, backups: bool = True, guard: bool = False) -> str:
    """Atomically write `doc` to `path`; returns the fingerprint of what was written.

    With `expected_fingerprint` (`Loaded.fingerprint`, or what the last save returned) the save
    is refused with ChangedOnDiskError when the file's bytes are no longer those. The version
    replaced is kept in `.backups/` beside the file (see model/backups.py).
    With `guard` (every writer but the editor, which holds the lock itself) the save is refused
    when the file is open in the editor, read-only or part of the bundled sample
    (`model.write_guard.refuse_write`), checked again under the folder's OS lock.
    """
    p = Path(path)
    data = serialize(doc)
    if guard:
        try:
            refuse_write(p)  # before anything (a temp file, the folder's lock file) is created beside it
        except WriteRefused as exc:
            raise save_error_from(exc, p) from exc

    def check_and_backup(target: Path) -> None:
        if guard:
            refuse_write(p)
        try:
            current: bytes | None = read_regular(target, limit=MAX_FILE_BYTES, what="draft")
        except FileNotFoundError:
            current = None
        if expected_fingerprint is not None:
            actual = None if current is None else fingerprint_bytes(current)
            if actual != expected_fingerprint:
                raise ChangedOnDiskError(p, expected_fingerprint, actual)
        if backups and current is not None and current != data:
            keep_backup(target, current)

    try:
        atomic_write_bytes(p, data, before_replace=check_and_backup)
    except OSError as exc:
        raise save_error_from(exc, p) from exc
    return fingerprint_bytes(data)


_REASONS = {
    errno.ENOSPC: ("disk_full", "the disk is full"),
    getattr(errno, "EDQUOT", errno.ENOSPC): ("disk_full", "the disk is full or your storage quota is used up"),
    errno.EACCES: ("permission", "you do not have permission to write in this folder"),
    errno.EPERM: ("permission", "you do not have permission to write in this folder"),
    errno.ENOENT: ("folder_missing", "the folder no longer exists (was it moved, renamed or disconnected?)"),
    errno.ENOTDIR: ("folder_missing", "the folder no longer exists (was it moved, renamed or disconnected?)"),
    errno.ENAMETOOLONG: ("name_too_long", "the file name or folder path is too long"),
    errno.EROFS: ("read_only", "the disk or share is read-only"),
}


def save_error_from(exc: OSError, path: Path) -> SaveError:
    """A SaveError in plain words for an OSError raised while saving `path`."""
    if isinstance(exc, WriteRefused):
        return SaveError(f"{path}: not saved: {exc.why}. The file on disk is unchanged.", path=path,
                         reason=exc.reason, what=exc.why)
    if isinstance(exc, ReadOnlyFileError):
        words = "the file is marked read-only"
        return SaveError(f"{path}: not saved: {words}; make it writable first, or save your draft under another "
                         "name with Save As. The file on disk is unchanged.", path=path, reason="read_only", what=words)
    if isinstance(exc, NotRegularTarget | RefusedRead):
        return SaveError(f"{path}: not saved: {exc.why}. Choose a file name instead.", path=path,
                         reason="not_a_file", what=exc.why)
    reason, words = _REASONS.get(exc.errno or 0, ("io", f"the file could not be written ({exc.strerror or exc})"))
    if getattr(exc, "winerror", None) in (32, 33):  # Windows: another program holds the file open
        reason, words = "permission", "another program has the file open (close it there and save again)"
    return SaveError(f"{path}: could not save: {words}. The file on disk is unchanged; "
                     "save your draft somewhere else with Save As.", path=path, reason=reason, what=words)
