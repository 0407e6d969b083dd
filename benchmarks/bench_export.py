"""Export: the sample leaflet against a bare reportlab render, and the whole edition against sequential export."""

from __future__ import annotations

import inspect
import itertools
import os
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from benchmarks.context import SAMPLE, SAMPLE_BOROUGH, Context, reworded
from benchmarks.harness import Goal, Row, median_ms, median_of, not_available, paired_median_ms
from model.atomic import atomic_write_bytes
from model.edition import borough_files
from model.storage import load_borough, load_edition_content

SAMPLE_FIGURE = "export, sample borough"
SAMPLE_GOAL = Goal(ratio=1.5)
BATCH_GOAL = Goal(ratio=0.6)


def batch_figure(ctx: Context) -> str:
    return f"export, {ctx.boroughs} boroughs ({len(os.sched_getaffinity(0))} cores)"


def failed(ctx: Context, why: str) -> list[Row]:
    return [not_available("export.sample", SAMPLE_FIGURE, SAMPLE_GOAL, why),
            not_available("export.edition", batch_figure(ctx), BATCH_GOAL, why)]


def run(ctx: Context) -> list[Row]:
    try:
        from export.pdf import render_leaflet
    except ImportError as exc:
        return failed(ctx, f"export.pdf: {exc}")
    return [sample_row(ctx, render_leaflet), batch_row(ctx, render_leaflet)]


def sample_row(ctx: Context, render_leaflet: Callable[..., Any]) -> Row:
    from benchmarks.floor_pdf import render_floor

    content = load_edition_content(SAMPLE / "edition.yaml").doc
    sample = load_borough(SAMPLE_BOROUGH).doc
    rounds = itertools.count()
    current = [sample]

    def fresh() -> None:
        current[0] = reworded(sample, next(rounds))

    value, floor, samples = paired_median_ms(lambda: render_leaflet(content, current[0], SAMPLE).pdf,
                                             lambda: render_floor(content, current[0], SAMPLE), ctx.repeat, setup=fresh)

    def cold() -> None:
        from benchmarks.bench_checks import forget

        fresh()
        forget()

    first, _ = median_ms(lambda: render_leaflet(content, current[0], SAMPLE).pdf, ctx.repeat, setup=cold)
    return Row("export.sample", SAMPLE_FIGURE, SAMPLE_GOAL, value=value, floor=floor, floor_name="bare reportlab",
               samples=samples, note=f"each round changes one paragraph, so the others' parsed markup is reused; "
                                     f"with every cache emptied first (paragraphs parsed, photos decoded): "
                                     f"{first:.1f} ms ({first / floor:.2f}×)")


def export_sequentially(edition: Path, out: Path, render_leaflet: Callable[..., Any]) -> None:
    """What `main.py export BOROUGH.yaml` does, once per borough, one after another, in this process."""
    from export.checking import borough_findings

    content = load_edition_content(edition / "edition.yaml").doc
    for path in borough_files(edition):
        borough = load_borough(path).doc
        borough_findings(content, borough, edition)
        atomic_write_bytes(out / f"{path.stem}.pdf", render_leaflet(content, borough, edition).pdf)


def call_export_many(edition: Path, out: Path) -> Any:
    """export.batch.export_many on every borough of the edition, forced (held-back boroughs would skew it)."""
    from export.batch import export_many

    params = inspect.signature(export_many).parameters
    kwargs: dict[str, Any] = {}
    if "force" in params:
        kwargs["force"] = True
    first = next(iter(params))
    target = borough_files(edition) if "path" in first or "job" in first or "borough" in first else edition
    return export_many(target, out, **kwargs)


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def parallel_capacity(workers: int, n: int = 2_000_000) -> float:
    """How much faster `workers` processes do pure CPU work than one, right now (others share the machine)."""
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_burn, [1] * workers))  # start the workers outside the timing
        start = time.perf_counter()
        for _ in range(workers):
            _burn(n)
        alone = time.perf_counter() - start
        start = time.perf_counter()
        list(pool.map(_burn, [n] * workers))
        together = time.perf_counter() - start
    return alone / together


def _fresh_dir(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def batch_row(ctx: Context, render_leaflet: Callable[..., Any]) -> Row:
    figure = batch_figure(ctx)
    try:
        import export.batch  # noqa: F401
    except ImportError as exc:
        return not_available("export.edition", figure, BATCH_GOAL, f"export.batch: {exc}")
    runs = max(1, ctx.runs - 2)  # each run takes seconds; three are enough to see the spread
    parallel, sequential, capacity = [], [], []
    cores = len(os.sched_getaffinity(0))
    for _ in range(runs):
        capacity.append(parallel_capacity(cores, 200_000 if ctx.quick else 2_000_000))
        out = _fresh_dir(ctx.work / "batch-out")
        start = time.perf_counter()
        call_export_many(ctx.edition, out)
        parallel.append((time.perf_counter() - start) * 1000)
        written = len(list(out.glob("*.pdf")))
        out = _fresh_dir(ctx.work / "seq-out")
        start = time.perf_counter()
        export_sequentially(ctx.edition, out, render_leaflet)
        sequential.append((time.perf_counter() - start) * 1000)
    speedup = median_of(capacity)
    note = (f"{cores} processes of pure CPU work ran {speedup:.2f}× as fast as one in this run, so the best "
            f"reachable ratio here was about {1 / speedup:.2f}")
    if written != ctx.boroughs:
        note += f"; export_many wrote {written} of {ctx.boroughs} PDFs"
    return Row("export.edition", figure, BATCH_GOAL, value=median_of(parallel), floor=median_of(sequential),
               floor_name="sequential", note=note, samples=parallel)
