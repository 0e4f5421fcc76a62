"""`python -m realitycheck compare`: JSON shape, text report, one-line errors, exit codes."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from realitycheck.cli import main
from realitycheck.commands import compare as command
from realitycheck.compare.datasets import load_bundled
from realitycheck.compare.report import costs_table, metrics_table
from realitycheck.compare.run import run_comparison

ROOT = Path(__file__).resolve().parents[2]
TOP_KEYS = [
    "task",
    "rows",
    "columns_used",
    "columns_dropped",
    "primary_metric",
    "models",
    "difference",
    "verdict",
    "verdict_reason",
    "warnings",
]
MODEL_KEYS = [
    "metrics",
    "fit_seconds",
    "fold_seconds",
    "predict_ms_p50_1row",
    "predict_ms_per_1000",
    "size_bytes",
    "n_parameters",
]
FAST = ["--folds", "3", "--repeats", "1"]


@pytest.fixture
def run_cli(capsys):
    def run(*args: str) -> tuple[int, str, str]:
        code = main(["compare", *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


@pytest.fixture
def churn_csv(tmp_path) -> Path:
    """A small semicolon-separated, cp1252-encoded churn file with an ID and a constant column."""
    rng = np.random.default_rng(3)
    n = 240
    tenure = rng.integers(1, 72, n)
    frame = pd.DataFrame(
        {
            "customer_id": [f"C{i:05d}" for i in range(n)],
            "tenure": tenure,
            "plan": rng.choice(["básico", "prémium", "família"], n),
            "country": "España",
            "churn": np.where(rng.random(n) < 1 / (1 + np.exp((tenure - 30) / 8)), "yes", "no"),
        }
    )
    path = tmp_path / "churn.csv"
    path.write_bytes(frame.to_csv(index=False, sep=";").encode("cp1252"))
    return path


def test_json_has_exactly_the_documented_keys(run_cli, churn_csv):
    code, out, err = run_cli(str(churn_csv), "--target", "churn", "--json", *FAST)
    assert code == 0, err
    data = json.loads(out)
    assert list(data) == TOP_KEYS
    assert list(data["models"]) == ["dummy", "baseline", "boosted"]
    for report in data["models"].values():
        assert list(report) == MODEL_KEYS
        for metric in report["metrics"].values():
            assert list(metric) == ["mean", "std", "folds"]
            assert len(metric["folds"]) == 3
    assert list(data["difference"]) == ["metric", "mean", "ci95", "p_value"]
    assert data["verdict"] in ("Boosted wins", "Baseline is enough", "Inconclusive")
    assert data["task"] == "binary"
    assert data["rows"] == 240
    assert data["primary_metric"] == "roc_auc"
    assert data["columns_used"] == [
        {"column": "tenure", "as": "number"},
        {"column": "plan", "as": "category"},
    ]
    dropped = {d["column"]: d["reason"] for d in data["columns_dropped"]}
    assert set(dropped) == {"customer_id", "country"}
    assert all(set(w) == {"column", "message"} for w in data["warnings"])


def test_text_report(run_cli):
    code, out, _ = run_cli("penguins", "--target", "species", *FAST, "--seed", "3")
    assert code == 0
    assert out.startswith("Baseline vs boosted: penguins, target 'species' (multiclass, 344 rows")
    for text in ("Verdict: ", "95% CI", "macro OvR ROC AUC (primary)", "Full refit (s)"):
        assert text in out
    assert "Parameters" in out
    assert "Traceback" not in out


def test_text_report_shows_the_pages_tables():
    """The CLI prints the very tables the page shows (same function, same labels and titles)."""
    result = run_comparison(load_bundled("penguins"), "species", folds=3, repeats=1)
    text = command.format_report(result)
    for table in (metrics_table(result), costs_table(result)):
        assert table.to_string(index=False) in text


def test_margin_task_and_sep_options(run_cli, churn_csv):
    code, out, _ = run_cli(
        str(churn_csv), "--target", "tenure", "--task", "regression", "--margin", "1000",
        "--sep", ";", "--json", *FAST,
    )  # fmt: skip
    data = json.loads(out)
    assert code == 0
    assert data["task"] == "regression"
    assert data["primary_metric"] == "rmse"
    assert data["verdict"] == "Baseline is enough"  # no model gains 1000 months of RMSE
    assert "+1,000" in data["verdict_reason"]


def test_categorical_option_and_what_was_done_in_the_json(run_cli, tmp_path):
    rng = np.random.default_rng(5)
    n = 400
    frame = pd.DataFrame(
        {
            "phone number": rng.choice(np.arange(3_000_000, 9_999_999), n, replace=False),
            "job": rng.integers(0, 6, n),
            "region": rng.integers(1, 4, n),
        }
    )
    signal = np.array([2.0, -2.0, 1.5, -1.5, 1.0, -1.0])[frame["job"]]
    frame["left"] = np.where(rng.random(n) < 1 / (1 + np.exp(-signal)), 1, 0)
    path = tmp_path / "codes.csv"
    frame.to_csv(path, index=False)
    code, out, err = run_cli(str(path), "--target", "left", "--json", *FAST)
    assert code == 0, err
    data = json.loads(out)
    assert {"column": "job", "as": "number"} in data["columns_used"]
    assert [d["column"] for d in data["columns_dropped"]] == ["phone number"]
    assert "ID-like" in data["columns_dropped"][0]["reason"]
    assert [w["column"] for w in data["warnings"]] == ["job"]
    code, out, err = run_cli(
        str(path), "--target", "left", "--json", "--categorical", "job, region", *FAST
    )
    data = json.loads(out)
    assert code == 0, err
    assert data["columns_used"] == [
        {"column": "job", "as": "category"},
        {"column": "region", "as": "category"},
    ]
    assert data["warnings"] == []
    code, _, err = run_cli(str(path), "--target", "left", "--categorical", "jbo", *FAST)
    assert code == 2
    assert "'jbo' marked as a category is not in the data" in err


def test_repeated_column_names_are_renamed_and_compared(run_cli, tmp_path):
    rng = np.random.default_rng(6)
    n = 300
    a, b = rng.normal(size=n), rng.normal(size=n)
    y = np.where(a + b + rng.normal(size=n) > 0, "yes", "no")
    lines = ["a,score,a,y"] + [
        f"{u:.4f},{v:.4f},{v:.4f},{t}" for u, v, t in zip(a, b, y, strict=True)
    ]
    path = _write(tmp_path, "export.csv", ("\n".join(lines) + "\n").encode())
    code, out, err = run_cli(path, "--target", "y", "--json", *FAST)
    assert code == 0, err
    data = json.loads(out)
    assert [c["column"] for c in data["columns_used"]] == ["a", "score", "a (2)"]
    assert data["warnings"][0] == {
        "column": "a (2)",
        "message": "More than one column is named 'a': this one is renamed.",
    }


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (b"", [], "is empty"),
        (b"a\n1\n2\n", [], "Only one column"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", [], "PNG image"),
        (b"y,x\n1,2\n1,3\n1,4\n1,5\n1,6\n1,7\n", [], "is constant"),
        (b"x,z\n1,2\n3,4\n", [], "target column 'y' is not in the data"),
        (b"y,x\n" + b"a,1\n" * 30 + b"b,2\n" * 2, [], "Too few rows for 3 folds"),
        (b"y,x\n" + b"a,1\nb,2\n" * 20, ["--folds", "1"], "Folds must be between"),
        (b"y,x\n" + b"a,1\nb,2\n" * 20, ["--sep", "ab"], "one character"),
        (b"y,x\n" + b"a,1\nb,2\n" * 20, ["--task", "regression"], "cannot be a regression"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(run_cli, tmp_path, content, args, message):
    code, out, err = run_cli(_write(tmp_path, "in.csv", content), "--target", "y", *FAST, *args)
    assert code == 2
    assert out == ""
    assert err.startswith("error: ")
    assert message in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_missing_file_names_the_bundled_sets(run_cli, tmp_path):
    code, _, err = run_cli(str(tmp_path / "nope.csv"), "--target", "y")
    assert code == 2
    assert "No such file" in err
    assert "breast_cancer" in err


def test_registering_the_command_imports_nothing_heavy():
    probe = (
        "import sys, realitycheck.commands.compare; "
        "print([m for m in ('pandas', 'numpy', 'sklearn') if m in sys.modules])"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert proc.stdout.strip() == "[]"


def test_subprocess_json(churn_csv):
    proc = subprocess.run(
        [sys.executable, "-m", "realitycheck", "compare", str(churn_csv), "--target", "churn",
         "--json", *FAST],
        cwd=ROOT, capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert list(data) == TOP_KEYS
    assert data["models"]["boosted"]["n_parameters"] > data["models"]["baseline"]["n_parameters"]
