"""Which table rows a measure named in prose stands for, read from the measures catalogue."""

from __future__ import annotations

from functools import lru_cache

from model.catalogue import Catalogue, Measure, Mention, normalise
from model.types import ResultRow

__all__ = ["Catalogue", "Mention", "normalise", "rows_for", "with_rows"]


def rows_for(measure: Measure, rows: tuple[ResultRow, ...] | list[ResultRow], catalogue: Catalogue) -> list[ResultRow]:
    """The table rows prose naming `measure` speaks of: its own row, else its parts, else what it is read as.

    "vehicle crime" in a table without a "Motor vehicle crime" row means its two parts; "burglary"
    in a table with only "Residential burglary" means that row.
    """
    by_key = _by_measure(tuple(rows), catalogue)
    own = by_key.get(measure.key)
    if own is not None:
        return [own]
    for names in (measure.parts, measure.read_as):
        found = [by_key[normalise(n)] for n in names if normalise(n) in by_key]
        if found and len(found) == len(names):
            return found
        if found and names is measure.read_as:
            return found
    return []


def _by_measure(rows: tuple[ResultRow, ...], catalogue: Catalogue) -> dict[str, ResultRow]:
    """Each row under the catalogue key of the measure it names ("Robbery" → total robbery), else its own name."""
    out: dict[str, ResultRow] = {}
    for row in rows:
        if row.measure.strip():
            known = catalogue.match(row.measure)
            out.setdefault(known.key if known else normalise(row.measure), row)
    return out


@lru_cache(maxsize=64)
def _extended(catalogue: Catalogue, names: tuple[str, ...]) -> Catalogue:
    extra = tuple(Measure(n) for n in names)
    return Catalogue((*catalogue.measures, *extra), catalogue.table, catalogue.tables)


def with_rows(catalogue: Catalogue, rows: tuple[ResultRow, ...] | list[ResultRow]) -> Catalogue:
    """The catalogue plus the table's own measure names it does not know, so prose naming them is read too."""
    unknown = tuple(dict.fromkeys(r.measure.strip() for r in rows
                                  if r.measure.strip() and catalogue.match(r.measure) is None))
    return _extended(catalogue, unknown) if unknown else catalogue
