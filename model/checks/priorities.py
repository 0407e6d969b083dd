"""Next year's priorities: every target has a percentage and a known measure."""

from __future__ import annotations

from model.catalogue import Catalogue, load_catalogue
from model.checks.figures import find_figures
from model.findings import Finding
from model.types import Borough


def check(borough: Borough, catalogue: Catalogue | None = None) -> list[Finding]:
    catalogue = catalogue or load_catalogue()
    out = []
    for i, priority in enumerate(borough.priorities):
        if not priority.targets and not priority.text.strip():
            out.append(Finding(f"priorities[{i}]", "error", "priorities.empty",
                               "this priority has neither targets nor text; the leaflet would print an empty bullet"))
        if not priority.targets and any(f.unit == "percent" for f in find_figures(priority.text)):
            out.append(Finding(f"priorities[{i}].text", "warning", "priorities.untracked_target",
                               "this text states a percentage target; enter it as a target (measure and "
                               "target_pct) so it can be checked and carried into next year's table"))
        for j, target in enumerate(priority.targets):
            path = f"priorities[{i}].targets[{j}]"
            if target.target_pct is None:
                out.append(Finding(f"{path}.target_pct", "error", "priorities.target_pct_missing",
                                   f"the target for '{target.measure or 'this measure'}' has no percentage"))
            if not target.measure.strip():
                out.append(Finding(f"{path}.measure", "error", "priorities.measure_missing",
                                   "this target has no measure"))
            elif catalogue.match(target.measure) is None:
                close = catalogue.near(target.measure)
                hint = f"; did you mean '{close.name}'?" if close else "; check the spelling"
                out.append(Finding(f"{path}.measure", "warning", "priorities.unknown_measure",
                                   f"'{target.measure}' is not a measure in the catalogue{hint}"))
    return out
