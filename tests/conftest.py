"""Shared fixtures: a fresh database per test, on SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

POSTGRES_ENV = "TEST_DATABASE_URL"


def _require(flag: str) -> bool:
    return os.environ.get(flag, "") not in ("", "0", "false")


def postgres_server_url() -> str | None:
    """The admin URL of the test PostgreSQL server; skips or fails the test when there is none."""
    url = os.environ.get(POSTGRES_ENV)
    if url:
        return url
    if _require("RC_REQUIRE_POSTGRES"):
        pytest.fail(f"RC_REQUIRE_POSTGRES is set but {POSTGRES_ENV} is not: no server to test on")
    pytest.skip(f"set {POSTGRES_ENV} to run the PostgreSQL tests")
    return None


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the test server, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from realitycheck.config import normalize_url

    server = make_url(normalize_url(postgres_server_url()))
    name = f"rc_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """A fresh database URL: an SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(db_url):
    """A migrated, empty store."""
    from realitycheck.store import Store

    s = Store(db_url)
    yield s
    s.dispose()


@pytest.fixture
def project(store):
    """A project expecting 30% data work, 60% modeling, 10% other."""
    return store.create_project("Churn", {"data_work": 0.3, "modeling": 0.6, "other": 0.1})


@pytest.fixture
def api():
    """A scripted stand-in for the Toggl Track and Clockify APIs on 127.0.0.1 (`tests.local_api`)."""
    from tests.local_api import local_api

    with local_api() as state:
        yield state
