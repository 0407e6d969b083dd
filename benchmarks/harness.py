"""The benchmark harness: median timing, result rows with their goals, the printed table and JSON."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Goal:
    """What a figure must meet: a ratio to its floor, an absolute ceiling, or a ceiling above the floor."""

    ratio: float | None = None  # figure ÷ floor at most this
    ceiling: float | None = None  # figure at most this, in the row's unit
    over_floor: float | None = None  # figure − floor at most this, in the row's unit

    def text(self, unit: str) -> str:
        parts = []
        if self.ratio is not None:
            parts.append(f"≤ {self.ratio:g}×")
        if self.ceiling is not None:
            parts.append(f"< {self.ceiling:g} {unit}")
        if self.over_floor is not None:
            parts.append(f"≤ +{self.over_floor:g} {unit}")
        return ", ".join(parts)

    def met(self, value: float, floor: float | None) -> bool:
        if self.ratio is not None and (floor is None or value > self.ratio * floor):
            return False
        if self.ceiling is not None and value >= self.ceiling:
            return False
        return not (self.over_floor is not None and (floor is None or value - floor > self.over_floor))


@dataclass
class Row:
    """One line of the table: a figure, the floor it is compared with, and whether it meets its goal."""

    key: str  # stable id of the figure ("checks.sample"); the printed name may vary with the inputs
    figure: str
    goal: Goal
    unit: str = "ms"
    value: float | None = None  # None: not measured (see `note`)
    floor: float | None = None
    floor_name: str = ""
    note: str = ""
    samples: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.floor:
            return None
        return self.value / self.floor

    @property
    def verdict(self) -> str:
        if self.value is None:
            return "n/a"
        return "pass" if self.goal.met(self.value, self.floor) else "MISS"

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["goal"] = self.goal.text(self.unit)
        data.update(ratio=self.ratio, verdict=self.verdict)
        return data


def not_available(key: str, figure: str, goal: Goal, why: str, unit: str = "ms") -> Row:
    """The row of a benchmark whose subject cannot run yet (not written, or failed): says why."""
    return Row(key, figure, goal, unit, note=f"not available: {why}")


def median_ms(fn: Callable[[], object], repeat: int, *, warmup: int = 1,
              setup: Callable[[], object] | None = None) -> tuple[float, list[float]]:
    """Median wall time of `fn()` in milliseconds over `repeat` runs, after `warmup` untimed runs.

    `setup()` runs untimed before each call; when given, `fn` receives nothing and should read
    what setup prepared (e.g. a fresh copy of the input, so no cache can answer).
    """
    for _ in range(warmup):
        if setup:
            setup()
        fn()
    samples = []
    for _ in range(repeat):
        if setup:
            setup()
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), samples


def paired_median_ms(fn: Callable[[], object], floor: Callable[[], object], repeat: int, *, warmup: int = 1,
                     setup: Callable[[], object] | None = None) -> tuple[float, float, list[float]]:
    """Median ms of `fn()` and of `floor()`, run alternately so both see the shared machine alike.

    `setup()` runs untimed before each call of `fn` (see `median_ms`). Returns (figure, floor, figure samples).
    """
    values: list[float] = []
    floors: list[float] = []
    for round_number in range(warmup + repeat):
        if setup:
            setup()
        start = time.perf_counter()
        fn()
        value = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        floor()
        if round_number >= warmup:
            values.append(value)
            floors.append((time.perf_counter() - start) * 1000)
    return statistics.median(values), statistics.median(floors), values


def median_of(samples: list[float]) -> float:
    return statistics.median(samples)


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if value < 10:
        return f"{value:.2f} {unit}"
    return f"{value:,.1f} {unit}" if value < 100 else f"{value:,.0f} {unit}"


HEADERS = ("figure", "value", "floor", "ratio", "goal", "result")


def table_lines(rows: list[Row]) -> list[str]:
    """The rows as a Markdown table (readable in a terminal and pasteable into docs/performance.md)."""
    cells = [HEADERS]
    for row in rows:
        ratio = "—" if row.ratio is None else f"{row.ratio:.2f}×"
        if row.goal.over_floor is not None and row.value is not None and row.floor is not None:
            ratio = f"+{row.value - row.floor:,.0f} {row.unit}"  # its goal is a margin, so show the margin
        floor = _fmt(row.floor, row.unit)
        if row.floor_name and row.floor is not None:
            floor = f"{floor} ({row.floor_name})"
        cells.append((row.figure, _fmt(row.value, row.unit), floor, ratio, row.goal.text(row.unit), row.verdict))
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEADERS))]
    lines = ["| " + " | ".join(c[i].ljust(widths[i]) for i in range(len(HEADERS))) + " |" for c in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    notes = [f"- {row.figure}: {row.note}" for row in rows if row.note]
    return lines + (["", *notes] if notes else [])


def write_json(path: Path, rows: list[Row], machine: dict[str, str]) -> None:
    payload = {"machine": machine, "rows": [row.as_json() for row in rows]}
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


class ProbeError(RuntimeError):
    """A probe subprocess failed or printed no result line."""


def run_probe(module: str, *args: str, timeout: float = 60, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run `python -m module args` offscreen; its JSON line, with monotonic times made ms since launch.

    Start-up is measured from just before the process is created, so Python's and Qt's own start-up
    count in the figure and in the floor alike. `wall` is launch to exit.
    """
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))), **(env or {})}
    start = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise ProbeError(f"{module} did not finish within {timeout:g} s") from exc
    wall = (time.monotonic() - start) * 1000
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        errors = done.stderr.strip().splitlines() or ["no output"]
        tail = next((line for line in errors if line.startswith(("Fatal", "Traceback"))), errors[-1])
        raise ProbeError(f"{module} exited {done.returncode}: {tail}")
    result: dict[str, Any] = json.loads(lines[-1])
    for key, value in result.items():
        if key in MONOTONIC_KEYS and isinstance(value, float):
            result[key] = (value - start) * 1000
    result["wall"] = wall
    return result


MONOTONIC_KEYS = frozenset({"shown", "preview", "loaded"})
