"""Baseline vs boosted in a real browser: run a comparison, see the verdict and charts; a bad upload."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import pytest

from tests.browser.helpers import (
    act_and_wait,
    assert_no_exception,
    click_and_wait,
    go_to,
    open_dropdown,
    open_home,
    pick,
    screenshot_whole_page,
    set_number,
    upload,
    wait_rendered,
)

pytestmark = pytest.mark.browser

PAGE_TITLE = "Baseline vs boosted"
DATASET = "Breast cancer diagnosis (Wisconsin)"
DATASET_KEY = "breast_cancer"  # the name the run history shows
VERDICT = re.compile(r"^(Baseline is enough|Boosted wins|Inconclusive)\.$")
RUN_TIMEOUT = 120_000  # ms: a comparison takes seconds, up to ~30 s on a loaded 2-core box


def tiny_png() -> bytes:
    """A valid 1x1 PNG: binary data no CSV reader should take for a table."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def open_compare(page, app_url: str) -> None:
    """Open the app and go to the comparison page through the sidebar navigation."""
    open_home(page, app_url)
    go_to(page, PAGE_TITLE)
    page.get_by_role("heading", name=PAGE_TITLE, level=1).wait_for()
    wait_rendered(page)


def result_charts(page):
    """The plotly charts of the comparison's results (not the evidence board above them)."""
    return page.get_by_test_id("stPlotlyChart").filter(has_not_text="Evidence:")


def chart_title(page) -> str:
    """The title drawn on the (one) results chart on the page, once plotly has drawn it."""
    plot = result_charts(page).locator(".js-plotly-plot")
    title = plot.locator(".gtitle")
    title.wait_for(timeout=RUN_TIMEOUT)
    assert plot.locator(".scatterlayer .trace, .barlayer .trace").count() > 0, "no traces drawn"
    return (title.text_content() or "").strip()


def test_comparison_shows_verdict_tables_charts_and_history(
    page, app_url: str, artifacts_dir: Path
) -> None:
    from playwright.sync_api import expect

    open_compare(page, app_url)
    dataset = page.get_by_role("combobox", name="Dataset", exact=True)
    if dataset.input_value() != DATASET:  # the first bundled dataset is the default today
        act_and_wait(page, lambda: pick(page, "Dataset", DATASET))
    assert dataset.input_value() == DATASET
    set_number(page, "Folds", 3)
    set_number(page, "Repeats", 1)

    click_and_wait(page, page.get_by_role("button", name="Run comparison"))
    main = page.get_by_test_id("stMain")
    verdict = main.get_by_test_id("stAlert").filter(has=page.locator("strong", has_text=VERDICT))
    verdict.first.wait_for(timeout=RUN_TIMEOUT)
    wait_rendered(page)
    assert_no_exception(page, "after Run comparison")
    expect(verdict).to_have_count(1)
    banner = verdict.inner_text().strip()
    said = VERDICT.match(verdict.locator("strong").first.inner_text().strip())
    assert said, banner
    assert banner.startswith(said.group(0)), banner

    for caption in ("Scores (mean ± std over folds)", "What the boosted model costs"):
        column = main.get_by_test_id("stColumn").filter(has_text=caption).last
        expect(column.get_by_test_id("stDataFrame")).to_have_count(1)
        expect(column.get_by_test_id("stDataFrame")).to_be_visible()

    chart = main.get_by_role("radiogroup", name="Chart", exact=True)  # the segmented control
    expect(chart.get_by_role("radio", name="Paired folds", exact=True)).to_be_checked()
    assert "per fold" in chart_title(page)
    roc = chart.get_by_role("radio", name="ROC", exact=True)
    act_and_wait(page, roc.click)
    expect(roc).to_be_checked()
    expect(result_charts(page)).to_have_count(1)
    assert chart_title(page) == "ROC curve"
    assert_no_exception(page, "after switching the chart to ROC")

    expect(main.get_by_role("heading", name=re.compile(r"^Past runs"))).to_be_visible()
    reopen = page.get_by_role("combobox", name="Reopen a run", exact=True)
    open_dropdown(page, reopen)
    run = re.compile(rf"· {DATASET_KEY} → .+ · {re.escape(said.group(1))}$")
    expect(page.get_by_role("option", name=run).first).to_be_visible()
    reopen.press("Escape")
    wait_rendered(page)
    screenshot_whole_page(page, artifacts_dir / "compare.png")
    assert_no_exception(page, PAGE_TITLE)


def test_a_png_upload_shows_an_error_not_an_exception(page, app_url: str) -> None:
    from playwright.sync_api import expect

    open_compare(page, app_url)
    source = page.get_by_role("radiogroup", name="Data", exact=True)
    click_and_wait(page, source.get_by_text("Upload a file", exact=True))
    expect(source.get_by_role("radio", name="Upload a file", exact=True)).to_be_checked()
    uploader = page.get_by_test_id("stFileUploader")
    expect(uploader).to_be_visible()

    # Named .csv: the uploader's own type filter would refuse a .png before the app saw it.
    fake = {"name": "not_a_table.csv", "mimeType": "text/csv", "buffer": tiny_png()}
    upload(page, uploader, fake)
    error = (
        page.get_by_test_id("stMain")
        .get_by_test_id("stAlert")
        .filter(has=page.get_by_test_id("stAlertContentError"))
    )
    expect(error).to_have_count(1)
    assert "not_a_table.csv" in error.inner_text()
    assert "PNG image" in error.inner_text()
    expect(page.get_by_role("button", name="Run comparison")).to_have_count(0)
    assert_no_exception(page, "after a PNG upload")
