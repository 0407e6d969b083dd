"""Next year's edition from a previous one: shared content rolled forward, 32 fresh borough drafts.

The new folder is built beside the target under a temporary name and renamed into place at the
end, so an interrupted run never leaves half an edition where the user expects a whole one.
"""

from __future__ import annotations

import glob
import os
import re
import secrets
import shutil
import time
from dataclasses import dataclass, replace
from pathlib import Path

from model.boroughs import BOROUGHS
from model.edition import BOROUGHS_DIR, EDITION_FILE, IMAGES_DIR, Edition, load_edition, slugify
from model.locking import pid_alive
from model.spelling import DICTIONARY_FILE
from model.storage import save
from model.types import Borough, Commander, EditionContent, Message, ResultRow, Section
from model.write_guard import in_bundled_sample

_PERIOD = re.compile(r"^\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*$")


class NewEditionError(Exception):
    """The new edition could not be made; nothing was written to the target folder."""


@dataclass(frozen=True)
class NewEditionReport:
    """What `create_edition` made, for the command line and the UI to report."""

    folder: Path
    period: str
    next_period: str
    boroughs: tuple[str, ...]  # slugs of the files created, alphabetical
    targets_carried: dict[str, int]  # slug → rows offered from last year's priorities
    ignored: tuple[str, ...]  # previous borough files that are not one of the 32
    images: int
    skipped_images: tuple[str, ...]  # symbolic links and other non-files, not copied


def parse_period(text: str) -> int:
    """The first year of a period: "2010/11", "2010/2011" and "2010-11" all give 2010."""
    match = _PERIOD.match(text)
    if match:
        start, end = int(match.group(1)), match.group(2)
        if int(end) in ((start + 1) % 100, start + 1):
            return start
    raise NewEditionError(f"{text!r} is not a period; write it as the first year and the next, such as 2010/11")


def format_period(start: int) -> str:
    """2010 → "2010/11", the form the leaflets print."""
    return f"{start}/{(start + 1) % 100:02d}"


def roll_labels(text: str, years: dict[int, int]) -> str:
    """Every period label in `text` whose first year is a key of `years` moved to its value.

    All labels are replaced in one pass, so 2009/10 → 2010/11 and 2010/11 → 2011/12 do not chain.
    """
    def swap(match: re.Match[str]) -> str:
        start = int(match.group(1))
        if start not in years or parse_or_none(match.group(0)) is None:
            return match.group(0)
        new = years[start]
        long_form = len(match.group(3)) == 4
        return f"{new}{match.group(2)}{new + 1 if long_form else f'{(new + 1) % 100:02d}'}"

    return re.sub(r"(?<![\d/-])(\d{4})([/-])(\d{4}|\d{2})(?![\d/-])", swap, text)


def parse_or_none(text: str) -> int | None:
    try:
        return parse_period(text)
    except NewEditionError:
        return None


def roll_content(content: EditionContent, period: str) -> EditionContent:
    """edition.yaml for `period`: the period keys set and the labels in headings rolled forward.

    Body text is kept as last year's words: it reports on last year and must be rewritten, and
    the checks flag its old period labels, where silently changing them would make false claims.
    """
    start = parse_period(period)
    years = {start - 1: start, start: start + 1}
    if content.period and (old := parse_or_none(content.period)) is not None:
        years = {old: start, old + 1: start + 1}

    def heads(section: Section) -> Section:
        return replace(section, heading=roll_labels(section.heading, years),
                       subheading=roll_labels(section.subheading, years))

    mayor: Message = replace(content.deputy_mayor, heading=roll_labels(content.deputy_mayor.heading, years))
    return replace(content, period=format_period(start), next_period=format_period(start + 1),
                   deputy_mayor=mayor, met_forward=heads(content.met_forward), mpa_work=heads(content.mpa_work),
                   looking_back=heads(content.looking_back), looking_forward=heads(content.looking_forward),
                   have_your_say=heads(content.have_your_say), cpegs=heads(content.cpegs))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def offered_results(previous: Borough) -> tuple[ResultRow, ...]:
    """Last year's priority targets as this year's results rows: measure and target, figures empty.

    Where last year's table had the same measure with a `current` count, that count is this
    year's `previous`, so the performance team's figures can be checked against it.
    """
    counts = {r.measure.casefold().strip(): r.current for r in previous.results if r.current is not None}
    rows: list[ResultRow] = []
    seen: set[str] = set()
    for priority in previous.priorities:
        for target in priority.targets:
            key = target.measure.casefold().strip()
            if not key or key in seen:
                continue
            seen.add(key)
            rows.append(ResultRow(measure=_capitalised(target.measure.strip()), target_pct=target.target_pct,
                                  previous=counts.get(key)))
    return tuple(rows)


def fresh_borough(name: str, previous: Borough | None) -> Borough:
    """A draft for `name`: sections empty; commander's name, photo and contacts kept from last year."""
    if previous is None:
        return Borough(borough=name, status="draft")
    commander = Commander(name=previous.commander.name, title=previous.commander.title,
                          photo=previous.commander.photo, alt=previous.commander.alt)
    return Borough(borough=name, status="draft", commander=commander, results=offered_results(previous),
                   contacts=previous.contacts)


def _previous_by_slug(edition: Edition) -> dict[str, Borough]:
    found: dict[str, Borough] = {}
    for slug, loaded in edition.boroughs.items():
        found[slug] = loaded.doc
        found.setdefault(slugify(loaded.doc.borough), loaded.doc)
    return found


IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff", ".bmp", ".webp"})


def is_image_file(path: Path) -> bool:
    """A file an edition's images/ folder is for (by its ending): not a script or a note left beside them."""
    return path.suffix.lower() in IMAGE_SUFFIXES


def _copy_images(source: Path, target: Path) -> tuple[int, tuple[str, ...]]:
    """Regular image files only: a symbolic link could point outside the edition, so it is not followed,
    and a program or note kept beside the photos (the sample's make_placeholders.py) is not an image."""
    copied, skipped = 0, []
    if os.path.islink(source):  # a linked images/ folder may lead anywhere: nothing in it is copied
        return 0, (IMAGES_DIR + " (a link to another folder)",)
    if not source.is_dir():
        return 0, ()
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if path.is_symlink() or not (path.is_file() or path.is_dir()) or (path.is_file() and not is_image_file(path)):
            skipped.append(str(Path(IMAGES_DIR) / relative))
        elif path.is_file():
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / relative)
            copied += 1
    return copied, tuple(skipped)


def _check_target(to_dir: Path) -> None:
    if to_dir.is_dir() and any(to_dir.iterdir()):
        raise NewEditionError(f"{to_dir} already exists and is not empty; nothing was written. "
                              "Choose a new folder for the new edition.")
    if to_dir.exists() and not to_dir.is_dir():
        raise NewEditionError(f"{to_dir} is a file, not a folder; nothing was written. Choose a new folder.")


_PARTIAL = ".partial-"
_ABANDONED_AFTER = 600.0  # seconds: a staging folder whose maker cannot be identified is that old


def remove_abandoned_staging(target: Path) -> list[Path]:
    """Delete `.NAME.partial-PID-TOKEN` folders beside `target` left by a run that was killed (kill -9).

    A folder whose process still runs on this computer is another run in progress and stays; one
    without a readable pid (an older version's) goes once it is ten minutes old.
    """
    removed = []
    for leftover in target.parent.glob(f".{glob.escape(target.name)}{_PARTIAL}*"):
        tail = leftover.name[len(target.name) + 1 + len(_PARTIAL):]
        pid_text = tail.split("-", 1)[0]
        try:
            if os.path.islink(leftover) or not leftover.is_dir():
                continue
            if pid_text.isdigit() and "-" in tail:
                abandoned = not pid_alive(int(pid_text))
            else:
                abandoned = time.time() - leftover.stat().st_mtime > _ABANDONED_AFTER
        except (OSError, OverflowError):
            continue
        if abandoned:
            shutil.rmtree(leftover, ignore_errors=True)
            removed.append(leftover)
    return removed


def create_edition(from_dir: str | os.PathLike[str], to_dir: str | os.PathLike[str], period: str) -> NewEditionReport:
    """Make the edition for `period` in `to_dir` from the edition in `from_dir`.

    Raises NewEditionError (nothing written) for a bad period or a target that holds files,
    LoadError when the previous edition cannot be read, SaveError/OSError when writing fails.
    """
    target = Path(to_dir)
    parse_period(period)
    _check_target(target)
    previous = load_edition(from_dir)
    source, real_target = Path(os.path.realpath(from_dir)), Path(os.path.realpath(target))
    if real_target == source or source in real_target.parents or in_bundled_sample(target):
        raise NewEditionError(f"{target} is inside the edition it starts from (or the bundled sample); nothing was "
                              "written. Choose a folder beside it instead.")
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned_staging(target)
    staging = target.parent / f".{target.name}{_PARTIAL}{os.getpid()}-{secrets.token_hex(4)}"
    staging.mkdir()
    try:
        report = _write_edition(previous, staging, period)
        _check_target(target)  # someone may have filled it meanwhile
        if target.is_dir():
            target.rmdir()
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return replace(report, folder=target)


def _write_edition(previous: Edition, folder: Path, period: str) -> NewEditionReport:
    content = roll_content(previous.content.doc, period)
    save(content, folder / EDITION_FILE, backups=False)
    (folder / BOROUGHS_DIR).mkdir()
    last_year = _previous_by_slug(previous)
    carried: dict[str, int] = {}
    slugs = []
    for name in BOROUGHS:
        slug = slugify(name)
        borough = fresh_borough(name, last_year.get(slug))
        save(borough, folder / BOROUGHS_DIR / f"{slug}.yaml", backups=False)
        slugs.append(slug)
        if borough.results:
            carried[slug] = len(borough.results)
    ignored = tuple(sorted(s for s in previous.boroughs if s not in slugs
                           and slugify(previous.boroughs[s].doc.borough) not in slugs))
    (folder / IMAGES_DIR).mkdir()
    images, skipped = _copy_images(previous.folder / IMAGES_DIR, folder / IMAGES_DIR)
    words = previous.folder / DICTIONARY_FILE  # the team's word list carries on into next year
    if words.is_file() and not words.is_symlink():
        shutil.copy2(words, folder / DICTIONARY_FILE)
    return NewEditionReport(folder, content.period, content.next_period, tuple(slugs), carried, ignored,
                            images, skipped)
