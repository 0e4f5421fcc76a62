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
    scores = next(d.value for d in at.dataframe if "metric" in d.value.columns)
    assert list(scores.columns) == [
        "metric", "Dummy floor", "Baseline (linear)", "Boosted (XGBoost)", "better",
    ]  # fmt: skip
    assert scores["metric"].iloc[0] == "ROC AUC (primary)"
    costs = next(d.value for d in at.dataframe if "cost" in d.value.columns)
    assert costs["cost"].tolist()[0] == "Full refit (s)"
    demo = Store(db_path).get_project(DEMO_NAME)
    runs = Store(db_path).list_runs(demo.id)
    assert [r["dataset_name"] for r in runs] == ["breast_cancer"]
    saved = Store(db_path).get_run(runs[0]["id"])  # the tables the CLI prints, from the saved run
    assert scores.equals(metrics_table(saved))
    assert costs.equals(costs_table(saved))
    chart = at.segmented_control(key="chart_current")
    assert chart.value == "Paired folds"
    chart.set_value(None).run()  # clicking the selected option: it stays selected, chart stays
    assert not at.exception, [e.value for e in at.exception]
    charts = [c.key for c in at.get("plotly_chart") if c.key != "evidence_board"]
    assert charts == ["fig_current_Paired folds"]
    at.run()  # a rerun shows the same result from the cache and saves nothing new
    assert len(Store(db_path).list_runs(demo.id)) == 1
    at = _run(at)  # pressing Run again with the same data and settings stores nothing new
    assert len(Store(db_path).list_runs(demo.id)) == 1
    at.selectbox(key="cmp_reopen").set_value(runs[0]["id"]).run()
    assert not at.exception
    banners = [x for x in [*at.success, *at.info, *at.warning] if x.value.startswith("**")]
    assert len(banners) == 1  # the reopened run replaces the one on screen, not a second block


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


def _export(n: int = 400) -> bytes:
    """A real export's shapes: a phone-number ID, a category stored as codes, a repeated name."""
    rng = np.random.default_rng(1)
    job = rng.integers(0, 6, n)
    x = rng.normal(size=n)
    signal = np.array([2.0, -2.0, 1.5, -1.5, 1.0, -1.0])[job] + x
    left = (rng.random(n) < 1 / (1 + np.exp(-signal))).astype(int)
    phone = rng.choice(np.arange(3_000_000, 9_999_999), n, replace=False)
    rows = [
        f"{p},{j},{v:.4f},{v * 2:.4f},{t}" for p, j, v, t in zip(phone, job, x, left, strict=True)
    ]
    return ("phone,job,x,x,left\n" + "\n".join(rows) + "\n").encode()


def _notes(at) -> list[str]:
    return [t.value for t in at.text]


def _beside_the_verdict(at) -> tuple:
    """The column holding the verdict banner and the one beside it holding the data notes."""
    i = next(
        i
        for i, c in enumerate(at.columns)
        if any(m.value.startswith("**Data notes:**") for m in c.markdown)
    )
    return at.columns[i - 1], at.columns[i]


def test_upload_preview_categories_and_notes_beside_the_verdict(app):
    at = app("pages/models/compare.py")
    at.radio(key="cmp_source").set_value("Upload a file").run()
    at.file_uploader[0].set_value(("export.csv", _export(), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    # before running: the preview, the repeats for small data, the margin's default shown
    assert "400 rows × 5 columns · detected task: binary" in [c.value for c in at.caption]
    assert list(at.dataframe[0].value.columns) == ["phone", "job", "x", "x (2)", "left"]
    assert len(at.dataframe[0].value) == 5
    assert at.number_input(key="cmp_repeats").value == 5
    assert at.number_input(key="cmp_margin").value == 0.01
    at.number_input(key="cmp_folds").set_value(3)
    at.number_input(key="cmp_repeats").set_value(1)
    at = _run(at)
    assert not at.exception, [e.value for e in at.exception]
    verdict_column, notes_column = _beside_the_verdict(at)
    banner = [*verdict_column.success, *verdict_column.info, *verdict_column.warning]
    assert banner[0].value.startswith("**")
    notes = [t.value for t in notes_column.text]
    assert "Dropped phone: ID-like: 400 distinct whole numbers in 400 rows, not in order (like an " \
        "account or phone number)" in notes  # fmt: skip
    assert "⚠ x (2): More than one column is named 'x': this one is renamed." in notes
    assert any(n.startswith("⚠ job: 6 whole-number values (0 to 5)") for n in notes)
    assert notes_column.markdown[0].value == "**Data notes:** 1 column dropped, 2 warnings"
    assert not at.expander  # nothing about the data is tucked away in a collapsed section
    key = next(m.key for m in at.multiselect if m.key.startswith("cmp_categorical"))
    at.multiselect(key=key).set_value(["job"])
    at = _run(at)
    assert not at.exception, [e.value for e in at.exception]
    notes = _notes(at)
    assert "Column 'job' is treated as categories, as asked." in notes
    assert not any(n.startswith("⚠ job") for n in notes)


def test_regression_margin_says_its_default_and_notes_are_not_repeated(app):
    rng = np.random.default_rng(2)
    x = rng.normal(size=300)
    y = np.where(rng.random(300) < 0.1, np.nan, 3 * x + rng.normal(size=300))
    days = pd.date_range("2021-01-01", periods=300, freq="3D").strftime("%Y-%m-%d")
    data = pd.DataFrame({"x": x, "day": days, "y": y}).to_csv(index=False).encode()
    at = app("pages/models/compare.py")
    at.radio(key="cmp_source").set_value("Upload a file").run()
    at.file_uploader[0].set_value(("reg.csv", data, "text/csv")).run()
    margin = at.number_input(key="cmp_margin_rmse")
    assert margin.value is None
    assert margin.placeholder == "2% of baseline RMSE"
    at.number_input(key="cmp_folds").set_value(3)
    at.number_input(key="cmp_repeats").set_value(1)
    at = _run(at)
    assert not at.exception, [e.value for e in at.exception]
    notes = _notes(at)
    missing = [n for n in notes if "target is missing" in n or "missing target" in n]
    assert len(missing) == 1  # said once
    notes_column = _beside_the_verdict(at)[1]
    assert notes_column.markdown[0].value == "**Data notes:** 0 columns dropped, 0 warnings"
