"""`python -m realitycheck import`: JSON report, idempotency, dry run, unmapped rows, errors."""

import json
from pathlib import Path

import pytest

from realitycheck.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "timelogs"
KEYS = {
    "format",
    "rows",
    "imported",
    "duplicates",
    "unmapped",
    "errors",
    "warnings",
    "hours_imported",
    "hours_unsorted",
    "updated",
}


@pytest.fixture
def run(db_url, capsys, project):
    def call(*args: str) -> tuple[int, dict | str, str]:
        code = main(["import", *args, "--project", "Churn", "--db", db_url])
        out = capsys.readouterr()
        try:
            return code, json.loads(out.out), out.err
        except json.JSONDecodeError:
            return code, out.out, out.err

    return call


def test_harvest_sample_to_the_second_and_idempotent(run, store, project):
    path = str(FIXTURES / "harvest_example.csv")
    code, first, _ = run(path, "--unmapped", "Other", "--json")
    assert code == 0
    assert set(first) == KEYS
    assert (first["format"], first["rows"], first["imported"], first["duplicates"]) == (
        "harvest",
        12,
        12,
        0,
    )
    assert first["hours_imported"] == 36.0
    assert store.totals_by_category(project.id)["seconds"].sum() == 36 * 3600
    code, again, _ = run(path, "--unmapped", "Other", "--json")
    assert (again["imported"], again["duplicates"], again["hours_imported"]) == (0, 12, 0.0)
    assert store.count_entries(project.id) == 12


def test_dry_run_writes_nothing(run, store, project):
    code, result, _ = run(str(FIXTURES / "toggl_2023.csv"), "--dry-run", "--json")
    assert code == 0
    assert result["imported"] == 0
    assert store.count_entries(project.id) == 0


def test_saved_rules_are_used(run, store, project):
    store.save_rules(
        project.id, [{"field": "description", "pattern": "etiketleme", "category": "Labeling"}]
    )
    run(str(FIXTURES / "toggl_2023.csv"), "--json")
    totals = store.totals_by_category(project.id).set_index("category")["seconds"]
    assert totals["Labeling"] == 3 * 3600


def test_unmapped_rows_are_counted_and_stored_unsorted(run):
    code, result, _ = run(str(FIXTURES / "toggl_report.csv"), "--json")
    assert code == 0
    assert result["unmapped"] == 1
    assert result["imported"] == 3
    assert result["hours_unsorted"] > 0


def test_row_errors_are_reported(run):
    code, result, _ = run(str(FIXTURES / "clockify_eu.csv"), "--json")
    assert code == 0
    assert result["errors"] == [{"row": 4, "message": "impossible date '13/15/2024'"}]
    assert result["imported"] == 3


@pytest.mark.parametrize(
    ("name", "extra", "message"),
    [
        ("clockify_summary.csv", [], "summary report"),
        ("clockify_ambiguous_eu.csv", [], "--day-first"),
        ("harvest_example.csv", ["--unmapped", "Knitting"], "unknown category 'Knitting'"),
        ("missing.csv", [], "cannot read"),
    ],
)
def test_nothing_importable_is_one_line_and_exit_2(run, name, extra, message):
    code, out, err = run(str(FIXTURES / name), *extra)
    assert code == 2
    assert message in err
    assert err.count("\n") == 1


def test_junk_bytes(run, tmp_path):
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 4000)
    code, _, err = run(str(junk))
    assert code == 2
    assert "Traceback" not in err
