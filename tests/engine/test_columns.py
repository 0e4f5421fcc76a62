"""Task detection, target checks and what happens to each kind of feature column."""

import numpy as np
import pandas as pd
import pytest

from realitycheck.compare.columns import check_frame, detect_task, prepare
from realitycheck.compare.datasets import DatasetError
from realitycheck.compare.target import find_leaks, resolve_task

N = 120


def _frame(**extra) -> pd.DataFrame:
    """A small frame with one useful numeric feature, a category, a binary target and extras."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=N)
    frame = pd.DataFrame(
        {
            "x": x,
            "colour": rng.choice(["red", "green", "blue"], N),
            "y": np.where(x + rng.normal(scale=1.5, size=N) > 0, "yes", "no"),
        }
    )
    for name, values in extra.items():
        frame[name] = values
    return frame


def _dropped(prepared) -> dict[str, str]:
    return {d["column"]: d["reason"] for d in prepared.plan.dropped}


def _warned(prepared) -> dict[str, str]:
    return {w["column"]: w["message"] for w in prepared.plan.warnings}


@pytest.mark.parametrize(
    ("values", "task"),
    [
        ([True, False, True], "binary"),
        (["a", "b", "a", None], "binary"),
        ([0.0, 1.0, 1.0], "binary"),
        ([1, 2, 2, 1], "binary"),
        ([1, 2, 3, 2, 1], "multiclass"),
        (["cat", "dog", "emu"], "multiclass"),
        (list(range(11)), "regression"),
        ([0.5, 1.5, 2.25, 3.0], "regression"),
        ([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120], "regression"),
    ],
)
def test_detect_task(values, task):
    assert detect_task(pd.Series(values)) == task


@pytest.mark.parametrize(
    ("values", "requested", "message"),
    [
        (["a", "b", "c"], "regression", "cannot be a regression target"),
        ([1.0, 2.0, 3.0], "binary", "Binary needs two classes; the target 't' has 3"),
        (["a", "b"], "multiclass", "has two classes: choose binary"),
        (["a", "a"], "auto", "is constant"),
        ([f"c{i}" for i in range(60)], "auto", "60 classes; the limit is 50"),
        ([float(i) for i in range(60)], "multiclass", "Is it a regression target"),
    ],
)
def test_task_override_is_checked(values, requested, message):
    with pytest.raises(DatasetError, match=message):
        resolve_task(pd.Series(values), requested, "t")


def test_unknown_task_name():
    with pytest.raises(ValueError, match="Unknown task 'clustering'"):
        resolve_task(pd.Series([1, 2]), "clustering", "t")


def test_task_override_applies():
    frame = _frame()
    frame["y"] = np.arange(N) % 3  # whole numbers, three values: detected multiclass
    assert prepare(frame, "y").plan.task == "multiclass"
    assert prepare(frame, "y", task="regression").plan.task == "regression"


def test_binary_positive_class_is_the_rarer_one():
    frame = _frame()
    frame["y"] = np.where(np.arange(N) < 30, "churned", "stayed")
    prepared = prepare(frame, "y")
    assert prepared.plan.classes == ["stayed", "churned"]
    assert prepared.plan.positive_class == "churned"
    assert prepared.y[:30].tolist() == [1] * 30
    assert prepared.y[30:].sum() == 0


@pytest.mark.parametrize(
    ("extra", "column", "reason"),
    [
        ({"const": [7] * N}, "const", "constant: every value is 7"),
        ({"const_text": ["A"] * N}, "const_text", "constant"),
        ({"empty": [np.nan] * N}, "empty", "all values missing"),
        ({"empty_text": [None] * N}, "empty_text", "all values missing"),
        ({"row_id": np.arange(N)}, "row_id", "ID-like"),
        ({"counter": np.arange(1000, 1000 + N)}, "counter", "ID-like"),
        ({"customerID": [f"{i:04d}-AB" for i in range(N)]}, "customerID", "ID-like"),
        ({"token": [f"k{i * 7919 % 100003}" for i in range(N)]}, "token", "ID-like"),
        (
            {"comment": [f"the parcel number {i} arrived late again" for i in range(N)]},
            "comment",
            "free text",
        ),
        ({"inf_only": [np.inf] * N}, "inf_only", "all values missing or infinite"),
    ],
)
def test_columns_dropped_with_reason(extra, column, reason):
    prepared = prepare(_frame(**extra), "y")
    assert column in _dropped(prepared)
    assert reason in _dropped(prepared)[column]
    assert column not in prepared.X.columns
    assert {"x", "colour"} <= set(prepared.X.columns)


def test_float_measurements_unique_per_row_are_kept():
    prepared = prepare(_frame(weight=np.linspace(50.5, 99.7, N)[::-1] * 1.01), "y")
    assert "weight" not in _dropped(prepared)  # unique floats are measurements, not IDs


@pytest.mark.parametrize(
    ("dates", "parts"),
    [
        (pd.date_range("2020-01-01", periods=N, freq="5D"), {"year", "month", "dayofweek"}),
        ([f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in range(N)], {"month", "dayofweek"}),
        ([f"{1 + i % 28:02d}/{1 + i % 12:02d}/2019" for i in range(N)], {"month", "dayofweek"}),
        ([f"2022-03-{1 + i % 28:02d}T10:00:00Z" for i in range(N)], {"dayofweek"}),
    ],
)
def test_dates_become_parts(dates, parts):
    prepared = prepare(_frame(when=dates), "y")
    made = {c.removeprefix("when_") for c in prepared.X.columns if c.startswith("when_")}
    assert made == parts
    assert "when" not in _dropped(prepared)  # kept, as parts: not counted as dropped
    assert {
        r.get("from") for r in prepared.plan.treatment() if r["column"].startswith("when_")
    } == {"when"}
    assert prepared.X[[f"when_{p}" for p in parts]].dtypes.eq("float64").all()


@pytest.mark.parametrize(
    ("dates", "months"),
    [
        # US dates, and one cell that only reads day-first: the column's majority decides.
        ([f"{1 + i % 12:02d}/{13 + i % 15}/2024" for i in range(N - 1)] + ["14/01/2024"], 12),
        # Dotted dates are day-first even when no day is above 12.
        ([f"{1 + i % 12:02d}.{1 + i % 2:02d}.2024" for i in range(N)], 2),
        # Nothing settles the order: the comparison reads month/day, as before.
        ([f"{1 + i % 12:02d}/{1 + i % 2:02d}/2024" for i in range(N)], 12),
    ],
)
def test_day_month_order_comes_from_the_whole_column(dates, months):
    prepared = prepare(_frame(when=dates), "y")
    assert prepared.X["when_month"].nunique() == months


def test_date_with_one_day_is_dropped():
    prepared = prepare(_frame(day=["2024-05-01"] * N), "y")
    assert "date with no varying" in _dropped(prepared)["day"]


def test_mixed_types():
    mostly_numbers = [str(i) for i in range(N - 3)] + ["n/a?", "none", "ten"]
    half_and_half = [str(i) if i % 2 else f"lvl{i % 6}" for i in range(N)]
    prepared = prepare(_frame(amount=mostly_numbers, code=half_and_half), "y")
    warnings = _warned(prepared)
    assert "amount" in prepared.plan.numeric
    assert "3 non-numbers treated as missing" in warnings["amount"]
    assert prepared.X["amount"].isna().sum() == 3
    assert "code" in prepared.plan.categorical
    assert "treated as categories" in warnings["code"]


def test_numbers_stored_as_text_are_numbers():
    prepared = prepare(_frame(total=[f"{i}.5" for i in range(N)][::-1]), "y")
    assert "total" in prepared.plan.numeric
    assert any("numbers stored as text" in n for n in prepared.plan.notes)


def test_infinite_values_become_missing_with_a_warning():
    values = np.linspace(0, 1, N)
    values[[3, 9]] = [np.inf, -np.inf]
    prepared = prepare(_frame(ratio=values), "y")
    assert "2 infinite values treated as missing" in _warned(prepared)["ratio"]
    assert prepared.X["ratio"].isna().sum() == 2


def test_mixed_python_objects_and_booleans():
    objects = pd.Series([1, "a", 2.5, None] * (N // 4), dtype=object)
    prepared = prepare(_frame(obj=objects, flag=[True, False] * (N // 2)), "y")
    assert "obj" in prepared.plan.categorical
    assert "flag" in prepared.plan.numeric
    assert str(prepared.X["obj"].dtype) == "category"


def test_leaking_feature_is_dropped_classification():
    frame = _frame()
    frame["status_code"] = np.where(frame["y"] == "yes", "S1", "S0")
    prepared = prepare(frame, "y")
    assert "target leak suspect" in _dropped(prepared)["status_code"]
    assert "x" in prepared.X.columns


def test_leaking_feature_is_dropped_regression():
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"a": rng.normal(size=300), "b": rng.normal(size=300)})
    frame["price"] = frame["a"] * 3 + rng.normal(size=300)
    frame["price_in_cents"] = frame["price"] * 100
    frame["price_bucket"] = pd.cut(frame["price"], 20, labels=False).astype(str) + "k"
    prepared = prepare(frame, "price")
    assert set(_dropped(prepared)) == {"price_in_cents", "price_bucket"}
    assert find_leaks(prepared.X, prepared.y, "regression", 0) == {}


def test_target_rows_missing_are_dropped_and_counted():
    frame = _frame()
    frame.loc[[0, 5, 7], "y"] = None
    prepared = prepare(frame, "y")
    assert prepared.plan.dropped_target_rows == 3
    assert len(prepared.X) == len(prepared.y) == N - 3
    assert "Dropped 3 rows whose target is missing." in prepared.plan.notes


def test_regression_target_inf_counts_as_missing():
    frame = _frame()
    frame["y"] = np.linspace(0, 10, N)
    frame.loc[2, "y"] = np.inf
    prepared = prepare(frame, "y")
    assert prepared.plan.task == "regression"
    assert prepared.plan.dropped_target_rows == 1


@pytest.mark.parametrize(
    ("frame", "target", "message"),
    [
        (pd.DataFrame(), "y", "empty"),
        (pd.DataFrame({"y": [1, 2]}), "y", "only one column"),
        (_frame(), "price", "'price' is not in the data"),
        (_frame().assign(y=np.nan), "y", "every row is missing"),
        (_frame().assign(y="same"), "y", "is constant"),
        (_frame().assign(y=["a"] * (N - 3) + ["b"] * 3), "y", r"'b' \(3 rows\)"),
        (
            _frame().drop(columns=["x", "colour"]).assign(id=np.arange(N)),
            "y",
            "No usable feature columns: id",
        ),
    ],
)
def test_bad_frames(frame, target, message):
    with pytest.raises(DatasetError, match=message):
        prepare(frame, target, folds=5)


def test_check_frame_caps(monkeypatch):
    from realitycheck.compare import columns

    monkeypatch.setattr(columns, "MAX_ROWS", 10)
    with pytest.raises(DatasetError, match="over the limit of 10"):
        check_frame(_frame(), "y")


def test_duplicated_index_and_durations():
    frame = _frame(wait=pd.to_timedelta(np.arange(N) % 17, unit="h"))
    frame.index = [7] * N  # an index with one repeated label must not misalign the features
    prepared = prepare(frame, "y")
    assert prepared.X.index.equals(pd.RangeIndex(N))
    assert prepared.X["x"].tolist() == frame["x"].tolist()
    assert prepared.X["wait"].max() == 16 * 3600.0
    assert any("seconds" in note for note in prepared.plan.notes)


def test_unordered_unique_integers_are_an_id():
    n = 600
    rng = np.random.default_rng(1)
    frame = pd.DataFrame(
        {
            "phone number": rng.choice(np.arange(3_000_000, 9_999_999), n, replace=False),
            "amount": rng.integers(250, 4000, n),  # a measurement: whole numbers that repeat
            "x": rng.normal(size=n),
        }
    )
    frame["y"] = np.where(frame["x"] + rng.normal(size=n) > 0, "yes", "no")
    prepared = prepare(frame, "y")
    assert _dropped(prepared)["phone number"] == (
        "ID-like: 600 distinct whole numbers in 600 rows, not in order (like an account or "
        "phone number)"
    )
    assert {"amount", "x"} == set(prepared.X.columns)


def test_unique_integers_in_few_rows_are_kept_with_a_warning():
    rng = np.random.default_rng(2)
    prepared = prepare(_frame(amount=rng.choice(np.arange(100, 100_000), N, replace=False)), "y")
    assert "amount" in prepared.X.columns
    assert _warned(prepared)["amount"].startswith("Kept, but it looks like an ID: 120 distinct")


def _coded(n: int = 900, seed: int = 0) -> pd.DataFrame:
    """A binary target driven by a category stored as codes 0-7 whose effects are not in order."""
    rng = np.random.default_rng(seed)
    job = rng.integers(0, 8, n)
    effect = np.array([1.5, -1.5, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5])[job]
    x = rng.normal(size=n)
    y = np.where(rng.random(n) < 1 / (1 + np.exp(-(effect + x))), "yes", "no")
    return pd.DataFrame({"job": job, "rooms": rng.integers(1, 6, n), "x": x, "y": y})


def test_integer_codes_are_flagged_and_can_be_marked_as_categories():
    prepared = prepare(_coded(), "y")
    warned = _warned(prepared)
    assert warned["job"].startswith("8 whole-number values (0 to 7) that the target does not")
    assert "mark the column as a category" in warned["job"]
    assert "rooms" not in warned  # few whole numbers, but no sign of being codes
    assert prepared.plan.treatment()[:2] == [
        {"column": "job", "as": "number"},
        {"column": "rooms", "as": "number"},
    ]
    marked = prepare(_coded(), "y", categorical=["job"])
    assert {"column": "job", "as": "category"} in marked.plan.treatment()
    assert marked.X["job"].dtype == "category"
    assert "job" not in _warned(marked)
    assert "Column 'job' is treated as categories, as asked." in marked.plan.notes


@pytest.mark.parametrize(
    ("categorical", "message"),
    [(["nope"], "'nope' marked as a category is not in the data"), (["y"], "is the target")],
)
def test_marked_categories_are_checked(categorical, message):
    with pytest.raises(DatasetError, match=message):
        prepare(_frame(), "y", categorical=categorical)


def test_date_parts_say_where_they_come_from():
    prepared = prepare(_frame(d=pd.date_range("2020-01-01", periods=N, freq="5D")), "y")
    assert {"column": "d_month", "as": "number", "from": "d"} in prepared.plan.treatment()
    assert "d_month" not in _warned(prepared)


def test_lack_of_fit_matches_nested_least_squares():
    from scipy import stats as sps

    from realitycheck.compare.codes import lack_of_fit_p

    rng = np.random.default_rng(4)
    x = rng.integers(0, 5, 300).astype(float)
    y = 0.3 * x + np.array([0.0, 0.4, -0.2, 0.3, 0.0])[x.astype(int)] + rng.normal(size=300)
    line = np.column_stack([np.ones_like(x), x])
    levels = (x[:, None] == np.unique(x)).astype(float)
    rss_line = np.sum((y - line @ np.linalg.lstsq(line, y, rcond=None)[0]) ** 2)
    rss_levels = np.sum((y - levels @ np.linalg.lstsq(levels, y, rcond=None)[0]) ** 2)
    f = ((rss_line - rss_levels) / 3) / (rss_levels / (300 - 5))
    assert lack_of_fit_p(x, y) == pytest.approx(sps.f.sf(f, 3, 295), rel=1e-9)


def test_repeated_column_names_are_renamed_with_a_warning():
    frame = _frame(z=np.arange(N) % 7 * 1.5).set_axis(["x", "x", "y", "x"], axis=1)
    prepared = prepare(frame, "y")
    assert list(prepared.X.columns) == ["x", "x (2)", "x (3)"]
    assert _warned(prepared) == {
        "x (2)": "More than one column is named 'x': this one is renamed.",
        "x (3)": "More than one column is named 'x': this one is renamed.",
    }
    assert list(frame.columns) == ["x", "x", "y", "x"]  # the caller's frame is untouched
