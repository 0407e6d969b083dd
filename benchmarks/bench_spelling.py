"""Spelling and plain English on a whole borough after a keystroke, against reading its words once.

The figure: `spelling_checks.check_borough` + `check_edition` (every prose field of the sample
borough and the pan-London content: unknown words, reading ease, long sentences, acronyms) on a
borough one word longer each round, as after a keystroke, with the word cache warm as in the editor.
The floor: splitting the same fields into words with one regular expression, the least any word
check must do. Goal: within the keystroke budget (16 ms from key to findings).
"""

from __future__ import annotations

import itertools
import re
import time

from benchmarks.context import SAMPLE, SAMPLE_BOROUGH, Context, reworded
from benchmarks.harness import Goal, Row, median_ms, not_available, paired_median_ms

FIGURE = "spelling + plain English, whole borough, after a keystroke (warm word cache)"
GOAL = Goal(ratio=20, ceiling=16)
_WORDS = re.compile(r"\w+")


def run(ctx: Context) -> list[Row]:
    try:
        from model import plain_english, spelling
        from model import spelling_checks as checks
        from model.storage import load_borough, load_edition_content
    except ImportError as exc:
        return [not_available("spelling.keystroke", FIGURE, GOAL, str(exc))]
    started = time.perf_counter()
    eng = spelling.engine_now()
    load_ms = (time.perf_counter() - started) * 1000
    if isinstance(eng, spelling.Unavailable):
        return [not_available("spelling.keystroke", FIGURE, GOAL, eng.reason)]
    content = load_edition_content(SAMPLE / "edition.yaml").doc
    sample = load_borough(SAMPLE_BOROUGH).doc
    rounds = itertools.count(1)
    current = [sample]

    def keystroke() -> None:
        current[0] = reworded(sample, next(rounds))

    def check() -> None:
        checks.check_borough(content, current[0], SAMPLE)
        checks.check_edition(content, SAMPLE)

    def floor() -> None:
        for _path, text in checks.borough_fields(current[0]) + checks.edition_fields(content):
            _WORDS.findall(text)

    check()  # the word cache warm, as in the editor after the first check
    value, floor_ms, samples = paired_median_ms(check, floor, ctx.repeat * 4, setup=keystroke)

    def forget() -> None:
        keystroke()
        spelling.reset_engine()
        spelling.engine_now()
        checks._text_findings.cache_clear()
        checks._acronym_findings.cache_clear()
        plain_english.readability.cache_clear()
        plain_english.long_sentences.cache_clear()

    cold, _ = median_ms(check, max(1, ctx.repeat // 3), setup=forget)
    speller = spelling.speller_for(SAMPLE)
    suggest, _ = median_ms(lambda: speller.suggest(f"recieved{next(rounds)}"), max(1, ctx.repeat // 3))
    return [Row("spelling.keystroke", FIGURE, GOAL, value=value, floor=floor_ms, floor_name="split into words",
                samples=samples,
                note=f"{eng.name}; dictionary load {load_ms:.0f} ms (in the background in the editor); every "
                     f"cache empty (first check of an edition): {cold:.1f} ms; suggestions for one word, computed "
                     f"only when the context menu opens: {suggest:.0f} ms")]
