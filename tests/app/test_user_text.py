"""User text is shown as text on every page: names, notes and imported rows never become markup."""

from datetime import date, timedelta

import pytest

from components.markdown import plain, shown
from realitycheck.store import Store
from tests.app.conftest import PAGES
from tests.payloads import BEACON, MARKUP, PAYLOADS

MARKDOWN_ELEMENTS = (
    "title", "header", "subheader", "markdown", "caption", "info", "success", "error",
    "warning", "toast",
)  # fmt: skip


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_md_shows_exactly_the_text(payload):
    expected = " ".join(payload.replace("\x00", "").replace("\u202e", "").split())
    assert shown(plain(payload, limit=200_000)) == expected
    for char in "<>[]()*$:!`_":
        assert char not in plain(payload, limit=200_000)


def test_md_keeps_long_text_short():
    assert len(shown(plain("A" * 100_000))) == 300


@pytest.fixture
def hostile(db_path):
    """A project called like a beacon, and people, entries and notes named by every payload."""
    store = Store(db_path)
    project = store.create_project(BEACON, {"data_work": 0.3, "modeling": 0.6, "other": 0.1})
    day = date.today() - timedelta(days=1)
    for i, payload in enumerate(MARKUP):
        person = f"{payload} {i}"
        store.add_entry(project.id, person, day, "Labeling", 600, note=payload)
        store.save_note(project.id, person, day, yesterday=payload, today=payload, blockers=payload)
    store.dispose()
    return BEACON


def _markdown_bodies(at):
    bodies = [str(e.value) for kind in MARKDOWN_ELEMENTS for e in getattr(at, kind)]
    return bodies + [str(e.label) for e in at.expander]


@pytest.mark.parametrize("page", PAGES)
def test_no_page_renders_user_text_as_markup(hostile, app, page):
    at = app(page, project=hostile)
    if page == "pages/time/standup.py":
        at = at.switch_page(page)
        at.query_params["day"] = date.today().isoformat()
        at.run()
    assert not at.exception
    for body in _markdown_bodies(at):
        for payload in MARKUP:
            assert payload not in body, f"{page}: {payload!r} is rendered raw in {body[:120]!r}"
