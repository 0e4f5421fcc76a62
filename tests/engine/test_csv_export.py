"""Every CSV the app writes is safe to open in a spreadsheet: no cell starts a formula (OWASP)."""

import csv
import io
from datetime import date

import pandas as pd
import pytest

from realitycheck.cli import main
from realitycheck.exports.csv_safe import neutralize, to_csv
from realitycheck.timelog.export import entries_csv
from tests.payloads import FORMULAS

DAY = date(2026, 3, 2)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1+1", "'+1+1"),
        ("@SUM(1)", "'@SUM(1)"),
        ("-2+3", "'-2+3"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("plain note", "plain note"),
        ("a=b", "a=b"),
        ("", ""),
        (-2, -2),  # numbers stay numbers
        (None, None),
    ],
)
def test_neutralize(cell, written):
    assert neutralize(cell) == written


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_to_csv_neutralizes_cells_and_headers():
    frame = pd.DataFrame({"=HEADER()": FORMULAS, "n": [-1, 2, -3, 4]})
    rows = list(csv.reader(io.StringIO(to_csv(frame))))
    text_cells = [row[0] for row in rows]
    assert not [c for c in text_cells if c.startswith(FORMULA_START)], text_cells
    assert [row[1] for row in rows[1:]] == ["-1", "2", "-3", "4"]  # numbers stay numbers
    cells = _cells(to_csv(frame))
    assert "'=cmd|' /C calc'!A0" in cells


@pytest.fixture
def hostile_entries(store, project):
    for i, text in enumerate(FORMULAS):
        store.add_entry(project.id, f"{text} {i}", DAY, "Labeling", 600, note=text)
    return project


def test_entries_export_carries_no_formula(store, hostile_entries):
    text = entries_csv(store, hostile_entries.id)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(FORMULAS)
    for row in rows:
        for value in row.values():
            assert not value.startswith(FORMULA_START), row
    assert sorted(r["note"] for r in rows) == sorted("'" + f for f in FORMULAS)


def test_cli_export_writes_the_same_csv(store, hostile_entries, db_url, tmp_path, capsys):
    out = tmp_path / "entries.csv"
    assert main(["export", "--project", "Churn", "--out", str(out), "--db", db_url]) == 0
    assert out.read_text(encoding="utf-8") == entries_csv(store, hostile_entries.id)
    assert "4 entries" in capsys.readouterr().out


def test_cli_export_unknown_project_is_one_line(store, db_url, tmp_path, capsys):
    assert (
        main(["export", "--project", "Nope", "--out", str(tmp_path / "x.csv"), "--db", db_url]) == 2
    )
    assert capsys.readouterr().err.count("\n") == 1
