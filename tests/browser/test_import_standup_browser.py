"""Upload a Toggl export through the real file uploader, import it, open the standup deep link."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from realitycheck.timelog.demo import DEMO_NAME
from tests.browser.conftest import ROOT
from tests.browser.helpers import (
    assert_no_exception,
    click_and_wait,
    fresh_context,
    go_to,
    open_home,
    screenshot_on_failure,
    screenshot_whole_page,
    upload,
    wait_rendered,
)

pytestmark = pytest.mark.browser

TOGGL_EXPORT = ROOT / "tests" / "fixtures" / "timelogs" / "toggl_2023.csv"
PARSED = "Toggl Track: 4 entries, 5.51 h."
IMPORT_BUTTON = "Import 4 new entries"
IMPORTED = "Imported 4 entries (5.51 h); 0 were already there; 3.00 h not yet sorted."
STANDUP_DAY = date(2023, 3, 14)  # a Tuesday
PREVIOUS_WORKING_DAY = date(2023, 3, 13)  # its Monday: the cards count from here to the day
STANDUP_TITLE = "Standup — Tuesday 14 March"
SINCE_LABEL = "Since Mon"
LOAD_TIMEOUT = 90_000  # ms: a fresh context downloads every element chunk, plotly's is large


def hours_between(export: Path, since: date, day: date) -> dict[str, str]:
    """Each person's hours in a Toggl export from `since` to `day`, as the cards show them."""
    seconds: dict[str, int] = defaultdict(int)
    with export.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if since <= date.fromisoformat(row["Start date"]) <= day:
                h, m, s = (int(part) for part in row["Duration"].split(":"))
                seconds[row["User"]] += h * 3600 + m * 60 + s
    return {person: f"{total / 3600:.1f} h" for person, total in seconds.items()}


EXPECTED_HOURS = hours_between(TOGGL_EXPORT, PREVIOUS_WORKING_DAY, STANDUP_DAY)


def standup_link(base_url: str, **extra: str) -> str:
    """The standup deep link for the demo project on STANDUP_DAY."""
    params = {"project": DEMO_NAME, "day": STANDUP_DAY.isoformat(), **extra}
    return f"{base_url}/standup?{urlencode(params)}"


def open_rendered(page, url: str) -> None:
    """Open `url` and wait until its title shows and every element has rendered."""
    page.goto(url)
    page.get_by_test_id("stMain").get_by_role("heading", level=1).first.wait_for(
        timeout=LOAD_TIMEOUT
    )
    wait_rendered(page)


def success_line(page, text: str):
    """The green st.success box in the main area whose text is exactly `text`."""
    alerts = page.get_by_test_id("stMain").get_by_test_id("stAlert")
    return alerts.filter(has=page.get_by_test_id("stAlertContentSuccess")).filter(
        has=page.get_by_text(text, exact=True)
    )


def person_card(page, person: str):
    """The bordered container of `person`'s standup card (the block around their heading)."""
    heading = page.get_by_test_id("stMain").get_by_role("heading", name=person, exact=True)
    return heading.locator("xpath=ancestor::div[@data-testid='stVerticalBlock'][1]")


def since_metrics(page, scope):
    """The metrics labelled exactly "Since Mon" (not "Team hours since Mon 13 Mar") in `scope`."""
    label = page.get_by_test_id("stMetricLabel").get_by_text(SINCE_LABEL, exact=True)
    return scope.get_by_test_id("stMetric").filter(has=label)


def check_cards(page) -> None:
    """The title, exactly one card per person in the export, and each one's hours since Monday."""
    from playwright.sync_api import expect

    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", level=1).first).to_have_text(STANDUP_TITLE)
    expect(since_metrics(page, main)).to_have_count(len(EXPECTED_HOURS))
    for person, hours in EXPECTED_HOURS.items():
        value = since_metrics(page, person_card(page, person)).get_by_test_id("stMetricValue")
        expect(value).to_have_text(hours)


def test_imported_toggl_export_shows_on_the_standup_deep_link(
    page, browser, fresh_app, artifacts_dir: Path
) -> None:
    from playwright.sync_api import expect

    # Our own server: the import's "0 were already there" holds only on a database nobody
    # else imported this file into.
    base_url = fresh_app()
    assert EXPECTED_HOURS == {"Ayşe Yılmaz": "3.5 h", "Bob Smith": "2.0 h"}  # the fixture's own

    open_home(page, base_url)
    go_to(page, "Import")
    page.get_by_role("heading", name="Import time", level=1).wait_for()
    upload(page, page.get_by_test_id("stFileUploader"), TOGGL_EXPORT)
    expect(success_line(page, PARSED)).to_have_count(1)
    assert_no_exception(page, "Import after the upload")

    click_and_wait(page, page.get_by_role("button", name=IMPORT_BUTTON, exact=True))
    expect(success_line(page, IMPORTED)).to_have_count(1)
    assert_no_exception(page, "Import after importing")

    # A fresh context: no cookies and no session state shared with the tab that imported.
    with fresh_context(browser) as context:
        standup = context.new_page()
        with screenshot_on_failure(standup, artifacts_dir / "standup_failure.png"):
            open_rendered(standup, standup_link(base_url))
            check_cards(standup)
            main = standup.get_by_test_id("stMain")
            expect(standup.get_by_test_id("stSidebar")).to_be_visible()
            expect(main.get_by_role("heading", name="Share", exact=True)).to_be_visible()
            shared, summary = main.get_by_test_id("stCode").all_inner_texts()
            shown = urlsplit(shared.strip())
            assert shown.path == "/standup", shared
            assert parse_qs(shown.query) == {"project": [DEMO_NAME], "day": ["2023-03-14"]}
            for person, hours in EXPECTED_HOURS.items():
                assert f"- **{person}** ({hours} since Mon)" in summary, summary
            assert_no_exception(standup, "Standup (deep link)")
        screenshot_whole_page(standup, artifacts_dir / "standup.png")

        presenting = context.new_page()
        with screenshot_on_failure(presenting, artifacts_dir / "standup_presentation_failure.png"):
            open_rendered(presenting, standup_link(base_url, present="true"))
            expect(presenting.get_by_role("button", name="Exit presentation")).to_be_visible()
            check_cards(presenting)
            expect(presenting.get_by_test_id("stSidebar")).to_be_hidden()
            main = presenting.get_by_test_id("stMain")
            expect(main.get_by_role("heading", name="Share", exact=True)).to_have_count(0)
            expect(main.get_by_test_id("stCode")).to_have_count(0)
            expect(main.get_by_role("button", name="Save note")).to_have_count(0)
            assert_no_exception(presenting, "Standup (deep link, presentation mode)")
        screenshot_whole_page(presenting, artifacts_dir / "standup_presentation.png")

    assert_no_exception(page, "Import at the end")
