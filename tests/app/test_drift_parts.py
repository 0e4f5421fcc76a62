"""The data-reality page's pieces without a page: figures, tables and escaping."""

from components.markdown import plain, shown
from components.models.drift_charts import distribution_figure, importance_figure
from realitycheck.drift.report import features_table, models_table, promise_sentences

FEATURES = [
    {"name": "age", "kind": "numeric", "test": "wasserstein_normed", "statistic": 0.4,
     "p_value": None, "psi": 0.3, "shifted": True, "importance": 0.7},
    {"name": "<b>plan</b>", "kind": "categorical", "test": "chi_square", "statistic": 1.2,
     "p_value": 0.5, "psi": 0.01, "shifted": False, "importance": 0.3},
]  # fmt: skip


def test_histograms_overlay_two_samples_and_levels_are_grouped():
    numeric = distribution_figure(
        "age", {"kind": "numeric", "edges": [0, 1, 2], "train": [0.5, 0.5], "production": [0, 1]}
    )
    assert [t.name for t in numeric.data] == ["Training", "Production"]
    assert list(numeric.data[0].x) == [0.5, 1.5]
    assert numeric.layout.barmode == "overlay"
    levels = distribution_figure(
        "<b>plan</b>",
        {"kind": "categorical", "levels": ["<i>a</i>", "b"], "train": [1, 0], "production": [0, 1]},
    )
    assert levels.layout.barmode == "group"
    assert levels.layout.title.text == "&lt;b&gt;plan&lt;/b&gt;"  # user names never as HTML
    assert list(levels.data[0].x) == ["&lt;i&gt;a&lt;/i&gt;", "b"]


def test_importance_bars_most_important_on_top():
    fig = importance_figure(FEATURES)
    assert list(fig.data[0].y) == ["&lt;b&gt;plan&lt;/b&gt;", "age"]
    assert list(fig.data[0].x) == [0.3, 0.7]


def test_features_table_puts_shifted_first_and_reads_psi():
    table = features_table({"features": FEATURES[::-1]})
    assert table["feature"].tolist() == ["age", "<b>plan</b>"]
    assert table["PSI reading"].tolist() == ["major", "stable"]
    assert table["value"].tolist() == ["0.4", "0.5"]  # a distance, then a p-value


def test_models_table_and_sentences_say_which_model_loses_more():
    result = {
        "models": {
            "baseline": {"metric": "roc_auc", "cv": 0.91, "production": 0.84},
            "boosted": {"metric": "roc_auc", "cv": 0.93, "production": 0.80},
        }
    }
    table = models_table(result)
    assert table["change"].tolist() == ["-0.07", "-0.13"]
    lines = promise_sentences(result)
    assert lines[0] == (
        "Baseline (linear): cross-validation promised 0.91 ROC AUC; production gave 0.84."
    )
    assert lines[-1].startswith("Boosted (XGBoost) loses more of its promise")
    rmse = {"models": {n: {"metric": "rmse", "cv": 10.0, "production": p}
                       for n, p in (("baseline", 12.0), ("boosted", 11.0))}}  # fmt: skip
    assert promise_sentences(rmse)[-1].startswith("Baseline (linear) loses more")


def test_plain_escapes_markdown():
    escaped = plain("![x](http://h/p.png) *b* $1")
    assert shown(escaped) == "![x](http://h/p.png) *b* $1"
    assert not set("![]()*$") & set(escaped.replace("&#", ""))
