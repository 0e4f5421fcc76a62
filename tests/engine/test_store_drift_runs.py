"""Saved drift checks: write, list, reopen, per project; upgrading to 0003 keeps every row."""

from dataclasses import replace
from datetime import date

from realitycheck.compare.result import ComparisonResult
from realitycheck.drift.result import DriftResult
from realitycheck.store import Store

DAY = date(2026, 11, 20)
RESULT = DriftResult(
    rows_train=100,
    rows_production=80,
    columns_compared=["x"],
    drift_score=0.17,
    adversarial_auc=0.585,
    adversarial_auc_ci95=[0.55, 0.62],
    verdict="Some shift",
    features=[{"name": "x"}],
    health={},
    target={"name": "churned"},
    models=None,
    warnings=[],
    samples={"names": ["jan.csv", "feb.csv"], "fingerprints": ["a" * 64, "b" * 64]},
    settings={"seed": 0},
)


def test_save_list_and_reopen_a_drift_run(store, project):
    run_id = store.save_drift_run(project.id, RESULT)
    other = store.save_drift_run(None, replace(RESULT, target=None))
    [listed] = store.list_drift_runs(project.id)
    assert listed["id"] == run_id
    assert (listed["train_name"], listed["production_name"]) == ("jan.csv", "feb.csv")
    assert (listed["verdict"], listed["drift_score"], listed["target"]) == (
        "Some shift",
        0.17,
        "churned",
    )
    assert "result_json" not in listed
    assert store.get_drift_run(run_id) == RESULT
    assert [r["id"] for r in store.list_drift_runs(None)] == [other]
    assert store.get_drift_run(10_000) is None
    assert store.save_drift_run(project.id, RESULT) == run_id  # the same check is stored once
    later = replace(RESULT, settings={"seed": 0, "split": {"by": "day", "cutoff": "2026-02-01"}})
    assert store.save_drift_run(project.id, later) != run_id
    store.delete_project(project.id)  # its checks go with it; those of no project stay
    assert store.get_drift_run(run_id) is None
    assert store.get_drift_run(other) == replace(RESULT, target=None)


def test_upgrading_from_0002_keeps_entries_and_comparison_runs(db_url):
    import json

    from sqlalchemy import inspect, text

    from realitycheck.store.engine import make_engine, migrate

    engine = make_engine(db_url)
    migrate(engine, "0002")
    assert not inspect(engine).has_table("drift_runs")
    old = Store(db_url, migrate_schema=False)
    project = old.create_project("Old", {"data_work": 0.3, "modeling": 0.6, "other": 0.1})
    old.add_entry(project.id, "Ana", DAY, "Labeling", 3600, today=DAY)
    old.dispose()
    comparison = ComparisonResult(
        task="binary", rows=10, columns_used=["x"], columns_dropped=[], primary_metric="roc_auc",
        models={}, difference={}, verdict="Inconclusive", verdict_reason="", warnings=[],
    )  # fmt: skip
    with engine.begin() as conn:  # a run as 0002 stored it (today's Store writes later columns)
        run_id = conn.execute(
            text(
                "INSERT INTO comparison_runs (project_id, dataset_name, fingerprint, target, task,"
                " verdict, settings_json, result_json, created_at) VALUES (:p, 'tiny', '', 'y',"
                " 'binary', 'Inconclusive', '{}', :json, :at) RETURNING id"
            ),
            {"p": project.id, "json": json.dumps(comparison.to_dict()), "at": DAY.isoformat()},
        ).scalar()

    upgraded = Store(db_url)  # applies 0003 (and later) on open
    assert upgraded.count_entries(project.id) == 1
    assert upgraded.get_run(run_id) == comparison
    assert upgraded.list_drift_runs(project.id) == []
    upgraded.save_drift_run(project.id, RESULT)
    assert len(upgraded.list_drift_runs(project.id)) == 1
    engine.dispose()
    upgraded.dispose()
