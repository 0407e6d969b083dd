"""The 32 London boroughs policed by the Met, and matching a name as typed in a spreadsheet to one."""

from __future__ import annotations

import difflib
import re

from model.edition import slugify

BOROUGHS: tuple[str, ...] = (
    "Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "Croydon", "Ealing",
    "Enfield", "Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey", "Harrow", "Havering",
    "Hillingdon", "Hounslow", "Islington", "Kensington and Chelsea", "Kingston upon Thames",
    "Lambeth", "Lewisham", "Merton", "Newham", "Redbridge", "Richmond upon Thames", "Southwark",
    "Sutton", "Tower Hamlets", "Waltham Forest", "Wandsworth", "Westminster",
)
"""As printed on the leaflets, in alphabetical order."""

BY_SLUG: dict[str, str] = {slugify(name): name for name in BOROUGHS}

# Names the performance team and other systems use for the same borough.
_ALIASES: dict[str, str] = {
    "city-of-westminster": "westminster",
    "royal-borough-of-greenwich": "greenwich",
    "royal-borough-of-kensington-and-chelsea": "kensington-and-chelsea",
    "royal-borough-of-kingston-upon-thames": "kingston-upon-thames",
    "kingston": "kingston-upon-thames",
    "richmond": "richmond-upon-thames",
    "barking": "barking-and-dagenham",
    "hammersmith": "hammersmith-and-fulham",
    "kensington": "kensington-and-chelsea",
}


def _key(name: str) -> str:
    # "&" and "and" are the same word in borough names ("Barking & Dagenham").
    return slugify(re.sub(r"\s*&\s*", " and ", name))


def borough_slug(name: str) -> str | None:
    """The slug of the borough `name` names, tolerant of case, spacing, "&" and common short forms."""
    key = _key(name)
    key = _ALIASES.get(key, key)
    return key if key in BY_SLUG else None


def suggest_borough(name: str) -> str | None:
    """The borough name closest to a misspelt one ("Tower Hamlet" → "Tower Hamlets"), if any is close."""
    close = difflib.get_close_matches(_key(name), list(BY_SLUG), n=1, cutoff=0.75)
    return BY_SLUG[close[0]] if close else None
