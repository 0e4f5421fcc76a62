"""`--json` always prints JSON, even on failure; entries over 24 h import with a warning."""

import json

import pytest

from realitycheck.cli import main


@pytest.fixture
def run(capsys):
    def call(*args: str) -> tuple[int, dict, str]:
        code = main(list(args))
        out = capsys.readouterr()
        return code, json.loads(out.out), out.err

    return call


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "missing.csv", "--project", "Churn"], "cannot read"),
        (["import", "missing.csv", "--project", "Nope"], "unknown project"),
        (["import", "missing.csv"], "--project"),  # the parser's own error
        (["summary", "--project", "Churn", "--since", "yesterday"], "--since"),
    ],
)
def test_json_failures_are_json(run, db_url, project, args, message):
    code, result, err = run(*args, "--db", db_url, "--json")
    assert code == 2
    assert result["ok"] is False
    assert message in result["errors"][0]["message"]
    assert "Traceback" not in err


def test_entries_over_24_hours_import_with_a_warning(run, db_url, project, tmp_path):
    path = tmp_path / "long.csv"
    path.write_text(
        '"User","Email","Client","Project","Task","Description","Billable","Start date",'
        '"Start time","End date","End time","Duration","Tags"\n'
        '"Ann","a@x","","P","","Forgot to stop","No","2023-03-13","09:00:00","2023-03-17",'
        '"10:00:00","97:00:00",""\n'
        '"Ann","a@x","","P","","Label","No","2023-03-18","09:00:00","2023-03-18",'
        '"10:00:00","1:00:00",""\n',
        encoding="utf-8",
    )
    code, result, _ = run("import", str(path), "--project", "Churn", "--db", db_url, "--json")
    assert code == 0
    assert result["hours_imported"] == 98.0  # as the source says
    assert any("row 2" in w and "97.0 h" in w and "24 h" in w for w in result["warnings"])
