"""Borough Summary Editor: parses the command line and dispatches to the GUI or a headless command."""

from __future__ import annotations

import argparse
import os
import sys


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="Borough Summary Editor: compile, check, review and export Local Policing Summary leaflets.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("check", help="run the figure checks on a borough file or an edition folder")
    p.add_argument("path")
    p.add_argument("--json", action="store_true", help="print findings as a JSON list")

    p = sub.add_parser("export", help="export a borough's leaflet (or a whole edition) as PDF or HTML")
    p.add_argument("path")
    p.add_argument("-o", "--output", required=True, help="PDF file, or a folder with --all / --html")
    p.add_argument("--print", dest="print_pdf", action="store_true", help="print PDF: CMYK, bleed, crop marks")
    p.add_argument("--all", action="store_true", help="export every borough of an edition folder")
    p.add_argument("--force", action="store_true", help="export even when checks report errors or approval is missing")
    p.add_argument("--html", action="store_true", help="export the accessible web edition (a folder)")
    p.add_argument("--jobs", type=int, default=0, help="worker processes for --all (default: one per core)")
    p.add_argument("--by", default="", help="with --force on a print export: who overrides the print gate")
    p.add_argument("--reason", default="", help="with --force on a print export: why (recorded in the file)")

    p = sub.add_parser("fmt", help="re-save files in the canonical format (atomic; twice changes nothing)")
    p.add_argument("path", nargs="+")
    p.add_argument("--force", action="store_true", help="re-save even files with # comments (the comments are dropped)")

    p = sub.add_parser("approve", help="record the commander's approval of a borough file's current content")
    p.add_argument("path")
    p.add_argument("--by", required=True, help="name of the approver")

    p = sub.add_parser("new-edition", help="start next year's edition from a previous one")
    p.add_argument("from_dir")
    p.add_argument("to_dir")
    p.add_argument("--period", required=True, help="the new period, e.g. 2010/11")

    p = sub.add_parser("import-figures", help="import results from the performance spreadsheet (CSV or XLSX)")
    p.add_argument("sheet")
    p.add_argument("edition_dir")
    p.add_argument("--dry-run", action="store_true", help="show what would change and write nothing")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    return parser


def build_gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="Start the editor. Headless commands: " + ", ".join(COMMANDS) + " (main.py COMMAND -h).",
    )
    parser.add_argument("--smoke", action="store_true",
                        help="start the GUI on the sample edition, wait for checks and preview, print a line, exit")
    parser.add_argument("open", nargs="?", help="edition folder or borough file to open (default: the sample)")
    return parser


COMMANDS = ("check", "export", "fmt", "approve", "new-edition", "import-figures")


def _safe_streams() -> None:
    # A file name that is not UTF-8 (or a lone surrogate in a name) must print, not raise, whatever
    # PYTHONIOENCODING says: unencodable characters come out as backslash escapes.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _no_display() -> str:
    """Why no display server is reachable on Linux/BSD ("" when one is, or a Qt platform was chosen)."""
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return ""
    if os.environ.get("WAYLAND_DISPLAY"):
        return ""
    display = os.environ.get("DISPLAY", "")
    if display.startswith(":"):  # a local X server listens on /tmp/.X11-unix/X<N> (Qt aborts if it is gone)
        number = display[1:].split(".")[0]
        if number.isdigit() and os.path.exists(f"/tmp/.X11-unix/X{number}"):  # noqa: S108 (X11 socket)
            return ""
        return f"no X server answers on DISPLAY={display}"
    return "" if display else "DISPLAY and WAYLAND_DISPLAY are not set"


def main(argv: list[str] | None = None) -> int:
    """The console entry point (`borough-summary`, see pyproject.toml) and `python main.py`."""
    _safe_streams()
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in COMMANDS:
        gui_args = build_gui_parser().parse_args(argv)
        if why := _no_display():
            if not gui_args.smoke:
                print(f"error: no display found ({why}), so the editor cannot open a window. Run it on a "
                      "desktop, or use the headless commands: " + ", ".join(COMMANDS), file=sys.stderr)
                return 2
            # The self-test needs no screen: Qt's offscreen platform renders the same widgets.
            print(f"note: no display found ({why}); --smoke runs with QT_QPA_PLATFORM=offscreen", file=sys.stderr)
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from ui.app import run_gui

        return run_gui(gui_args.open, smoke=gui_args.smoke)
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:
        if exc.code not in (0, None) and "--json" in argv:  # a script that asked for JSON gets JSON
            from cli.errors import print_json_error

            print_json_error("the command line could not be understood; see the usage on stderr", [])
        raise
    from cli import commands

    return commands.dispatch(args)


if __name__ == "__main__":
    sys.exit(main())
