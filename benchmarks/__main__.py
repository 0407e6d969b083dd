"""Run every benchmark and print the table: figure, floor measured in the same run, ratio, goal, result.

    python -m benchmarks [--quick] [--only checks,export,gui,memory] [--json OUT.json]
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from benchmarks.context import Context
from benchmarks.harness import Row, table_lines, write_json

GROUPS = ("checks", "export", "gui", "memory")


def machine() -> dict[str, str]:
    """Where the figures were measured: date, cores, CPU, and the versions that set the floors."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    info = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "cores": str(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()),
            "cpu": cpu or "unknown", "python": platform.python_version()}
    for name, probe in (("qt", _qt_version), ("pyside6", _pyside_version), ("reportlab", _reportlab_version)):
        try:
            info[name] = probe()
        except ImportError:
            info[name] = "not installed"
    return info


def _qt_version() -> str:
    from PySide6.QtCore import qVersion

    return qVersion()


def _pyside_version() -> str:
    import PySide6

    return PySide6.__version__


def _reportlab_version() -> str:
    import reportlab

    return reportlab.Version


def run_group(name: str, ctx: Context) -> list[Row]:
    """One group's rows; a group that crashes gives one row saying so instead of stopping the run."""
    module = importlib.import_module(f"benchmarks.bench_{name}")
    runner: Callable[[Context], list[Row]] = module.run
    try:
        return runner(ctx)
    except Exception as exc:  # a benchmark's subject is work in progress: report, keep going
        traceback.print_exc(file=sys.stderr)
        return module.failed(ctx, f"{type(exc).__name__}: {exc}")


def corpus_line() -> str:
    """The totals of the checks on the corpus of real texts (`make corpus` prints the full table)."""
    try:
        from benchmarks.corpus import score_corpus, summary_line

        return summary_line(score_corpus())
    except Exception as exc:  # the corpus or the checks are work in progress: report, keep going
        return f"corpus: not measured ({type(exc).__name__}: {exc})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repetition, tiny inputs (proves the code runs)")
    parser.add_argument("--only", default=",".join(GROUPS), help=f"comma-separated groups of {', '.join(GROUPS)}")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    args = parser.parse_args(argv)
    groups = [g.strip() for g in args.only.split(",") if g.strip()]
    unknown = sorted(set(groups) - set(GROUPS))
    if unknown:
        parser.error(f"unknown group(s): {', '.join(unknown)}")
    info = machine()
    print(f"{info['date']} · {info['cores']} cores · {info['cpu']} · Python {info['python']} · "
          f"Qt {info['qt']} · reportlab {info['reportlab']}", flush=True)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        ctx = Context.make(Path(work), quick=args.quick)
        for name in groups:
            start = time.perf_counter()
            rows += run_group(name, ctx)
            print(f"  {name}: {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
    print("\n".join(table_lines(rows)))
    print(corpus_line())
    if args.json:
        write_json(args.json, rows, info)
    return 0


if __name__ == "__main__":
    sys.exit(main())
