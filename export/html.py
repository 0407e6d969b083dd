"""The accessible web edition: a borough's leaflet as a self-contained folder (index.html, stylesheet, photos).

`write_page` checks and writes one borough's folder; `cli/export_html.py` runs it for
`export PATH --html -o DIR` (and `--all`). The page itself is built in export/html_page.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from export.html_page import STYLESHEET, page_title, render_page
from export.html_photos import WebPhoto, web_photos
from export.html_text import esc
from model.atomic import atomic_write_bytes
from model.checks import check_borough
from model.edition import slugify
from model.findings import Finding, sort_findings
from model.types import Borough, EditionContent

STYLESHEET_SOURCE = Path(__file__).resolve().parent.parent / "resources" / "web" / STYLESHEET
INDEX = "index.html"


def build_page(content: EditionContent, borough: Borough, folder: Path | None) -> str:
    """The borough's page as HTML text; photos are looked up (safely) in the edition `folder`."""
    photos, _ = web_photos(borough, folder)
    return render_page(content, borough, photos)


def web_findings(content: EditionContent, borough: Borough, photo_findings: list[Finding]) -> list[Finding]:
    """What holds the web page back: the figure checks (alt text among them) and unusable photos.

    The PDF's layout checks are left out: a web page has no boxes to overflow.
    """
    return sort_findings(check_borough(content, borough) + photo_findings)


@dataclass
class WebResult:
    """One borough's export: the folder written (None when held back) and the errors that held it."""

    folder: Path | None
    errors: list[Finding] = field(default_factory=list)


def write_page(content: EditionContent, borough: Borough, edition_folder: Path | None, out_dir: Path, *,
               force: bool = False) -> WebResult:
    """Check, then write index.html, the stylesheet and the photos into `out_dir` (created if needed)."""
    photos, photo_findings = web_photos(borough, edition_folder)
    errors = [f for f in web_findings(content, borough, photo_findings) if f.severity == "error"]
    if errors and not force:
        return WebResult(None, errors)
    _write_folder(out_dir, render_page(content, borough, photos), photos.values())
    return WebResult(out_dir, errors)


def _write_folder(out_dir: Path, page: str, photos: Iterable[WebPhoto]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for photo in photos:
        target = out_dir / photo.name
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, photo.data)
    atomic_write_bytes(out_dir / STYLESHEET, STYLESHEET_SOURCE.read_bytes())
    atomic_write_bytes(out_dir / INDEX, page.encode("utf-8"))


def edition_index(content: EditionContent, pages: list[tuple[str, str]]) -> str:
    """The --all landing page: one link per exported borough (slug, page title)."""
    heading = " ".join(x for x in (content.title, content.period) if x)
    items = "".join(f'<li><a href="{esc(slug)}/{INDEX}">{esc(name)}</a></li>' for slug, name in pages)
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(heading)}: all boroughs</title>", f'<link rel="stylesheet" href="{STYLESHEET}">', "</head>",
        "<body>", '<a class="skip-link" href="#main">Skip to main content</a>',
        f'<header class="masthead"><div class="wrap"><h1>{esc(heading)}</h1></div></header>',
        '<main id="main" tabindex="-1"><div class="wrap">',
        f'<ul class="borough-list">{items}</ul>' if items else "<p>No borough was exported.</p>",
        "</div></main>", "</body>", "</html>", ""])


def folder_names(boroughs: dict[Path, Borough]) -> dict[Path, str]:
    """Each borough file's sub-folder: the slug of its borough's name ("kensington-and-chelsea").

    Two files naming the same borough both get a folder: the one whose file name is that slug keeps
    it, the other adds its file name ("tower-hamlets-copy"), so no page overwrites another.
    """
    slugs = {path: slugify(b.borough) or slugify(path.stem) or "borough" for path, b in boroughs.items()}
    taken = list(slugs.values())
    return {path: slug if taken.count(slug) == 1 or slugify(path.stem) == slug else f"{slug}-{slugify(path.stem)}"
            for path, slug in slugs.items()}


__all__ = ["build_page", "edition_index", "folder_names", "page_title", "web_findings", "write_page"]
