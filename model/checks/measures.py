"""Which table rows a measure named in prose stands for, read from the measures catalogue."""

from __future__ import annotations

from model.catalogue import Catalogue, Measure, Mention, load_catalogue, normalise
from model.types import ResultRow

__all__ = ["Catalogue", "Mention", "known_measure", "normalise", "rows_for"]


def known_measure(name: str, catalogue: Catalogue | None = None) -> bool:
    """Is `name` a measure (or a synonym of one) the catalogue knows?"""
    return (catalogue or load_catalogue()).match(name) is not None


def rows_for(measure: Measure, rows: tuple[ResultRow, ...] | list[ResultRow], catalogue: Catalogue) -> list[ResultRow]:
    """The table rows prose naming `measure` speaks of: its own row, else its parts, else what it is read as.

    "vehicle crime" in a table without a "Motor vehicle crime" row means its two parts; "burglary"
    in a table with only "Residential burglary" means that row.
    """
    by_key = {normalise(r.measure): r for r in rows if r.measure.strip()}
    own = by_key.get(measure.key)
    if own is not None:
        return [own]
    for names in (measure.parts, measure.read_as):
        found = [by_key[normalise(n)] for n in names if normalise(n) in by_key]
        if found and len(found) == len(names):
            return found
        if found and names is measure.read_as:
            return found
    # A row named by one of this measure's synonyms ("Robbery" as the table's own wording).
    for key, row in by_key.items():
        if catalogue.match(key) is measure:
            return [row]
    return []
