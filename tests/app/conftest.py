"""AppTest fixtures: the real app.py on a fresh SQLite database, caches cleared between tests."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from realitycheck.store import Store
from realitycheck.timelog.demo import DEMO_SETTING

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGES = [
    "pages/time/home.py",
    "pages/time/standup.py",
    "pages/time/log_time.py",
    "pages/time/import_data.py",
    "pages/models/compare.py",
    "pages/models/drift.py",
    "pages/admin/settings.py",
]


def clear_caches() -> None:
    """Drop every Streamlit cache (they live for the whole test process)."""
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def db_path(tmp_path, monkeypatch) -> str:
    """A fresh database for the app (the demo project is created on the first run)."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("RC_EDITOR_PASSCODE", raising=False)
    monkeypatch.delenv("RC_VIEWER_PASSCODE", raising=False)
    clear_caches()
    yield url
    clear_caches()


@pytest.fixture
def empty_db(db_path) -> str:
    """A database where the demo was already created and deleted: no projects at all."""
    store = Store(db_path)
    store.claim_setting(DEMO_SETTING, "taken")
    store.dispose()
    return db_path


@pytest.fixture
def app(db_path):
    """A function that runs the app (optionally switched to a page) and returns the AppTest."""

    def run(page: str | None = None, **query) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=90)
        at.query_params.update(query)
        at.run()
        if page:
            at.switch_page(page).run()
        return at

    return run


def texts(at: AppTest) -> str:
    """All markdown, captions, info and headers on the page, joined (for loose assertions)."""
    parts = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "success",
        "error",
        "warning",
    ):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)


# A Saturday: the demo logs no time at weekends, so the 24 h rule never gets in the way.
SATURDAY = date.today() - timedelta(days=(date.today().weekday() - 5) % 7)


def log_entry(at, person="Ana", hours="1:30", category="Tuning", day=SATURDAY) -> AppTest:
    """Fill in the Log time form and press Add entry."""
    at.selectbox(key="log_person").set_value(person)
    at.selectbox(key="log_category").set_value(category)
    at.text_input(key="log_hours").set_value(hours)
    at.date_input(key="log_day").set_value(day)
    return at.button(key="FormSubmitter:log_entry-Add entry").click().run()
