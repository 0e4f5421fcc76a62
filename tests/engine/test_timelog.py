"""Time-log arithmetic: validation, shares, the gap sentence, weekly buckets."""

from datetime import date

import pandas as pd
import pytest

from realitycheck.timelog.categories import DEFAULT_CATEGORIES, find_category
from realitycheck.timelog.summary import (
    EntryError,
    default_range,
    gap_sentence,
    summarize,
    summary_dict,
    validate_entry,
    validate_expected,
    weekly_by_group,
)

TODAY = date(2026, 11, 27)
NAMES = [c.name for c in DEFAULT_CATEGORIES]
PLAN = {"data_work": 0.3, "modeling": 0.6, "other": 0.1}


def totals(**seconds_by_category) -> pd.DataFrame:
    rows = [
        (c.name, c.group, seconds_by_category.get(c.name.split()[0].lower(), 0))
        for c in DEFAULT_CATEGORIES
    ]
    return pd.DataFrame(rows, columns=["category", "group", "seconds"])


@pytest.mark.parametrize(
    ("day", "seconds", "category", "message"),
    [
        (TODAY, 0, "Labeling", "more than zero"),
        (TODAY, -60, "Labeling", "more than zero"),
        (TODAY, 24 * 3600 + 1, "Labeling", "24 hours"),
        (date(2026, 11, 29), 3600, "Labeling", "future"),
        (TODAY, 3600, "Knitting", "Unknown category"),
    ],
)
def test_validate_entry_refuses(day, seconds, category, message):
    with pytest.raises(EntryError, match=message):
        validate_entry(day, seconds, category, NAMES, TODAY)


def test_validate_entry_accepts_tomorrow_and_a_full_day():
    validate_entry(date(2026, 11, 28), 24 * 3600, "Tuning", NAMES, TODAY)


@pytest.mark.parametrize(
    ("expected", "message"),
    [
        ({"data_work": 0.3, "modeling": 0.6}, "add up to 100%; these add up to 90%"),
        ({"data_work": 0.5, "modeling": 0.6, "other": 0.1}, "120%"),
        ({"data_work": -0.1, "modeling": 1.0, "other": 0.1}, "between 0% and 100%"),
        ({"data": 1.0}, "Unknown group"),
    ],
)
def test_validate_expected_refuses(expected, message):
    with pytest.raises(EntryError, match=message):
        validate_expected(expected)


def test_summarize_shares_and_gap():
    summary = summarize(totals(labeling=7200, cleaning=5400, tuning=3600, meetings=1800), PLAN)
    assert summary.total_seconds == 18000
    assert summary.groups["data_work"].share == pytest.approx(0.7)
    assert summary.groups["modeling"].share == pytest.approx(0.2)
    assert summary.groups["data_work"].gap == pytest.approx(0.4)
    assert gap_sentence(summary) == (
        "Data work is 70% of logged hours, more than the 30% planned. "
        "Modeling got 20%, less than the 60% planned."
    )


def test_summary_of_nothing():
    summary = summarize(totals(), PLAN)
    assert summary.total_seconds == 0
    assert all(g.share == 0 for g in summary.groups.values())
    assert "No time logged yet" in gap_sentence(summary)


# Every sign combination of the two gaps (over, near, under the plan), each group's word from its
# own gap. Plan 20/40/40 leaves room for both groups to be over at once. Minutes of 100 per group.
GAP_PLAN = {"data_work": 0.2, "modeling": 0.4, "other": 0.4}


@pytest.mark.parametrize(
    ("data", "modeling", "sentence"),
    [
        (30, 50, "Data work is 30% of logged hours, more than the 20% planned. "
                  "Modeling got 50%, more than the 40% planned."),
        (30, 42, "Data work is 30% of logged hours, more than the 20% planned. "
                  "Modeling got 42%, close to the 40% planned."),
        (30, 8, "Data work is 30% of logged hours, more than the 20% planned. "
                 "Modeling got 8%, less than the 40% planned."),
        (22, 60, "Data work is 22% of logged hours, close to the 20% planned. "
                  "Modeling got 60%, more than the 40% planned."),
        (18, 38, "Data work is 18% of logged hours, close to the 20% planned. "
                  "Modeling got 38%, close to the 40% planned. The plan is holding."),
        (21, 8, "Data work is 21% of logged hours, close to the 20% planned. "
                 "Modeling got 8%, less than the 40% planned."),
        (10, 70, "Data work is 10% of logged hours, less than the 20% planned. "
                  "Modeling got 70%, more than the 40% planned."),
        (10, 40, "Data work is 10% of logged hours, less than the 20% planned. "
                  "Modeling got 40%, close to the 40% planned."),
        (5, 10, "Data work is 5% of logged hours, less than the 20% planned. "
                 "Modeling got 10%, less than the 40% planned."),
        # The edge: five points (as shown, rounded) is a gap; four is close.
        (25, 36, "Data work is 25% of logged hours, more than the 20% planned. "
                  "Modeling got 36%, close to the 40% planned."),
        (16, 35, "Data work is 16% of logged hours, close to the 20% planned. "
                  "Modeling got 35%, less than the 40% planned."),
    ],
)  # fmt: skip
def test_gap_sentence_words_each_group_from_its_own_gap(data, modeling, sentence):
    minutes = {
        "labeling": data * 60,
        "tuning": modeling * 60,
        "meetings": (100 - data - modeling) * 60,
    }
    assert gap_sentence(summarize(totals(**minutes), GAP_PLAN)) == sentence


def test_summary_dict_shape():
    summary = summarize(totals(labeling=5400), PLAN)
    out = summary_dict("Churn", date(2026, 11, 1), None, summary)
    assert set(out) == {
        "project",
        "since",
        "until",
        "hours_total",
        "hours_unsorted",
        "groups",
        "categories",
    }
    assert out["since"] == "2026-11-01"
    assert out["until"] is None
    assert out["groups"]["data_work"] == {"hours": 1.5, "share": 1.0, "expected_share": 0.3}
    assert out["categories"] == {"Labeling": 1.5}


def test_weekly_buckets_start_on_monday():
    daily = pd.DataFrame(
        {
            "day": [date(2026, 11, 23), date(2026, 11, 29), date(2026, 11, 30)],
            "group": ["data_work", "data_work", "modeling"],
            "seconds": [3600, 7200, 1800],
        }
    )
    weekly = weekly_by_group(daily)
    assert weekly.to_dict("records") == [
        {"week": date(2026, 11, 23), "group": "data_work", "hours": 3.0, "partial": False},
        {"week": date(2026, 11, 30), "group": "modeling", "hours": 0.5, "partial": False},
    ]


def test_weeks_the_range_covers_in_part_are_marked_partial():
    daily = pd.DataFrame(
        {
            "day": [date(2026, 11, 20), date(2026, 11, 25), date(2026, 12, 1)],
            "group": ["data_work"] * 3,
            "seconds": [3600] * 3,
        }
    )
    weekly = weekly_by_group(daily, since=date(2026, 11, 19), until=date(2026, 12, 1))
    assert weekly["partial"].tolist() == [True, False, True]  # Thu-Sun, Mon-Sun, Mon-Tue


@pytest.mark.parametrize(
    ("first", "last", "since"),
    [
        (date(2026, 1, 5), date(2026, 11, 25), date(2026, 10, 5)),  # a Wednesday: 8 Mondays back
        (date(2026, 11, 2), date(2026, 11, 25), date(2026, 11, 2)),  # less than 8 weeks: all
        (date(2026, 11, 25), date(2026, 11, 25), date(2026, 11, 25)),
    ],
)
def test_the_default_range_is_the_last_eight_weeks_of_data(first, last, since):
    assert default_range(first, last) == (since, last)


@pytest.mark.parametrize("typed", ["labeling", "LABELING", " Labeling ", "cleaning  &  validation"])
def test_find_category_ignores_case_and_spaces(typed):
    assert find_category(typed, DEFAULT_CATEGORIES) is not None


def test_find_category_unknown():
    assert find_category("Label", DEFAULT_CATEGORIES) is None


def test_gap_sentence_says_sorted_hours_when_some_are_not_sorted():
    # 3 h data work, 3 h modeling, 4 h unsorted: data work is 50% of the sorted hours and
    # 30% of the logged ones. The headline must not call 50% a share of logged hours.
    frame = pd.concat(
        [
            totals(labeling=3 * 3600, tuning=3 * 3600),
            pd.DataFrame(
                [("Unsorted", "unsorted", 4 * 3600)], columns=["category", "group", "seconds"]
            ),
        ]
    )
    sentence = gap_sentence(summarize(frame, GAP_PLAN))
    assert sentence.startswith("Data work is 50% of sorted hours")
    assert "logged hours" not in sentence
