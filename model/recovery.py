"""Crash recovery: unsaved edits kept in a recovery folder, offered back on the next start.

The editor writes the open document here (atomically) a few seconds after each change and
discards it after a save or a clean close. What is left at start-up was left by a crash. The
folder is passed in (the UI uses its per-user data folder); this module knows no Qt.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from model.atomic import atomic_write_bytes, remove_orphan_temps
from model.docdiff import DiffSummary, changed_values, condensed, marked, summarize, value_text, word_diff
from model.locking import pid_alive
from model.safe_read import read_regular
from model.storage import SaveError, fingerprint_bytes, parse_document, read_bytes, serialize
from model.types import Borough, EditionContent
from model.yaml_read import LoadError

_KINDS: dict[str, type[Borough] | type[EditionContent]] = {"borough": Borough, "edition": EditionContent}
SUFFIX = ".recovery.json"
MAX_RECORD_BYTES = 8 * 1024 * 1024  # a draft (at most 1 MB) as JSON text, escapes included


@dataclass(frozen=True)
class RecoveryEntry:
    """One document's unsaved edits as found in the recovery folder."""

    file: Path  # the recovery file itself
    original: Path | None  # the draft it belongs to; None for a never-saved document
    kind: str
    saved_at: str  # ISO 8601 UTC, when the recovery copy was written
    base_fingerprint: str  # the draft's fingerprint when the edits began
    text: str  # the document as YAML
    host: str = ""
    pid: int = 0

    def document(self) -> Borough | EditionContent:
        doc, _ = parse_document(_KINDS[self.kind], self.text.encode("utf-8"), str(self.file))
        return doc

    def original_changed(self) -> bool:
        """True when the draft on disk is no longer the version the edits started from."""
        if self.original is None:
            return False
        try:
            return fingerprint_bytes(read_bytes(self.original)) != self.base_fingerprint
        except LoadError:
            return True

    def _base(self) -> tuple[Borough | EditionContent, str]:
        """The draft on disk and its text (an empty document if it is gone or unreadable)."""
        base_doc: Borough | EditionContent = _KINDS[self.kind]()
        base_text = ""
        if self.original is not None:
            with contextlib.suppress(LoadError):
                data = read_bytes(self.original)
                base_doc, _ = parse_document(_KINDS[self.kind], data, str(self.original))
                base_text = data.decode("utf-8-sig")
        return base_doc, base_text

    def summary(self) -> DiffSummary:
        """What restoring would change compared with the draft on disk (all fields if it is gone)."""
        base_doc, base_text = self._base()
        return summarize(base_doc, self.document(), base_text, self.text)

    def changed_words(self, context: int = 6) -> list[tuple[str, str]]:
        """(field path, the words that changed) for each field restoring would change.

        The words are marked as a proof-reader reads them: `[-removed-]{+added+}`, with `context`
        unchanged words either side, so the user sees *what* they typed, not only where.
        """
        base_doc, _ = self._base()
        out = []
        for path, old, new in changed_values(base_doc, self.document()):
            runs = condensed(word_diff(value_text(old), value_text(new)), context)
            out.append((path, marked(runs).strip()))
        return out


class RecoveryStore:
    """The recovery folder: one JSON file per open document with unsaved edits."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)

    def _file_for(self, original: Path | None, untitled_id: str) -> Path:
        key = str(original.resolve()) if original is not None else f"untitled:{untitled_id}"
        return self.folder / (hashlib.sha256(key.encode("utf-8")).hexdigest()[:20] + SUFFIX)

    def write(self, doc: Borough | EditionContent, original: Path | None, base_fingerprint: str = "",
              *, untitled_id: str = "") -> Path | None:
        """Keep `doc` as the recovery copy of `original`; None if it cannot be written as YAML."""
        try:
            text = serialize(doc).decode("utf-8")
        except SaveError:
            return None
        record = {"original": str(original.resolve()) if original is not None else None,
                  "kind": "borough" if isinstance(doc, Borough) else "edition",
                  "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
                  "base_fingerprint": base_fingerprint, "text": text,
                  "host": socket.gethostname(), "pid": os.getpid()}
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self._file_for(original, untitled_id)
        atomic_write_bytes(target, json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8"))
        return target

    def discard(self, original: Path | None, *, untitled_id: str = "") -> None:
        """Forget the recovery copy of `original` (after a save, or when the user declines it)."""
        with contextlib.suppress(OSError):
            self._file_for(original, untitled_id).unlink()

    def discard_entry(self, entry: RecoveryEntry) -> None:
        with contextlib.suppress(OSError):
            entry.file.unlink()

    def pending(self) -> list[RecoveryEntry]:
        """Recovery copies left by sessions that ended without saving, newest first.

        Copies of an editor still running on this computer are not offered; unreadable ones
        are skipped (and left in place for a person to look at).
        """
        if not self.folder.is_dir():
            return []
        remove_orphan_temps(self.folder)
        found = []
        for file in self.folder.glob("*" + SUFFIX):
            entry = _read_entry(file)
            if entry is None:
                continue
            if entry.host == socket.gethostname() and entry.pid != os.getpid() and pid_alive(entry.pid):
                continue
            found.append(entry)
        return sorted(found, key=lambda e: e.saved_at, reverse=True)


def _read_entry(file: Path) -> RecoveryEntry | None:
    try:
        record = json.loads(read_regular(file, limit=MAX_RECORD_BYTES, what="recovery file").decode("utf-8"))
        original = record.get("original")
        kind = str(record["kind"])
        if kind not in _KINDS:
            return None
        return RecoveryEntry(file, Path(original) if original else None, kind, str(record["saved_at"]),
                             str(record.get("base_fingerprint", "")), str(record["text"]),
                             str(record.get("host", "")), int(record.get("pid", 0)))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, OverflowError):
        return None
