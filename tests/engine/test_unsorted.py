"""No hour is dropped: rows no rule maps are stored as "Unsorted", shown apart from the shares."""

import json
from datetime import date

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text

from realitycheck.cli import main
from realitycheck.store import Store
from realitycheck.store.engine import MIGRATIONS_DIR, make_engine
from realitycheck.timelog.categories import UNSORTED, UNSORTED_CATEGORY
from realitycheck.timelog.standup import load_report, to_dict
from realitycheck.timelog.summary import summarize, unsorted_note

HEADER = (
    '"User","Email","Client","Project","Task","Description","Billable","Start date",'
    '"Start time","End date","End time","Duration","Tags"'
)
ROWS = [
    '"Ann","a@x","","Acme website","","Call with Sarah","No","2026-11-16","09:00:00","2026-11-16","11:00:00","2:00:00",""',
    '"Ann","a@x","","Acme website","","Label images","No","2026-11-16","11:00:00","2026-11-16","12:00:00","1:00:00",""',
    '"Bob","b@x","","Q4 model","","Train baseline","No","2026-11-17","09:00:00","2026-11-17","10:00:00","1:00:00",""',
]  # fmt: skip


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "toggl.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    return str(path)


def cli(capsys, *args: str) -> tuple[int, dict]:
    code = main(list(args))
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_unmapped_rows_are_stored_as_unsorted(store, project, db_url, export, capsys):
    code, result = cli(capsys, "import", export, "--project", "Churn", "--db", db_url, "--json")
    assert code == 0
    assert result["imported"] == 3
    assert result["unmapped"] == 1
    assert result["hours_imported"] == 4.0  # every stored row, sorted or not
    assert result["hours_unsorted"] == 2.0
    assert result["updated"] == 0
    totals = store.totals_by_category(project.id).set_index("category")
    assert totals.loc[UNSORTED_CATEGORY, "seconds"] == 2 * 3600
    assert totals.loc[UNSORTED_CATEGORY, "group"] == UNSORTED


def test_unmapped_option_still_sorts_them_straight_away(store, project, db_url, export, capsys):
    args = ("import", export, "--project", "Churn", "--db", db_url, "--json")
    code, result = cli(capsys, *args, "--unmapped", "Other")
    assert code == 0
    assert result["hours_unsorted"] == 0.0
    totals = store.totals_by_category(project.id).set_index("category")["seconds"]
    assert totals["Other"] == 2 * 3600
    assert totals[UNSORTED_CATEGORY] == 0


def test_shares_are_of_sorted_hours_and_unsorted_stated_apart(
    store, project, db_url, export, capsys
):
    cli(capsys, "import", export, "--project", "Churn", "--db", db_url, "--json")
    code, result = cli(capsys, "summary", "--project", "Churn", "--db", db_url, "--json")
    assert code == 0
    assert result["hours_total"] == 4.0
    assert result["hours_unsorted"] == 2.0
    assert result["groups"]["data_work"]["share"] == 0.5  # 1 h of the 2 sorted hours
    assert result["groups"]["modeling"]["share"] == 0.5
    assert set(result["groups"]) == {"data_work", "modeling", "other"}
    summary = summarize(store.totals_by_category(project.id), project.expected)
    assert unsorted_note(summary) == "2.0 h (50%) not yet sorted"


def test_nothing_unsorted_says_nothing(store, project):
    store.add_entry(project.id, "Ann", date(2026, 11, 16), "Labeling", 3600)
    assert unsorted_note(summarize(store.totals_by_category(project.id), project.expected)) is None


def test_standup_counts_unsorted_hours(store, project, db_url, export, capsys):
    cli(capsys, "import", export, "--project", "Churn", "--db", db_url, "--json")
    report = load_report(store, project, date(2026, 11, 17))
    ann = next(p for p in report.people if p.person == "Ann")
    assert ann.unsorted_seconds == 2 * 3600
    assert ann.total_seconds == 3 * 3600
    assert to_dict(report)["week"]["hours_unsorted"] == 2.0
    assert report.week.groups["data_work"].share == 0.5


def test_upgrade_from_0002_adds_unsorted_and_keeps_entries(db_url):
    engine = make_engine(db_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
        conn.execute(
            text(
                "INSERT INTO projects (name, description, expected_data_work, expected_modeling,"
                " expected_other, is_demo, created_at) VALUES ('Old', '', 0.3, 0.6, 0.1, false,"
                " CURRENT_TIMESTAMP)"
            )
        )
        conn.execute(
            text("INSERT INTO people (name, created_at) VALUES ('Ann', CURRENT_TIMESTAMP)")
        )
        conn.execute(
            text(
                "INSERT INTO time_entries (project_id, person_id, day, category_id, seconds, note,"
                " source, source_key, created_at, updated_at) VALUES (1, 1, '2026-11-16', 2, 5400,"
                " 'batch 4', 'toggl', 'abc', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
    engine.dispose()
    store = Store(db_url)
    project = store.get_project("Old")
    assert store.export_entries(project.id)[["category", "seconds", "note"]].values.tolist() == [
        ["Labeling", 5400, "batch 4"]
    ]
    cats = {c.name: c.group for c in store.list_categories()}
    assert cats[UNSORTED_CATEGORY] == UNSORTED
    store.dispose()
