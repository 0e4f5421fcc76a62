"""The time-log command line: log, summary, projects; bad input is one line and exit 2."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from realitycheck.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli(db_url, capsys):
    def run(*args: str) -> tuple[int, str, str]:
        code = main([*args, "--db", db_url])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def test_projects_log_summary(cli):
    assert (
        cli("projects", "add", "Churn", "--expected", "data_work=0.3,modeling=0.6,other=0.1")[0]
        == 0
    )
    code, out, _ = cli(
        "log", "--project", "churn", "--person", "Ana", "--date", "2026-11-20",
        "--category", "LABELING", "--hours", "1:30", "--note", "batch 4",
    )  # fmt: skip
    assert code == 0
    assert "1.50 h of Labeling" in out
    cli("log", "--project", "Churn", "--person", "Ben", "--date", "2026-11-21",
        "--category", "tuning", "--hours", "90m")  # fmt: skip
    code, out, _ = cli("summary", "--project", "Churn", "--json")
    summary = json.loads(out)
    assert code == 0
    assert summary["hours_total"] == 3.0
    assert summary["groups"]["data_work"] == {"hours": 1.5, "share": 0.5, "expected_share": 0.3}
    assert summary["categories"] == {"Labeling": 1.5, "Tuning": 1.5}
    code, out, _ = cli("summary", "--project", "Churn", "--since", "2026-11-21", "--json")
    assert json.loads(out)["hours_total"] == 1.5
    code, out, _ = cli("projects")
    assert "Churn: expected data_work 30% / modeling 60% / other 10%" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["log", "--project", "Nope", "--person", "A", "--date", "2026-11-20", "--category", "Tuning", "--hours", "1"], "unknown project 'Nope'"),
        (["log", "--project", "Churn", "--person", "A", "--date", "2026-11-20", "--category", "Label", "--hours", "1"], "unknown category 'Label'"),
        (["log", "--project", "Churn", "--person", "A", "--date", "20/11/2026", "--category", "Tuning", "--hours", "1"], "YYYY-MM-DD"),
        (["log", "--project", "Churn", "--person", "A", "--date", "2026-11-20", "--category", "Tuning", "--hours", "0"], "more than zero"),
        (["log", "--project", "Churn", "--person", "A", "--date", "2026-11-20", "--category", "Tuning", "--hours", "25"], "24 hours"),
        (["log", "--project", "Churn", "--person", "A", "--date", "2026-11-20", "--category", "Tuning", "--hours", "lots"], "not a duration"),
        (["log", "--project", "Churn", "--person", "A", "--date", "2099-01-01", "--category", "Tuning", "--hours", "1"], "future"),
        (["summary", "--project", "Churn", "--since", "2026-12-01", "--until", "2026-11-01"], "after --until"),
        (["projects", "add", "Churn"], "already exists"),
        (["projects", "add", "X", "--expected", "data_work=0.5,modeling=0.6,other=0.1"], "add up to 100%"),
        (["projects", "add", "X", "--expected", "data=1"], "--expected wants"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line(cli, args, message):
    cli("projects", "add", "Churn")
    code, out, err = cli(*args)
    assert code == 2
    assert message in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_log_into_unknown_project_creates_nothing(cli):
    cli(
        "log",
        "--project",
        "Typo",
        "--person",
        "A",
        "--date",
        "2026-11-20",
        "--category",
        "Tuning",
        "--hours",
        "1",
    )
    assert cli("projects")[1] == ""


def test_subprocess_exit_code_and_no_traceback(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    result = subprocess.run(
        [sys.executable, "-m", "realitycheck", "summary", "--project", "Nope", "--db", db],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip() == "error: unknown project 'Nope' (projects: none yet)"
