"""The standup: working days, per-person updates, notes, markdown and JSON, the CLI."""

import json
from datetime import date

import pytest

from realitycheck.cli import main
from realitycheck.timelog.standup import (
    load_report,
    previous_working_day,
    to_dict,
    to_markdown,
    week_start,
)


@pytest.mark.parametrize(
    ("day", "previous"),
    [
        (date(2026, 11, 23), date(2026, 11, 20)),  # Monday -> Friday
        (date(2026, 11, 24), date(2026, 11, 23)),  # Tuesday -> Monday
        (date(2026, 11, 28), date(2026, 11, 27)),  # Saturday -> Friday
        (date(2026, 11, 29), date(2026, 11, 27)),  # Sunday -> Friday
    ],
)
def test_previous_working_day(day, previous):
    assert previous_working_day(day) == previous


def test_week_start_is_monday():
    assert week_start(date(2026, 11, 29)) == date(2026, 11, 23)


@pytest.fixture
def logged(store, project):
    today = date(2026, 11, 24)
    add = store.add_entry
    add(project.id, "Ana", date(2026, 11, 23), "Labeling", 4 * 3600, today=today)
    add(project.id, "Ana", date(2026, 11, 23), "Tuning", 3600, today=today)
    add(project.id, "Ana", date(2026, 11, 24), "Cleaning & validation", 1800, today=today)
    add(project.id, "Ben", date(2026, 11, 20), "Tuning", 2 * 3600, today=today)  # last week
    add(project.id, "Cy", date(2026, 11, 2), "Tuning", 3600, today=today)  # too long ago
    store.save_note(
        project.id, "Ana", today, yesterday="labels", today="clean <b>x</b>", blockers=""
    )
    return store, project, today


def test_report(logged):
    store, project, today = logged
    report = load_report(store, project, today)
    assert report.since == date(2026, 11, 23)
    assert [p.person for p in report.people] == ["Ana", "Ben"]  # Ben: active in two weeks
    ana, ben = report.people
    assert ana.group_seconds == {"data_work": 4 * 3600 + 1800, "modeling": 3600, "other": 0}
    assert ana.top_categories[0] == ("Labeling", 4 * 3600)
    assert ana.note["today"] == "clean <b>x</b>"  # stored as typed; rendered as text
    assert ben.total_seconds == 0
    assert report.week.total_seconds == 5 * 3600 + 1800  # Monday and Tuesday only


def test_markdown_and_json(logged):
    store, project, today = logged
    report = load_report(store, project, today)
    text = to_markdown(report)
    assert "- **Ana** (5.5 h since Mon): Data work 4.5 h, Modeling 1.0 h" in text
    assert "  - Today: clean <b>x</b>" in text
    assert "- **Ben** (0.0 h since Mon): nothing logged" in text
    assert text.rstrip().endswith(
        "more than the 30% planned. Modeling got 18%, less than the 60% planned."
    )
    data = to_dict(report)
    assert data["people"][0]["groups"] == {"data_work": 4.5, "modeling": 1.0, "other": 0.0}
    assert data["week"]["groups"]["data_work"]["expected_share"] == 0.3


def test_cli(logged, db_url, capsys):
    assert (
        main(
            [
                "standup",
                "--project",
                "churn",
                "--date",
                "2026-11-24",
                "--format",
                "json",
                "--db",
                db_url,
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["date"] == "2026-11-24"
    assert [p["person"] for p in data["people"]] == ["Ana", "Ben"]
    assert main(["standup", "--project", "churn", "--date", "2026-11-24", "--db", db_url]) == 0
    assert capsys.readouterr().out.startswith("**Standup — Churn — Tue 24 Nov 2026**")
    assert main(["standup", "--project", "nope", "--db", db_url]) == 2
