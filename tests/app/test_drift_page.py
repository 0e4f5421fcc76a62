"""Data reality page: two uploads, one upload split at a date, bad inputs, and the history."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from components.markdown import shown as markdown_shown
from realitycheck.store import Store
from realitycheck.timelog.demo import DEMO_NAME
from tests.app.conftest import texts

PAGE = "pages/models/drift.py"
BUTTON = "Check the data"


def sample(n: int, shift: float, seed: int, **extra) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x = rng.normal(shift, 1, n)
    frame = pd.DataFrame(
        {
            "day": pd.date_range("2024-01-01", periods=n, freq="D").strftime("%Y-%m-%d"),
            "x": x,
            "plan": rng.choice(["basic", "pro", "team"], n),
            "churned": np.where(x + rng.normal(size=n) > shift, "yes", "no"),
        }
    )
    return frame.assign(**extra)


def csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode()


def run(at):
    next(b for b in at.button if b.label == BUTTON).click().run()
    return at


def banner(at) -> str:
    alerts = [*at.success, *at.warning, *at.error]
    return next(a.value for a in alerts if a.value.startswith("**"))


def two_files(app, train: bytes, production: bytes, names=("train.csv", "prod.csv")):
    at = app(PAGE)
    uploads = at.file_uploader
    uploads[0].set_value((names[0], train, "text/csv"))
    uploads[1].set_value((names[1], production, "text/csv"))
    return at.run()


def test_two_uploads_with_a_target_show_verdict_features_models_and_history(app, db_path):
    at = two_files(app, csv(sample(300, 0.0, 0)), csv(sample(200, 2.0, 1)))
    assert not at.exception, [e.value for e in at.exception]
    target = next(s for s in at.selectbox if s.key.startswith("drift_target"))
    target.set_value("churned").run()
    at = run(at)
    assert not at.exception, [e.value for e in at.exception]
    assert banner(at).startswith("**Shifted.**")
    features = at.dataframe[0].value
    assert features["feature"].iloc[0] == "x"
    assert features["shifted"].iloc[0] == "yes"
    models = at.dataframe[1].value
    assert models["model"].tolist() == ["Baseline (linear)", "Boosted (XGBoost)"]
    assert "cross-validation promised" in markdown_shown(texts(at))
    demo = Store(db_path).get_project(DEMO_NAME)
    runs = Store(db_path).list_drift_runs(demo.id)
    assert [(r["train_name"], r["production_name"], r["target"]) for r in runs] == [
        ("train.csv", "prod.csv", "churned")
    ]
    at.run()  # a rerun shows the same result from the cache and saves nothing new
    assert len(Store(db_path).list_drift_runs(demo.id)) == 1
    at.selectbox(key="drift_reopen").set_value(runs[0]["id"]).run()
    assert not at.exception
    assert len([a for a in [*at.success, *at.warning, *at.error] if a.value.startswith("**")]) == 1
    at = run(at)  # the same check again: shown once more, stored once
    assert at.selectbox(key="drift_reopen").value is None
    assert len(Store(db_path).list_drift_runs(demo.id)) == 1


def test_one_upload_split_at_a_date(app):
    at = app(PAGE)
    at.radio(key="drift_mode").set_value("One file split at a cutoff").run()
    at.file_uploader[0].set_value(("all.csv", csv(sample(400, 0.0, 0)), "text/csv")).run()
    split = next(s for s in at.selectbox if s.key.startswith("drift_split"))
    split.set_value("day").run()
    cutoff = next(d for d in at.date_input if d.label.startswith("Cutoff"))
    assert cutoff.value == date(2024, 11, 15)  # about the last fifth is production
    cutoff.set_value(date(2024, 10, 1)).run()
    assert "274 rows before the cutoff (training), 126 from it on" in texts(at)
    at = run(at)
    assert not at.exception, [e.value for e in at.exception]
    assert banner(at).startswith(("**Resembles production.**", "**Some shift.**"))
    assert "day" not in at.dataframe[0].value["feature"].tolist()


def test_user_names_never_become_markdown(app):
    name = "![x](http://example.invalid/p.png)"
    train = sample(200, 0.0, 0).rename(columns={"x": name})
    prod = sample(200, 3.0, 1).rename(columns={"x": name})
    at = run(two_files(app, csv(train), csv(prod)))
    assert not at.exception
    shown = texts(at)
    assert "](http" not in shown
    assert name in markdown_shown(shown)  # as typed, once the escaping is resolved


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.csv", b"", "empty"),
        ("binary.csv", bytes(range(256)) * 50, "not"),
        ("header.csv", b"a,b\n", "no data rows"),
    ],
)
def test_bad_uploads_get_a_clear_message(app, name, data, message):
    at = two_files(app, csv(sample(100, 0.0, 0)), data, names=("train.csv", name))
    assert not at.exception
    assert message in at.error[0].value.lower()


@pytest.mark.parametrize(
    ("production", "message"),
    [
        (sample(1, 0.0, 1), "production sample has 1 rows"),
        (pd.DataFrame({"p": range(50), "q": range(50)}), "share no column"),
    ],
)
def test_unusable_samples_are_refused_at_run(app, production, message):
    at = run(two_files(app, csv(sample(100, 0.0, 0)), csv(production)))
    assert not at.exception
    assert message in at.error[0].value


def test_split_column_that_is_not_a_date_or_number(app):
    at = app(PAGE)
    at.radio(key="drift_mode").set_value("One file split at a cutoff").run()
    at.file_uploader[0].set_value(("all.csv", csv(sample(100, 0.0, 0)), "text/csv")).run()
    next(s for s in at.selectbox if s.key.startswith("drift_split")).set_value("plan").run()
    assert not at.exception
    assert "neither dates nor numbers" in at.error[0].value


def test_cutoff_at_the_first_day_leaves_training_empty(app):
    at = app(PAGE)
    at.radio(key="drift_mode").set_value("One file split at a cutoff").run()
    at.file_uploader[0].set_value(("all.csv", csv(sample(100, 0.0, 0)), "text/csv")).run()
    next(s for s in at.selectbox if s.key.startswith("drift_split")).set_value("day").run()
    next(d for d in at.date_input if d.label.startswith("Cutoff")).set_value(date(2024, 1, 1))
    at = run(at.run())
    assert not at.exception
    assert "leaves the training sample empty" in at.error[0].value


def test_one_upload_split_at_an_id_number(app):
    at = app(PAGE)
    at.radio(key="drift_mode").set_value("One file split at a cutoff").run()
    frame = sample(300, 0.0, 0).assign(order_id=np.arange(1000, 1300))
    at.file_uploader[0].set_value(("orders.csv", csv(frame), "text/csv")).run()
    next(s for s in at.selectbox if s.key.startswith("drift_split")).set_value("order_id").run()
    cutoff = next(n for n in at.number_input if n.label.startswith("Cutoff"))
    assert cutoff.value == 1240  # the last fifth of the ids
    cutoff.set_value(1200).run()
    assert "200 rows before the cutoff (training), 100 from it on" in texts(at)
    at = run(at)
    assert not at.exception, [e.value for e in at.exception]
    assert "order_id" not in at.dataframe[0].value["feature"].tolist()


def test_a_check_past_its_budget_is_one_line_and_saves_nothing(app, db_path, monkeypatch):
    monkeypatch.setenv("RC_COMPARE_MEMORY_MB", "64")
    at = run(two_files(app, csv(sample(300, 0.0, 0)), csv(sample(200, 2.0, 1))))
    assert not at.exception, [e.value for e in at.exception]
    assert [markdown_shown(e.value) for e in at.error] == [
        "The data-reality check needed more than 64 MB of memory and was stopped. "
        "Use smaller samples or fewer columns."
    ]
    assert Store(db_path).list_drift_runs(None) == []
