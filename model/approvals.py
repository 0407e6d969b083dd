"""Review records on disk: the approved versions (for "what changed since approval") and print overrides.

The borough file records only who approved, when, and a fingerprint. The content that was approved
is kept beside the edition, in `.approvals/<digest>.borough.yaml` and `.edition.yaml`, in
the same canonical format as the files themselves and read back through the same validating
loader. A snapshot is named by its fingerprint, so re-approving never overwrites an older one and
a file copied without the folder simply has no snapshot: the approval is still checked, only the
word-level diff is unavailable.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from model.atomic import atomic_write_bytes
from model.review import now_text, record_override
from model.storage import load_borough, load_edition_content, save, serialize
from model.types import Approval, Borough, EditionContent
from model.write_guard import refuse_link_out
from model.yaml_read import LoadError

APPROVALS_DIR = ".approvals"


@dataclass(frozen=True)
class Snapshot:
    """The edition content and the borough as they were when approved."""

    content: EditionContent
    borough: Borough


def _stem(folder: Path, fingerprint: str) -> Path:
    # A fixed-length name from the fingerprint: safe on every file system whatever the version prefix.
    # The fingerprint covers the borough's name, so boroughs never share a snapshot.
    name = hashlib.sha256(fingerprint.encode("utf-8")).hexdigest()[:24]
    return folder / APPROVALS_DIR / name


def _named(stem: Path, kind: str) -> Path:
    return stem.parent / f"{stem.name}.{kind}.yaml"


def save_snapshot(folder: Path, fingerprint: str, content: EditionContent, borough: Borough) -> Path:
    """Keep the approved content (atomically, each file); returns the borough snapshot's path."""
    stem = _stem(folder, fingerprint)
    refuse_link_out(stem.parent, folder)
    stem.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(_named(stem, "edition"), serialize(content))
    path = _named(stem, "borough")
    atomic_write_bytes(path, serialize(borough))
    return path


def load_snapshot(folder: Path, fingerprint: str) -> Snapshot | None:
    """The snapshot of an approval, or None when it is not (or no longer readably) on this computer."""
    stem = _stem(folder, fingerprint)
    try:
        files = [_named(stem, "edition"), _named(stem, "borough")]
        stamps = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)
        return _read_snapshot(stamps)
    except (LoadError, OSError):
        return None


@lru_cache(maxsize=64)
def _read_snapshot(stamps: tuple[tuple[str, int, int], ...]) -> Snapshot:
    # Keyed on each file's modification time and size: a stale approval is re-checked on every
    # keystroke, and parsing the snapshot each time would cost more than all the other checks.
    (edition, _m1, _s1), (borough, _m2, _s2) = stamps
    root = Path(edition).parent.parent  # .approvals/ sits in the edition folder: links out of it are refused
    return Snapshot(load_edition_content(edition, root).doc, load_borough(borough, root).doc)


def record_print_override(path: Path, by: str, reason: str) -> None:
    """Add a print-gate override to the borough file at `path` (atomically; refused if it changes meanwhile).

    Raises SaveError (ChangedOnDiskError included) or LoadError; the caller says what happened.
    """
    loaded = load_borough(path)
    save(record_override(loaded.doc, by, reason, now_text()), path, expected_fingerprint=loaded.fingerprint,
         guard=True)


RECORD_SUFFIX = ".approval.json"


def write_approval_record(folder: Path, borough_file: Path, borough_name: str, approval: Approval) -> Path:
    """An approval as its own record in `.approvals/`, written atomically and never overwritten.

    It says which borough file and content (fingerprint), the name typed, and the account and computer
    it was given from: the audit trail stays even if the approval is later withdrawn or undone.
    """
    records = folder / APPROVALS_DIR
    refuse_link_out(records, folder)
    records.mkdir(parents=True, exist_ok=True)
    try:
        file = str(borough_file.resolve().relative_to(folder.resolve()))
    except ValueError:
        file = str(borough_file)
    record = {"borough": borough_name, "file": file, "by": approval.by, "user": approval.user,
              "host": approval.host, "at": approval.at, "fingerprint": approval.fingerprint}
    stamp = re.sub(r"[^0-9A-Za-z]", "", approval.at)[:15] or "undated"
    target = records / f"{stamp}-{borough_file.stem}-{secrets.token_hex(3)}{RECORD_SUFFIX}"
    atomic_write_bytes(target, json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8"))
    return target


def approval_records(folder: Path) -> list[dict[str, str]]:
    """Every approval record of the edition in `folder`, oldest first (unreadable ones skipped)."""
    out: list[dict[str, str]] = []
    for path in sorted((folder / APPROVALS_DIR).glob("*" + RECORD_SUFFIX)):
        try:
            data = json.loads(path.read_bytes().decode("utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict):
            out.append({str(k): str(v) for k, v in data.items()})
    return out
