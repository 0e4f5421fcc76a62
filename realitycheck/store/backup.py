"""Backup and restore: the whole database as one zip (a manifest and one JSON-lines file per table).

A backup restores into an empty database of either kind (SQLite or PostgreSQL), in one
transaction: all of it or none of it. Ids are kept, so every reference stays right. A backup
written at an older schema is restored into the tables as they were at its version, then
upgraded by the same migrations an older database takes; a newer one is refused.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import IO

from sqlalchemy import (
    Boolean,
    Connection,
    Date,
    DateTime,
    Float,
    Integer,
    MetaData,
    Table,
    TableClause,
    func,
    select,
)
from sqlalchemy import column as sql_column
from sqlalchemy import table as sql_table
from sqlalchemy.exc import SQLAlchemyError

from realitycheck.store.base import StoreBase
from realitycheck.store.engine import known_revisions, upgrade
from realitycheck.store.schema import (
    app_settings,
    categories,
    category_rules,
    comparison_runs,
    drift_runs,
    people,
    projects,
    standup_notes,
    time_entries,
)

FORMAT = "realitycheck-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
# File name -> table, in the order a restore inserts them (referenced tables first).
TABLES: dict[str, Table] = {
    "categories": categories,
    "people": people,
    "projects": projects,  # with each project's expected split
    "entries": time_entries,  # deleted ones too
    "notes": standup_notes,
    "rules": category_rules,
    "runs": comparison_runs,
    "drift_runs": drift_runs,  # data-reality checks
    "settings": app_settings,
}
USER_TABLES = ("people", "projects", "entries", "notes", "rules", "runs", "drift_runs")
MAX_MEMBER_BYTES = 4 << 30  # a member claiming more than this is not a backup of ours
CHUNK = 2000


class BackupError(ValueError):
    """A backup that cannot be made or restored, with a one-line message for the user."""


def _encode(value: object) -> object:
    if isinstance(value, datetime):
        aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return aware.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _decoder(column_type: object) -> object:
    """A function turning a JSON value back into the column's Python type (or raising)."""
    if isinstance(column_type, DateTime):
        return datetime.fromisoformat
    if isinstance(column_type, Date):
        return date.fromisoformat
    if isinstance(column_type, Boolean):
        return lambda v: v if isinstance(v, bool) else _bad(v)
    if isinstance(column_type, Integer):
        return lambda v: v if isinstance(v, int) and not isinstance(v, bool) else _bad(v)
    if isinstance(column_type, Float):
        return lambda v: float(v) if isinstance(v, int | float) else _bad(v)
    return lambda v: v if isinstance(v, str) else _bad(v)


def _bad(value: object) -> object:
    raise TypeError(f"unexpected value {str(value)[:40]!r}")


def _order(table: Table) -> list:
    return list(table.primary_key.columns)


class BackupMixin(StoreBase):
    """Write the database to a backup file; restore one into an empty database."""

    def schema_revision(self, conn: Connection) -> str | None:
        """The Alembic revision this database is at."""
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(conn).get_current_revision()

    def backup(self, out: IO[bytes]) -> dict:
        """Write every table to `out` as a zip; return the manifest (with row counts)."""
        counts = {}
        with self.engine.connect() as conn:
            if self.dialect == "postgresql":  # one snapshot for every table
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, table in TABLES.items():
                    with archive.open(f"{name}.jsonl", "w") as member:
                        counts[name] = self._dump(conn, table, member)
                manifest = {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "schema_version": self.schema_revision(conn),
                    "created_at": datetime.now(UTC).isoformat(),
                    "counts": counts,
                }
                archive.writestr(MANIFEST, json.dumps(manifest, indent=2))
        return manifest

    def _dump(self, conn: Connection, table: Table, member: IO[bytes]) -> int:
        rows = conn.execution_options(yield_per=CHUNK).execute(
            select(table).order_by(*_order(table))
        )
        count = 0
        for row in rows.mappings():
            record = {key: _encode(value) for key, value in row.items()}
            member.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
            count += 1
        return count

    def is_empty(self) -> bool:
        """Whether nothing was entered yet: no projects, people, entries, notes, rules or runs."""
        with self.read() as conn:
            return all(
                conn.execute(select(func.count()).select_from(TABLES[name])).scalar_one() == 0
                for name in USER_TABLES
            )

    def restore(self, source: IO[bytes]) -> dict:
        """Restore a backup into this (empty) database, all or nothing; return its manifest."""
        try:
            archive = zipfile.ZipFile(source)
        except (zipfile.BadZipFile, OSError) as exc:
            raise BackupError("This file is not a Reality Check backup (not a zip file).") from exc
        with archive:
            manifest = _read_manifest(archive)
            revision, head = manifest["schema_version"], known_revisions()[-1]
            _check_schema(revision)
            if not self.is_empty():
                raise BackupError(
                    "This database already has data: restore into an empty database "
                    "(a new SQLite file or PostgreSQL database)."
                )
            try:
                with self.write() as conn:
                    tables = TABLES if revision == head else _tables_at(conn, revision)
                    _check_members(archive, manifest, tables)
                    for name, table in tables.items():
                        conn.execute(table.delete())  # default categories, the demo's claim
                        rows = _read_rows(archive, name, table, manifest["counts"][name])
                        for chunk in _chunks(rows):
                            conn.execute(table.insert(), chunk)
                    if revision != head:
                        upgrade(conn, head)  # the rows go through every later migration
                    self._reset_sequences(conn)
            except SQLAlchemyError as exc:
                raise BackupError(
                    f"The backup does not fit together ({type(exc).__name__}); nothing was restored."
                ) from exc
        return manifest

    def _reset_sequences(self, conn: Connection) -> None:
        """Let PostgreSQL hand out ids after the restored ones (SQLite does by itself)."""
        if self.dialect != "postgresql":
            return
        for table in TABLES.values():
            if "id" in table.c:
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table.name}"
                )


def _check_schema(revision: object) -> None:
    """Refuse a backup from a schema this code does not know (a newer app wrote it)."""
    if not isinstance(revision, str):
        raise BackupError("This backup is damaged (its manifest names no schema version).")
    if revision not in known_revisions():
        raise BackupError(
            f"This backup comes from a newer Reality Check (schema {revision}); "
            "upgrade this app first."
        )


def _tables_at(conn: Connection, revision: str) -> dict[str, TableClause]:
    """Drop the (empty) tables and build them as they were at `revision`; return them by file.

    A table that did not exist then has no file in the backup; a column is read with today's
    type where it still exists.
    """
    now = MetaData()
    now.reflect(conn)
    now.drop_all(conn)  # every table, alembic_version too: nothing in them but defaults
    upgrade(conn, revision)
    then = MetaData()
    then.reflect(conn)
    tables = {}
    for name, table in TABLES.items():
        if table.name in then.tables:
            columns = then.tables[table.name].c
            tables[name] = sql_table(
                table.name,
                *(sql_column(c.name, table.c[c.name].type if c.name in table.c else c.type)
                  for c in columns),
            )  # fmt: skip
    return tables


def _read_manifest(archive: zipfile.ZipFile) -> dict:
    names = {info.filename: info for info in archive.infolist()}
    if MANIFEST not in names:
        raise BackupError("This file is not a Reality Check backup (no manifest.json).")
    if any(info.file_size > MAX_MEMBER_BYTES for info in names.values()):
        raise BackupError("This backup is damaged (a file in it claims an impossible size).")
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (ValueError, zipfile.BadZipFile) as exc:
        raise BackupError("This backup is damaged (its manifest cannot be read).") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("This file is not a Reality Check backup (foreign manifest).")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"This backup has format version {manifest.get('format_version')}; "
            f"this app reads version {FORMAT_VERSION}."
        )
    return manifest


def _check_members(archive: zipfile.ZipFile, manifest: dict, tables: dict) -> None:
    """A file and a count for every table of the backup's schema."""
    expected = {f"{name}.jsonl" for name in tables}
    missing = sorted(expected - set(archive.namelist()))
    counts = manifest.get("counts")
    if missing or not isinstance(counts, dict) or set(counts) != set(tables):
        raise BackupError(f"This backup is incomplete (missing {', '.join(missing) or 'counts'}).")


def _read_rows(
    archive: zipfile.ZipFile, name: str, table: TableClause, count: int
) -> Iterator[dict]:
    """The rows of one table file, checked against the table's columns and the manifest count."""
    decoders = {column.name: _decoder(column.type) for column in table.c}
    seen = 0
    try:
        with archive.open(f"{name}.jsonl") as member:
            for line_number, line in enumerate(member, start=1):
                record = json.loads(line)
                if not isinstance(record, dict) or set(record) != set(decoders):
                    raise BackupError(f"This backup is damaged ({name}.jsonl line {line_number}).")
                yield {
                    key: None if value is None else decoders[key](value)
                    for key, value in record.items()
                }
                seen += 1
    except (ValueError, TypeError, zipfile.BadZipFile, EOFError) as exc:
        if isinstance(exc, BackupError):
            raise
        raise BackupError(f"This backup is damaged ({name}.jsonl: {exc}).") from exc
    if seen != count:
        raise BackupError(f"This backup is damaged ({name}.jsonl has {seen} rows, not {count}).")


def _chunks(rows: Iterator[dict]) -> Iterator[list[dict]]:
    chunk: list[dict] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
