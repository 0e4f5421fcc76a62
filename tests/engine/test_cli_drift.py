"""`python -m realitycheck drift`: JSON shape, text report, split mode, one-line errors."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from realitycheck.cli import main
from realitycheck.drift.result import FEATURE_KEYS, SUMMARY_KEYS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def run_cli(capsys):
    def run(*args: str) -> tuple[int, str, str]:
        code = main(["drift", *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def write(path: Path, n: int, shift: float, seed: int, **extra) -> Path:
    rng = np.random.default_rng(seed)
    x = rng.normal(shift, 1, n)
    frame = pd.DataFrame(
        {
            "signup": pd.date_range("2024-01-01", periods=n, freq="D").strftime("%Y-%m-%d"),
            "x": x,
            "plan": rng.choice(["basic", "pro"], n),
            "churned": np.where(x + rng.normal(size=n) > shift, "yes", "no"),
        }
    ).assign(**extra)
    frame.to_csv(path, index=False)
    return path


def test_json_has_exactly_the_documented_keys(run_cli, tmp_path):
    train = write(tmp_path / "train.csv", 300, 0.0, 0)
    prod = write(tmp_path / "prod.csv", 200, 2.0, 1)
    code, out, err = run_cli(str(train), str(prod), "--target", "churned", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert list(data) == list(SUMMARY_KEYS)
    assert (data["rows_train"], data["rows_production"]) == (300, 200)
    assert data["verdict"] == "Shifted"
    assert data["features"][0]["name"] == "x"
    assert all(list(f) == list(FEATURE_KEYS) for f in data["features"])
    assert set(data["models"]) == {"baseline", "boosted"}
    assert data["models"]["baseline"]["metric"] == "roc_auc"
    assert data["target"]["name"] == "churned"
    assert "churned" not in data["columns_compared"]


def test_json_without_a_target_has_null_target_and_models(run_cli, tmp_path):
    train = write(tmp_path / "train.csv", 200, 0.0, 0)
    prod = write(tmp_path / "prod.csv", 200, 0.0, 1)
    code, out, _ = run_cli(str(train), str(prod), "--json", "--seed", "3")
    data = json.loads(out)
    assert code == 0
    assert data["target"] is None
    assert data["models"] is None


def test_split_by_a_date_column_in_one_file(run_cli, tmp_path):
    path = write(tmp_path / "all.csv", 400, 0.0, 0)
    code, out, err = run_cli(str(path), "--split-by", "signup", "--cutoff", "2024-10-01")
    assert code == 0, err
    assert "Data reality: 274 training rows vs 126 production rows" in out
    assert "Verdict: " in out
    assert "Split by 'signup' at 2024-10-01" in out
    code, out, _ = run_cli(str(path), "--split-by", "signup", "--cutoff", "2024-10-01", "--json")
    assert json.loads(out)["columns_compared"] == ["x", "plan", "churned"]  # not the split one


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.csv", "other.csv"], "No such file: 'missing.csv'"),
        (["{all}"], "give a PRODUCTION file, or --split-by COL and --cutoff VALUE"),
        (["{all}", "{all}", "--split-by", "signup", "--cutoff", "2024-01-01"], "not both"),
        (["{all}", "--split-by", "when", "--cutoff", "2024-01-01"], "'when' is not in the data"),
        (["{all}", "--split-by", "signup", "--cutoff", "2030-01-01"], "production sample empty"),
        (["{all}", "--split-by", "signup", "--cutoff", "soon"], "not a date"),
        (["{all}", "{png}"], "PNG image"),
        (["{all}", "{no_target}", "--target", "churned"], "not in production"),
    ],
)
def test_bad_input_is_one_line_and_exit_code_2(run_cli, tmp_path, args, message):
    paths = {
        "all": write(tmp_path / "all.csv", 100, 0.0, 0),
        "no_target": tmp_path / "no_target.csv",
        "png": tmp_path / "image.csv",
    }
    pd.read_csv(paths["all"]).drop(columns="churned").to_csv(paths["no_target"], index=False)
    paths["png"].write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    code, out, err = run_cli(*[a.format(**paths) for a in args])
    assert code == 2
    assert out == ""
    assert err.startswith("error: ")
    assert err.count("\n") == 1
    assert message in err


def test_runs_as_a_module_without_a_traceback(tmp_path):
    path = write(tmp_path / "all.csv", 100, 0.0, 0)
    result = subprocess.run(
        [sys.executable, "-m", "realitycheck", "drift", str(path), "--split-by", "x"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "--cutoff" in result.stderr
