"""Shared helpers for the PDF tests: the sample documents and text extracted from a PDF."""

from __future__ import annotations

import io
import re
from dataclasses import replace

from pypdf import PdfReader

from model.edition import load_edition
from model.types import Borough, EditionContent
from tests.conftest import SAMPLE


def sample() -> tuple[EditionContent, Borough]:
    edition = load_edition(SAMPLE)
    return edition.content.doc, edition.boroughs["tower-hamlets"].doc


def with_message(borough: Borough, message: str) -> Borough:
    return replace(borough, commander=replace(borough.commander, message=message))


def normalise(text: str) -> str:
    """Whitespace collapsed; seed bullet marks and *emphasis* asterisks dropped."""
    text = re.sub(r"^\s*([-*]\s+)+", "", text).replace("*", "")
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(pdf: bytes) -> str:
    return normalise(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
