"""The corpus of real published texts: every case loads, and the checks give each figure its verdict.

Each `problem` figure must be reported by a finding of the expected family at its path; no verified
or uncheckable figure may get an error. Entries the checks still get wrong carry `known_wrong` in
expected.yaml and run as strict expected failures: when the checks are fixed the test fails, to say
the `known_wrong` line must go.
"""

from __future__ import annotations

import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from benchmarks.corpus import CORPUS, CaseScore, Expected, case_dirs, load_expected, reports, score_case

ROOT = Path(__file__).resolve().parents[2]
CASES = case_dirs(CORPUS)


@cache
def _score(case: str) -> CaseScore:
    return score_case(CORPUS / case)


def _params() -> list[object]:
    out: list[object] = []
    for case_dir in CASES:
        for entry in load_expected(case_dir):
            marks = [pytest.mark.xfail(strict=True, reason=entry.known_wrong)] if entry.known_wrong else []
            out.append(pytest.param(entry, marks=marks, id=f"{entry.case}[{entry.index}]{entry.path}:{entry.figure}"))
    return out


def test_corpus_has_at_least_ten_texts() -> None:
    assert len(CASES) >= 10, f"only {len(CASES)} cases in {CORPUS}"


@pytest.mark.parametrize("case_dir", CASES, ids=[c.name for c in CASES])
def test_case_loads_and_checks(case_dir: Path) -> None:
    """`check` reads every case: exit 0 or 1 (findings), never 2 (could not read)."""
    run = subprocess.run([sys.executable, "main.py", "check", str(case_dir)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode in (0, 1), run.stderr
    for name in ("source.md", "expected.yaml"):
        assert (case_dir / name).is_file(), f"{case_dir.name} has no {name}"


@pytest.mark.parametrize("case_dir", CASES, ids=[c.name for c in CASES])
def test_expected_lists_figures_of_the_text(case_dir: Path) -> None:
    """Every expected figure printed in prose really is in that text (a typo would make it unmatched)."""
    from model.edits import get_at
    from model.paths import parse_path
    from model.storage import load_borough

    borough = load_borough(next((case_dir / "boroughs").glob("*.yaml"))).doc
    for entry in load_expected(case_dir):
        if entry.path.startswith("results["):
            continue
        text = get_at(borough, parse_path(entry.path))
        assert isinstance(text, str) and entry.figure in text, f"{entry.label}: figure not in the text"


@pytest.mark.parametrize("entry", _params())
def test_figure_verdict(entry: Expected) -> None:
    score = _score(entry.case)
    if entry.verdict == "problem":
        assert score.is_found(entry), (
            f"{entry.label}: a true problem ({entry.arithmetic}) is not reported by a "
            f"{'/'.join(entry.families)} finding")
    else:
        wrong = [s.finding for s in score.scored
                 if s.entry is not None and s.entry.index == entry.index and s.finding.severity == "error"]
        assert not wrong, f"{entry.label} is {entry.verdict} but got an error: {wrong[0].code}: {wrong[0].message}"


def test_reports_needs_family_and_expected_value() -> None:
    from model.findings import Finding

    entry = Expected("c", 0, "commander.message", "11.3 per cent", "change", "problem", ("prose",), expect="11.2")
    assert reports(Finding("commander.message", "error", "prose.arithmetic", "77 of 688 is 11.2%"), entry)
    assert not reports(Finding("commander.message", "error", "prose.contradicts_table", "table says 11.0%"), entry)
    assert not reports(Finding("commander.message", "warning", "style.fewer", "77 of 688 is 11.2%"), entry)
    assert not reports(Finding("commander.message", "info", "prose.arithmetic", "11.2%"), entry)


def test_scorer_classifies_true_false_and_missed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The scorer itself, on made-up findings: each outcome lands where the verdicts say."""
    import benchmarks.corpus as corpus
    from model.findings import Finding

    case = tmp_path / "made-up"
    case.mkdir()
    (case / "expected.yaml").write_text("""
figures:
  - {path: "results[0].change_pct", figure: "-11.3", kind: change, verdict: problem, family: results, expect: "11.2"}
  - {path: "results[0].change", figure: "-77", kind: count, verdict: verified}
  - {path: commander.message, figure: "13 per cent", kind: change, verdict: verified}
  - {path: commander.message, figure: "61.6 per cent", kind: rate-or-share, verdict: uncheckable, why: "a share"}
  - {path: commander.message, figure: "36.5 per cent", kind: change, verdict: problem, family: prose}
""", encoding="utf-8")
    findings = [
        Finding("results[0].change", "error", "results.pct_mismatch", "77 of 688 is 11.2%, not 11.3%"),  # same row
        Finding("commander.message", "error", "prose.contradicts_table", "'61.6 per cent' does not match (13%)"),
        Finding("commander.message", "warning", "results.measure_absent", "no Gun crime row"),
        Finding("results", "warning", "results.measure_absent", "no Gun crime row"),
        Finding("commander.message", "info", "prose.unsourced", "'36.5 per cent' has no source"),
        Finding("commander", "error", "layout.overflow", "too long"),
    ]
    monkeypatch.setattr(corpus, "case_findings", lambda _d: findings)
    score = corpus.score_case(case)
    outcomes = [(s.finding.code, s.outcome, s.entry.figure if s.entry else None) for s in score.scored]
    assert outcomes == [
        ("results.pct_mismatch", "true", "-11.3"),
        ("prose.contradicts_table", "false_error", "61.6 per cent"),  # names its own figure first
        ("results.measure_absent", "false_warning", None),
        ("results.measure_absent", "false_warning", None),
        ("prose.unsourced", "info", "36.5 per cent"),  # info never finds nor alarms
        ("layout.overflow", "not_scored", None),
    ]
    assert [m.figure for m in score.misses] == ["36.5 per cent"]
    total = corpus.CorpusScore([score])
    assert total.goals_met() == {"no false error": False, "≤ 1 false warning per 20 figures": False,
                                 "every arithmetic slip found": False}
    assert "true 1 · false errors 1 · false warnings 2" in corpus.summary_line(total)


def test_figure_is_matched_whole_not_inside_another() -> None:
    from benchmarks.corpus import _match_strength
    from model.findings import Finding

    two = Expected("c", 0, "commander.message", "2%", "change", "verified")
    f = Finding("commander.message", "warning", "prose.ambiguous_measure", "'22.2%' holds for some readings")
    assert _match_strength(f, two)[0] == 0
    g = Finding("commander.message", "warning", "prose.ambiguous_measure", "'2%' holds for some readings (22.2%)")
    assert _match_strength(g, two) == (2, 1)


def test_words_only_finding_matches_the_phrase_that_holds_it() -> None:
    """Cumbria 2010: style.fewer points at 'less crimes' inside the printed '9 per cent less crimes'."""
    from benchmarks.corpus import _match_strength
    from model.findings import Finding
    entry = Expected("c", 0, "commander.message", "9 per cent less crimes", "other", "problem", ("style",))
    f = Finding("commander.message", "warning", "style.fewer", "'less crimes': use 'fewer'", figure="less crimes")
    assert _match_strength(f, entry) == (2, 0)
    other = Expected("c", 1, "commander.message", "15 per cent less burglaries", "other", "problem", ("style",))
    assert _match_strength(f, other)[0] == 0
