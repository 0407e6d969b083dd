"""How a headless command reports what stopped it: one paragraph on stderr (or a JSON error object), exit 2."""

from __future__ import annotations

import json
import sys

from model.yaml_read import LoadError, Problem

EXIT_UNREADABLE = 2


def report_load_error(exc: LoadError, *, as_json: bool = False) -> int:
    """Print every problem (file, line, column, field, what to do) and return exit code 2.

    With `as_json` the problems go to stdout as `{"error": {"message": ..., "problems": [...]}}`,
    so a script that asked for JSON always gets JSON; the same words still go to stderr.
    """
    print("error: the input could not be read:", file=sys.stderr)
    for problem in exc.problems:
        print(f"  {problem}", file=sys.stderr)
    if as_json:
        print_json_error("the input could not be read", exc.problems)
    return EXIT_UNREADABLE


def report_error(message: str, *, as_json: bool = False, code: int = EXIT_UNREADABLE) -> int:
    """`error: MESSAGE` on stderr (and as a JSON error object on stdout with `as_json`); returns `code`."""
    print(f"error: {message}", file=sys.stderr)
    if as_json:
        print_json_error(message, [])
    return code


def print_json_error(message: str, problems: list[Problem]) -> None:
    """The JSON error object every `--json` command prints when it cannot give its normal output."""
    print(json.dumps({"error": {"message": message, "problems": [
        {"file": p.file, "line": p.line, "column": p.column, "path": p.path, "message": p.message}
        for p in problems]}}, indent=2, ensure_ascii=False))


def unusable_text(value: str, option: str) -> str:
    """Why a text option (`--by`, `--reason`) cannot be written into a file, or "" when it can.

    Bytes that are not UTF-8 on the command line arrive as lone surrogates, which no file can hold.
    """
    if any("\ud800" <= char <= "\udfff" for char in value):
        return f"{option} holds bytes that are not UTF-8 text; type it again in a UTF-8 terminal"
    return ""
