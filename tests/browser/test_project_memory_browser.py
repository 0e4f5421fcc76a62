"""The project in the address: a saved or bookmarked address keeps opening the same project."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from realitycheck.store import Store
from realitycheck.timelog.demo import DEMO_NAME
from tests.browser.helpers import assert_no_exception, open_home

pytestmark = pytest.mark.browser


def test_the_address_keeps_the_project_when_a_new_one_sorts_first(
    page, fresh_app, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    base_url = fresh_app()
    open_home(page, base_url)  # the only project: the demo
    assert parse_qs(urlsplit(page.url).query).get("project") == [DEMO_NAME], page.url
    bookmarked = page.url

    store = Store(f"sqlite:///{tmp_path / 'app0' / 'realitycheck.db'}")
    store.create_project("Aardvark", {"data_work": 0.3, "modeling": 0.6, "other": 0.1})
    store.dispose()

    page.goto(bookmarked)  # a later visit from the same browser's history
    picker = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Project")
    picker.wait_for(timeout=90_000)
    expect(picker).to_have_value(DEMO_NAME)
    assert_no_exception(page, "home from a bookmarked address")
