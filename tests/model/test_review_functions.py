"""The review functions' smaller promises, each pinned where mutation testing found it unguarded.

The fingerprints here are frozen on purpose: approvals are stored in borough files, so a change to
how the fingerprint is computed reopens every approval in every office. If one of these fails, the
change must come with a new FINGERPRINT_VERSION and a note in the release, not a new constant here.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from model import review
from model.findings import Finding
from model.types import Borough, Commander, Contact, EditionContent, Initiative, Message, Priority, ResultRow, Target

AT = "2026-12-01T10:00:00+00:00"


def _documents() -> tuple[EditionContent, Borough]:
    content = EditionContent(period="2009/10", next_period="2010/11", contacts=(Contact(name="Crimestoppers"),),
                             deputy_mayor=Message(name="Kit Malthouse", message="Café, naïve — “quoted”",
                                                  photo="images/dm.jpg"))
    borough = Borough(borough="Camden", commander=Commander(name="A Name", photo="images/c.jpg"),
                      initiatives=(Initiative(title="Op", photo="../outside.jpg"),),
                      results=(ResultRow(measure="Gun crime", change=-3, change_pct=Decimal("-12.70")),),
                      priorities=(Priority(targets=(Target("gun crime", Decimal("-5.5")),)),))
    return content, borough


def test_the_fingerprint_of_a_fixed_document_never_changes() -> None:
    content, borough = _documents()
    photos = {"images/dm.jpg": "a" * 64, "images/c.jpg": "missing", "../outside.jpg": "unsafe"}
    assert review.fingerprint(content, borough, photos) == (
        "v1:sha256:a4d55b3c04a82859ce0f2633d0a640c67ebfde7bf357c831fff34297e8e971fb")


def test_photo_digests_name_each_photo_by_its_bytes_or_say_why_not(tmp_path: Path) -> None:
    content, borough = _documents()
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "dm.jpg").write_bytes(b"abc")
    assert review.photo_fields(content, borough) == [
        ("london.deputy_mayor.photo", "images/dm.jpg"), ("commander.photo", "images/c.jpg"),
        ("initiatives[0].photo", "../outside.jpg")]
    assert review.photo_digests(content, borough, tmp_path) == {
        "images/dm.jpg": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",  # sha256("abc")
        "images/c.jpg": "missing", "../outside.jpg": "unsafe"}


@pytest.mark.parametrize("keep_time", [False, True])
def test_a_photo_replaced_by_one_of_the_same_size_is_a_new_photo(tmp_path: Path, keep_time: bool) -> None:
    content, borough = _documents()
    photo = tmp_path / "images" / "dm.jpg"
    photo.parent.mkdir()
    photo.write_bytes(b"abc")
    before = review.photo_digests(content, borough, tmp_path)["images/dm.jpg"]
    st = photo.stat()
    replacement = tmp_path / "new.jpg"
    replacement.write_bytes(b"abd")
    if keep_time:  # as cp -p or unzip leave it: the old modification time, same size
        os.utime(replacement, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(replacement, photo)
    assert review.photo_digests(content, borough, tmp_path)["images/dm.jpg"] != before


def test_a_photo_grown_with_its_time_kept_is_a_new_photo(tmp_path: Path) -> None:
    content, borough = _documents()
    photo = tmp_path / "images" / "dm.jpg"
    photo.parent.mkdir()
    photo.write_bytes(b"abc")
    before = review.photo_digests(content, borough, tmp_path)["images/dm.jpg"]
    st = photo.stat()
    with photo.open("ab") as handle:
        handle.write(b"d")
    os.utime(photo, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert review.photo_digests(content, borough, tmp_path)["images/dm.jpg"] != before


def test_now_text_is_the_clocks_time_to_the_second_with_its_offset() -> None:
    moment = datetime(2026, 12, 1, 10, 0, 0, 123456, tzinfo=timezone(timedelta(hours=1)))
    assert review.now_text(lambda: moment) == "2026-12-01T10:00:00+01:00"
    stamp = datetime.fromisoformat(review.now_text())
    assert stamp.utcoffset() is not None and abs(stamp - datetime.now(UTC)) < timedelta(minutes=1)


def test_approve_withdraw_and_status() -> None:
    _content, borough = _documents()
    approved = review.approve(borough, "v1:sha256:x", "  Ch Supt Example ", AT)
    assert approved.approval is not None and approved.status == "approved"
    assert (approved.approval.by, approved.approval.at, approved.approval.fingerprint) == (
        "Ch Supt Example", AT, "v1:sha256:x")
    with pytest.raises(ValueError, match=r"^an approval needs the approver's name$"):
        review.approve(borough, "v1:sha256:x", "  ", AT)
    withdrawn = review.withdraw_approval(approved)
    assert withdrawn.approval is None and withdrawn.status == "in_review"
    assert review.withdraw_approval(approved, "changes_requested").status == "changes_requested"
    assert review.set_status(approved, "draft").status == "draft"
    assert review.set_status(approved, "draft").approval == approved.approval  # history, not a gate
    with pytest.raises(ValueError, match=re.escape(
            "unknown status 'done'; one of draft, in_review, changes_requested, approved")):
        review.set_status(approved, "done")  # type: ignore[arg-type]


def test_comments_are_added_resolved_and_deleted_by_id() -> None:
    _content, borough = _documents()
    noted = review.add_comment(borough, "results[0]", " A Reviewer ", " Check this ", AT)
    first = noted.comments[0]
    assert (first.path, first.author, first.time, first.text, first.resolved) == (
        "results[0]", "A Reviewer", AT, "Check this", False)
    assert re.fullmatch(r"[0-9a-f]{8}", first.id)
    noted = review.add_comment(noted, "", "B", "Whole leaflet", AT, comment_id="fixed")
    assert [c.id for c in noted.comments] == [first.id, "fixed"]
    with pytest.raises(ValueError, match=r"^a comment needs some text$"):
        review.add_comment(noted, "", "B", " \n", AT)
    resolved = review.resolve_comment(noted, "fixed")
    assert [c.resolved for c in resolved.comments] == [False, True]
    assert review.unresolved(resolved) == [first]
    assert [c.resolved for c in review.resolve_comment(resolved, "fixed", resolved=False).comments] == [False, False]
    with pytest.raises(KeyError, match="nope"):
        review.resolve_comment(noted, "nope")
    assert [c.id for c in review.delete_comment(noted, first.id).comments] == ["fixed"]
    assert review.delete_comment(noted, "nope") == noted


def test_new_comment_ids_are_eight_hex_digits_and_never_repeat() -> None:
    _content, borough = _documents()
    ids = set()
    for _ in range(50):
        borough = review.add_comment(borough, "", "A", "x", AT)
        ids.add(borough.comments[-1].id)
    assert len(ids) == 50 and all(re.fullmatch(r"[0-9a-f]{8}", i) for i in ids)


def test_print_gate_wording() -> None:
    errors = [Finding("results[0]", "error", "results.x", "wrong")] * 2
    assert review.print_gate_reasons(review.ApprovalState("stale"), errors) == [
        "the content has changed since the commander approved it", "the checks report 2 unresolved errors"]
    assert review.override_reason("  deadline ", ["a", "b"]) == "deadline (a; b)"


def test_changes_since_carries_both_texts_and_london_first() -> None:
    content, borough = _documents()
    new_content = replace(content, period="2010/11")
    new_borough = replace(borough, borough="Camden Town")
    changes = review.changes_since(content, borough, new_content, new_borough)
    assert [(c.path, c.old, c.new) for c in changes] == [
        ("london.period", "2009/10", "2010/11"), ("borough", "Camden", "Camden Town")]
    assert review.changed_paths(content, borough, content, new_borough) == ["borough"]


def test_the_approval_state_says_who_approved_and_when(tmp_path: Path) -> None:
    content, borough = _documents()
    approved = review.approve(borough, review.current_fingerprint(content, borough, tmp_path), "Boss", AT)
    state = review.approval_state(content, approved, tmp_path)
    assert (state.kind, state.by, state.at) == ("current", "Boss", AT)
    assert state.label == "Approved by Boss on 2026-12-01"
    stale = review.approval_state(content, replace(approved, borough="Camden Town"), tmp_path)
    assert (stale.kind, stale.by, stale.at) == ("stale", "Boss", AT)
    assert stale.label == "Out of date: approved by Boss on 2026-12-01, changed since"
    assert review.approval_state(content, borough, tmp_path) == review.ApprovalState("none")


def test_an_approval_keeps_the_account_and_computer_it_was_given_from(monkeypatch: pytest.MonkeyPatch) -> None:
    _content, borough = _documents()
    approval = review.approve(borough, "v1:sha256:x", "Ch Supt Example", AT, user="pr01", host="TH-LAPTOP-7").approval
    assert approval is not None and (approval.user, approval.host) == ("pr01", "TH-LAPTOP-7")
    unnamed = review.approve(borough, "v1:sha256:x", "Ch Supt Example", AT).approval
    assert unnamed is not None and (unnamed.user, unnamed.host) == ("", "")

    monkeypatch.setattr(review.getpass, "getuser", lambda: "pr01")
    monkeypatch.setattr(review.socket, "gethostname", lambda: "TH-LAPTOP-7")
    assert review.this_computer() == ("pr01", "TH-LAPTOP-7")

    def no_account() -> str:
        raise KeyError("uid 1234 has no name")  # a container or a domain account the system cannot name
    monkeypatch.setattr(review.getpass, "getuser", no_account)
    assert review.this_computer() == ("", "TH-LAPTOP-7")


def test_a_photo_copied_over_in_place_with_its_time_kept_is_a_new_photo(tmp_path: Path) -> None:
    """`cp -p new.jpg images/dm.jpg` writes into the existing file (same inode), same size, and puts the old
    modification time back: only the change time says the bytes are new, and the approval must go stale."""
    import time

    content, borough = _documents()
    photo = tmp_path / "images" / "dm.jpg"
    photo.parent.mkdir()
    photo.write_bytes(b"abc")
    assert review.photo_digests(content, borough, tmp_path)["images/dm.jpg"] == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")  # sha256("abc"), now cached
    st = photo.stat()
    time.sleep(0.02)  # past the kernel's timestamp tick, as any real copy is
    with photo.open("r+b") as handle:
        handle.write(b"abd")
    os.utime(photo, ns=(st.st_atime_ns, st.st_mtime_ns))
    after = photo.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (st.st_ino, st.st_size, st.st_mtime_ns)
    assert review.photo_digests(content, borough, tmp_path)["images/dm.jpg"] == (
        "a52d159f262b2c6ddb724a61840befc36eb30c88877a4030b65cbe86298449c9")  # sha256("abd")
