"""The mutation score per module from mutmut's results in mutants/ (run by `make mutation`).

A mutant counts as killed when a test failed on it or it timed out; "no tests" (no test reaches the
mutated function) counts against the score like a survivor. Mutants not run yet are left out and shown.
With `--only FILE`, only the mutants named in FILE (one per line) count.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

KILLED = {1: "killed", 3: "killed", 36: "timeout", 24: "timeout", -24: "timeout", 152: "timeout", 255: "timeout"}
SURVIVED = {0: "survived", 5: "no tests", 33: "no tests"}


def main(root: Path = Path("mutants"), only: set[str] | None = None) -> int:
    rows = []
    for meta in sorted(root.rglob("*.py.meta")):
        by_name = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        codes = [code for name, code in by_name.items() if only is None or name in only]
        if not codes:
            continue
        count = Counter("killed" if c in KILLED else SURVIVED.get(c, "not run" if c is None else "other")
                        for c in codes)
        rows.append((str(meta.relative_to(root))[: -len(".meta")], count))
    print("| module | mutants | killed | survived | no tests | not run | score |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    totals: Counter[str] = Counter()
    for name, count in rows:
        totals.update(count)
        print(_row(name, count))
    print(_row("**all**", totals))
    return 0


def _row(name: str, count: Counter[str]) -> str:
    run = count["killed"] + count["survived"] + count["no tests"] + count["other"]
    score = f"{100 * count['killed'] / run:.1f}%" if run else "–"
    return (f"| {name} | {sum(count.values())} | {count['killed']} | {count['survived']} | {count['no tests']} | "
            f"{count['not run']} | {score} |")


if __name__ == "__main__":
    # python tools/mutation_score.py [MUTANTS_DIR] [--only NAMES_FILE]   (a sample: tools/mutation_sample.py)
    args = sys.argv[1:]
    names = None
    if "--only" in args:
        at = args.index("--only")
        names = set(Path(args[at + 1]).read_text(encoding="utf-8").split())
        del args[at:at + 2]
    sys.exit(main(Path(args[0]) if args else Path("mutants"), names))
