"""Peak memory of the editor working through the whole generated edition, above a bare PySide6 window."""

from __future__ import annotations

import importlib.util

from benchmarks.context import Context
from benchmarks.harness import Goal, ProbeError, Row, not_available, run_probe

KEY = "memory"
GOAL = Goal(over_floor=150)


def figure(ctx: Context) -> str:
    return f"peak memory editing the {ctx.boroughs}-borough edition"


def failed(ctx: Context, why: str) -> list[Row]:
    return [not_available(KEY, figure(ctx), GOAL, why, unit="MB")]


def run(ctx: Context) -> list[Row]:
    if importlib.util.find_spec("ui.app") is None:
        return failed(ctx, "ui.app is not written yet")
    try:
        editor = run_probe("benchmarks.probes.editor", "memory", str(ctx.fresh_copy(ctx.edition)), timeout=150,
                           env=ctx.probe_env())
    except ProbeError as exc:
        return failed(ctx, str(exc))
    bare = run_probe("benchmarks.probes.bare_window", env=ctx.probe_env())
    return [Row(KEY, figure(ctx), GOAL, unit="MB", value=editor["max_rss_mb"], floor=bare["max_rss_mb"],
                floor_name="bare window", note=editor.get("note", ""))]
