"""Reading a priority's target from the words a person types: "burglary down by 3%" → burglary, -3.

A target is three parts: the measure, the direction (reduction or increase) and the percentage;
`Target` keeps the direction as the sign of `target_pct`. Typed words are read into those parts or
refused with a message saying what to write: never guessed, and never turned into their opposite.
A direction word ("down", "reduce", "increase", ...) decides the sign; a number signed against its
words ("burglary down by +3%") is refused, and so is a number with neither sign nor direction word.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from model.types import Target

# Words that say which way the figure should go. Whole words only, any case.
DOWN_WORDS = frozenset({"down", "reduce", "reduces", "reduced", "reducing", "reduction", "reductions", "cut",
                        "cuts", "cutting", "decrease", "decreases", "decreased", "decreasing", "lower", "lowering",
                        "fewer", "less", "fall", "falls", "drop", "drops", "minus"})
UP_WORDS = frozenset({"up", "increase", "increases", "increased", "increasing", "raise", "raises", "raising",
                      "rise", "rises", "more", "higher", "grow", "grows", "growth", "plus"})
# Words around the measure that are not part of its name ("reduce burglary by 3%", "3% cut in gun crime").
_FILLER = frozenset({"by", "in", "of", "to", "a", "an", "the", "target", "targets", "on", "at", "for", "per",
                     "cent", "percent", "pct", "achieve", "aim", "is", "be", "we", "will", "and"})
_NUMBER = re.compile(r"(?<![\w.])(?P<sign>[+\-\u2212]?)\s*(?P<digits>\d+(?:\.\d+)?)\s*(?P<pct>%|per\s*cent\b|percent\b)?",
                     re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")


class TargetTextError(ValueError):
    """The words could not be read as one target without guessing; the message says what to write."""


def parse_target(text: str) -> Target:
    """One target from `text`: "burglary down by 3%", "reduce gun crime by 1.0%", "knife crime -1.0".

    Raises TargetTextError for text without exactly one number, without a measure, with a number
    that has neither a sign nor a direction word, or with directions that disagree.
    """
    stripped = text.strip()
    numbers = list(_NUMBER.finditer(stripped))
    if len(numbers) != 1:
        what = "no percentage" if not numbers else f"{len(numbers)} numbers"
        raise TargetTextError(f"'{stripped}' has {what}; write one target as a measure, a direction and a "
                              "percentage, e.g. 'burglary down by 3%' or 'burglary -3'")
    number = numbers[0]
    try:
        value = Decimal(number.group("digits"))
    except InvalidOperation:  # pragma: no cover - the pattern only matches digits
        raise TargetTextError(f"'{number.group(0)}' is not a number") from None
    rest = stripped[:number.start()] + " " + stripped[number.end():]
    words = _WORD.findall(rest)
    downs = [w for w in words if w.lower() in DOWN_WORDS]
    ups = [w for w in words if w.lower() in UP_WORDS]
    sign = number.group("sign")
    if downs and ups:
        raise TargetTextError(f"'{stripped}' says both '{downs[0]}' and '{ups[0]}'; say one direction")
    if downs or ups:
        negative = bool(downs)
        if sign and (sign != "+") != negative:
            raise TargetTextError(f"'{stripped}' says '{(downs or ups)[0]}' but the number is {sign}{value}; "
                                  "write the direction once, in words or as a sign")
    elif sign:
        negative = sign != "+"
    else:
        raise TargetTextError(f"'{stripped}': is {value}% a reduction or an increase? Write e.g. "
                              f"'down by {value}%' or '-{value}'")
    measure = _measure_words(rest, set(downs) | set(ups))
    if not measure:
        raise TargetTextError(f"'{stripped}' names no measure; write e.g. 'burglary down by {value}%'")
    return Target(measure, -value if negative else value)


def parse_targets(text: str) -> tuple[Target, ...]:
    """Several targets separated by ';' (or new lines); an empty text is no targets."""
    parts = [p.strip() for p in re.split(r"[;\n]", text)]
    return tuple(parse_target(p) for p in parts if p)


def _measure_words(rest: str, directions: set[str]) -> str:
    """What is left of the text once the number and the direction words are taken out, trimmed of filler."""
    tokens = [t for t in re.split(r"\s+", re.sub(r"[:=,%()]", " ", rest)) if t and t not in directions]
    while tokens and tokens[0].lower().strip(".") in _FILLER:
        tokens.pop(0)
    while tokens and tokens[-1].lower().strip(".") in _FILLER:
        tokens.pop()
    return " ".join(tokens).strip(" .-")
