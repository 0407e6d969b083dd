"""Loading and saving one document file: safe read, migration, validation, verified atomic write."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from model.atomic import atomic_write_bytes
from model.convert import SourceMap, from_node, to_plain
from model.migrations import migrate
from model.types import Borough, EditionContent
from model.yaml_read import LoadError, Problem, compose, decode
from model.yaml_write import dump

D = TypeVar("D", Borough, EditionContent)


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
    """A document could not be written; the file on disk is as it was."""


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
    raise SaveError("the document could not be written in a form that reads back the same; nothing was saved")


def save(doc: Borough | EditionContent, path: str | os.PathLike[str]) -> str:
    """Atomically write `doc` to `path`; returns the fingerprint of what was written."""
    data = serialize(doc)
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise SaveError(f"{path}: could not save: {exc.strerror or exc}. The file on disk is unchanged.") from exc
    return fingerprint_bytes(data)
