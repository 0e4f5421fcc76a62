"""Importers: format detection, every export format's fixture, totals to the second."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pytest

from realitycheck.timelog.importers import COLUMNS, ImportFormatError, detect_format, parse_export

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "timelogs"


def load(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@functools.cache
def parsed(name: str, day_first: bool | None = None):
    """Parse a fixture once per test session (results are only read)."""
    return parse_export(load(name), name, day_first=day_first)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("toggl_2017.csv", "toggl"),
        ("toggl_2023.csv", "toggl"),
        ("toggl_report.csv", "toggl"),
        ("toggl_hostile.csv", "toggl"),
        ("clockify_us.csv", "clockify"),
        ("clockify_eu.csv", "clockify"),
        ("clockify_ambiguous_eu.csv", "clockify"),
        ("harvest_locale.csv", "harvest"),
        ("harvest_example.csv", "harvest"),
        ("tempo_worklogs.csv", "jira"),
        ("jira_rest_worklogs.csv", "jira"),
        ("jira_issues_logwork.csv", "jira"),
        ("wakatime_dump.json", "wakatime"),
        ("generic_timesheet.csv", "csv"),
    ],
)
def test_detects_format_from_header(name, expected):
    assert detect_format(load(name), name) == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (None, "summary report"),  # the Clockify summary fixture
        (b"", "empty"),
        (b" \r\n\n", "empty"),
        (b"just one column\nof words\n", "not a table"),
        (b'{"data": []}', "not a WakaTime data dump"),
        (b'{"days": ', "cannot be read"),
        (b"PK\x03\x04rest-of-a-workbook", "Excel"),
        (b"%PDF-1.7 ...", "PDF"),
        (b"1,2,3\n4,5,6\n", "not a header row"),
    ],
)
def test_unreadable_files_get_a_message_saying_what_was_expected(data, message):
    data = load("clockify_summary.csv") if data is None else data
    with pytest.raises(ImportFormatError, match=message):
        detect_format(data, "upload.csv")
    with pytest.raises(ImportFormatError, match=message):
        parse_export(data, "upload.csv")


def test_clockify_summary_message_asks_for_the_detailed_report():
    with pytest.raises(ImportFormatError) as caught:
        parsed("clockify_summary.csv")
    assert "detailed report" in str(caught.value)


# name, rows, total seconds, {row index: (date, person, seconds)}, errors (row, words)
CASES = [
    (
        "toggl_2017.csv",
        5,
        9000 + 29007 + 3960 + 900 + 12005,
        {1: (dt.date(2017, 11, 6), "Ingrid Solberg", 29007), 2: (dt.date(2017, 11, 6), "", 3960)},
        [],
    ),
    (
        "toggl_2023.csv",
        4,
        10800 + 1800 + 6330 + 900,
        {2: (dt.date(2023, 3, 13), "Bob Smith", 6330)},
        [],
    ),
    ("toggl_report.csv", 3, 4500 + 7200 + 2700, {0: (dt.date(2024, 5, 2), "Chen Wei", 4500)}, []),
    (
        "clockify_us.csv",
        4,
        5768 + 20 + 2700 + 9000,
        {0: (dt.date(2024, 3, 4), "Dana Scully", 5768), 1: (dt.date(2024, 3, 4), "", 20)},
        [],
    ),
    (
        "clockify_eu.csv",
        3,
        5400 + 3960 + 2700,
        {1: (dt.date(2024, 4, 25), "Jean Dupont", 3960), 2: (dt.date(2024, 4, 26), "", 2700)},
        [(4, "impossible date '13/15/2024'")],
    ),
    (
        "harvest_locale.csv",
        3,
        27000 + 72000 + 2001 * 3600,
        {0: (dt.date(2015, 1, 26), "Anna Schmidt", 27000), 2: (dt.date(2015, 1, 28), "", 7203600)},
        [(5, "no duration")],
    ),
    ("harvest_example.csv", 12, 129600, {11: (dt.date(2018, 8, 11), "Emily Bronte", 3600)}, []),
    (
        "tempo_worklogs.csv",
        3,
        9000 + 4500 + 1800,
        {2: (dt.date(2016, 8, 10), "Richard Roe", 1800)},
        [],
    ),
    (
        "jira_rest_worklogs.csv",
        3,
        9000 + 1800 + 4500,
        {2: (dt.date(2024, 12, 2), "Alan Turing", 4500)},
        [],
    ),
    (
        "jira_issues_logwork.csv",
        3,
        7200 + 5400 + 3600,
        {1: (dt.date(2024, 12, 2), "Alan Turing", 5400)},
        [],
    ),
    ("wakatime_dump.json", 6, 204 + 11399, {0: (dt.date(2013, 6, 24), "Alan Hamlett", 204)}, []),
    (
        "generic_timesheet.csv",
        3,
        5400 + 9000 + 2710,
        {2: (dt.date(2024, 2, 6), "Kim Lee", 2710)},
        [],
    ),
    (
        "toggl_hostile.csv",
        2,
        3600 + 1800,
        {},
        [(4, "14 fields"), (5, "impossible date '2023-02-30'"), (6, "unreadable duration 'soon'")],
    ),
]


@pytest.mark.parametrize(("name", "n_rows", "total", "spot", "errors"), CASES)
def test_fixture_parses_to_the_second(name, n_rows, total, spot, errors):
    result = parsed(name)
    rows = result.rows
    assert list(rows.columns) == list(COLUMNS)
    assert len(rows) == n_rows
    assert result.total_seconds == total == int(rows["seconds"].sum())
    assert str(rows["seconds"].dtype) == "int64"
    assert (rows["source"] == result.format).all()
    assert rows["source_key"].str.fullmatch(r"[0-9a-f]{32}").all()
    for index, (date, person, seconds) in spot.items():
        assert rows.loc[index, "date"] == date
        assert type(rows.loc[index, "date"]) is dt.date
        assert rows.loc[index, "seconds"] == seconds
        if person:
            assert rows.loc[index, "person"] == person
    assert [(e.row, e.message) for e in result.errors] == [
        (row, next(e.message for e in result.errors if e.row == row)) for row, _ in errors
    ]
    for (row, words), error in zip(errors, result.errors, strict=True):
        assert error.row == row
        assert words in error.message


def test_toggl_fields_and_quirks():
    rows = parsed("toggl_2017.csv").rows
    first = rows.iloc[0]
    assert first["description"] == "Merke treningsdata – ærlig og grundig"
    assert first["tags"] == "Labeling, Data"  # commas inside quotes stay one field
    assert (first["source_project"], first["row"]) == ("Churn model", 2)
    assert rows.iloc[3]["description"] == "Daily standup 🚀"
    assert rows.iloc[2]["task"] == "Airflow"


def test_toggl_zero_length_entry_is_skipped_with_a_warning():
    result = parsed("toggl_2017.csv")
    assert 6 not in set(result.rows["row"])
    assert any("zero-length entry (row 6)" in w for w in result.warnings)


def test_newer_toggl_report_treats_dash_as_empty():
    rows = parsed("toggl_report.csv").rows
    assert rows.iloc[0][["tags", "task"]].tolist() == ["", ""]
    assert rows.iloc[1]["tags"] == "Features, Modeling"
    assert rows.iloc[2][["description", "source_project"]].tolist() == ["", ""]


def test_clockify_us_settings_are_month_first_with_12_hour_times():
    result = parsed("clockify_us.csv")
    assert (result.day_first, result.ambiguous_dates) == (False, False)
    # 11:00 PM -> 01:30 AM the next day; Duration (h) wins over Duration (decimal) 0.01.
    assert result.rows["seconds"].tolist() == [5768, 20, 2700, 9000]
    assert result.rows.iloc[1]["source_project"] == "Recommender"


def test_clockify_localized_activity_column_is_the_task():
    result = parsed("clockify_eu.csv")
    assert result.day_first is True
    assert result.rows["task"].tolist() == ["Pipelines", "Pipelines", "Cleaning"]


@pytest.mark.parametrize(
    ("day_first", "dates", "ambiguous"),
    [
        (None, [dt.date(2024, 4, 3), dt.date(2024, 4, 5)], True),
        (True, [dt.date(2024, 4, 3), dt.date(2024, 4, 5)], False),
        (False, [dt.date(2024, 3, 4), dt.date(2024, 5, 4)], False),
    ],
)
def test_ambiguous_dates_are_flagged_and_the_caller_can_choose(day_first, dates, ambiguous):
    result = parsed("clockify_ambiguous_eu.csv", day_first)
    assert result.rows["date"].tolist() == dates
    assert result.ambiguous_dates is ambiguous
    assert any("day/month or month/day" in w for w in result.warnings) is ambiguous


def test_harvest_person_is_first_and_last_name():
    rows = parsed("harvest_locale.csv").rows
    assert rows["person"].tolist() == ["Anna Schmidt", "Anna Schmidt", "Peter Müller"]
    assert rows.iloc[0][["source_project", "task"]].tolist() == ["Vision model", "Data Labeling"]


def test_tempo_duplicated_headers_and_unpadded_work_dates():
    result = parsed("tempo_worklogs.csv")
    assert any("'Epic Link' (2×)" in w for w in result.warnings)
    first = result.rows.iloc[0]
    assert first["task"] == "DS-12 Label training images"
    assert (first["source_project"], first["tags"]) == ("Data Science", "Labeling")
    assert first["description"] == "Annotated 300 images"


def test_jira_rest_prefers_seconds_and_falls_back_to_time_spent():
    rows = parsed("jira_rest_worklogs.csv").rows
    assert rows["seconds"].tolist() == [9000, 1800, 4500]
    assert rows["source_project"].tolist() == ["ML", "ML", "ML"]
    assert rows.iloc[1]["date"] == dt.date(2024, 12, 1)  # the date as written, not UTC


def test_jira_issue_csv_log_work_cells_become_entries():
    result = parsed("jira_issues_logwork.csv")
    assert result.rows["description"].tolist()[1] == "Review labels; fix guide"
    assert result.rows["row"].tolist() == [2, 2, 3]
    assert not any("Log Work" in w for w in result.warnings)


def test_wakatime_person_from_caller_and_day_totals_exact():
    result = parse_export(load("wakatime_dump.json"), "dump.json", person="Alan")
    per_day = result.rows.groupby("date")["seconds"].sum()
    assert per_day.to_dict() == {dt.date(2013, 6, 24): 204, dt.date(2017, 7, 4): 11399}
    assert set(result.rows["person"]) == {"Alan"}
    assert "vim-wakatime" in set(result.rows["source_project"])


@pytest.mark.parametrize(
    ("name", "total", "per_day"),
    [
        ("harvest_example.csv", 129600, None),
        ("wakatime_dump.json", 11603, {"2013-06-24": 204, "2017-07-04": 11399}),
    ],
)
def test_real_samples(name, total, per_day):
    # byte-exact copies of public files (see fixtures/timelogs/README.md)
    result = parse_export(load(name), name, person="Alan Hamlett")
    assert result.total_seconds == total
    assert not result.errors
    if per_day:
        sums = result.rows.groupby("date")["seconds"].sum()
        assert {d.isoformat(): int(s) for d, s in sums.items()} == per_day


def test_harvest_sample_people():
    rows = parsed("harvest_example.csv").rows
    hours = rows.groupby("person")["seconds"].sum() / 3600
    assert hours.to_dict() == {"Emily Bronte": 18.0, "Jane Austen": 18.0}


def test_format_can_be_forced_and_unknown_format_is_refused():
    forced = parse_export(load("toggl_2023.csv"), "t.csv", fmt="csv")
    assert forced.format == "csv"
    assert forced.suggested_mapping["date"] == "Start date"
    with pytest.raises(ImportFormatError, match="Unknown format"):
        parse_export(load("toggl_2023.csv"), "t.csv", fmt="excel")


def test_wakatime_fractional_totals_are_rounded_and_the_day_kept_exact():
    dump = (
        b'{"days": [{"date": "2024-05-01", "grand_total": {"total_seconds": 100.6},'
        b' "projects": [{"name": "a", "grand_total": {"total_seconds": 60.4}},'
        b' {"name": "b", "grand_total": {"total_seconds": 30.2}}]}]}'
    )
    rows = parse_export(dump, "dump.json", person="Kim").rows
    assert rows[["source_project", "seconds"]].values.tolist() == [
        ["a", 60],
        ["b", 30],
        ["(no project)", 11],
    ]
