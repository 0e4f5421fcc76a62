"""Presentation mode in a real browser: leave it with a click, notes as large as the rest, the day
in the address bar."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from realitycheck.store import Store
from realitycheck.timelog.demo import DEMO_NAME
from tests.browser.helpers import (
    assert_no_exception,
    click_and_wait,
    fresh_context,
    open_home,
    wait_rendered,
)

pytestmark = pytest.mark.browser

NOTE = "Finish the labeling guide"
# Font sizes in px of a person's note, a caption and the chart's tick labels, as drawn.
SIZES = """(note) => {
  const px = el => el ? parseFloat(getComputedStyle(el).fontSize) : null;
  const noteBox = [...document.querySelectorAll('[data-testid="stText"]')]
    .find(el => el.innerText.includes(note));
  return {
    note: px(noteBox),
    caption: px(document.querySelector('[data-testid="stCaptionContainer"]')),
    tick: px(document.querySelector('.js-plotly-plot .xtick text')),
  };
}"""


@pytest.mark.parametrize("width", [1440, 390])
def test_presentation_mode_is_left_with_a_click(
    browser, fresh_app, tmp_path: Path, width: int
) -> None:
    from playwright.sync_api import expect

    base_url = fresh_app()
    with fresh_context(browser) as context:
        page = context.new_page()
        page.set_viewport_size({"width": width, "height": 844})
        open_home(page, base_url)  # creates the demo
        store = Store(f"sqlite:///{tmp_path / 'app0' / 'realitycheck.db'}")
        store.save_note(store.get_project(DEMO_NAME).id, "Ana", date.today(), today=NOTE)
        store.dispose()

        query = urlencode({"project": DEMO_NAME, "present": "true"})
        page.goto(f"{base_url}/standup?{query}")
        exit_button = page.get_by_role("button", name="Exit presentation")
        exit_button.wait_for(timeout=90_000)
        wait_rendered(page)
        assert parse_qs(urlsplit(page.url).query).get("day") == [date.today().isoformat()]
        sizes = page.evaluate(SIZES, NOTE)
        assert sizes["note"] >= 20, sizes  # readable across a room
        assert sizes["note"] >= sizes["caption"], sizes
        assert sizes["tick"] >= 16, sizes
        page.screenshot(path=str(Path("artifacts/browser") / f"present_{width}.png"))

        click_and_wait(page, exit_button)  # a real click: fails if anything covers the button
        wait_rendered(page)
        expect(page.get_by_role("button", name="Exit presentation")).to_have_count(0)
        expect(page.get_by_test_id("stMain").get_by_role("heading", name="Share")).to_be_visible()
        assert "present=true" not in page.url
        assert_no_exception(page, "Standup after leaving presentation mode")
