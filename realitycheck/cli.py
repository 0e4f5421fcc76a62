"""Command-line interface over the engine: `python -m realitycheck COMMAND ...`."""

from __future__ import annotations

import argparse
import importlib
import sys

# Each module in realitycheck/commands/ registers its own subcommands; imported lazily
# so that `log` never pays for scikit-learn and `compare` never pays for the store set-up.
COMMAND_MODULES = ("timelog", "importing", "standup", "compare", "drift", "backup", "effort")


Subparsers = argparse._SubParsersAction  # what `register(sub)` in each command module receives


class CliError(Exception):
    """A user error: printed as one line on stderr, exit code 2, no traceback."""


def build_parser() -> argparse.ArgumentParser:
    """Build the top-level parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
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
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
