"""Review and approval: the fingerprint, stale approvals, what changed since, comments, the ledger."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from model import review
from model.approvals import load_snapshot, record_print_override, save_snapshot
from model.checks import check_borough
from model.checks.ledger import figure_ledger
from model.docdiff import word_diff
from model.leaflet import contact_lines, contacts, emergency_lines, printed_text
from model.storage import load_borough, load_edition_content, save
from model.types import Borough, EditionContent
from tests.conftest import SAMPLE
from tests.model.strategies import TEXT

AT = "2026-12-01T10:00:00+00:00"


def _sample(folder: Path = SAMPLE) -> tuple[EditionContent, Borough]:
    return (load_edition_content(folder / "edition.yaml").doc,
            load_borough(folder / "boroughs" / "tower-hamlets.yaml").doc)


def _approved(folder: Path) -> tuple[EditionContent, Borough]:
    content, borough = _sample(folder)
    fingerprint = review.current_fingerprint(content, borough, folder)
    save_snapshot(folder, fingerprint, content, borough)
    return content, review.approve(borough, fingerprint, "Ch Supt Example", AT)


def _review_findings(content: EditionContent, borough: Borough, folder: Path) -> list:
    return [f for f in check_borough(content, borough, folder) if f.path.startswith("review")]


def _with_change(borough: Borough, row: int, change: int) -> Borough:
    rows = list(borough.results)
    rows[row] = replace(rows[row], change=change)
    return replace(borough, results=tuple(rows))


def test_approve_then_edit_a_figure_makes_the_approval_stale_and_the_diff_shows_exactly_that_edit(
        sample_copy: Path) -> None:
    content, borough = _approved(sample_copy)
    assert review.approval_state(content, borough, sample_copy).kind == "current"
    assert _review_findings(content, borough, sample_copy) == []

    old = borough.results[1].change
    assert old is not None
    edited = _with_change(borough, 1, old + 1)
    state = review.approval_state(content, edited, sample_copy)
    assert state.kind == "stale" and state.by == "Ch Supt Example"
    findings = _review_findings(content, edited, sample_copy)
    assert [(f.severity, f.code, f.path) for f in findings] == [("warning", "review.approval_stale", "review.approval")]
    assert "results[1].change" in findings[0].message

    snapshot = load_snapshot(sample_copy, edited.approval.fingerprint)  # type: ignore[union-attr]
    assert snapshot is not None
    changes = review.changes_since(snapshot.content, snapshot.borough, content, edited)
    assert [c.path for c in changes] == ["results[1].change"]
    assert changes[0].runs == (("delete", str(old)), ("insert", str(old + 1)))
    assert changes[0].marked == f"[-{old}-]{{+{old + 1}+}}"


def test_undoing_the_edit_makes_the_approval_current_again(sample_copy: Path) -> None:
    content, borough = _approved(sample_copy)
    old = borough.results[1].change
    assert old is not None
    back = _with_change(_with_change(borough, 1, old + 5), 1, old)
    assert review.approval_state(content, back, sample_copy).kind == "current"


def test_a_change_to_the_london_content_reopens_the_approval(sample_copy: Path) -> None:
    content, borough = _approved(sample_copy)
    text = content.met_forward.text
    changed = replace(content, met_forward=replace(content.met_forward, text=text.replace("MPA", "Authority", 1)))
    assert review.approval_state(changed, borough, sample_copy).kind == "stale"
    changes = review.changes_since(content, borough, changed, borough)
    assert [c.path for c in changes] == ["london.met_forward.text"]
    assert ("delete", "MPA") in changes[0].runs and ("insert", "Authority") in changes[0].runs


def test_comments_status_and_print_overrides_do_not_reopen_the_approval(sample_copy: Path) -> None:
    content, borough = _approved(sample_copy)
    noted = review.add_comment(borough, "results[1]", "A Reviewer", "Check this against the spreadsheet", AT)
    noted = review.resolve_comment(noted, noted.comments[0].id)
    noted = review.set_status(noted, "changes_requested")
    noted = review.record_override(noted, "Staff", "deadline", AT)
    assert review.approval_state(content, noted, sample_copy).kind == "current"


def test_replacing_a_photo_file_reopens_the_approval(sample_copy: Path) -> None:
    content, borough = _approved(sample_copy)
    photo = sample_copy / borough.commander.photo
    photo.write_bytes(photo.read_bytes() + b"\0")  # same name, different picture
    findings = _review_findings(content, borough, sample_copy)
    assert [f.code for f in findings] == ["review.approval_stale"]
    assert "photo" in findings[0].message


def test_status_approved_without_an_approval_is_a_warning(sample_copy: Path) -> None:
    content, borough = _sample(sample_copy)
    claimed = review.set_status(borough, "approved")
    assert [f.code for f in _review_findings(content, claimed, sample_copy)] == ["review.status_without_approval"]


def test_comments_and_approval_round_trip_through_save_and_load(sample_copy: Path) -> None:
    content, borough = _approved(sample_copy)
    borough = review.add_comment(borough, "commander.message", "Ch Supt Example",
                                 'Say "Safer Neighbourhoods" <in full> & check: 96%', AT)
    borough = review.add_comment(borough, "initiatives[0]", "A Reviewer", "Photo credit?", AT)
    borough = review.resolve_comment(borough, borough.comments[1].id)
    path = sample_copy / "boroughs" / "tower-hamlets.yaml"
    save(borough, path)
    again = load_borough(path).doc
    assert again == borough
    assert [(c.path, c.resolved) for c in again.comments] == [("commander.message", False), ("initiatives[0]", True)]
    assert [c.text for c in review.unresolved(again)] == ['Say "Safer Neighbourhoods" <in full> & check: 96%']
    assert review.approval_state(content, again, sample_copy).kind == "current"


def test_an_empty_comment_or_approver_is_refused() -> None:
    _content, borough = _sample()
    try:
        review.add_comment(borough, "", "me", "   ", AT)
    except ValueError:
        pass
    else:
        raise AssertionError("an empty comment was accepted")
    try:
        review.approve(borough, "v1:x", " ", AT)
    except ValueError:
        pass
    else:
        raise AssertionError("an approval without a name was accepted")


def test_print_gate_reasons() -> None:
    none, stale, current = review.ApprovalState("none"), review.ApprovalState("stale", "Boss"), \
        review.ApprovalState("current", "Boss")
    from model.findings import Finding

    error = Finding("results[1]", "error", "results.x", "wrong")
    assert review.print_gate_reasons(current, []) == []
    assert review.print_gate_reasons(None, []) == []  # a screen PDF needs no approval
    assert review.print_gate_reasons(none, []) == ["the commander has not approved this leaflet"]
    assert "changed since Boss approved" in review.print_gate_reasons(stale, [])[0]
    assert review.print_gate_reasons(current, [error]) == ["the checks report 1 unresolved error"]


def test_a_print_override_is_recorded_in_the_file(sample_copy: Path) -> None:
    path = sample_copy / "boroughs" / "tower-hamlets.yaml"
    record_print_override(path, "Staff Member", "printer deadline")
    overrides = load_borough(path).doc.print_overrides
    assert [(o.by, o.reason) for o in overrides] == [("Staff Member", "printer deadline")]
    assert overrides[0].at


def test_a_missing_snapshot_still_reports_the_stale_approval(sample_copy: Path) -> None:
    content, borough = _sample(sample_copy)
    fingerprint = review.current_fingerprint(content, borough, sample_copy)
    approved = review.approve(borough, fingerprint, "Boss", AT)  # no snapshot kept
    assert load_snapshot(sample_copy, fingerprint) is None
    edited = _with_change(approved, 0, 1)
    findings = _review_findings(content, edited, sample_copy)
    assert [f.code for f in findings] == ["review.approval_stale"]
    assert "content has changed" in findings[0].message


def test_the_ledger_lists_every_figure_of_the_sample_with_its_status() -> None:
    content, borough = _sample()
    ledger = figure_ledger(content, borough)
    assert {e.status for e in ledger} <= {"verified", "contradicted", "ambiguous", "unsourced"}
    assert all(e.path and e.figure and e.note for e in ledger)
    # Every number printed, except phone numbers, dates and 999, is a figure the reviewer sees.
    not_figures = " ".join(" ".join(contact_lines(c) + [" ".join(contact_lines(o)) for o in own])
                           for c, own in contacts(content, borough)) + " ".join(emergency_lines(content))
    printed = re.sub(r"\b(?:19|20)\d\d(?:/\d{2,4})?\b", " ", printed_text(content, borough))
    printed = re.sub(r"\b0\d{2,4}(?: \d{3,4}){1,2}\b", " ", printed)  # phone numbers in the prose
    numbers = {n for n in re.findall(r"\d[\d,.]*\d|\d", printed) if n not in not_figures}
    in_ledger = " ".join(e.figure for e in ledger)
    assert numbers, "the sample prints figures"
    assert sorted(n for n in numbers if n not in in_ledger) == []
    # and each result row of the table is verified against its own arithmetic
    table = [e for e in ledger if re.fullmatch(r"results\[\d+\]", e.path)]
    assert len(table) == sum(1 for r in borough.results if r.change is not None)
    assert all(e.status == "verified" for e in table)


def test_the_ledger_marks_a_contradicted_table_figure() -> None:
    content, borough = _sample()
    rows = list(borough.results)
    row = 0
    rows[row] = replace(rows[row], change=-6, change_pct=Decimal("-21.7"))  # no whole-number baseline gives both
    entries = [e for e in figure_ledger(content, replace(borough, results=tuple(rows))) if e.path == f"results[{row}]"]
    assert [e.status for e in entries] == ["contradicted"]


@settings(max_examples=150, deadline=None)
@given(TEXT, TEXT)
def test_word_diff_gives_back_both_texts(old: str, new: str) -> None:
    runs = word_diff(old, new)
    assert "".join(t for op, t in runs if op != "insert") == old
    assert "".join(t for op, t in runs if op != "delete") == new
    assert all(t for _op, t in runs)
    assert all(a[0] != b[0] for a, b in itertools.pairwise(runs))  # runs are merged


@settings(max_examples=60, deadline=None)
@given(st.lists(TEXT, max_size=4), st.sampled_from(["draft", "in_review", "changes_requested", "approved"]))
def test_the_fingerprint_ignores_review_state_but_not_content(texts: list[str], status: str) -> None:
    content, borough = _sample()
    noted = borough
    for text in texts:
        if text.strip():
            noted = review.add_comment(noted, "commander.message", "Someone", text, AT)
    noted = replace(noted, status=status)
    photos = {"images/commander.jpg": "abc"}
    assert review.fingerprint(content, noted, photos) == review.fingerprint(content, borough, photos)
    for text in texts:
        edited = replace(borough, commander=replace(borough.commander, message=borough.commander.message + text))
        same = text == ""
        assert (review.fingerprint(content, edited, photos) == review.fingerprint(content, borough, photos)) == same
    assert review.fingerprint(content, borough, {"images/commander.jpg": "abd"}) != \
        review.fingerprint(content, borough, photos)




def _stale_message(content: EditionContent, borough: Borough, folder: Path) -> str:
    [finding] = _review_findings(content, borough, folder)
    assert (finding.severity, finding.code, finding.path) == ("warning", "review.approval_stale", "review.approval")
    return finding.message


def test_the_stale_approval_says_what_changed_in_words(sample_copy: Path) -> None:
    """The reviewer reads this sentence: who approved and when, then what changed, and what to do."""
    content, borough = _approved(sample_copy)
    tail = "; the commander has not seen the current content: review the changes and approve again"
    edited = _with_change(borough, 1, -1)
    assert _stale_message(content, edited, sample_copy) == (
        "approved by Ch Supt Example on 2026-12-01, but these fields have changed since: results[1].change" + tail)
    # Five fields are named, the rest counted (the review panel lists them all).
    many = edited
    for row in range(len(borough.results)):
        many = _with_change(many, row, 1000 + row)
    assert _stale_message(content, many, sample_copy) == (
        "approved by Ch Supt Example on 2026-12-01, but these fields have changed since: results[0].change, "
        "results[1].change, results[2].change, results[3].change, results[4].change and 2 more" + tail)
    five = edited
    for row in range(5):
        five = _with_change(five, row, 1000 + row)
    assert _stale_message(content, five, sample_copy).endswith("results[4].change" + tail)
    # Same content, a photo's bytes changed: the fingerprint says so, no field does.
    photo = sample_copy / borough.commander.photo
    photo.write_bytes(photo.read_bytes() + b"\0")
    assert _stale_message(content, borough, sample_copy) == (
        "approved by Ch Supt Example on 2026-12-01, but a photo file has been replaced since" + tail)
    # No snapshot of the approved content on this computer: it cannot say which fields.
    unknown = replace(edited, approval=replace(edited.approval, fingerprint="v1:sha256:" + "0" * 64, at=""))  # type: ignore[arg-type]
    assert _stale_message(content, unknown, sample_copy) == (
        "approved by Ch Supt Example, but the content has changed since" + tail)
