"""The Import page in a real browser: the choice for unmapped rows on screen is the one applied."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import ROOT
from tests.browser.helpers import (
    act_and_wait,
    assert_no_exception,
    click_and_wait,
    go_to,
    open_home,
    pick,
    upload,
    wait_rendered,
)

pytestmark = pytest.mark.browser

FIXTURES = ROOT / "tests" / "fixtures" / "timelogs"
UNMAPPED = "Entries no rule maps"


def test_the_unmapped_choice_shown_is_the_one_applied(page, fresh_app) -> None:
    from playwright.sync_api import expect

    open_home(page, fresh_app())
    go_to(page, "Import")
    main = page.get_by_test_id("stMain")
    uploader = page.get_by_test_id("stFileUploader")
    upload(page, uploader, FIXTURES / "harvest_example.csv")  # 12 rows, no rule maps any
    act_and_wait(page, lambda: pick(page, UNMAPPED, "Other"))
    expect(main.get_by_role("button", name="Import 12 new entries", exact=True)).to_be_visible()

    upload(page, uploader, FIXTURES / "toggl_report.csv")  # 3 rows, one that no rule maps
    button = main.get_by_role("button", name=re.compile(r"^Import \d+ new entr"))
    expect(button).to_be_visible()
    wait_rendered(page)
    applied = int(re.search(r"\d+", button.inner_text()).group())
    shown = page.get_by_role("combobox", name=UNMAPPED, exact=True).input_value()
    assert (shown, applied) in {("Other", 3), ("Leave them out", 2)}, (shown, applied)
    click_and_wait(page, button)
    expect(main.get_by_text(f"Imported {applied} entries", exact=False)).to_be_visible()
    assert_no_exception(page, "Import after a second upload")
