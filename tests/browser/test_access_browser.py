"""The access gate in a real browser: a shared deep link survives the passcode screen."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from realitycheck.store import Store
from realitycheck.timelog.demo import DEMO_NAME, ensure_demo
from tests.browser.helpers import (
    assert_no_exception,
    screenshot_on_failure,
    wait_rendered,
    wait_until_idle,
)

pytestmark = pytest.mark.browser

EDITOR_CODE, VIEWER_CODE = "editor-passcode", "viewer-passcode"
DAY = "2023-03-14"
STANDUP_TITLE = "Standup — Tuesday 14 March"


def _two_projects(tmp_path) -> str:
    """The demo and a project listed before it, so the link's project is not the default."""
    url = f"sqlite:///{tmp_path / 'two.db'}"
    store = Store(url)
    ensure_demo(store)
    store.create_project("Alpha team", {"data_work": 0.3, "modeling": 0.6, "other": 0.1})
    store.dispose()
    return url


def test_a_standup_link_lands_on_the_standup_after_the_passcode(
    page, fresh_app, tmp_path, artifacts_dir
):
    base_url = fresh_app(
        DATABASE_URL=_two_projects(tmp_path),
        RC_EDITOR_PASSCODE=EDITOR_CODE,
        RC_VIEWER_PASSCODE=VIEWER_CODE,
    )
    query = {"project": DEMO_NAME, "day": DAY}
    with screenshot_on_failure(page, artifacts_dir / "deep_link_gate.png"):
        # A server someone has visited: on a server's very first session Streamlit's frontend
        # shows "Page not found" for any deep link before the navigation arrives, gate or not.
        page.goto(base_url)
        page.get_by_role("textbox", name="Passcode").wait_for(timeout=60_000)
        page.goto(f"{base_url}/standup?{urlencode(query)}")
        box = page.get_by_role("textbox", name="Passcode")
        box.wait_for(timeout=60_000)
        wait_until_idle(page)
        assert page.get_by_text("Page not found").count() == 0, "a 'Page not found' popup"
        assert urlsplit(page.url).path == "/standup", page.url
        box.fill(VIEWER_CODE)
        page.get_by_role("button", name="Enter").click()
        page.get_by_role("heading", name=STANDUP_TITLE, level=1).wait_for(timeout=60_000)
        wait_rendered(page)
        assert_no_exception(page, "standup after the passcode")
        address = urlsplit(page.url)
        assert address.path == "/standup"
        assert parse_qs(address.query) == {"project": [DEMO_NAME], "day": [DAY]}
        picker = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Project")
        assert picker.input_value() == DEMO_NAME


def test_a_fresh_servers_first_visitor_gets_in_with_one_passcode(page, fresh_app, artifacts_dir):
    # The first session of a new server (the first visitor after a deploy) once lost its first
    # submit: the gate's widgets were registered before the navigation resolved the page, so
    # the submit's rerun counted as a page change and dropped it.
    base_url = fresh_app(RC_EDITOR_PASSCODE=EDITOR_CODE)
    with screenshot_on_failure(page, artifacts_dir / "first_visitor_gate.png"):
        page.goto(base_url)
        box = page.get_by_role("textbox", name="Passcode")
        box.wait_for(timeout=60_000)
        wait_rendered(page)
        box.fill(EDITOR_CODE)
        page.get_by_role("button", name="Enter").click()
        page.get_by_text("Hours logged").first.wait_for(timeout=60_000)
        assert_no_exception(page, "home after the first visitor's passcode")
