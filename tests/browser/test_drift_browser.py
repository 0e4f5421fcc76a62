"""Data reality in a real browser: two uploads through the real uploaders, one check, its charts."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.browser.helpers import (
    assert_no_exception,
    click_and_wait,
    go_to,
    open_home,
    screenshot_whole_page,
    upload,
    wait_rendered,
)

pytestmark = pytest.mark.browser

PAGE_TITLE = "Data reality"
VERDICT = re.compile(r"^(Resembles production|Some shift|Shifted)\.$")
RUN_TIMEOUT = 120_000  # ms: a check takes seconds, more on a loaded 2-core box


def write_sample(path: Path, n: int, shift: float, seed: int) -> Path:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "income": rng.normal(50 + 20 * shift, 10, n),
            "age": rng.integers(18, 80, n),
            "region": rng.choice(["north", "south", "east"], n),
        }
    )
    frame.to_csv(path, index=False)
    return path


def test_two_uploads_show_a_verdict_the_features_and_their_distributions(
    page, app_url: str, artifacts_dir: Path, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    open_home(page, app_url)
    go_to(page, PAGE_TITLE)
    page.get_by_role("heading", name=PAGE_TITLE, level=1).wait_for()
    wait_rendered(page)
    uploaders = page.get_by_test_id("stFileUploader")
    upload(
        page,
        uploaders.filter(has_text="Training sample"),
        write_sample(tmp_path / "jan.csv", 600, 0, 0),
    )
    upload(
        page,
        uploaders.filter(has_text="Production sample"),
        write_sample(tmp_path / "feb.csv", 400, 1, 1),
    )
    assert_no_exception(page, "after the uploads")

    click_and_wait(page, page.get_by_role("button", name="Check the data"))
    main = page.get_by_test_id("stMain")
    verdict = main.get_by_test_id("stAlert").filter(has=page.locator("strong", has_text=VERDICT))
    verdict.first.wait_for(timeout=RUN_TIMEOUT)
    wait_rendered(page)
    assert_no_exception(page, "after Check the data")
    expect(verdict).to_have_count(1)
    assert verdict.locator("strong").first.inner_text().strip() == "Shifted."
    assert "income" in verdict.inner_text()

    expect(main.get_by_test_id("stMetric").filter(has_text="Drift score")).to_be_visible()
    table = main.get_by_test_id("stDataFrame").first
    expect(table).to_be_visible()
    charts = main.get_by_test_id("stPlotlyChart")
    expect(charts.first).to_be_visible()
    titles = charts.locator(".js-plotly-plot .gtitle")
    titles.first.wait_for(timeout=RUN_TIMEOUT)
    drawn = [t.strip() for t in titles.all_text_contents()]
    assert "income" in drawn, drawn  # the shifted feature's overlaid histogram
    assert charts.locator(".barlayer .trace").count() >= 3  # importances + two samples

    expect(main.get_by_role("heading", name=re.compile(r"^Past checks"))).to_be_visible()
    screenshot_whole_page(page, artifacts_dir / "drift.png")
    assert_no_exception(page, PAGE_TITLE)
