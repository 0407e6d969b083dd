"""Dispatch from parsed arguments to the one module that implements each headless command."""

from __future__ import annotations

import argparse
import importlib
import sys

from cli.errors import report_error

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

# Import name → the distribution to install, for a command run with a Python that lacks them.
_NEEDED = {"reportlab": "reportlab", "PIL": "pillow", "openpyxl": "openpyxl", "yaml": "PyYAML",
           "defusedxml": "defusedxml"}


def dispatch(args: argparse.Namespace) -> int:
    """Run the command; whatever goes wrong ends in a message and exit 2, never a traceback."""
    as_json = bool(getattr(args, "json", False))
    try:
        module = importlib.import_module(_MODULES[args.command])
        return int(module.run(args))
    except ModuleNotFoundError as exc:
        top = (exc.name or "").split(".")[0]
        if top not in _NEEDED:
            raise
        return report_error(f"this Python ({sys.executable}) lacks {_NEEDED[top]!r}, which {args.command} needs "
                            "(its layout and photo checks would not run). Install the app with "
                            "`python -m pip install -e .` and run `borough-summary`, or install the missing "
                            f"package: `python -m pip install {_NEEDED[top]}`", as_json=as_json)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except MemoryError:
        return report_error("out of memory; is the input the right file?", as_json=as_json)
    except OSError as exc:
        # A last resort: each command words the failures it expects; this one says what and where.
        where = f" ({exc.filename})" if exc.filename else ""
        return report_error(f"{exc.strerror or exc}{where}", as_json=as_json)
