"""Every page renders without an exception, on the demo data and on an empty database."""

import pytest

from tests.app.conftest import PAGES


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_demo_data(app, page):
    at = app(page)
    assert not at.exception, [e.value for e in at.exception]


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_empty_database(empty_db, app, page):
    at = app(page)
    assert not at.exception, [e.value for e in at.exception]
