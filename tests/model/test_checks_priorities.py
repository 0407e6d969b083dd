"""Next year's priorities and the photos' alternative text, word for word (each finding's path, severity, message).

Mutation testing (docs/mutation.md) showed these were held by their codes only: a message, a path or
the "did you mean" hint could change and no test failed.
"""

from __future__ import annotations

from decimal import Decimal

from model.catalogue import load_catalogue
from model.checks import photos, priorities
from model.types import Borough, Commander, EditionContent, Initiative, MeasureEntry, Priority, Target

D = Decimal


def _priorities(*items: Priority, content: EditionContent | None = None) -> list[tuple[str, str, str, str]]:
    catalogue = load_catalogue(content) if content is not None else None
    return [(f.path, f.severity, f.code, f.message) for f in priorities.check(Borough(priorities=items), catalogue)]


def test_each_slip_in_a_priority_and_what_the_user_reads() -> None:
    assert _priorities(
        Priority(targets=(Target(measure="", target_pct=None),)),
        Priority(text="Reduce burglary by 5%."),
        Priority(text="Keep our streets safe."),
        Priority(targets=(Target("residential burglary", D("-5.0")), Target("gun crme", D("-1.0")),
                          Target("fly-tipping", D("-3.0")), Target("knife crime", None)),
                 text="Cut burglary by 5%."),  # its targets are entered: the % in its text is tracked
        Priority(text="  "),
    ) == [
        ("priorities[0].targets[0].target_pct", "error", "priorities.target_pct_missing",
         "the target for 'this measure' has no percentage"),
        ("priorities[0].targets[0].measure", "error", "priorities.measure_missing", "this target has no measure"),
        ("priorities[1].text", "warning", "priorities.untracked_target",
         "this text states a percentage target; enter it as a target (measure and target_pct) so it can be checked "
         "and carried into next year's table"),
        ("priorities[3].targets[1].measure", "warning", "priorities.unknown_measure",
         "'gun crme' is not a measure in the catalogue; did you mean 'Gun crime'?"),
        ("priorities[3].targets[2].measure", "warning", "priorities.unknown_measure",
         "'fly-tipping' is not a measure in the catalogue; check the spelling"),
        ("priorities[3].targets[3].target_pct", "error", "priorities.target_pct_missing",
         "the target for 'knife crime' has no percentage"),
        ("priorities[4]", "error", "priorities.empty",
         "this priority has neither targets nor text; the leaflet would print an empty bullet"),
    ]


def test_a_measure_the_edition_adds_is_known_to_the_priorities() -> None:
    target = Priority(targets=(Target("fly-tipping", D("-3.0")),))
    assert _priorities(target) != []
    assert _priorities(target, content=EditionContent(measures=(MeasureEntry(name="Fly-tipping"),))) == []


def test_every_printed_photo_needs_its_alternative_text() -> None:
    borough = Borough(
        commander=Commander(photo="commander.jpg", alt=" "),
        initiatives=(Initiative(title="Safer Neighbourhoods", photo="snt.jpg"),
                     Initiative(photo="bikes.jpg", alt="Officers on bicycles in Victoria Park"),
                     Initiative(photo="mural.jpg"),
                     Initiative(title="Knife arches", alt="")),  # no photo: nothing printed to describe
    )
    read_aloud = ("has no alternative text; describe what it shows in a sentence (read aloud by screen readers on "
                  "the web edition)")
    assert [(f.path, f.severity, f.code, f.message) for f in photos.check(EditionContent(), borough)] == [
        ("commander.alt", "error", "photo.alt_missing", f"the commander's photo {read_aloud}"),
        ("initiatives[0].alt", "error", "photo.alt_missing",
         f"the photo of initiative 1 (Safer Neighbourhoods) {read_aloud}"),
        ("initiatives[2].alt", "error", "photo.alt_missing", f"the photo of initiative 3 {read_aloud}"),
    ]
    described = Borough(commander=Commander(photo="commander.jpg", alt="Chief Superintendent Jane Smith"),
                        initiatives=(Initiative(title="No photo"),))
    assert photos.check(EditionContent(), described) == []
