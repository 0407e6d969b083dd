"""A seeded random sample of the mutants not run yet, per module, for `mutmut run NAME...`.

    python tools/mutation_sample.py 0.12 > names.txt           # 12% of each module's mutants not run yet
    python tools/mutation_sample.py 0.12 --all > names.txt     # 12% of all of them

A full `make mutation` takes hours on a 2-core machine (a surviving check mutant runs ~200 tests);
a random sample of each module measures its score within a few points (a 60-mutant sample of a
module at 95% has a 95% interval of about ±5 points). Seeded, so the same sample is drawn again.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path


def main(fraction: float, root: Path = Path("mutants"), seed: int = 15, least: int = 15, every: bool = False) -> int:
    rng = random.Random(seed)
    for meta in sorted(root.rglob("*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        waiting = sorted(name for name, code in codes.items() if every or code is None)
        for name in rng.sample(waiting, min(len(waiting), max(least, round(fraction * len(codes))))):
            print(name)
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--all"]
    sys.exit(main(float(args[0]) if args else 0.1, every="--all" in sys.argv))
