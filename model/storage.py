"""Loading and saving one document file: safe read, migration, validation, verified atomic write."""

from __future__ import annotations

import errno
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from model.atomic import atomic_write_bytes
from model.backups import keep_backup
from model.convert import SourceMap, from_node, to_plain
from model.migrations import migrate
from model.types import Borough, EditionContent
from model.yaml_read import LoadError, Problem, compose, decode
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


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or LoadError with a plain reason (missing, a folder, unreadable)."""
    name = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise LoadError([Problem(name, None, None, "", "this is a folder, not a file")])
        from model.yaml_read import MAX_FILE_BYTES

        if size > MAX_FILE_BYTES:
            raise LoadError([Problem(name, None, None, "",
                                     f"the file is {size:,} bytes; a draft is at most {MAX_FILE_BYTES:,}. "
                                     "Is this the right file?")])
        return path.read_bytes()
    except FileNotFoundError:
        raise LoadError([Problem(name, None, None, "", "the file does not exist")]) from None
    except PermissionError:
        raise LoadError([Problem(name, None, None, "", "you do not have permission to read this file")]) from None
    except OSError as exc:
        raise LoadError([Problem(name, None, None, "", f"the file could not be read: {exc.strerror}")]) from None


def parse_document(cls: type[D], data: bytes, file: str) -> tuple[D, SourceMap]:
    """Bytes of a borough or edition file to its document; LoadError lists every problem."""
    text = decode(data, file)
    root = migrate(compose(text, file), file)
    doc, problems, source_map = from_node(cls, root, file)
    if problems:
        raise LoadError(problems)
    return doc, source_map


def load(cls: type[D], path: str | os.PathLike[str]) -> Loaded[D]:
    """Read and validate one file."""
    p = Path(path)
    data = read_bytes(p)
    doc, source_map = parse_document(cls, data, str(p))
    return Loaded(doc, p, source_map, fingerprint_bytes(data))


def load_borough(path: str | os.PathLike[str]) -> Loaded[Borough]:
    """Read and validate a boroughs/<slug>.yaml file."""
    return load(Borough, path)


def load_edition_content(path: str | os.PathLike[str]) -> Loaded[EditionContent]:
    """Read and validate an edition.yaml file."""
    return load(EditionContent, path)


class SaveError(Exception):
    """A document could not be written; the file on disk is as it was.

    `reason` is a short code the editor can act on: "disk_full", "permission", "folder_missing",
    "name_too_long", "read_only", "changed_on_disk", "not_representable" or "io".
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
         expected_fingerprint: str | None = None, backups: bool = True) -> str:
    """Atomically write `doc` to `path`; returns the fingerprint of what was written.

    With `expected_fingerprint` (`Loaded.fingerprint`, or what the last save returned) the save
    is refused with ChangedOnDiskError when the file's bytes are no longer those. The version
    replaced is kept in `.backups/` beside the file (see model/backups.py).
    """
    p = Path(path)
    data = serialize(doc)

    def check_and_backup(target: Path) -> None:
        try:
            current: bytes | None = target.read_bytes()
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
    reason, words = _REASONS.get(exc.errno or 0, ("io", f"the file could not be written ({exc.strerror or exc})"))
    if getattr(exc, "winerror", None) in (32, 33):  # Windows: another program holds the file open
        reason, words = "permission", "another program has the file open (close it there and save again)"
    return SaveError(f"{path}: could not save: {words}. The file on disk is unchanged; "
                     "save your draft somewhere else with Save As.", path=path, reason=reason, what=words)
