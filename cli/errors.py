"""How a headless command reports input it cannot read: one paragraph on stderr, exit 2."""

from __future__ import annotations

import sys

from model.yaml_read import LoadError


def report_load_error(exc: LoadError) -> int:
    """Print every problem (file, line, column, field, what to do) and return exit code 2."""
    print("error: the input could not be read:", file=sys.stderr)
    for problem in exc.problems:
        print(f"  {problem}", file=sys.stderr)
    return 2
