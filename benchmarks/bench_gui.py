"""The editor: start-up against a bare window, keystroke to findings, edit to refreshed preview."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from benchmarks.context import SAMPLE, SAMPLE_BOROUGH, Context
from benchmarks.harness import Goal, ProbeError, Row, median_of, not_available, run_probe

EDITOR = "benchmarks.probes.editor"
BARE = "benchmarks.probes.bare_window"
FIGURES: dict[str, tuple[str, Goal]] = {
    "startup.window": ("start-up to window shown (--smoke)", Goal(ratio=1.5)),
    "startup.preview": ("start-up to first preview page rendered", Goal(ratio=3)),
    "keystroke": ("keystroke to updated findings", Goal(ceiling=16)),
    "preview.refresh": ("edit to refreshed preview, after the debounce", Goal(ratio=1.5)),
}


def failed(ctx: Context, why: str) -> list[Row]:
    return [not_available(key, figure, goal, why) for key, (figure, goal) in FIGURES.items()]


def _row(key: str, value: float | None, *, floor: float | None = None, floor_name: str = "", note: str = "",
         samples: list[float] | None = None) -> Row:
    figure, goal = FIGURES[key]
    return Row(key, figure, goal, value=value, floor=floor, floor_name=floor_name, note=note, samples=samples or [])


def _median(samples: list[float | None]) -> float | None:
    present = [s for s in samples if s is not None]
    return median_of(present) if present else None


def sample_borough(ctx: Context) -> Path:
    return ctx.fresh_copy(SAMPLE) / "boroughs" / SAMPLE_BOROUGH.name


def run(ctx: Context) -> list[Row]:
    if importlib.util.find_spec("ui.app") is None:
        return failed(ctx, "ui.app is not written yet")
    return [*startup_rows(ctx), keystroke_row(ctx), refresh_row(ctx)]


def compiled(ctx: Context, home: dict[str, str]) -> dict[str, str]:
    """A probe's environment with Python's bytecode cache on, kept in the scratch folder.

    An installed editor's modules are compiled once and read from their cache on every later start.
    With PYTHONDONTWRITEBYTECODE set (as in some shells and CI) nothing is cached and every start
    compiled the editor's ~100 modules again (+150-200 ms), while the floor, PySide6 alone, reads the
    bytecode pip compiled at install: the ratio then measured the compiler. The first, untimed run of
    each probe fills the cache (its figure is in the note).
    """
    return {**home, "PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": str(ctx.work / "pycache")}


def startup_rows(ctx: Context) -> list[Row]:
    bare, runs, again = [], [], []
    try:
        run_probe(BARE, env=compiled(ctx, ctx.probe_env()))
        first = run_probe(EDITOR, "startup", env=compiled(ctx, ctx.probe_env()))
        for _ in range(ctx.runs):  # alternately, so the floor and the figure see the shared machine alike
            bare.append(run_probe(BARE, env=compiled(ctx, ctx.probe_env())))
            home = ctx.probe_env()
            runs.append(run_probe(EDITOR, "startup", env=compiled(ctx, home)))
            again.append(run_probe(EDITOR, "startup", env=compiled(ctx, home)))  # second start, same user
    except ProbeError as exc:
        return [not_available(k, *FIGURES[k], str(exc)) for k in ("startup.window", "startup.preview")]
    floor = median_of([b["shown"] for b in bare])
    smoke_exit = median_of([r["wall"] for r in runs])
    shown, preview = _median([r["shown"] for r in runs]), _median([r.get("preview") for r in runs])
    notes = []
    if preview is None:
        preview = _median([r.get("loaded") for r in runs])
        notes.append("--smoke exits once the first preview PDF is loaded into the view, before the view "
                     "paints it: the figure is launch to that load" if preview is not None
                     else "no preview PDF was loaded before --smoke exited")
    second = _median([r.get("preview") or r.get("loaded") for r in again])
    if second is not None and floor:
        notes.append(f"a second start by the same user (a preview of the same content cached on disk): "
                     f"{second:.0f} ms, {second / floor:.2f}×")
    window_notes = [f"--smoke runs to exit (checks and preview done) in {smoke_exit:.0f} ms"]
    if first.get("shown") and first.get("loaded"):
        window_notes.append(f"first start with the bytecode not yet compiled: window {first['shown']:.0f} ms, "
                            f"preview {first['loaded']:.0f} ms")
    return [
        _row("startup.window", shown, floor=floor, floor_name="bare window", note="; ".join(window_notes),
             samples=[r["shown"] for r in runs]),
        _row("startup.preview", preview, floor=floor, floor_name="bare window", note="; ".join(notes)),
    ]


def keystroke_row(ctx: Context) -> Row:
    try:
        result = run_probe(EDITOR, "keystroke", str(max(8, ctx.repeat * 2)), str(sample_borough(ctx)),
                           env=ctx.probe_env())
    except ProbeError as exc:
        return not_available("keystroke", *FIGURES["keystroke"], str(exc))
    samples = result["keystroke_ms"]
    note = result.get("note", "")
    return _row("keystroke", median_of(samples), note=note, samples=samples)


def refresh_row(ctx: Context) -> Row:
    try:
        result = run_probe(EDITOR, "refresh", str(max(3, ctx.runs * 2)), str(sample_borough(ctx)), timeout=120,
                           env=ctx.probe_env())
    except ProbeError as exc:
        return not_available("preview.refresh", *FIGURES["preview.refresh"], str(exc))
    return _row("preview.refresh", median_of(result["refresh_ms"]), floor=median_of(result["export_ms"]),
                floor_name="one export", note=result.get("note", ""), samples=result["refresh_ms"])
