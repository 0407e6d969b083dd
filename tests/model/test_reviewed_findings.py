"""Every finding and every ledger line, word for word, on real and deliberately broken leaflets.

The other check tests hold the rules (which figure is wrong, and why); this one holds what the user
reads. For the sample edition, each real text of the corpus (`tests/corpus/`) and a list of slips a
comms officer makes (planted into the sample below), the findings of the model checks (severity,
code, field, figure, span, message) and the figure ledger (figure, status, note) are written out as
text and compared with `tests/model/reviewed_findings/<name>.txt`, files a person has read.

When a check or a message changes on purpose, regenerate and read the diff before committing it:

    UPDATE_REVIEWED_FINDINGS=1 .venv/bin/python -m pytest tests/model/test_reviewed_findings.py

Mutation testing (docs/mutation.md) showed why this is needed: a third of the mutants of
`model/checks/` (a message emptied, a path index dropped, the ledger's "error" misspelled) passed
every rule test, because those assert the code and the numbers in a message, never the rest of it.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from model.checks import check_borough, check_edition_content
from model.checks.ledger import figure_ledger
from model.edition import load_edition
from model.edits import set_at
from model.findings import Finding
from model.paths import parse_path
from model.types import Borough, Contact, EditionContent, MeasureEntry, Priority, Target
from tests.conftest import ROOT, SAMPLE

REVIEWED = Path(__file__).resolve().parent / "reviewed_findings"
CORPUS = ROOT / "tests" / "corpus"
UPDATE = os.environ.get("UPDATE_REVIEWED_FINDINGS") == "1"
D = Decimal

Slip = Callable[[EditionContent, Borough], tuple[EditionContent, Borough]]


def _field(path: str, value: Any) -> Slip:
    """A slip that sets one field of the borough file (a path as `check --json` prints it)."""
    return lambda content, borough: (content, set_at(borough, parse_path(path), value))


def _row(i: int, **changes: Any) -> Slip:
    def apply(content: EditionContent, borough: Borough) -> tuple[EditionContent, Borough]:
        rows = list(borough.results)
        rows[i] = dataclasses.replace(rows[i], **changes)
        return content, dataclasses.replace(borough, results=tuple(rows))
    return apply


def _borough(**changes: Any) -> Slip:
    return lambda content, borough: (content, dataclasses.replace(borough, **changes))


def _edition(**changes: Any) -> Slip:
    return lambda content, borough: (dataclasses.replace(content, **changes), borough)


def _message(text: str) -> Slip:
    return _field("commander.message", text)


def _both(first: Slip, then: Slip) -> Slip:
    return lambda content, borough: then(*first(content, borough))


# One slip per kind of mistake the checks exist for, each in the words a comms officer would type.
SLIPS: dict[str, Slip] = {
    "results-change-off-by-one": _row(1, previous=1070, current=934, change=-137),
    "results-pct-mistyped": _row(1, previous=1070, current=934, change_pct=D("-12.3")),
    "results-pct-transposed": _row(0, change_pct=D("-21.7")),
    "results-pct-sign-flipped": _row(4, change_pct=D("-21.4")),
    "results-counts-disagree-in-sign": _row(1, previous=934, current=1070),
    "results-negative-count": _row(1, previous=-5, current=934),
    "results-previous-and-change-only": _row(1, previous=1070, change=-136, change_pct=D("-12.9")),
    "results-current-and-change-only": _row(1, current=934, change=-136, change_pct=D("-14.6")),
    "results-current-and-pct-only": _row(1, current=934, change=None, change_pct=D("-12.7")),
    "results-previous-and-current-only": _row(1, previous=1070, current=934, change=None, change_pct=None),
    "results-cell-empty": _row(3, change=None, change_pct=None),
    "results-pct-only-row": _row(3, change=None),
    "results-count-only-row": _row(3, change_pct=None),
    "results-outcome-against-target": _row(0, outcome="achieved"),
    "results-outcome-missed-on-target": _row(1, outcome="missed"),
    "results-outcome-missing-with-target": _row(0, outcome=None),
    "results-measure-blank": _row(2, measure="  "),
    "results-measure-duplicated": _row(3, measure="Total robbery"),
    "results-measure-misspelt": _row(1, measure="Totl robbery"),
    "results-measure-unknown": _row(1, measure="Pickpocketing on buses"),
    "results-too-many-decimals": _row(1, change_pct=D("-12.71")),
    "results-small-base-swing": _row(6, change=9, change_pct=D("150.0")),
    "results-small-base-from-previous": _row(6, previous=6, current=15, change=9, change_pct=D("150.0")),
    "results-table-empty": _borough(results=()),
    "results-zero-change": _row(1, change=0, change_pct=D("0.0")),
    "results-target-row": _row(1, target_pct=D("-5.0"), outcome="achieved"),
    "results-target-missed-row": _row(1, target_pct=D("-15.0"), outcome="achieved"),
    "results-baseline-row": _row(1, baseline="2006/07", change_pct=D("-25.0")),
    "prose-contradicts-table": _message("Burglary fell by over 20% this year."),
    "prose-direction-wrong": _message("Gun crime fell by 38.5% last year."),
    "prose-direction-word-only": _message("Serious youth violence went down this year, and theft from vehicles rose."),
    "prose-qualifier-unsupported": _message("Theft from vehicles was reduced by more than 40%."),
    "prose-qualifier-held": _message("Theft from vehicles was reduced by nearly 32%, and robbery by over 12%."),
    "prose-from-to-arithmetic": _message("Robbery fell from 1,070 to 934, that is 137 fewer offences."),
    "prose-fewer-from": _message("There were 136 fewer robberies, down 12.7%, and 768 fewer thefts from vehicles."),
    "prose-swapped-digits": _message("Total robbery fell by 21.7% this year."),
    "prose-respectively": _message("Robbery and knife crime fell by 12.7% and 10.4% respectively."),
    "prose-respectively-swapped": _message("Robbery and knife crime fell by 10.4% and 12.7% respectively."),
    "prose-ellipsis": _message("Robbery fell by 12.7%, knife crime by 14.0% and gun crime rose by 38.5%."),
    "prose-words-and-fractions": _message("Theft from vehicles fell by nearly a third and robbery by an eighth."),
    "prose-number-words": _message("Robbery fell by twelve per cent, and gun crime rose by forty per cent."),
    "prose-vehicle-crime-combined": _message("Vehicle crime fell by over 30% and by 25% on 2007/08."),
    "prose-target-and-average": _message("Our target is a 5% cut in burglary; London as a whole saw a 7% fall."),
    "prose-rate-and-share": _message("Sanction detections for robbery were 24%, and 61% of victims were satisfied."),
    "prose-gap": _message("Satisfaction rose from 71% to 80%, a rise of 9%, and confidence from 60% to 64%, 3 percentage points."),
    "prose-baseline-peak": _message("Robbery has fallen by 40% since the 2006/07 peak."),
    "style-per-cent-mixed": _message("Robbery fell by 12.7 per cent and knife crime by 10.4%."),
    "style-period-forms": _message("In 2009-10 robbery fell by 12.7%, and in 09/10 knife crime by 10.4%."),
    "style-less-with-plural": _message("There were less burglaries and less victims of robbery."),
    "style-figures-and-spaces": _message("Robbery fell by 12.7 % and  knife crime by 10.4%.\n\n\nGun crime rose."),
    "prose-unsourced-figures": _message("We made 82 arrests and issued 115 fixed penalty notices; 80% of people are satisfied."),
    "prose-borough-and-ward-named": _message("In Tower Hamlets robbery fell by 12.7%, and in Bow ward it fell by 20%."),
    "edition-measure-synonym": _both(
        _edition(measures=(MeasureEntry(name="Total robbery", synonyms=("street crime",)),)),
        _message("Street crime fell by 12.7% and street crime fell by 20% in the spring.")),
    "prose-other-area": _message("Across London robbery fell by 5%, while in Tower Hamlets it fell by 12.7%."),
    "initiative-figures": _field("initiatives[0].text", "Robbery fell by 21.7% and gun crime rose by 38.5% in the area."),
    "contacts-bad": _borough(contacts=(
        Contact(name="Police station", phone="020 7202 020", email="police@", web="www.met.police.uk"),
        Contact(name="", phone="0600 123 4567"),
        Contact(name="Victim Support", phone="0845 303 0900", minicom="1234"),
        Contact(name="Crimestoppers", phone="0800555111", web="http//crimestoppers-uk.org"),
    )),
    "priorities-targets": _borough(priorities=(
        Priority(targets=(Target(measure="gun crime", target_pct=D("5.0")),)),
        Priority(targets=(Target(measure="serious acquisative crime", target_pct=D("-1.25")),)),
        Priority(targets=(Target(measure="pickpocketing", target_pct=D("-3.0")),)),
        Priority(text=""),
        Priority(targets=(Target(measure="knife crime", target_pct=D("-1.0")),), text="Cut knife crime by 2%."),
    )),
    "photos-without-alt": _field("commander.alt", ""),
    "initiative-photo-without-alt": _field("initiatives[0].alt", "  "),
    "review-approved-without-approval": _borough(status="approved"),
    "edition-period-invalid": _edition(period="2009-10"),
    "edition-next-period-wrong": _edition(next_period="2011/12"),
    "edition-contact-bad": lambda content, borough: (
        dataclasses.replace(content, contacts=(*content.contacts, Contact(name="Helpline", phone="020 123"))),
        borough),
}


def _finding_lines(found: list[Finding]) -> list[str]:
    lines = []
    for f in found:
        where = f"{f.severity} {f.code} {f.path}"
        if f.figure:
            where += f" figure={f.figure!r}"
        if f.span is not None:
            where += f" span={f.span[0]}-{f.span[1]}"
        lines += [where, f"    {f.message}"]
    return lines


def _report(content: EditionContent, boroughs: dict[str, Borough], folder: Path | None) -> str:
    lines = ["== edition", *_finding_lines(check_edition_content(content))]
    for name, borough in sorted(boroughs.items()):
        lines += [f"== {name}", *_finding_lines(check_borough(content, borough, folder))]
        lines.append(f"== {name}: ledger")
        for e in figure_ledger(content, borough):
            lines += [f"{e.status} {e.path} figure={e.figure!r}", f"    context: {e.context}"]
            if e.note:
                lines.append(f"    note: {e.note}")
    return "\n".join(lines) + "\n"


def _folder_report(folder: Path) -> str:
    edition = load_edition(folder)
    boroughs = {name: loaded.doc for name, loaded in edition.boroughs.items()}
    return _report(edition.content.doc, boroughs, folder)


def _compare(name: str, report: str) -> None:
    path = REVIEWED / f"{name}.txt"
    if UPDATE:
        REVIEWED.mkdir(exist_ok=True)
        path.write_text(report, encoding="utf-8")
        return
    assert path.is_file(), f"no reviewed findings for {name}: run with UPDATE_REVIEWED_FINDINGS=1, then read {path}"
    reviewed = path.read_text(encoding="utf-8")
    if report != reviewed:
        diff = difflib.unified_diff(reviewed.splitlines(), report.splitlines(), "reviewed", "now", lineterm="")
        pytest.fail(f"the findings for {name} changed:\n" + "\n".join(list(diff)[:80]))


CASES = sorted(p for p in CORPUS.iterdir() if (p / "edition.yaml").is_file())


def test_the_sample_edition() -> None:
    _compare("sample", _folder_report(SAMPLE))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_real_text_of_the_corpus(case: Path) -> None:
    _compare(f"corpus-{case.name}", _folder_report(case))


@pytest.fixture(scope="module")
def sample() -> tuple[EditionContent, Borough]:
    edition = load_edition(SAMPLE)
    return edition.content.doc, edition.boroughs["tower-hamlets"].doc


@pytest.fixture(scope="module")
def sample_lines(sample: tuple[EditionContent, Borough]) -> list[str]:
    """The sample's own report, once for all the slips compared against it."""
    content, borough = sample
    return _report(content, {"tower-hamlets": borough}, SAMPLE).splitlines()


def _slip_report(slip: str, sample: tuple[EditionContent, Borough], before: list[str]) -> str:
    """What the slip changes in the sample's report: lines it adds (+) and lines it takes away (-)."""
    content, borough = SLIPS[slip](*sample)
    after = _report(content, {"tower-hamlets": borough}, SAMPLE).splitlines()
    changed = [line for line in difflib.ndiff(before, after) if line[:2] in ("+ ", "- ")]
    return "\n".join(changed) + "\n"


@pytest.mark.parametrize("slip", sorted(SLIPS))
def test_a_slip_planted_in_the_sample(slip: str, sample: tuple[EditionContent, Borough],
                                      sample_lines: list[str]) -> None:
    report = _slip_report(slip, sample, sample_lines)
    assert report.strip(), f"the slip {slip} changes nothing the checks report"
    _compare(f"slip-{slip}", report)


def test_no_reviewed_file_is_left_over() -> None:
    expected = {"sample.txt"} | {f"corpus-{c.name}.txt" for c in CASES} | {f"slip-{s}.txt" for s in SLIPS}
    assert {p.name for p in REVIEWED.glob("*.txt")} == expected

