"""The surviving mutants of `make mutation`, each as the line it changed (original, then mutant).

    python tools/mutation_survivors.py                    # every module in mutants/
    python tools/mutation_survivors.py model/checks/results.py

Reads mutmut's results (`mutants/**/*.py.meta`) and the mutated copies beside them, so it needs no
mutmut process and prints a few hundred survivors in a second (`mutmut show` starts one per mutant).
"""

from __future__ import annotations

import ast
import difflib
import json
import sys
from pathlib import Path

SURVIVED = {0, 5, 33}  # passed every test, or no test reaches the function


def _functions(source: str) -> dict[str, list[str]]:
    """Each function of a mutated module by name, as its source lines."""
    lines = source.splitlines()
    out = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and "__mutmut_" in node.name:
            # The name differs in every copy: blank it so a changed default argument still shows.
            body = lines[node.lineno - 1:node.end_lineno]
            out[node.name] = [body[0].replace(node.name, "f", 1), *body[1:]]
    return out


def survivors(module: Path, root: Path = Path("mutants")) -> list[tuple[str, str, str]]:
    """(mutant name, original line, mutated line) for each survivor of one module."""
    meta = json.loads((root / f"{module}.meta").read_text(encoding="utf-8"))["exit_code_by_key"]
    functions = _functions((root / module).read_text(encoding="utf-8"))
    out = []
    for name, code in sorted(meta.items(), key=lambda item: _order(item[0])):
        if code not in SURVIVED:
            continue
        local = name.rsplit(".", 1)[-1]
        orig = functions.get(local.rsplit("__mutmut_", 1)[0] + "__mutmut_orig", [])
        changed = functions.get(local, [])
        diff = [d for d in difflib.ndiff(orig, changed) if d[:2] in ("- ", "+ ")]
        before = next((d[2:].strip() for d in diff if d.startswith("- ")), "")
        after = next((d[2:].strip() for d in diff if d.startswith("+ ")), "")
        out.append((local + ("" if code == 0 else " (no tests)"), before, after))
    return out


def _order(name: str) -> tuple[str, int]:
    base, _, number = name.rpartition("__mutmut_")
    return base, int(number) if number.isdigit() else 0


def main(argv: list[str]) -> int:
    root = Path("mutants")
    modules = [Path(a) for a in argv] or sorted(p.relative_to(root).with_suffix("") for p in root.rglob("*.py.meta"))
    for module in modules:
        found = survivors(module, root)
        if found:
            print(f"## {module} ({len(found)})")
        for name, before, after in found:
            print(f"{name}\n  - {before}\n  + {after}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
