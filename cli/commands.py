"""Dispatch from parsed arguments to the one module that implements each headless command."""

from __future__ import annotations

import argparse
import importlib

# command name → module in cli/ with a `run(args) -> int`
_MODULES = {
    "check": "cli.check",
    "export": "cli.export_cmd",
    "fmt": "cli.fmt",
    "approve": "cli.approve",
    "new-edition": "cli.new_edition",
    "import-figures": "cli.import_figures",
}

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2


def dispatch(args: argparse.Namespace) -> int:
    module = importlib.import_module(_MODULES[args.command])
    return int(module.run(args))
