"""The benchmarks run end to end in quick mode: every figure has a row and every measured number is positive.

Timings are never asserted here (machines are shared and noisy); `make bench` prints them for people to judge.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.harness import Goal, Row, table_lines

ROOT = Path(__file__).resolve().parent.parent

# every figure of issue 9, and the module whose absence alone excuses a figure from being measured
SUBJECTS = {
    "checks.sample": "export.checking",
    "checks.edition": "export.checking",
    "export.sample": "export.pdf",
    "export.edition": "export.batch",
    "startup.window": "ui.app",
    "startup.preview": "ui.app",
    "keystroke": "ui.app",
    "preview.refresh": "ui.app",
    "memory": "ui.app",
    "spelling.keystroke": "model.spelling_checks",  # issue 18
}


def _written(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def test_quick_run_has_every_row_with_positive_numbers(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "benchmarks", "--quick", "--json", str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=110)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    rows = {row["key"]: row for row in result["rows"]}
    assert set(rows) == set(SUBJECTS)
    assert result["machine"]["cores"] and result["machine"]["python"]
    assert "\ncorpus: " in done.stdout and "figures" in done.stdout  # the corpus totals line (issue 14)
    for key, row in rows.items():
        assert row["figure"] in done.stdout
        if row["value"] is None:
            assert not _written(SUBJECTS[key]), f"{key} was not measured although {SUBJECTS[key]} exists: {row['note']}"
            continue
        assert row["value"] > 0, key
        assert row["floor"] is None or row["floor"] > 0, key
        assert row["verdict"] in ("pass", "MISS"), key


def test_goal_combines_ratio_ceiling_and_margin() -> None:
    both = Goal(ratio=0.5, ceiling=5)
    assert both.met(1.9, 4.0)
    assert not both.met(2.1, 4.0)  # over half the floor
    assert not both.met(6.0, 20.0)  # within the ratio but over the ceiling
    margin = Goal(over_floor=150)
    assert margin.met(200.0, 60.0)
    assert not margin.met(220.0, 60.0)
    assert not Goal(ratio=1.5).met(1.0, None)  # a ratio goal without its floor is not met


def test_table_lists_every_row_with_ratio_and_verdict() -> None:
    rows = [Row("a", "fast figure", Goal(ratio=2), value=3.0, floor=2.0, floor_name="floor"),
            Row("b", "missing figure", Goal(ceiling=16), note="not available: not written yet")]
    lines = table_lines(rows)
    assert "1.50×" in lines[2] and "pass" in lines[2]
    assert "n/a" in lines[3]
    assert lines[-1] == "- missing figure: not available: not written yet"
