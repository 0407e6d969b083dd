"""Counting words for the user: "1 error", "2 errors"."""

from __future__ import annotations


def plural(count: int, noun: str) -> str:
    """"1 error", "2 errors", "0 errors"."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
