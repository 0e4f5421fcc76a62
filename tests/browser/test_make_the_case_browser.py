"""The comparison page in a real browser: the evidence board first, then a run's what-ifs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.helpers import (
    act_and_wait,
    assert_no_exception,
    click_and_wait,
    go_to,
    open_home,
    pick,
    screenshot_whole_page,
    set_number,
    wait_rendered,
)

pytestmark = pytest.mark.browser

PAGE_TITLE = "Baseline vs boosted"
DATASET = "Breast cancer diagnosis (Wisconsin)"
RUN_TIMEOUT = 240_000  # ms: a comparison and its what-ifs on a loaded 2-core box
TALLY = re.compile(r"^Baseline was enough on (\d+) of (\d+)\.$")


def store_one_bundled_result(url: str) -> None:
    """What the page's button stores, for one bundled dataset at a fast setting."""
    from realitycheck.compare.evidence import bundled_results
    from realitycheck.store import Store

    store = Store(url)
    store.replace_bundled(bundled_results(names=["breast_cancer"], folds=3, repeats=1))
    store.dispose()


def tally(page) -> tuple[int, int]:
    text = page.get_by_test_id("stMain").get_by_text(TALLY).inner_text().strip()
    enough, total = TALLY.match(text).groups()
    return int(enough), int(total)


def test_evidence_board_then_what_ifs(page, fresh_app, artifacts_dir: Path) -> None:
    from playwright.sync_api import expect

    app_url = fresh_app(prepare=store_one_bundled_result)
    open_home(page, app_url)
    go_to(page, PAGE_TITLE)
    page.get_by_role("heading", name=PAGE_TITLE, level=1).wait_for()
    wait_rendered(page)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Evidence")).to_be_visible()
    assert tally(page)[1] == 1
    board = page.get_by_test_id("stPlotlyChart").filter(has_text="Evidence:")
    expect(board).to_have_count(1)
    assert board.locator(".scatterlayer .trace").count() > 0, "no evidence drawn"
    expect(main.get_by_role("button", name="Compute the bundled datasets' results")).to_have_count(
        0
    )

    dataset = page.get_by_role("combobox", name="Dataset", exact=True)
    if dataset.input_value() != DATASET:
        act_and_wait(page, lambda: pick(page, "Dataset", DATASET))
    set_number(page, "Folds", 3)
    set_number(page, "Repeats", 1)
    label = page.get_by_role("textbox", name="Label (optional)")
    act_and_wait(page, lambda: (label.fill("first try"), label.press("Enter")))
    click_and_wait(page, page.get_by_role("button", name="Run comparison"))
    assert_no_exception(page, "after Run comparison")
    assert tally(page)[1] == 2  # the run joined the board

    click_and_wait(page, page.get_by_role("button", name="Run what-ifs"))
    advice = main.get_by_test_id("stAlert").filter(has_text="noise")
    advice.wait_for(timeout=RUN_TIMEOUT)
    wait_rendered(page)
    assert advice.inner_text().strip().endswith(".")
    curves = page.get_by_test_id("stPlotlyChart").filter(has_text="What-ifs")
    expect(curves).to_have_count(1)
    curves.locator(".scatterlayer .trace").first.wait_for()
    assert curves.locator(".scatterlayer .trace").count() == 4  # 2 models x 2 panels
    assert_no_exception(page, "after Run what-ifs")
    screenshot_whole_page(page, artifacts_dir / "make_the_case.png")
