"""Review and approval of a borough's leaflet: status, comments, the approval fingerprint, the print gate.

An approval records a fingerprint of everything the borough's leaflet prints: the borough's own
fields (not its review state: status, comments, approval, print overrides), the whole pan-London
edition content, and the bytes of every photo. Any later change to any of those makes the
approval stale; adding a comment or changing the status does not.

Pure functions from documents to documents or facts; reading photo bytes is the only I/O here
(the approved snapshots live in model/approvals.py).
"""

from __future__ import annotations

import getpass
import hashlib
import json
import secrets
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from model.convert import to_plain
from model.docdiff import DiffOp, changed_values, marked, value_text, word_diff
from model.edition import MAX_PHOTO_BYTES, ImagePathError, resolve_image
from model.findings import Finding
from model.safe_read import RefusedRead, read_regular, stat_regular
from model.types import STATUS_LABELS, Approval, Borough, Comment, EditionContent, PrintOverride, Status

FINGERPRINT_VERSION = "v1"
# The review state itself: changing it never re-opens an approval. `format` is not printed either,
# so a file migrated to a newer format keeps its approval.
REVIEW_FIELDS = frozenset({"format", "status", "comments", "approval", "print_overrides"})

Clock = Callable[[], datetime]


def now_text(clock: Clock | None = None) -> str:
    """The time stamp written into files: local time with its UTC offset, to the second."""
    moment = clock() if clock else datetime.now(UTC).astimezone()
    return moment.isoformat(timespec="seconds")


# --- what the leaflet prints, and its fingerprint ---------------------------------------------


def photo_fields(content: EditionContent, borough: Borough) -> list[tuple[str, str]]:
    """(field path, photo file) of every photo the leaflet places, pan-London first."""
    out = [(f"london.logos[{i}].file", logo.file) for i, logo in enumerate(content.logos) if logo.file]
    if content.deputy_mayor.photo:
        out.append(("london.deputy_mayor.photo", content.deputy_mayor.photo))
    if borough.commander.photo:
        out.append(("commander.photo", borough.commander.photo))
    out += [(f"initiatives[{i}].photo", x.photo) for i, x in enumerate(borough.initiatives) if x.photo]
    return out


@lru_cache(maxsize=256)
def _file_digest(path: str, _mtime_ns: int, _ctime_ns: int, _inode: int, _size: int) -> str:
    # Keyed on the file's times, inode and size so the editor's per-keystroke check hashes each photo
    # once. The change time too: a photo copied over with its old time kept (cp -p, unzip) and the
    # same size still counts as new.
    return hashlib.sha256(read_regular(path, limit=MAX_PHOTO_BYTES, what="photo")).hexdigest()


def photo_digests(content: EditionContent, borough: Borough, folder: Path) -> dict[str, str]:
    """Photo file name → sha256 of its bytes ("missing" or "unsafe" when it cannot be read)."""
    out: dict[str, str] = {}
    for _path, name in photo_fields(content, borough):
        try:
            resolved = resolve_image(folder, name)
            st = stat_regular(resolved, root=folder, what="photo")  # a pipe or device would hang or never end
            out[name] = _file_digest(str(resolved), st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_size)
        except (ImagePathError, RefusedRead, ValueError):  # ValueError: a NUL in the name, which no file system takes
            out[name] = "unsafe"
        except OSError:
            out[name] = "missing"
    return out


def printed_borough(borough: Borough) -> dict[str, Any]:
    """The borough's fields that reach the page, as plain data (review state left out)."""
    plain = to_plain(borough)
    return {k: v for k, v in plain.items() if k not in REVIEW_FIELDS}


def printed_edition(content: EditionContent) -> dict[str, Any]:
    plain = to_plain(content)
    return {k: v for k, v in plain.items() if k != "format"}


def _digest(plain: object) -> str:
    text = json.dumps(plain, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# The check runs on every keystroke and a keystroke changes one document: the other's digest is
# reused. Keyed on the object's identity as well: documents are immutable, but equal ones can print
# differently (Decimal("-0.6") == Decimal("-0.60")); a cached key holds its object, so its id stays unique.
@lru_cache(maxsize=8)
def _edition_digest(_identity: int, content: EditionContent) -> str:
    return _digest(printed_edition(content))


@lru_cache(maxsize=64)
def _borough_digest(_identity: int, borough: Borough) -> str:
    return _digest(printed_borough(borough))


def fingerprint(content: EditionContent, borough: Borough, photos: Mapping[str, str]) -> str:
    """A digest of everything the borough's leaflet prints (see the module docstring)."""
    parts = {"edition": _edition_digest(id(content), content), "borough": _borough_digest(id(borough), borough),
             "photos": dict(sorted(photos.items()))}
    return f"{FINGERPRINT_VERSION}:sha256:{_digest(parts)}"


def current_fingerprint(content: EditionContent, borough: Borough, folder: Path) -> str:
    return fingerprint(content, borough, photo_digests(content, borough, folder))


# --- approval ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApprovalState:
    """Where a borough's approval stands: `kind` is "none", "current" or "stale"."""

    kind: str
    by: str = ""
    at: str = ""

    @property
    def label(self) -> str:
        if self.kind == "none":
            return "Not approved"
        who = self.by or "someone"
        when = f" on {self.at[:10]}" if self.at else ""
        if self.kind == "current":
            return f"Approved by {who}{when}"
        return f"Out of date: approved by {who}{when}, changed since"


def approval_state(content: EditionContent, borough: Borough, folder: Path) -> ApprovalState:
    approval = borough.approval
    if approval is None:
        return ApprovalState("none")
    fresh = approval.fingerprint == current_fingerprint(content, borough, folder)
    return ApprovalState("current" if fresh else "stale", approval.by, approval.at)


def approve(borough: Borough, fingerprint_: str, by: str, at: str, *, user: str = "", host: str = "") -> Borough:
    """The borough with an approval of the content whose fingerprint is given, and status Approved.

    `user` and `host`: the account and computer it was given from (`this_computer()`), kept beside the
    typed name so that an approval says who really gave it.
    """
    if not by.strip():
        raise ValueError("an approval needs the approver's name")
    return replace(borough, approval=Approval(by.strip(), at, fingerprint_, user, host), status="approved")


def this_computer() -> tuple[str, str]:
    """(the logged-in account, this computer's name), "" where the system cannot say."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = ""
    return user, socket.gethostname()


def withdraw_approval(borough: Borough, status: Status = "in_review") -> Borough:
    return replace(borough, approval=None, status=status)


def set_status(borough: Borough, status: Status) -> Borough:
    """A new workflow status. Leaving "approved" keeps the approval record: history, not a gate."""
    if status not in STATUS_LABELS:
        raise ValueError(f"unknown status '{status}'; one of {', '.join(STATUS_LABELS)}")
    return replace(borough, status=status)


# --- comments ----------------------------------------------------------------------------------


def new_comment_id(borough: Borough) -> str:
    taken = {c.id for c in borough.comments}
    while True:
        candidate = secrets.token_hex(4)
        if candidate not in taken:
            return candidate


def add_comment(borough: Borough, path: str, author: str, text: str, at: str, comment_id: str = "") -> Borough:
    """The borough with one more comment on the field `path` ("" = the whole leaflet)."""
    if not text.strip():
        raise ValueError("a comment needs some text")
    comment = Comment(comment_id or new_comment_id(borough), path, author.strip(), at, text.strip(), False)
    return replace(borough, comments=(*borough.comments, comment))


def resolve_comment(borough: Borough, comment_id: str, resolved: bool = True) -> Borough:
    if comment_id not in {c.id for c in borough.comments}:
        raise KeyError(comment_id)
    return replace(borough, comments=tuple(replace(c, resolved=resolved) if c.id == comment_id else c
                                           for c in borough.comments))


def delete_comment(borough: Borough, comment_id: str) -> Borough:
    return replace(borough, comments=tuple(c for c in borough.comments if c.id != comment_id))


def unresolved(borough: Borough) -> list[Comment]:
    return [c for c in borough.comments if not c.resolved]


# --- the print gate ----------------------------------------------------------------------------


def print_gate_reasons(state: ApprovalState | None, findings: list[Finding]) -> list[str]:
    """Why an export should not go ahead without confirmation (`--force`); empty when it may.

    Every export waits for errors to be fixed; a print export (`state` given) also waits for a
    current approval, so nothing reaches the printer that the commander did not see.
    """
    reasons = []
    if state is None:
        pass
    elif state.kind == "none":
        reasons.append("the commander has not approved this leaflet")
    elif state.kind == "stale":
        reasons.append(f"the content has changed since {state.by or 'the commander'} approved it")
    errors = sum(1 for f in findings if f.severity == "error")
    if errors:
        reasons.append(f"the checks report {errors} unresolved error{'s' * (errors != 1)}")
    return reasons


def override_reason(why: str, reasons: list[str]) -> str:
    """What a print override records: the user's reason, then the gate's reasons it overrode."""
    return f"{why.strip()} ({'; '.join(reasons)})"


def record_override(borough: Borough, by: str, reason: str, at: str) -> Borough:
    """The borough with a record of a print export made despite the gate."""
    return replace(borough, print_overrides=(*borough.print_overrides, PrintOverride(by.strip(), at, reason.strip())))


# --- what changed since approval ---------------------------------------------------------------

LONDON = "london."  # prefix of pan-London field paths in changes, comments and findings


@dataclass(frozen=True)
class FieldChange:
    """One printed field that differs from the approved version, with its word-level diff."""

    path: str  # "results[1].change", or "london.met_forward.text" for the shared content
    old: str
    new: str
    runs: tuple[tuple[DiffOp, str], ...]

    @property
    def marked(self) -> str:
        return marked(list(self.runs))


def _changed_pairs(approved_content: EditionContent, approved_borough: Borough,
                   content: EditionContent, borough: Borough) -> list[tuple[str, Any, Any]]:
    pairs = [] if approved_content == content else [
        (LONDON + path, old, new)
        for path, old, new in changed_values(printed_edition(approved_content), printed_edition(content))]
    return pairs + changed_values(printed_borough(approved_borough), printed_borough(borough))


def changed_paths(approved_content: EditionContent, approved_borough: Borough,
                  content: EditionContent, borough: Borough) -> list[str]:
    """The field paths of `changes_since`, without the word-level diffs (cheap enough per keystroke)."""
    return [path for path, _old, _new in _changed_pairs(approved_content, approved_borough, content, borough)]


def changes_since(approved_content: EditionContent, approved_borough: Borough,
                  content: EditionContent, borough: Borough) -> list[FieldChange]:
    """Every printed field that differs from the approved version, London-wide fields first."""
    pairs = _changed_pairs(approved_content, approved_borough, content, borough)
    out = []
    for path, old, new in pairs:
        old_text, new_text = value_text(old), value_text(new)
        out.append(FieldChange(path, old_text, new_text, tuple(word_diff(old_text, new_text))))
    return out
