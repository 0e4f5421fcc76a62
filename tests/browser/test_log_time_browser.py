"""Log time in a real browser: a date the field refuses never becomes an entry for today."""

from __future__ import annotations

import re

import pytest

from tests.browser.helpers import (
    assert_no_exception,
    click_and_wait,
    go_to,
    open_home,
)

pytestmark = pytest.mark.browser


def test_a_rejected_date_logs_nothing(page, app_url: str) -> None:
    from playwright.sync_api import expect

    open_home(page, app_url)
    go_to(page, "Log time")
    main = page.get_by_test_id("stMain")
    year = main.get_by_role("spinbutton", name="year, Date")
    year.focus()
    page.keyboard.type("2099")  # as a person types over the year
    page.keyboard.press("Tab")
    expect(year).to_have_text("2099")
    main.get_by_role("textbox", name="Hours", exact=True).fill("1.5")
    click_and_wait(page, main.get_by_role("button", name="Add entry"))

    alerts = main.get_by_test_id("stAlert")
    expect(alerts.filter(has_text=re.compile(r"^Logged "))).to_have_count(0)
    expect(alerts.filter(has_text="2099")).to_contain_text("in the future")
    assert_no_exception(page, "Log time after a rejected date")
