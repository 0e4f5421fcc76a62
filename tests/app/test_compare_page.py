"""Baseline vs boosted page: a bundled run, an upload, bad uploads, and the run history."""

import numpy as np
import pandas as pd
import pytest

from realitycheck.compare.report import costs_table, metrics_table
from realitycheck.store import Store
from realitycheck.timelog.demo import DEMO_NAME


def _run(at):
    next(b for b in at.button if b.label == "Run comparison").click().run()
    return at


def _banner(at) -> str:
    return next(x.value for x in [*at.success, *at.info, *at.warning] if x.value.startswith("**"))


def test_bundled_dataset_run_verdict_tables_and_history(app, db_path):
    at = app("pages/models/compare.py")
    assert not at.exception
    at.selectbox(key="cmp_dataset").set_value("breast_cancer").run()
    at.number_input(key="cmp_folds").set_value(3)
    at.number_input(key="cmp_repeats").set_value(1)
    at = _run(at)
    assert not at.exception, [e.value for e in at.exception]
    assert _banner(at).startswith(
        ("**Baseline is enough.**", "**Inconclusive.**", "**Boosted wins.**")
    )
    scores = at.dataframe[0].value
    assert list(scores.columns) == [
        "metric", "Dummy floor", "Baseline (linear)", "Boosted (XGBoost)", "better",
    ]  # fmt: skip
    assert scores["metric"].iloc[0] == "ROC AUC (primary)"
    costs = at.dataframe[1].value
    assert costs["cost"].tolist()[0] == "Full refit (s)"
    demo = Store(db_path).get_project(DEMO_NAME)
    runs = Store(db_path).list_runs(demo.id)
    assert [r["dataset_name"] for r in runs] == ["breast_cancer"]
    saved = Store(db_path).get_run(runs[0]["id"])  # the tables the CLI prints, from the saved run
    assert scores.equals(metrics_table(saved))
    assert costs.equals(costs_table(saved))
    at.run()  # a rerun shows the same result from the cache and saves nothing new
    assert len(Store(db_path).list_runs(demo.id)) == 1
    at.selectbox(key="cmp_reopen").set_value(runs[0]["id"]).run()
    assert not at.exception


def test_upload_csv_with_semicolons(app):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 3))
    frame = pd.DataFrame(x, columns=["a", "b", "c"]).assign(y=(x[:, 0] + x[:, 1] > 0).astype(int))
    data = frame.to_csv(index=False, sep=";").encode()
    at = app("pages/models/compare.py")
    at.radio(key="cmp_source").set_value("Upload a file").run()
    at.file_uploader[0].set_value(("linear.csv", data, "text/csv")).run()
    assert (
        at.selectbox(key=next(s.key for s in at.selectbox if s.key.startswith("cmp_target"))).value
        == "y"
    )
    at.number_input(key="cmp_folds").set_value(3)
    at.number_input(key="cmp_repeats").set_value(1)
    at = _run(at)
    assert not at.exception, [e.value for e in at.exception]
    assert _banner(at)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.csv", b"", "empty"),
        ("one.csv", b"a\n1\n2\n3\n", "column"),
        ("binary.csv", bytes(range(256)) * 50, "not"),
        ("dupes.csv", b"a,a,y\n1,2,0\n3,4,1\n", "a"),
    ],
)
def test_bad_uploads_get_a_clear_message(app, name, data, message):
    at = app("pages/models/compare.py")
    at.radio(key="cmp_source").set_value("Upload a file").run()
    at.file_uploader[0].set_value((name, data, "text/csv")).run()
    assert not at.exception
    assert message in at.error[0].value.lower()


def test_constant_target_is_refused_at_run(app):
    data = pd.DataFrame({"x": range(50), "y": 1}).to_csv(index=False).encode()
    at = app("pages/models/compare.py")
    at.radio(key="cmp_source").set_value("Upload a file").run()
    at.file_uploader[0].set_value(("const.csv", data, "text/csv")).run()
    at = _run(at)
    assert not at.exception
    assert "constant" in at.error[0].value
