"""Effort-to-lift on SQLite and PostgreSQL: runs by day, hours between them summed exactly."""

from datetime import date

import pytest

from realitycheck.compare.effort import effort_report
from realitycheck.compare.result import ComparisonResult, ModelReport
from realitycheck.store import Store

D0, D1, D2 = date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16)


def result(
    base: float, boost: float, target: str = "churned", metric: str = "roc_auc"
) -> ComparisonResult:
    """A comparison result with the given scores (what a saved run's columns are read from)."""
    gain = base - boost if metric == "rmse" else boost - base
    costs = dict.fromkeys(
        ("fit_seconds", "fold_seconds", "predict_ms_p50_1row", "predict_ms_p95_1row"), 0.0
    )
    costs |= {"predict_ms_per_1000": 0.0, "predict_ms_p95_per_1000": 0.0}
    return ComparisonResult(
        task="regression" if metric == "rmse" else "binary",
        rows=100,
        columns_used=["x"],
        columns_dropped=[],
        primary_metric=metric,
        models={
            name: ModelReport({metric: {"mean": value}}, **costs, size_bytes=1, n_parameters=1)
            for name, value in (("baseline", base), ("boosted", boost))
        },
        difference={"mean": gain, "ci95": [gain - 0.01, gain + 0.01], "margin": 0.01},
        verdict="Baseline is enough" if gain < 0.01 else "Boosted wins",
        verdict_reason="",
        warnings=[],
        dataset={"name": "churn.csv", "target": target},
    )


@pytest.fixture
def logged(store, project):
    """Entries on the window edges and inside, one deleted, one in another project."""
    add = store.add_entry
    add(project.id, "Ana", D0, "Labeling", 5 * 3600, "on the first run's day: not counted")
    add(project.id, "Ana", date(2026, 3, 3), "Labeling", 4 * 3600 + 1800, "")
    add(project.id, "Ben", date(2026, 3, 5), "Labeling", 7 * 3600 + 1800, "")
    add(project.id, "Ben", D1, "Tuning", 3600 + 7, "on the second run's day: counted")
    gone = add(project.id, "Ben", date(2026, 3, 4), "Tuning", 9 * 3600, "deleted")
    store.delete_entries([gone])
    add(project.id, "Ana", date(2026, 3, 12), "Cleaning & validation", 2 * 3600, "")
    add(project.id, "Ana", date(2026, 3, 17), "Labeling", 3600, "after the last run")
    other = store.create_project("Other", project.expected)
    add(other.id, "Ana", date(2026, 3, 4), "Labeling", 8 * 3600, "another project")
    return project


def test_hours_between_sums_exactly_the_window(store, logged):
    rows = store.hours_between(logged.id, [D0, D1, D2])
    assert sorted((r["step"], r["category"], r["seconds"]) for r in rows) == [
        (1, "Labeling", 12 * 3600),
        (1, "Tuning", 3600 + 7),
        (2, "Cleaning & validation", 2 * 3600),
    ]
    assert {r["group"] for r in rows if r["step"] == 1} == {"data_work", "modeling"}
    assert store.hours_between(logged.id, [D0, D0, D1])[0]["step"] == 2  # (d, d] is empty


def test_effort_report_lines_up_consecutive_runs(store, logged):
    store.save_run(logged.id, result(0.80, 0.81), day=D0, label="first")
    store.save_run(logged.id, result(0.83, 0.84), day=D1, label="labels fixed")
    store.save_run(logged.id, result(52.0, 50.0, "price", "rmse"), day=D1)  # its own series
    store.save_run(logged.id, result(0.835, 0.86), day=D2)
    report = effort_report(store, logged.id)
    assert [r["label"] for r in report["runs"]][:2] == ["first", "labels fixed"]
    first, second = report["steps"]
    assert first["hours_by_group"] == {"data_work": 12.0, "modeling": (3600 + 7) / 3600}
    assert first["hours_by_category"] == {"Labeling": 12.0, "Tuning": (3600 + 7) / 3600}
    assert first["change"]["baseline"] == pytest.approx(0.03)
    assert first["change"]["boosted"] == pytest.approx(0.03)
    assert first["sentence"] == (
        "12 h of Labeling, 1 h of Tuning: baseline +0.030 ROC AUC, boosted +0.030 ROC AUC"
    )
    assert second["from"]["run_day"] == "2026-03-09"
    assert second["hours_by_group"] == {"data_work": 2.0}
    assert second["change"]["boosted"] == pytest.approx(0.02)


def test_runs_keep_their_day_and_the_board_counts_in_sql(store, project):
    store.save_run(project.id, result(0.80, 0.801), day=D0)
    store.save_run(project.id, result(0.80, 0.90), day=D1)
    store.replace_bundled([result(0.9, 0.9), result(0.7, 0.72)])
    store.replace_bundled([result(0.9, 0.9)])  # replaces, never adds up
    assert store.verdict_tally(project.id) == (2, 3)
    board = store.evidence(project.id)
    assert [r["kind"] for r in board] == ["bundled", "run", "run"]
    assert [r["run_day"] for r in board if r["kind"] == "run"] == [D0, D1]
    assert [r["kind"] for r in store.list_runs(project.id)] == ["run", "run"]


def test_upgrade_from_0002_backfills_saved_runs(tmp_path):
    """A run saved before migration 0003 gets its day and scores from its JSON; nothing is lost."""
    import json

    from sqlalchemy import text

    from realitycheck.store.engine import make_engine, migrate

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    migrate(engine, "0002")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO comparison_runs (project_id, dataset_name, fingerprint, target, task,"
                " verdict, settings_json, result_json, created_at) VALUES (NULL, 'old.csv', '',"
                " 'y', 'binary', 'Boosted wins', '{}', :json, '2025-12-31 23:00:00.000000')"
            ),
            {"json": json.dumps(result(0.7, 0.75).to_dict())},
        )
    engine.dispose()
    store = Store(url)
    (run,) = store.evidence(None)
    assert run["run_day"] == date(2025, 12, 31)
    assert (run["baseline_score"], run["boosted_score"], run["kind"]) == (0.7, 0.75, "run")
    assert store.get_run(run["id"]).verdict == "Boosted wins"
    store.dispose()


def test_cli_saves_runs_to_a_project_on_their_day_and_reports_effort(
    store, logged, db_url, tmp_path, capsys
):
    import json

    import numpy as np
    import pandas as pd

    from realitycheck.cli import main

    rng = np.random.default_rng(0)
    x = rng.normal(size=(150, 2))
    path = tmp_path / "small.csv"
    pd.DataFrame(x, columns=["a", "b"]).assign(churned=(x[:, 0] > 0).astype(int)).to_csv(
        path, index=False
    )
    common = [str(path), "--target", "churned", "--folds", "3", "--repeats", "1", "--db", db_url]
    # The same data and settings are stored once: the later run differs in its seed.
    for day, label, seed in ((D0, "before", "0"), (D1, "after", "1")):
        args = [*common, "--project", "Churn", "--date", day.isoformat(), "--label", label]
        args += ["--seed", seed]
        assert main(["compare", *args, "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["run_id"] > 0
    assert main(["effort", "--project", "Churn", "--json", "--db", db_url]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [r["label"] for r in report["runs"]] == ["before", "after"]
    (step,) = report["steps"]
    assert step["hours_by_category"] == {"Labeling": 12.0, "Tuning": (3600 + 7) / 3600}
    before, after = report["runs"]
    assert step["change"] == {
        "metric": "roc_auc",
        "baseline": after["baseline"] - before["baseline"],
        "boosted": after["boosted"] - before["boosted"],
    }
    assert main(["effort", "--project", "Churn", "--db", db_url]) == 0
    assert "12 h of Labeling" in capsys.readouterr().out
    assert main(["compare", *common, "--project", "Nope"]) == 2
    assert main(["compare", *common, "--project", "Churn", "--date", "03/02/2026"]) == 2
