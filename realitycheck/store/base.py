"""The store's core: one engine, read and write transactions, and small shared helpers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, Connection, Table, desc, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from realitycheck.config import database_url
from realitycheck.store.engine import make_engine, migrate

MAX_NAME = 200  # characters of a person's or project's name (the forms' limit too)
MAX_NOTE = 2000  # characters of a note (the standup form's limit)


class StoreError(ValueError):
    """A write the store refuses, with a message fit to show the user."""


def clean_text(text: str | None) -> str:
    """Text without NUL bytes (PostgreSQL cannot store them, and no one types them)."""
    return (text or "").replace("\x00", "")


def utcnow() -> datetime:
    """The current time in UTC (every timestamp the store writes)."""
    return datetime.now(UTC)


def owned_by(table: Table, project_id: int | None) -> ColumnElement[bool]:
    """Rows of a run history that belong to the project (None: to no project)."""
    owner = table.c.project_id
    return owner.is_(None) if project_id is None else owner == project_id


class StoreBase:
    """Owns the engine; every SQL statement of the app runs through a subclass of this."""

    def __init__(self, url: str | None = None, *, migrate_schema: bool = True) -> None:
        self.url = database_url(url)
        self.engine = make_engine(self.url)
        self.dialect = self.engine.dialect.name
        self._writer = self.engine.execution_options(sqlite_immediate=True)
        if migrate_schema:
            migrate(self.engine)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only transaction."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction: all of it commits, or none of it does."""
        with self._writer.begin() as conn:
            yield conn

    def insert_ignore(self, conn: Connection, table: Table, rows: list[dict], *keys: str) -> None:
        """Insert rows, skipping any that collide with the unique constraint on `keys`."""
        if not rows:
            return
        insert = pg_insert if self.dialect == "postgresql" else sqlite_insert
        conn.execute(insert(table).on_conflict_do_nothing(index_elements=list(keys)), rows)

    def list_saved(
        self, table: Table, project_id: int | None, limit: int, *where: ColumnElement[bool]
    ) -> list[dict]:
        """Rows of a run history (without the full result), newest first; None: no project."""
        columns = [c for c in table.c if c.name != "result_json"]
        query = select(*columns).order_by(desc(table.c.created_at)).limit(limit)
        query = query.where(owned_by(table, project_id), *where)
        with self.read() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def saved_result(self, table: Table, run_id: int) -> dict | None:
        """The whole result saved with a run, as the dict it was saved from."""
        with self.read() as conn:
            text = conn.execute(select(table.c.result_json).where(table.c.id == run_id)).scalar()
        return json.loads(text) if text else None

    def person_id(self, conn: Connection, name: str) -> int:
        """The id of the person called `name`, created if new (safe under concurrency)."""
        from realitycheck.store.schema import people

        clean = " ".join(clean_text(name).split())
        if not clean:
            raise StoreError("Enter a person's name.")
        if len(clean) > MAX_NAME:
            raise StoreError(f"Keep names under {MAX_NAME} characters.")
        found = conn.execute(select(people.c.id).where(people.c.name == clean)).scalar()
        if found is None:
            self.insert_ignore(conn, people, [{"name": clean, "created_at": utcnow()}], "name")
            found = conn.execute(select(people.c.id).where(people.c.name == clean)).scalar_one()
        return found

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
