"""A person's path through the app in a real browser: navigate, log time, see it on the home page."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from tests.browser.helpers import (
    ALL_TITLES,
    HOME_TITLE,
    NAVIGATION,
    RECORD_NAV,
    assert_no_exception,
    click_and_wait,
    go_to,
    hours_logged,
    nav_link,
    nav_seen,
    open_home,
    pick,
    screenshot_whole_page,
    wait_until_idle,
)

pytestmark = pytest.mark.browser

NEW_PERSON = "Robin Browser"
LOGGED_HOURS = "1.5"
LOGGED_CATEGORY = "Labeling"


def test_first_load_shows_only_the_navigation_app_defines(page, fresh_app) -> None:
    page.add_init_script(RECORD_NAV)
    open_home(page, fresh_app())  # a server nobody has visited: this is its very first load

    shown = {}
    for header in page.get_by_test_id("stNavSectionHeader").all():
        links = header.locator("xpath=..").get_by_test_id("stSidebarNavLink").all_inner_texts()
        shown[header.inner_text().strip()] = [text.strip().split("\n")[-1] for text in links]
    assert shown == NAVIGATION

    labels, paths, sections = nav_seen(page)
    # Links discovered from pages/ would be named after the files: "home", "log time", "app".
    assert sorted(labels) == sorted(ALL_TITLES), f"nav links seen during the load: {labels}"
    assert sorted(sections) == sorted(NAVIGATION), f"nav sections seen: {sections}"
    assert not {"/home", "/app"} & set(paths), paths
    assert_no_exception(page, HOME_TITLE)


def test_first_load_of_a_deep_link_asks_for_the_passcode(page, fresh_app) -> None:
    base_url = fresh_app(RC_EDITOR_PASSCODE="editor-passcode", RC_VIEWER_PASSCODE="viewer-passcode")
    page.add_init_script(RECORD_NAV)
    page.goto(f"{base_url}/settings")  # the very first request this server gets
    page.get_by_test_id("stMain").get_by_role("heading", level=1).first.wait_for(timeout=60_000)
    wait_until_idle(page)

    assert page.get_by_role("heading", name="Settings").count() == 0, "Settings shown, no gate"
    page.get_by_role("textbox", name="Passcode").wait_for()
    labels, _, _ = nav_seen(page)
    assert set(labels) <= set(ALL_TITLES), f"nav links seen before the passcode: {labels}"
    assert_no_exception(page, "passcode gate")


def test_every_page_opens_through_the_navigation(page, app_url: str) -> None:
    open_home(page, app_url)
    for title in [*ALL_TITLES[1:], ALL_TITLES[0]]:  # around the whole menu, back home
        go_to(page, title)
        assert nav_link(page, title).get_attribute("aria-current") == "page", title
        assert_no_exception(page, title)


def test_logged_entry_shows_on_the_home_page(page, app_url: str, artifacts_dir: Path) -> None:
    open_home(page, app_url)
    before = hours_logged(page)
    assert before > 0, "the demo project should have hours on a fresh database"

    go_to(page, "Log time")
    page.get_by_role("heading", name="Log time", level=1).wait_for()
    pick(page, "Person", NEW_PERSON, new=True)
    pick(page, "Category", LOGGED_CATEGORY)
    page.get_by_role("textbox", name="Hours", exact=True).fill(LOGGED_HOURS)
    page.get_by_role("textbox", name="Note (optional)", exact=True).fill("browser test entry")
    click_and_wait(page, page.get_by_role("button", name="Add entry"))
    success = page.get_by_test_id("stAlert").filter(has_text=re.compile(r"^Logged "))
    assert f"Logged 1.50 h of {LOGGED_CATEGORY} for {NEW_PERSON}" in success.inner_text()
    assert_no_exception(page, "Log time after adding an entry")

    go_to(page, HOME_TITLE)
    after = hours_logged(page)
    assert after - before == Decimal(LOGGED_HOURS)
    assert_no_exception(page, f"{HOME_TITLE} after logging")
    screenshot_whole_page(page, artifacts_dir / "home.png")
