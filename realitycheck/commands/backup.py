"""`export`, `backup` and `restore`: the time log out as CSV, the whole database out and back in."""

from __future__ import annotations

import argparse
from pathlib import Path

from realitycheck.cli import CliError, Subparsers, add_db_option
from realitycheck.commands import open_store, require_project


def register(sub: Subparsers) -> None:
    """Add the export, backup and restore subcommands."""
    export = sub.add_parser("export", help="a project's entries as CSV (safe for spreadsheets)")
    export.add_argument("--project", required=True)
    export.add_argument("--out", required=True, metavar="FILE")
    add_db_option(export)
    export.set_defaults(func=run_export)


def _write(path: str, data: str | bytes) -> None:
    try:
        if isinstance(data, str):
            Path(path).write_text(data, encoding="utf-8")
        else:
            Path(path).write_bytes(data)
    except OSError as exc:
        raise CliError(f"cannot write {path}: {exc.strerror or exc}") from exc


def run_export(args: argparse.Namespace) -> int:
    """Write one project's live entries to a CSV file."""
    from realitycheck.timelog.export import entries_csv

    store = open_store(args)
    project = require_project(store, args.project)
    text = entries_csv(store, project.id)
    _write(args.out, text)
    count = store.count_entries(project.id)
    print(f"exported {count:,} entries of {project.name} to {args.out}")
    return 0
