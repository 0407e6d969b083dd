"""The measures the leaflet reports on, and the words people use for them in prose."""

from __future__ import annotations

import re
from functools import cache

# The results table's standard measures, as the seed leaflet prints them.
STANDARD_MEASURES: tuple[str, ...] = (
    "Residential burglary",
    "Total robbery",
    "Theft from vehicles",
    "Theft or taking of vehicles",
    "Serious youth violence",
    "Knife crime",
    "Gun crime",
)

# Phrases in prose → the table measures they cover. Several measures = several readings:
# each measure on its own, and all of them combined.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "residential burglary": ("Residential burglary",),
    "burglary": ("Residential burglary",),
    "burglaries": ("Residential burglary",),
    "total robbery": ("Total robbery",),
    "robbery": ("Total robbery",),
    "robberies": ("Total robbery",),
    "theft from vehicles": ("Theft from vehicles",),
    "theft from motor vehicles": ("Theft from vehicles",),
    "theft from motor vehicle crime": ("Theft from vehicles",),
    "theft or taking of vehicles": ("Theft or taking of vehicles",),
    "theft of vehicles": ("Theft or taking of vehicles",),
    "taking of vehicles": ("Theft or taking of vehicles",),
    "vehicle theft": ("Theft or taking of vehicles",),
    "vehicle crime": ("Theft from vehicles", "Theft or taking of vehicles"),
    "motor vehicle crime": ("Theft from vehicles", "Theft or taking of vehicles"),
    "serious youth violence": ("Serious youth violence",),
    "youth violence": ("Serious youth violence",),
    "knife crime": ("Knife crime",),
    "knife crimes": ("Knife crime",),
    "knife offences": ("Knife crime",),
    "gun crime": ("Gun crime",),
    "gun crimes": ("Gun crime",),
    "gun offences": ("Gun crime",),
    "serious acquisitive crime": ("Residential burglary", "Total robbery", "Theft from vehicles",
                                  "Theft or taking of vehicles"),
}

# Measures a priority may target although the table does not report them.
PRIORITY_ONLY_MEASURES: frozenset[str] = frozenset({
    "serious acquisitive crime", "most serious violence", "violence with injury", "sanction detections",
    "public confidence", "anti-social behaviour", "domestic violence", "hate crime", "total notifiable offences",
})


def normalise(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip().lower())


def known_measure(name: str) -> bool:
    key = normalise(name)
    return key in SYNONYMS or key in PRIORITY_ONLY_MEASURES or key in {normalise(m) for m in STANDARD_MEASURES}


@cache
def _pattern(extra: tuple[str, ...]) -> re.Pattern[str]:
    phrases = sorted({*SYNONYMS, *extra}, key=len, reverse=True)  # longest first: "theft from vehicles" before "vehicle"
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)


def mentions(sentence: str, table_measures: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """Measure phrases in a sentence, each with the table measures it may mean."""
    extra = tuple(normalise(m) for m in table_measures)
    out = []
    for m in _pattern(extra).finditer(sentence):
        phrase = normalise(m.group(1))
        if phrase in SYNONYMS:
            out.append((phrase, SYNONYMS[phrase]))
        else:
            out.append((phrase, tuple(t for t in table_measures if normalise(t) == phrase)))
    return out
