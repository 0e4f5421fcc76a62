"""Generic CSV import: suggested mapping, user mapping, units, start/end columns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from realitycheck.timelog.importers import ImportFormatError, parse_export
from realitycheck.timelog.importers.generic import suggest_mapping

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "timelogs" / "generic_timesheet.csv"


def test_suggested_mapping_is_applied_and_shown():
    result = parse_export(FIXTURE.read_bytes(), "sheet.csv")
    assert result.format == "csv"
    assert result.columns == ["Day", "Who", "Time spent", "Notes", "Project", "Labels"]
    assert result.suggested_mapping == {
        "date": "Day",
        "duration": "Time spent",
        "person": "Who",
        "description": "Notes",
        "project": "Project",
        "tags": "Labels",
    }
    assert any("matched by their names" in w for w in result.warnings)
    assert result.rows["seconds"].tolist() == [5400, 9000, 2710]  # 1:30, "2,5" h, 0:45:10


def test_without_a_usable_guess_the_result_asks_for_a_mapping():
    data = b"When,Amount,Text\n2024-01-01,2,x\n"
    result = parse_export(data, "odd.csv")
    assert result.rows.empty
    assert result.columns == ["When", "Amount", "Text"]
    assert any("Choose which columns" in w for w in result.warnings)
    mapped = parse_export(data, "odd.csv", mapping={"date": "When", "duration": "Amount"})
    assert mapped.total_seconds == 7200


@pytest.mark.parametrize(
    ("unit", "cell", "seconds"),
    [("hours", "1,5", 5400), ("minutes", "90", 5400), ("seconds", "5400", 5400),
     ("hms", "1:30:00", 5400), ("auto", "1:30", 5400), ("auto", "1.5", 5400)],
)  # fmt: skip
def test_duration_units(unit, cell, seconds):
    data = f'Date;Person;Spent\n2024-01-01;Kim;"{cell}"\n'.encode()
    mapping = {"date": "Date", "person": "Person", "duration": "Spent", "duration_unit": unit}
    result = parse_export(data, "u.csv", mapping=mapping)
    assert result.rows["seconds"].tolist() == [seconds]


def test_minutes_read_as_hours_get_a_warning():
    data = b"Date,Duration\n2024-01-01,90\n2024-01-02,45\n"
    result = parse_export(data, "m.csv")
    assert any("choose the unit" in w for w in result.warnings)


def test_start_and_end_datetimes_cross_midnight():
    data = b"Start,End,Who,What\n2024-03-01 23:30,2024-03-02 00:45,Kim,Backfill\n"
    result = parse_export(data, "se.csv")
    assert result.suggested_mapping["start"] == "Start"
    row = result.rows.iloc[0]
    assert (row["date"], row["seconds"], row["person"]) == (dt.date(2024, 3, 1), 4500, "Kim")


def test_date_with_start_and_end_times_and_a_default_person():
    data = b"Date,From,To,Note\n05/03/2024,09:00,10:15,x\n25/03/2024,11:00 PM,12:30 AM,y\n"
    result = parse_export(data, "t.csv", person="Robin")
    assert result.rows["seconds"].tolist() == [4500, 5400]
    assert result.rows["date"].tolist() == [dt.date(2024, 3, 5), dt.date(2024, 3, 25)]
    assert set(result.rows["person"]) == {"Robin"}


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"date": "Nope", "duration": "Time spent"}, "not in the file"),
        ({"date": "Day"}, "duration column"),
        ({"date": "Day", "duration": "Time spent", "colour": "Who"}, "Unknown mapping"),
        ({"date": "Day", "duration": "Time spent", "duration_unit": "days"}, "duration_unit"),
    ],
)
def test_bad_mappings_are_refused_with_a_message(mapping, message):
    with pytest.raises(ImportFormatError, match=message):
        parse_export(FIXTURE.read_bytes(), "sheet.csv", mapping=mapping)


def test_suggest_mapping_prefers_exact_names_and_uses_each_column_once():
    columns = ["Start time", "Start date", "End time", "Duration", "Member", "Task"]
    assert suggest_mapping(columns) == {
        "date": "Start date",
        "start": "Start time",
        "end": "End time",
        "duration": "Duration",
        "person": "Member",
        "task": "Task",
    }


def test_durations_in_any_written_form_and_negatives_refused():
    data = (
        b'Date,Duration\n2024-01-01,1:30\n2024-01-01,90m\n2024-01-01,"1,5"\n'
        b"2024-01-01,1d\n2024-01-01,2h 15m\n2024-01-01,-1\n"
    )
    result = parse_export(data, "t.csv", mapping={"date": "Date", "duration": "Duration"})
    assert result.rows["seconds"].tolist() == [5400, 5400, 5400, 8 * 3600, 8100]
    assert [e.row for e in result.errors] == [7]


STAMPED = (
    "id,start,end,created_at,updated_at,description\n"
    "1,2024-03-01 09:00:00,2024-03-01 10:30:00,2024-03-05 08:00:00,2024-03-06 08:00:00,Label data\n"
    "2,2024-03-02 13:00:00,2024-03-02 13:45:00,2024-03-05 08:00:00,2024-03-07 09:00:00,Standup\n"
)


def test_record_timestamps_are_never_the_work_date():
    from realitycheck.timelog.importers.generic import suggest_mapping

    mapping = suggest_mapping(["id", "start", "end", "created_at", "updated_at", "description"])
    assert mapping == {"start": "start", "end": "end", "description": "description"}
    parsed = parse_export(STAMPED.encode(), "plain.csv")
    assert not parsed.errors
    assert parsed.rows["seconds"].tolist() == [5400, 2700]
    assert [d.isoformat() for d in parsed.rows["date"]] == ["2024-03-01", "2024-03-02"]


def test_exact_names_win_over_substrings():
    from realitycheck.timelog.importers.generic import suggest_mapping

    mapping = suggest_mapping(["Project manager", "Project", "Hours billed", "Hours", "Date"])
    assert mapping["project"] == "Project"
    assert mapping["duration"] == "Hours"


def test_cli_map_option(tmp_path, db_url, project, capsys):
    import json

    from realitycheck.cli import main

    path = tmp_path / "odd.csv"
    path.write_text("when,spent,what\n2024-03-01,1.5,Label data\n", encoding="utf-8")
    args = ["import", str(path), "--project", "Churn", "--db", db_url, "--json", "--format", "csv"]
    assert main([*args, "--map", "date=when,duration=spent,description=what"]) == 0
    assert json.loads(capsys.readouterr().out)["hours_imported"] == 1.5
    assert main([*args, "--map", "date=when,duration=nope"]) == 2
    failed = json.loads(capsys.readouterr().out)
    assert "'nope' is not in the file" in failed["errors"][0]["message"]
    assert main([*args, "--map", "date"]) == 2
    capsys.readouterr()
