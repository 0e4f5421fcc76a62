"""Command-line subcommands: each module has `register(subparsers)` that sets `func(args) -> int`."""

from __future__ import annotations

from datetime import date

from realitycheck.cli import CliError


def open_store(args):
    """Open the store named by `--db` (else $DATABASE_URL, else the SQLite default)."""
    from sqlalchemy.exc import SQLAlchemyError

    from realitycheck.store import Store

    try:
        return Store(getattr(args, "db", None))
    except (SQLAlchemyError, OSError) as exc:
        raise CliError(f"cannot open the database: {type(exc).__name__}") from exc


def require_project(store, name: str):
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
