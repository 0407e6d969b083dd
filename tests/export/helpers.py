"""Shared helpers for the PDF tests: the sample documents and text extracted from a PDF."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

from pypdf import PdfReader

from model.edition import load_edition
from model.types import Borough, EditionContent
from tests.conftest import SAMPLE


def sample() -> tuple[EditionContent, Borough]:
    edition = load_edition(SAMPLE)
    return edition.content.doc, edition.boroughs["tower-hamlets"].doc


def with_message(borough: Borough, message: str) -> Borough:
    return replace(borough, commander=replace(borough.commander, message=message))


# The leaflet's typography (export/markup.py typeset) folded back to the typed characters.
_TYPED = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2212": "-"})


def normalise(text: str) -> str:
    """Whitespace collapsed; seed bullet marks and *emphasis* asterisks dropped; curly quotes, dashes, minus typed."""
    text = re.sub(r"^\s*([-*]\s+)+", "", text).replace("*", "").translate(_TYPED)
    return re.sub(r"\s+", " ", text).strip()


# A web address or email broken across lines (after / . @ -) reads back with a line break inside it.
_BROKEN_ADDRESS = re.compile(r"((?:www\.|https?://|[\w.+-]+@)\S*?[/.@-])\s+(?=[\w/])")


# The running footer ("Local Policing Summary Tower Hamlets 2009/10 3"): text flows across pages, so a
# paragraph continued overleaf reads back with the footer inside it unless it is taken out.
# (and the print file's DRAFT slug, drawn on every page of an unapproved print PDF)
_FOOTER = re.compile(r"Local Policing Summary\s+[A-Z][\w'\s.-]*?\s\d{4}/\d{2}\s+\d{1,2}(?!\d)"
                     r"|DRAFT \u2014 not approved \u2014 not for press")


def pdf_text(pdf: bytes) -> str:
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    footers = [m.group(0) for page in pages for m in _FOOTER.finditer(page)]
    text = " ".join([*(_FOOTER.sub("", page) for page in pages), *footers])  # footers moved to the end
    return normalise(_BROKEN_ADDRESS.sub(r"\1", text))


LONG_MESSAGE = (Path(__file__).resolve().parent.parent / "fixtures" / "commander-350-words.txt").read_text(
    encoding="utf-8")


LONG_QUOTE = "Your Safer Neighbourhoods teams remain at the heart of everything we do."


def long_borough(borough: Borough) -> Borough:
    """The sample borough with a 350-word commander's message (a normal length in real leaflets) and its pull quote."""
    return replace(borough, commander=replace(borough.commander, message=LONG_MESSAGE, pull_quote=LONG_QUOTE))
