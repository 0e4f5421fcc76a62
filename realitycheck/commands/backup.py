"""`export`, `backup` and `restore`: the time log out as CSV, the whole database out and back in."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import IO

from realitycheck.cli import CliError, Subparsers, add_db_option
from realitycheck.commands import open_store, require_project


def register(sub: Subparsers) -> None:
    """Add the export, backup and restore subcommands."""
    export = sub.add_parser("export", help="a project's entries as CSV (safe for spreadsheets)")
    export.add_argument("--project", required=True)
    export.add_argument("--out", required=True, metavar="FILE")
    add_db_option(export)
    export.set_defaults(func=run_export)

    backup = sub.add_parser("backup", help="the whole database as one zip file")
    backup.add_argument("--out", required=True, metavar="FILE")
    add_db_option(backup)
    backup.set_defaults(func=run_backup)

    restore = sub.add_parser("restore", help="a backup into an empty database (all or nothing)")
    restore.add_argument("file", metavar="FILE")
    add_db_option(restore)
    restore.set_defaults(func=run_restore)


def _on_file(path: str, mode: str, use: Callable[[IO], object]) -> object:
    """Open `path` in `mode` and hand it to `use`; a file that cannot be opened is one line."""
    try:
        with Path(path).open(mode, **({} if "b" in mode else {"encoding": "utf-8"})) as handle:
            return use(handle)
    except OSError as exc:
        verb = "read" if "r" in mode else "write"
        raise CliError(f"cannot {verb} {path}: {exc.strerror or exc}") from exc


def run_export(args: argparse.Namespace) -> int:
    """Write one project's live entries to a CSV file."""
    from realitycheck.timelog.export import entries_csv

    store = open_store(args)
    project = require_project(store, args.project)
    text = entries_csv(store, project.id)
    _on_file(args.out, "w", lambda handle: handle.write(text))
    count = store.count_entries(project.id)
    print(f"exported {count:,} entries of {project.name} to {args.out}")
    return 0


def _summary(counts: dict[str, int]) -> str:
    return ", ".join(f"{counts[name]:,} {name}" for name in ("projects", "people", "entries"))


def run_backup(args: argparse.Namespace) -> int:
    """Write the whole database to one zip file."""
    store = open_store(args)
    manifest = _on_file(args.out, "wb", store.backup)
    print(f"backed up {_summary(manifest['counts'])} to {args.out}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """Restore a backup into an empty database."""
    from realitycheck.store import BackupError

    store = open_store(args)
    try:
        manifest = _on_file(args.file, "rb", store.restore)
    except BackupError as exc:
        raise CliError(str(exc)) from exc
    print(f"restored {_summary(manifest['counts'])} from {args.file}")
    return 0
