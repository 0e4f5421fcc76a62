"""Command-line interface over the engine: `python -m realitycheck COMMAND ...`."""

from __future__ import annotations

import argparse
import importlib
import json
import sys

# Each module in realitycheck/commands/ registers its own subcommands; imported lazily
# so that `log` never pays for scikit-learn and `compare` never pays for the store set-up.
COMMAND_MODULES = (
    "timelog",
    "importing",
    "sorting",
    "syncing",
    "standup",
    "compare",
    "drift",
    "backup",
    "effort",
)


Subparsers = argparse._SubParsersAction  # what `register(sub)` in each command module receives


class CliError(Exception):
    """A user error: printed as one line on stderr (JSON on stdout with --json), exit code 2."""


class _Parser(argparse.ArgumentParser):
    """A parser whose usage errors are CliErrors, so `--json` can print them as JSON."""

    def error(self, message: str) -> None:  # type: ignore[override]
        """Raise instead of printing the usage and exiting."""
        raise CliError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    """Build the top-level parser with every subcommand registered."""
    parser = _Parser(
        prog="python -m realitycheck",
        description="Reality Check: where the team's time goes, and baseline vs boosted.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"realitycheck.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"realitycheck.commands.{name}":
                raise
            continue
        module.register(sub)
    return parser


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """Add the `--db URL` option every store-backed command takes."""
    parser.add_argument(
        "--db",
        metavar="URL",
        default=None,
        help="database URL (default: $DATABASE_URL, else the SQLite file in data/)",
    )


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit code."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        args = build_parser().parse_args(argv)
        return int(args.func(args) or 0)
    except CliError as exc:
        if "--json" in argv:  # scripts that asked for JSON get JSON, even on failure
            print(json.dumps({"ok": False, "errors": [{"message": str(exc)}]}))
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
