"""What-ifs: known answers (the untouched point is the comparison; noisy labels cost both models)."""

import json

import numpy as np
import pandas as pd
import pytest

from realitycheck.cli import main
from realitycheck.commands import compare as command
from realitycheck.compare import whatif
from realitycheck.compare.datasets import load_bundled
from realitycheck.compare.run import run_comparison

SETTINGS = {"folds": 3, "repeats": 1, "seed": 0}


@pytest.fixture(scope="module")
def adult() -> pd.DataFrame:
    return load_bundled("adult").sample(2000, random_state=0)


def test_untouched_points_equal_the_comparison_and_25pct_noise_lowers_both(adult):
    main_run = run_comparison(adult, "Y", **SETTINGS)
    out = whatif.run_what_ifs(adult, "Y", **SETTINGS, fractions=(0.25, 1.0), rates=(0.0, 0.25))
    curve, noise = out["what_if"]["learning_curve"], out["what_if"]["label_noise"]
    for name in ("baseline", "boosted"):
        expected = main_run.models[name].metrics["roc_auc"]
        assert curve[name][-1] == expected["mean"]  # exactly: the same fits on the same folds
        assert curve[f"{name}_std"][-1] == pytest.approx(expected["std"])
        assert noise[name][0] == expected["mean"]
        assert noise[name][1] < noise[name][0] - 0.01  # a quarter of the labels flipped
        assert curve[name][0] < curve[name][-1]  # a quarter of the rows
    assert out["advice"].endswith(".")
    assert "label noise" in out["advice"]


@pytest.mark.parametrize("task", ["binary", "multiclass", "regression"])
def test_corrupt_labels_changes_exactly_the_share_and_keeps_the_values(task):
    rng = np.random.default_rng(1)
    y = rng.integers(0, 3 if task == "multiclass" else 2, 200) if task != "regression" else None
    y = rng.normal(size=200) if task == "regression" else y
    noisy = whatif.corrupt_labels(y, task, 0.1, np.random.default_rng(0))
    changed = int(np.sum(noisy != y))
    if task == "regression":
        assert changed <= 20
        assert sorted(noisy) == sorted(y)
    else:
        assert changed == 20
        assert set(noisy) <= set(y)
    assert whatif.corrupt_labels(y, task, 0.0, np.random.default_rng(0)) is y


def test_subsample_keeps_every_class_and_is_nested_in_the_fold():
    y = np.array([0] * 90 + [1] * 10)
    train = np.arange(0, 100, 1)
    kept = whatif.subsample(train, y, "binary", 0.1, np.random.default_rng(0))
    assert set(y[kept]) == {0, 1}
    assert set(kept) <= set(train)
    assert list(kept) == sorted(kept)
    assert whatif.subsample(train, y, "binary", 1.0, np.random.default_rng(0)) is train


@pytest.mark.parametrize(
    ("curve", "expected"),
    [
        (
            {"baseline": [0.90, 0.85], "boosted": [0.92, 0.84]},
            "boosting's edge (+0.020 ROC AUC clean) disappears at 10% label noise",
        ),
        (
            {"baseline": [0.90, 0.85], "boosted": [0.93, 0.88]},
            "boosting keeps its edge up to 10% label noise",
        ),
        (
            {"baseline": [0.90, 0.85], "boosted": [0.89, 0.86]},
            "with clean labels boosting has no edge (-0.010 ROC AUC)",
        ),
    ],
)
def test_advice_says_what_the_noise_curve_shows(curve, expected):
    noise = {"rates": [0.0, 0.1], **curve, "baseline_std": [0, 0], "boosted_std": [0, 0]}
    text = whatif.advice({"metric": "roc_auc", "label_noise": noise})
    assert expected.lower() in text.lower()


def test_advice_on_rows_names_both_gains_for_rmse():
    curve = {
        "fractions": [0.5, 1.0],
        "baseline": [60.0, 59.9],
        "boosted": [50.0, 45.0],
        "baseline_std": [1.0, 1.0],
        "boosted_std": [1.0, 1.0],
    }
    text = whatif.advice({"metric": "rmse", "learning_curve": curve})
    assert text.startswith("More rows still help the boosted model only")
    assert "baseline RMSE -0.1, boosted RMSE -5" in text


def test_bad_settings_are_refused():
    frame = pd.DataFrame({"x": range(30), "y": [0, 1] * 15})
    with pytest.raises(ValueError, match="Unknown what-if"):
        whatif.run_what_ifs(frame, "y", kinds=["more-folds"])
    with pytest.raises(ValueError, match="rise to 1.0"):
        whatif.run_what_ifs(frame, "y", fractions=(0.5, 0.9))


def test_cli_what_if_json_and_a_bad_kind(tmp_path, capsys):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(240, 3))
    frame = pd.DataFrame(x, columns=["a", "b", "c"]).assign(y=(x[:, 0] + x[:, 1] > 0).astype(int))
    path = tmp_path / "small.csv"
    frame.to_csv(path, index=False)
    args = [str(path), "--target", "y", "--folds", "3", "--repeats", "1", "--json"]
    assert main(["compare", *args, "--what-if", "learning-curve,label-noise"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out["what_if"]) == {"metric", "folds", "learning_curve", "label_noise"}
    assert out["what_if"]["learning_curve"]["fractions"] == list(whatif.FRACTIONS)
    assert out["what_if"]["label_noise"]["rates"] == list(whatif.NOISE_RATES)
    assert (
        out["what_if"]["label_noise"]["baseline"][0]
        == out["models"]["baseline"]["metrics"]["roc_auc"]["mean"]
    )
    assert isinstance(out["advice"], str)
    assert main(["compare", *args, "--what-if", "bigger-model"]) == 2
    assert "--what-if takes learning-curve, label-noise" in capsys.readouterr().err


def test_cli_kinds_match_the_engine():
    assert command.WHAT_IF_KINDS == whatif.KINDS
