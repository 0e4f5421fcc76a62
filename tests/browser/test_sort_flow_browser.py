"""Every hour accounted for, in a real browser: import an export whose rows the built-in rules
partly cannot map, see the hours not yet sorted on Home, sort one group on the Sort entries
page, and see Home's figures move by exactly that group's hours (and back on Undo).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from realitycheck.timelog.categories import (
    DATA_WORK,
    DEFAULT_CATEGORIES,
    GROUP_LABELS,
    GROUPS,
    MODELING,
    UNSORTED,
    UNSORTED_CATEGORY,
)
from tests.browser.conftest import ROOT
from tests.browser.helpers import (
    HOME_TITLE,
    assert_no_exception,
    choose_in_grid,
    click_and_wait,
    go_to,
    grid_columns,
    grid_rows,
    hours_logged,
    open_home,
    screenshot_on_failure,
    toggle_grid_checkbox,
    upload,
    wait_rendered,
)

pytestmark = pytest.mark.browser

EXPORT = ROOT / "tests" / "fixtures" / "timelogs" / "toggl_unsorted.csv"
PROJECT = "Churn model"
# What the built-in keyword rules make of the export's descriptions; the rest stays Unsorted.
BUILT_IN = {
    "Label support tickets": "Labeling",
    "ETL pipeline for events": "Pipelines & infrastructure",
    "Train baseline model": "Model training & selection",
    "Hyperparameter tuning": "Tuning",
    "Sprint planning": "Meetings & communication",
}
SORTED_GROUP = "prodigy session batch"  # the group the test sorts (its "Description starts")
SORT_INTO = "Labeling"  # a data-work category
GROUP_OF = {c.name: c.group for c in DEFAULT_CATEGORIES} | {UNSORTED_CATEGORY: UNSORTED}
PERCENT = re.compile(r"^(\d+)%$")
UNSORTED_NOTE = re.compile(r"^([\d,]+\.\d) h \((\d+)%\) not yet sorted")
CHART_DATA = """title => {
  const chart = [...document.querySelectorAll('.js-plotly-plot')]
    .find(c => c._fullData && c.querySelector('.gtitle')?.textContent === title);
  return chart ? chart._fullData.map(t => ({
    name: t.name, x: Array.from(t.x), y: Array.from(t.y), text: t.text ? Array.from(t.text) : null,
  })) : null;
}"""
WEEKLY = "Hours per week (weeks start on Monday; pale: partial week)"
BY_CATEGORY = "Hours by category"


def export_hours() -> tuple[dict[str, int], int, int]:
    """Seconds per category the import gives (Unsorted included); the sorted group's seconds
    and entries.
    """
    per_category: dict[str, int] = defaultdict(int)
    group = entries = 0
    with EXPORT.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            h, m, s = (int(part) for part in row["Duration"].split(":"))
            category = BUILT_IN.get(row["Description"], UNSORTED_CATEGORY)
            per_category[category] += h * 3600 + m * 60 + s
            if row["Description"].casefold().startswith(SORTED_GROUP):
                assert category == UNSORTED_CATEGORY, row
                group += h * 3600 + m * 60 + s
                entries += 1
    return dict(per_category), group, entries


def expected_home(per_category: dict[str, int]) -> dict:
    """What Home shows for these seconds per category, formatted as Home formats it."""
    per_group: dict[str, int] = defaultdict(int)
    for category, seconds in per_category.items():
        per_group[GROUP_OF[category]] += seconds
    total = sum(per_group.values())
    unsorted = per_group[UNSORTED]
    return {
        "hours": Decimal(f"{total / 3600:.1f}"),
        "note": f"{unsorted / 3600:,.1f} h ({unsorted / total:.0%}) not yet sorted",
        "data_share": f"{per_group[DATA_WORK] / (total - unsorted):.0%}",
        "modeling_share": f"{per_group[MODELING] / (total - unsorted):.0%}",
        "group_hours": {GROUP_LABELS[g]: Decimal(per_group[g]) / 3600 for g in (*GROUPS, UNSORTED)},
        "categories": {c: f"{s / 3600:,.1f} h" for c, s in per_category.items()},
    }


def chart(page, title: str) -> list[dict]:
    """The traces the Plotly chart titled `title` draws (waits until it has drawn)."""
    page.wait_for_function(f"({CHART_DATA})({title!r}) !== null")
    return page.evaluate(CHART_DATA, title)


def home_figures(page) -> dict:
    """What Home shows: hours, the unsorted note, both shares, hours per group and category."""
    main = page.get_by_test_id("stMain")
    note = main.get_by_test_id("stCaptionContainer").filter(has_text="not yet sorted").inner_text()
    assert note.endswith(": the shares above are of the sorted hours."), note
    shares = {}
    for key, label in (("data_share", "Data work share"), ("modeling_share", "Modeling share")):
        metric = main.get_by_test_id("stMetric").filter(has_text=label)
        shares[key] = metric.get_by_test_id("stMetricValue").inner_text()
        assert PERCENT.match(shares[key]), shares[key]
    group_hours = {
        trace["name"]: sum((Decimal(str(y)) for y in trace["y"]), Decimal(0))
        for trace in chart(page, WEEKLY)
    }
    (bars,) = chart(page, BY_CATEGORY)
    return {
        "hours": hours_logged(page),
        "note": note.split(":")[0],
        **shares,
        "group_hours": group_hours,
        "categories": dict(zip(bars["y"], bars["text"], strict=True)),
    }


def assert_shows(shown: dict, expected: dict) -> None:
    """Home shows the expected figures (in the categories chart: the export's categories)."""
    categories = {c: shown["categories"][c] for c in expected["categories"]}
    assert {**shown, "categories": categories} == expected


def category_hours(figures: dict, category: str) -> Decimal:
    """The hours the "Hours by category" chart labels `category`'s bar with."""
    return Decimal(figures["categories"][category].removesuffix(" h").replace(",", ""))


def unsorted_hours(figures: dict) -> Decimal:
    """The hours in Home's "x h (y%) not yet sorted" note."""
    return Decimal(UNSORTED_NOTE.match(figures["note"]).group(1).replace(",", ""))


def create_project(page, name: str) -> None:
    """Create a project through Settings' New project form (it is selected afterwards)."""
    from playwright.sync_api import expect

    go_to(page, "Settings")
    form = page.get_by_test_id("stForm").filter(has_text="New project")
    form.get_by_role("textbox", name="Name", exact=True).fill(name)
    click_and_wait(page, form.get_by_role("button", name="Create project"))
    expect(page.get_by_text(f"Created {name}; it is selected now.")).to_be_visible()
    picker = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Project")
    expect(picker).to_have_value(name)


def import_export(page, per_category: dict[str, int]) -> None:
    """Upload the export on the Import page, keep unmapped rows Unsorted, import every row."""
    from playwright.sync_api import expect

    hours = sum(per_category.values()) / 3600
    unsorted = per_category[UNSORTED_CATEGORY] / 3600

    go_to(page, "Import")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text(f"Into {PROJECT}.")).to_be_visible()
    upload(page, page.get_by_test_id("stFileUploader"), EXPORT)
    expect(main.get_by_text(f"Toggl Track: 9 entries, {hours:.2f} h.", exact=True)).to_be_visible()
    picker = page.get_by_role("combobox", name="Entries no rule maps", exact=True)
    assert picker.input_value() == "Keep them as Unsorted, to sort later"
    click_and_wait(page, main.get_by_role("button", name="Import 9 new entries", exact=True))
    expect(
        main.get_by_text(
            f"Imported 9 entries ({hours:.2f} h); 0 were already there; "
            f"{unsorted:.2f} h not yet sorted.",
            exact=True,
        )
    ).to_be_visible()
    assert_no_exception(page, "Import")


def sort_group(page, into: str) -> Decimal:
    """On the Sort entries page, tick SORTED_GROUP, put it `into` a category, sort it.

    Returns the group's hours as the groups table shows them.
    """
    from playwright.sync_api import expect

    main = page.get_by_test_id("stMain")
    grid = main.get_by_test_id("stDataFrame")
    columns = grid_columns(grid)
    rows = grid_rows(grid)
    row = [r[columns.index("Description starts")] for r in rows].index(SORTED_GROUP)
    hours = Decimal(rows[row][columns.index("Hours")])
    toggle_grid_checkbox(page, grid, row, columns.index("Sort"))
    choose_in_grid(page, grid, row, columns.index("Category"), into)
    button = main.get_by_role("button", name="Sort 1 ticked group", exact=True)
    expect(button).to_be_enabled()  # the server got exactly one ticked group with a category
    click_and_wait(page, button)
    return hours


def unsorted_heading(page, note: str):
    """The Sort entries page's "x h in n groups not yet sorted" heading for Home's `note`."""
    hours = note.split(" (")[0]
    name = re.compile(rf"^{re.escape(hours)} in \d+ groups? not yet sorted$")
    return page.get_by_test_id("stMain").get_by_role("heading", name=name)


def test_sorting_a_group_moves_home_by_exactly_its_hours(
    page, fresh_app, artifacts_dir: Path
) -> None:
    from playwright.sync_api import expect

    per_category, group_seconds, group_entries = export_hours()
    moved = Decimal(group_seconds) / 3600
    sorted_then = {
        **per_category,
        UNSORTED_CATEGORY: per_category[UNSORTED_CATEGORY] - group_seconds,
        SORT_INTO: per_category[SORT_INTO] + group_seconds,
    }
    with screenshot_on_failure(page, artifacts_dir / "sort_flow_failure.png"):
        open_home(page, fresh_app())
        create_project(page, PROJECT)
        import_export(page, per_category)

        go_to(page, HOME_TITLE)
        wait_rendered(page)
        before = home_figures(page)
        assert_shows(before, expected_home(per_category))

        main = page.get_by_test_id("stMain")
        click_and_wait(page, main.get_by_role("link", name="Sort them"))
        expect(main.get_by_role("heading", name="Sort entries", level=1)).to_be_visible()
        wait_rendered(page)
        expect(unsorted_heading(page, before["note"])).to_be_visible()
        assert sort_group(page, SORT_INTO) == moved  # the hours the groups table showed
        sorted_line = f"Sorted {group_entries} entries ({moved:.2f} h)"
        expect(main.get_by_text(sorted_line, exact=False)).to_be_visible()
        assert_no_exception(page, "Sort entries after sorting")

        go_to(page, HOME_TITLE)
        wait_rendered(page)
        after = home_figures(page)
        assert_shows(after, expected_home(sorted_then))
        assert after["hours"] == before["hours"]  # sorting moves hours, never adds or drops any
        assert unsorted_hours(before) - unsorted_hours(after) == moved
        data_work, modeling = GROUP_LABELS[DATA_WORK], GROUP_LABELS[MODELING]
        assert after["group_hours"][data_work] - before["group_hours"][data_work] == moved
        assert after["group_hours"][modeling] == before["group_hours"][modeling]
        assert category_hours(after, SORT_INTO) - category_hours(before, SORT_INTO) == moved
        assert_no_exception(page, "Home after sorting")

        go_to(page, "Sort entries")
        expect(unsorted_heading(page, after["note"])).to_be_visible()
        click_and_wait(page, main.get_by_role("button", name="Undo"))
        expect(unsorted_heading(page, before["note"])).to_be_visible()
        go_to(page, HOME_TITLE)
        wait_rendered(page)
        assert home_figures(page) == before
        assert_no_exception(page, "Home after Undo")
