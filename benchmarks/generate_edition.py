"""Generate a realistic 32-borough edition (varied figures and text lengths) for benchmarks and tests.

    python -m benchmarks.generate_edition [OUT_DIR] [--seed N]

Deterministic for a seed: the same seed writes the same bytes. The shared content is the
sample's edition.yaml; each borough gets a commander's message, initiatives, a results table
computed from offence counts (so the figures agree with each other as the checks expect), the
London targets as priorities, contacts, a review status and a few comments.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from decimal import Decimal
from pathlib import Path

from model.boroughs import BOROUGHS
from model.edition import BOROUGHS_DIR, EDITION_FILE, IMAGES_DIR, slugify
from model.figures_import import updated_row
from model.storage import load_edition_content, save
from model.types import Borough, Commander, Comment, Contact, Initiative, Priority, ResultRow, Status, Target

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "sample"
DEFAULT_OUT = Path(__file__).resolve().parent / "generated"

# measure → (range of last year's count, the London target for it)
MEASURES: dict[str, tuple[tuple[int, int], str]] = {
    "Residential burglary": ((700, 3600), "-2.5"),
    "Total robbery": ((350, 1900), "-2.5"),
    "Theft from vehicles": ((900, 3600), "-2.5"),
    "Theft or taking of vehicles": ((280, 1300), "-2.5"),
    "Serious youth violence": ((70, 420), "-4.7"),
    "Knife crime": ((140, 720), "-1.0"),
    "Gun crime": ((8, 130), "-4.2"),
}
FIRST = ("Paul", "Sarah", "Andy", "Marcus", "Helen", "Jo", "Richard", "Priya", "Gary", "Fiona", "Dave", "Anita")
LAST = ("Rickett", "Okafor", "Campbell", "Hughes", "Patel", "Morris", "Bennett", "Clarke", "Singh", "Doyle")
SENTENCES = (
    "There has been a strong partnership between the police, the council and the community across {b}.",
    "Much of our feedback comes from Ward Panel Meetings, and residents tell us that anti-social behaviour "
    "matters most to them.",
    "A visible police presence is important, and our Safer Neighbourhoods teams have spent most of their time "
    "on core duties.",
    "By coordinating our efforts and targeting our resources in the right places, we have made {b} a safer "
    "place to live, work and visit.",
    "I would like to thank every officer, member of police staff and volunteer for their hard work this year.",
    "Looking ahead, I am keen to deploy our resources against robbery, burglary and all crimes of violence.",
    "We will keep listening to local people through our ward panels, street briefings and online surveys.",
    "Working with local schools, we have reached thousands of young people with advice on staying safe.",
    "Our town centres are busier at night than ever, and we have worked with licensees to keep them safe.",
    "We know there is more to do, and we will not be complacent.",
    "Victims of crime deserve a good service every time they contact us, and that remains my priority.",
    "Our Special Constables gave many thousands of hours of their own time to policing {b}.",
)
INITIATIVE_TITLES = ("Operation {c}", "Safer Streets week", "Neighbourhood Watch relaunch", "Cycle marking days",
                     "Knife arches in town centres", "Youth diversion project", "Partnership days of action")
CODENAMES = ("Fusion", "Bumblebee", "Sceptre", "Falcon", "Trident", "Blunt", "Lantern", "Harbour", "Kestrel")


def _paragraphs(rng: random.Random, borough: str, count: int, facts: list[str]) -> str:
    paragraphs = []
    for _ in range(count):
        picked = rng.sample(SENTENCES, rng.randint(2, 5))
        if facts and rng.random() < 0.5:
            picked.insert(rng.randint(0, len(picked)), facts.pop())
        paragraphs.append(" ".join(s.format(b=borough) for s in picked))
    return "\n\n".join(paragraphs)


def _results(rng: random.Random, with_counts: bool) -> tuple[ResultRow, ...]:
    rows = []
    for measure, ((low, high), target) in MEASURES.items():
        previous = rng.randint(low, high)
        current = max(0, round(previous * (1 + rng.gauss(-0.05, 0.12))))
        row = updated_row(ResultRow(measure=measure), previous, current, Decimal(target))
        if not with_counts:  # as the seed prints them: change and % only
            row = ResultRow(row.measure, row.change, row.change_pct, row.outcome)
        rows.append(row)
    return tuple(rows)


def _facts(results: tuple[ResultRow, ...]) -> list[str]:
    """Sentences quoting the table exactly, so prose figures agree with it."""
    facts = []
    for row in results:
        if row.change_pct is None or row.change_pct == 0:
            continue
        verb = "fell" if row.change_pct < 0 else "rose"
        facts.append(f"{row.measure} {verb} by {abs(row.change_pct)}% this year.")
    return facts


def _comments(rng: random.Random, results: tuple[ResultRow, ...]) -> tuple[Comment, ...]:
    comments = []
    for i in range(rng.choice((0, 0, 1, 2, 3))):
        index = rng.randrange(len(results))
        comments.append(Comment(id=f"c{i + 1}", path=f"results[{index}]", author=rng.choice(FIRST),
                                time=f"2010-05-{10 + i:02d}T10:00:00+00:00",
                                text=f"Please confirm the {results[index].measure.lower()} figure with the "
                                     "performance team.", resolved=rng.random() < 0.4))
    return tuple(comments)


def generate_borough(name: str, seed: int) -> Borough:
    """One borough's draft; the same name and seed give the same draft."""
    rng = random.Random(f"{seed}:{name}")
    results = _results(rng, with_counts=rng.random() < 0.5)
    facts = _facts(results)
    rng.shuffle(facts)
    long_draft = rng.random() < 0.12  # a commander who writes too much: the layout check's job
    commander = Commander(name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                          message=_paragraphs(rng, name, rng.randint(5, 7) if long_draft else rng.randint(2, 4), facts))
    initiatives = tuple(
        Initiative(title=rng.choice(INITIATIVE_TITLES).format(c=rng.choice(CODENAMES)),
                   text=_paragraphs(rng, name, rng.randint(1, 4), facts))
        for _ in range(rng.randint(1, 2)))
    priorities = tuple(Priority(targets=(Target(measure=m.lower(), target_pct=Decimal(t)),))
                       for m, (_, t) in rng.sample(sorted(MEASURES.items()), rng.randint(2, 4)))
    status: Status = rng.choice(("draft", "draft", "in_review", "changes_requested"))
    slug = slugify(name)
    contacts = (Contact(name=f"{name} police stations", phone="0300 123 1212",
                        web=f"www.met.police.uk/{slug.replace('-', '')}"),)
    return Borough(borough=name, status=status, commander=commander, initiatives=initiatives, results=results,
                   priorities=priorities, contacts=contacts, comments=_comments(rng, results))


def generate_edition(out_dir: str | Path = DEFAULT_OUT, seed: int = 2010) -> Path:
    """Write edition.yaml (the sample's), images and 32 borough files into `out_dir`, replacing its boroughs."""
    out = Path(out_dir)
    (out / BOROUGHS_DIR).mkdir(parents=True, exist_ok=True)
    save(load_edition_content(SAMPLE / EDITION_FILE).doc, out / EDITION_FILE, backups=False)
    if (SAMPLE / IMAGES_DIR).is_dir():
        shutil.copytree(SAMPLE / IMAGES_DIR, out / IMAGES_DIR, dirs_exist_ok=True)
    for name in BOROUGHS:
        save(generate_borough(name, seed), out / BOROUGHS_DIR / f"{slugify(name)}.yaml", backups=False)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(DEFAULT_OUT), help="folder to write (default: benchmarks/generated)")
    parser.add_argument("--seed", type=int, default=2010)
    args = parser.parse_args(argv)
    folder = generate_edition(args.out, args.seed)
    print(f"wrote a 32-borough edition to {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
