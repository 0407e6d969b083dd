"""Checks (model checks + layout measurement) on the sample borough and the whole edition, against loading."""

from __future__ import annotations

import itertools

from benchmarks.context import SAMPLE, SAMPLE_BOROUGH, Context, reworded
from benchmarks.harness import Goal, Row, median_ms, not_available, paired_median_ms

SAMPLE_FIGURE = "checks, sample borough"
SAMPLE_GOAL = Goal(ratio=0.5, ceiling=5)
EDITION_GOAL = Goal(ratio=0.5, ceiling=100)


def edition_figure(ctx: Context) -> str:
    return f"checks, {ctx.boroughs}-borough edition"


def failed(ctx: Context, why: str) -> list[Row]:
    return [not_available("checks.sample", SAMPLE_FIGURE, SAMPLE_GOAL, why),
            not_available("checks.edition", edition_figure(ctx), EDITION_GOAL, why)]


def run(ctx: Context) -> list[Row]:
    try:
        from export.checking import borough_findings, edition_findings, layout_findings
        from model.checks import check_borough
        from model.edition import load_edition
        from model.storage import load_borough, load_edition_content
    except ImportError as exc:
        return failed(ctx, str(exc))
    rounds = itertools.count()
    content = load_edition_content(SAMPLE / "edition.yaml").doc
    sample = load_borough(SAMPLE_BOROUGH).doc
    current = [sample]

    def fresh_sample() -> None:
        current[0] = reworded(sample, next(rounds))

    value, floor, samples = paired_median_ms(lambda: borough_findings(content, current[0], SAMPLE),
                                             lambda: load_borough(SAMPLE_BOROUGH), ctx.repeat * 2, setup=fresh_sample)
    model, _ = median_ms(lambda: check_borough(content, current[0]), ctx.repeat * 2, setup=fresh_sample)
    layout, _ = median_ms(lambda: layout_findings(content, current[0], SAMPLE), ctx.repeat * 2, setup=fresh_sample)

    def cold_sample() -> None:
        fresh_sample()
        forget()

    cold, _ = median_ms(lambda: borough_findings(content, current[0], SAMPLE), ctx.repeat, setup=cold_sample)
    rows = [Row("checks.sample", SAMPLE_FIGURE, SAMPLE_GOAL, value=value, floor=floor, floor_name="load_borough",
                note=f"of which model checks {model:.1f} ms, layout measurement {layout:.1f} ms (the edited "
                     f"section's region; the others come from the cache); with every cache emptied first, as "
                     f"when a borough is first opened: {cold:.1f} ms", samples=samples)]

    edition = load_edition(ctx.edition)
    boroughs = [loaded.doc for loaded in edition.boroughs.values()]
    batch = [boroughs]

    def fresh_edition() -> None:
        n = next(rounds)
        batch[0] = [reworded(b, n) for b in boroughs]

    def check_all() -> None:
        edition_findings(edition.content.doc)
        for borough in batch[0]:
            borough_findings(edition.content.doc, borough, ctx.edition)

    repeat = max(1, ctx.repeat // 2)  # each round checks every borough: half the rounds are plenty
    value, floor, samples = paired_median_ms(check_all, lambda: load_edition(ctx.edition), repeat,
                                             setup=fresh_edition)

    def cold_edition() -> None:
        fresh_edition()
        forget()

    cold, _ = median_ms(check_all, max(1, repeat // 2), setup=cold_edition)
    rows.append(Row("checks.edition", edition_figure(ctx), EDITION_GOAL, value=value, floor=floor,
                    floor_name="load_edition", samples=samples,
                    note=f"with every cache emptied first (opening the edition): {cold:.0f} ms"))
    from benchmarks import bench_spelling

    return rows + bench_spelling.run(ctx)


def forget() -> None:
    """Empty what the checks keep between runs: layout regions, parsed paragraphs, photos, figures in texts."""
    from export import layout
    from model.checks import figures

    if hasattr(layout, "clear_caches"):
        layout.clear_caches()
    for kept in ("_figures", "mask_non_figures"):
        cache_clear = getattr(getattr(figures, kept, None), "cache_clear", None)
        if cache_clear:
            cache_clear()
