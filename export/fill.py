"""How full each text column of a borough's leaflet comes out: `python -m export.fill BOROUGH.yaml [--json]`.

The same measurement the PDF and the layout check use (`export.layout.column_fill`). Prints, per
column, the share of its height left empty; the leaflet's last column is marked, since the text has
to end somewhere. Exit 0 when no other column is more than `MAX_EMPTY` empty and nothing is cut, else 1;
2 when the file cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from export.layout import MAX_EMPTY, ColumnFill, column_fill, measure_findings
from model.edition import EDITION_FILE, find_edition_folder
from model.storage import load_borough, load_edition_content
from model.yaml_read import LoadError


def too_empty(fill: list[ColumnFill]) -> list[ColumnFill]:
    """The columns, the leaflet's last excepted, more than `MAX_EMPTY` empty."""
    return [c for c in fill[:-1] if c.empty > MAX_EMPTY]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m export.fill", description=__doc__.splitlines()[0])
    parser.add_argument("path", help="a borough file inside an edition folder")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    path = Path(args.path)
    folder = find_edition_folder(path)
    try:
        if folder is None:
            raise LoadError([])
        borough = load_borough(path).doc
        content = load_edition_content(folder / EDITION_FILE).doc
    except LoadError as exc:
        print(f"{path}: cannot be read as a borough file in an edition folder {exc}", file=sys.stderr)
        return 2
    fill = column_fill(content, borough, folder)
    cut = [f for f in measure_findings(content, borough, folder) or [] if f.code == "layout.overflow"]
    if args.json:
        print(json.dumps({"columns": [{"page": c.page + 1, "column": c.frame, "empty": round(c.empty, 4),
                                       "last": i == len(fill) - 1} for i, c in enumerate(fill)],
                          "cut": [f.message for f in cut]}, indent=2, ensure_ascii=False))
    else:
        for i, c in enumerate(fill):
            note = " (the leaflet's last column)" if i == len(fill) - 1 else (
                " ← more than 20% empty" if c.empty > MAX_EMPTY else "")
            print(f"{c.label:<26} {c.empty:6.1%} empty{note}")
        for f in cut:
            print(f"cut: {f.path}: {f.message}")
    return 1 if too_empty(fill) or cut else 0


if __name__ == "__main__":
    sys.exit(main())
