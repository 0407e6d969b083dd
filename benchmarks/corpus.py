"""Measure the figure checks on the corpus of real published texts in tests/corpus/.

Each case is a small edition folder (a real borough text transcribed faithfully) with an
`expected.yaml` listing every figure in the text and its verdict worked out by hand: `verified`,
`problem` (with the check family that should report it) or `uncheckable`. This runs what
`python main.py check CASE` reports and classifies every finding against those verdicts:

- true finding: an error or warning on a `problem` figure;
- false alarm: an error or warning on a `verified` or `uncheckable` figure, or on no listed figure
  (errors and warnings counted apart);
- miss: a `problem` figure no finding of its family reports;
- info findings are counted apart and are never alarms.

Findings of families that are not figure checks (layout, photo, review) are listed apart too.

    python -m benchmarks.corpus [--verbose] [--case SLUG]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from model.findings import Finding

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"
EXPECTED_FILE = "expected.yaml"
VERDICTS = ("verified", "problem", "uncheckable")
KINDS = ("change", "rate-or-share", "pp gap", "target", "count", "date-period", "phone", "other")
# Families whose findings are about figures and words in the text; the others (layout, photo, review)
# are about the page or the review state and are not scored here.
FIGURE_FAMILIES = frozenset({"results", "prose", "style", "priorities", "contacts", "edition"})
# Goals of issue 14: no false error; at most one false warning per 20 figures; every arithmetic slip found.
WARNINGS_PER_20_GOAL = 1.0
ARITHMETIC_FAMILIES = frozenset({"results", "prose"})  # a problem for these is an arithmetic slip
_ROW = re.compile(r"^(results\[\d+\])")


@dataclass(frozen=True)
class Expected:
    """One figure of a case's text and its hand-worked verdict."""

    case: str
    index: int
    path: str
    figure: str
    kind: str
    verdict: str
    families: tuple[str, ...] = ()
    code: str = ""
    arithmetic: str = ""
    why: str = ""
    known_wrong: str = ""
    same_as: str = ""  # path of the entry that reports the same slip (prose copying a table row)
    expect: str = ""  # text a finding's message must hold to count as finding this problem (the right value)

    @property
    def label(self) -> str:
        return f"{self.case}:{self.path}:{self.figure}"


@dataclass
class Scored:
    """A finding and what it was classified as."""

    finding: Finding
    outcome: str  # true | false_error | false_warning | info | not_scored
    entry: Expected | None = None


@dataclass
class CaseScore:
    case: str
    expected: list[Expected]
    findings: list[Finding]
    scored: list[Scored] = field(default_factory=list)
    found: set[int] = field(default_factory=set)  # indexes of problem entries a finding of their family reports

    @property
    def misses(self) -> list[Expected]:
        return [e for e in self.expected if e.verdict == "problem" and not self.is_found(e)]

    def is_found(self, entry: Expected) -> bool:
        if entry.index in self.found:
            return True
        if entry.same_as:
            return any(other.index in self.found for other in self.expected
                       if other.path == entry.same_as and other.verdict == "problem")
        return False


def family(code: str) -> str:
    """The check family of a finding code: its prefix before the first dot."""
    return code.split(".", 1)[0]


def load_expected(case_dir: Path) -> list[Expected]:
    """The expected verdicts of one case; a malformed entry raises ValueError naming it."""
    raw = yaml.safe_load((case_dir / EXPECTED_FILE).read_text(encoding="utf-8")) or {}
    out: list[Expected] = []
    for i, item in enumerate(raw.get("figures") or []):
        where = f"{case_dir.name}/{EXPECTED_FILE} figure {i + 1}"
        if not isinstance(item, dict):
            raise ValueError(f"{where}: not a mapping")
        verdict = str(item.get("verdict", ""))
        kind = str(item.get("kind", ""))
        if verdict not in VERDICTS:
            raise ValueError(f"{where}: verdict must be one of {', '.join(VERDICTS)}; found {verdict!r}")
        if kind not in KINDS:
            raise ValueError(f"{where}: kind must be one of {', '.join(KINDS)}; found {kind!r}")
        if not item.get("path") or "figure" not in item:
            raise ValueError(f"{where}: needs path and figure")
        fams = item.get("family") or ()
        fams = (fams,) if isinstance(fams, str) else tuple(str(f) for f in fams)
        if verdict == "problem" and not fams:
            raise ValueError(f"{where}: a problem needs the family of check that should report it")
        if verdict == "uncheckable" and not item.get("why"):
            raise ValueError(f"{where}: an uncheckable figure needs its reason ('why')")
        out.append(Expected(case=case_dir.name, index=i, path=str(item["path"]), figure=str(item["figure"]),
                            kind=kind, verdict=verdict, families=fams, code=str(item.get("code", "")),
                            arithmetic=str(item.get("arithmetic", "")), why=str(item.get("why", "")),
                            known_wrong=str(item.get("known_wrong", "")), same_as=str(item.get("same_as", "")),
                            expect=str(item.get("expect", ""))))
    return out


def case_dirs(root: Path = CORPUS) -> list[Path]:
    """Every case folder (one with an expected.yaml), in name order."""
    return sorted(p.parent for p in root.glob(f"*/{EXPECTED_FILE}"))


def case_findings(case_dir: Path) -> list[Finding]:
    """What `python main.py check CASE` reports for the case's edition folder."""
    from cli.check import collect

    return collect(case_dir)


def _norm(text: str) -> str:
    return text.replace("\u2212", "-").replace("\u2013", "-").replace(",", "").replace("\u00a0", " ").lower()


def _core(figure: str) -> str:
    """The number (or number word) at the heart of a printed figure: '11.3 per cent' -> '11.3'."""
    m = re.search(r"\d+(?:\.\d+)?", figure.replace(",", ""))
    return m.group(0) if m else _norm(figure).split(" ")[0]


def _match_strength(finding: Finding, entry: Expected) -> tuple[int, int]:
    """How surely a finding is about this figure, and where its message first names it.

    Strength 3: the finding's `figure` is this figure; 2: the message quotes the whole figure (or the
    finding's `figure` has the same number, or is words that the printed figure holds); 1: the message has its number; 0: neither. The position
    breaks ties: a message names its own figure first ("'13.6 %' does not match ... (theft: 25.4%)").
    """
    figure_attr = getattr(finding, "figure", None)
    if figure_attr:
        if _norm(str(figure_attr)) == _norm(entry.figure):
            return 3, 0
        words = _norm(str(figure_attr))
        if not re.search(r"\d", words) and re.search(rf"(?<!\w){re.escape(words)}(?!\w)", _norm(entry.figure)):
            return 2, 0  # a words-only finding ('less crimes') inside the printed phrase ('9 per cent less crimes')
        return (2, 0) if _core(str(figure_attr)).lstrip("+-") == _core(entry.figure).lstrip("+-") else (0, 0)
    message = _norm(finding.message)
    whole = re.search(rf"(?<![\w.]){re.escape(_norm(entry.figure))}(?![\w]|\.\d)", message)
    if whole:  # bounded: "2%" is not found inside "22.2%"
        return 2, whole.start()
    core = re.escape(_core(entry.figure).lstrip("+-"))
    m = re.search(rf"(?<![\w.]){core}(?![\w]|\.\d)", message)
    return (1, m.start()) if m else (0, 0)


def match(finding: Finding, expected: list[Expected]) -> Expected | None:
    """The expected figure a finding is about: same path, then the figure it names or quotes.

    A results-row finding whose field differs from the entry's (the slip of a partial row may be
    reported on `change` or on the row) is matched to a problem of its family in the same row.
    """
    fam = family(finding.code)
    row = _ROW.match(finding.path)
    if row:
        in_row = [e for e in expected if e.verdict == "problem" and reports(finding, e)
                  and (e.path == row.group(1) or e.path.startswith(row.group(1) + "."))]
        if in_row:
            return next((e for e in in_row if e.path == finding.path), in_row[0])
    candidates = [e for e in expected if e.path == finding.path]
    if not candidates:
        return None
    if getattr(finding, "column", None) is None and len(candidates) == 1 and not getattr(finding, "figure", None):
        return candidates[0]
    def rank(e: Expected) -> tuple[int, int, bool, int]:
        strength, at = _match_strength(finding, e)
        return strength, -at, e.verdict == "problem" and fam in e.families, -e.index

    best = max(candidates, key=rank)
    return best if rank(best)[0] > 0 else None


def reports(finding: Finding, entry: Expected) -> bool:
    """Whether a finding reports this problem: its family is one expected and it says what `expect` says.

    A finding on a problem figure for another reason (a wrong pairing that happens to land on a slip)
    is still counted as a true finding, but it does not count as finding the slip.
    """
    if finding.severity == "info" or family(finding.code) not in entry.families:
        return False
    return not entry.expect or _norm(entry.expect) in _norm(finding.message)


def score_case(case_dir: Path) -> CaseScore:
    """Run the checks on one case and classify every finding."""
    expected = load_expected(case_dir)
    findings = case_findings(case_dir)
    score = CaseScore(case_dir.name, expected, findings)
    for f in findings:
        fam = family(f.code)
        if fam not in FIGURE_FAMILIES:
            score.scored.append(Scored(f, "not_scored"))
            continue
        entry = match(f, expected)
        if f.severity == "info":
            score.scored.append(Scored(f, "info", entry))
        elif entry is not None and entry.verdict == "problem":
            score.scored.append(Scored(f, "true", entry))
            if reports(f, entry):
                score.found.add(entry.index)
        else:
            score.scored.append(Scored(f, "false_error" if f.severity == "error" else "false_warning", entry))
    return score


@dataclass
class CorpusScore:
    cases: list[CaseScore]

    @property
    def figures(self) -> int:
        return sum(len(c.expected) for c in self.cases)

    @property
    def problems(self) -> int:
        return sum(1 for c in self.cases for e in c.expected if e.verdict == "problem")

    def count(self, outcome: str) -> int:
        return sum(1 for c in self.cases for s in c.scored if s.outcome == outcome)

    @property
    def misses(self) -> list[Expected]:
        return [m for c in self.cases for m in c.misses]

    @property
    def missed_slips(self) -> list[Expected]:
        """Misses of arithmetic slips (problems for the results or prose checks), the goal's subject."""
        return [m for m in self.misses if ARITHMETIC_FAMILIES.intersection(m.families)]

    @property
    def false_warnings_per_20(self) -> float:
        return 20 * self.count("false_warning") / self.figures if self.figures else 0.0

    def goals_met(self) -> dict[str, bool]:
        return {"no false error": self.count("false_error") == 0,
                "≤ 1 false warning per 20 figures": self.false_warnings_per_20 <= WARNINGS_PER_20_GOAL,
                "every arithmetic slip found": not self.missed_slips}

    def by_family(self) -> dict[str, Counter[str]]:
        table: dict[str, Counter[str]] = {}
        for c in self.cases:
            for s in c.scored:
                table.setdefault(family(s.finding.code), Counter())[s.outcome] += 1
            for m in c.misses:
                table.setdefault(m.families[0], Counter())["miss"] += 1
        return dict(sorted(table.items()))


def score_corpus(root: Path = CORPUS, only: str | None = None) -> CorpusScore:
    return CorpusScore([score_case(d) for d in case_dirs(root) if only is None or d.name == only])


def summary_line(score: CorpusScore) -> str:
    """One line of totals (the line `make bench` prints)."""
    goals = score.goals_met()
    return (f"corpus: {len(score.cases)} texts, {score.figures} figures, {score.problems} problems · "
            f"true {score.count('true')} · false errors {score.count('false_error')} · "
            f"false warnings {score.count('false_warning')} ({score.false_warnings_per_20:.1f} per 20 figures) · "
            f"misses {len(score.misses)} ({len(score.missed_slips)} arithmetic slips) · info {score.count('info')} · "
            f"goals {'met' if all(goals.values()) else 'not met: ' + ', '.join(k for k, v in goals.items() if not v)}")


def table_lines(score: CorpusScore) -> list[str]:
    """The table per check family, then totals against the goals."""
    head = f"{'family':<12} {'true':>5} {'false err':>10} {'false warn':>11} {'miss':>5} {'info':>5} {'not scored':>11}"
    lines = [head, "-" * len(head)]
    for fam, c in score.by_family().items():
        lines.append(f"{fam:<12} {c['true']:>5} {c['false_error']:>10} {c['false_warning']:>11} {c['miss']:>5} "
                     f"{c['info']:>5} {c['not_scored']:>11}")
    lines.append("-" * len(head))
    lines.append(f"{'total':<12} {score.count('true'):>5} {score.count('false_error'):>10} "
                 f"{score.count('false_warning'):>11} {len(score.misses):>5} {score.count('info'):>5} "
                 f"{score.count('not_scored'):>11}")
    lines.append("")
    for goal, met in score.goals_met().items():
        lines.append(f"  {'met' if met else 'NOT met'}: {goal}")
    lines.append(summary_line(score))
    return lines


def detail_lines(score: CorpusScore) -> list[str]:
    """Every false alarm and miss, with the case and the figure, for fixing the checks."""
    out: list[str] = []
    for c in score.cases:
        for s in c.scored:
            if s.outcome in ("false_error", "false_warning"):
                on = f"on {s.entry.verdict} '{s.entry.figure}'" if s.entry else "on no listed figure"
                out.append(f"{c.case}: FALSE {s.finding.severity} {s.finding.code} {s.finding.path} {on}: "
                           f"{s.finding.message}")
        out.extend(f"{c.case}: MISS {m.path} '{m.figure}' ({'/'.join(m.families)}): {m.arithmetic}"
                   for m in c.misses)
    return out


def as_json(score: CorpusScore) -> dict[str, Any]:
    return {"texts": len(score.cases), "figures": score.figures, "problems": score.problems,
            "true": score.count("true"), "false_errors": score.count("false_error"),
            "false_warnings": score.count("false_warning"), "misses": len(score.misses),
            "info": score.count("info"), "false_warnings_per_20": round(score.false_warnings_per_20, 2),
            "goals": score.goals_met()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpus", description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="list every false alarm and miss")
    parser.add_argument("--case", help="score one case (its folder name)")
    args = parser.parse_args(argv)
    score = score_corpus(only=args.case)
    if not score.cases:
        print(f"no cases found in {CORPUS}", file=sys.stderr)
        return 2
    print("\n".join(table_lines(score)))
    if args.verbose:
        print()
        print("\n".join(detail_lines(score)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
