"""The time pages' figures: axes a reader can read without hovering."""

from datetime import date, timedelta

import pandas as pd

from components.time.charts import WEEK_MS, weekly_trend


def _weeks(count: int) -> pd.DataFrame:
    mondays = [date(2024, 3, 4) + timedelta(weeks=i) for i in range(count)]
    return pd.DataFrame({"week": mondays, "group": "data_work", "hours": 5.0, "partial": False})


def test_a_single_week_is_labelled_by_its_monday_not_a_time_of_day():
    axis = weekly_trend(_weeks(1)).layout.xaxis
    assert axis.type == "date"
    assert axis.tickformat == "%d %b %Y"  # "04 Mar 2024", never "00:00:00 Mar 4, 2024"
    assert axis.dtick == WEEK_MS
    assert axis.tick0 == "2024-03-04"


def test_ticks_fall_on_mondays_and_thin_out_on_long_ranges():
    assert weekly_trend(_weeks(8)).layout.xaxis.dtick == WEEK_MS  # every week
    assert weekly_trend(_weeks(52)).layout.xaxis.dtick == 5 * WEEK_MS  # at most 12 ticks
    assert weekly_trend(_weeks(52)).layout.xaxis.tickformat == "%d %b"


def test_no_weeks_draws_an_empty_chart():
    empty = pd.DataFrame(columns=["week", "group", "hours", "partial"])
    assert weekly_trend(empty).layout.xaxis.dtick is None
