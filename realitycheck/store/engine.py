"""Create the SQLAlchemy engine for a URL and bring its schema up to date with Alembic."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_SECONDS = 30


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL, a busy timeout, foreign keys and IMMEDIATE writes."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's own is deferred and racy).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA cache_size=-65536")  # 64 MB: bulk imports stay in memory
    cursor.close()


def _sqlite_on_begin(conn: Connection) -> None:
    # Writers take the write lock up front, so two writers queue on the busy timeout instead
    # of both reading and then failing to upgrade ("database is locked").
    immediate = conn.get_execution_options().get("sqlite_immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def known_revisions() -> tuple[str, ...]:
    """Every schema revision this code knows, oldest first (the last is the head)."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(_alembic_config()).walk_revisions()
    return tuple(reversed([script.revision for script in scripts]))


def upgrade(conn: Connection, revision: str = "head") -> None:
    """Apply the migrations up to `revision` on `conn`, inside its transaction."""
    from alembic import command

    config = _alembic_config()
    config.attributes["connection"] = conn
    command.upgrade(config, revision)


def migrate(engine: Engine, revision: str = "head") -> None:
    """Apply every pending Alembic migration up to `revision` (a no-op when already there).

    Only tests stop short of "head": to build an older schema and check the upgrade from it.
    """
    from alembic.runtime.migration import MigrationContext

    if revision == "head":
        revision = known_revisions()[-1]
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current == revision:
        return
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            # One migrator at a time when several app processes start together.
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(727274)")
        upgrade(conn, revision)
