"""Command-line subcommands: each module has `register(subparsers)` that sets `func(args) -> int`."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from realitycheck.cli import CliError
from realitycheck.config import database_url, redact

if TYPE_CHECKING:
    from realitycheck.store import Project, Store


def open_store(args: argparse.Namespace) -> Store:
    """Open the store named by `--db` (else $DATABASE_URL, else the SQLite default)."""
    from sqlalchemy.exc import SQLAlchemyError

    from realitycheck.store import Store

    url = database_url(getattr(args, "db", None))
    try:
        return Store(url)
    except (SQLAlchemyError, OSError) as exc:
        raise CliError(f"cannot open the database {redact(url)}: {type(exc).__name__}") from exc


def require_project(store: Store, name: str) -> Project:
    """The project called `name`, or a one-line error naming the ones that exist."""
    project = store.get_project(name)
    if project is None:
        known = ", ".join(p.name for p in store.list_projects()) or "none yet"
        raise CliError(f"unknown project '{name}' (projects: {known})")
    return project


def parse_day(text: str | None, option: str) -> date | None:
    """Parse a YYYY-MM-DD option value, or raise a one-line error."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CliError(f"{option} wants a date as YYYY-MM-DD, not '{text}'") from exc
