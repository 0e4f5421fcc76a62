"""Column handling for the comparison: the target's task, and what each feature becomes or why not."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from realitycheck.compare.codes import find_codes
from realitycheck.compare.datasets import MAX_COLUMNS, MAX_ROWS, DatasetError
from realitycheck.compare.target import (
    detect_task,
    encode_target,
    find_leaks,
    resolve_task,
    sample_rows,
    target_values,
)
from realitycheck.dates import parse_dates
from realitycheck.uploads import RENAMED, unique_names

__all__ = ["ColumnPlan", "Prepared", "check_frame", "detect_task", "features_only", "prepare"]

NUMERIC_PARSE_SHARE = 0.95  # a text column whose values parse as numbers this often is numeric
MIXED_PARSE_SHARE = 0.05  # ... and between these two shares it is "mixed": kept as categories
DATE_PARSE_SHARE = 0.95
ID_UNIQUE_SHARE = 0.9
# Whole numbers this distinct, in no order, are an ID (an account or phone number) from this many
# rows on; below it a measurement in whole numbers can be all distinct too, so it is kept, warned.
INTEGER_ID_SHARE = 0.99
INTEGER_ID_ROWS = 200
FREE_TEXT_WORDS = 3.0
PROFILE_SAMPLE = 2000

_ID_NAMES = {"id", "index", "uuid", "guid", "key", "unnamed: 0", "row", "rowid"}
_ISO_DATE = re.compile(
    r"^\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$"
)


@dataclass
class ColumnPlan:
    """What the comparison does with each column, ready to report to the user."""

    task: str
    target: str | None
    classes: list[str]
    positive_class: str | None
    numeric: list[str] = field(default_factory=list)
    categorical: list[str] = field(default_factory=list)
    dropped: list[dict] = field(default_factory=list)  # {"column", "reason"}
    warnings: list[dict] = field(default_factory=list)  # {"column", "message"}
    notes: list[str] = field(default_factory=list)
    dropped_target_rows: int = 0
    marked: frozenset[str] = frozenset()  # columns the user said are categories
    derived: dict[str, str] = field(default_factory=dict)  # date part -> its date column

    @property
    def used(self) -> list[str]:
        """Feature columns the models see: numeric ones, then categorical ones."""
        return self.numeric + self.categorical

    def treatment(self) -> list[dict]:
        """Each used column and how the models see it: as a number or as categories."""
        rows = [{"column": c, "as": "number"} for c in self.numeric]
        rows += [{"column": c, "as": "category"} for c in self.categorical]
        for row in rows:
            if row["column"] in self.derived:
                row["from"] = self.derived[row["column"]]
        return rows

    def drop(self, column: str, reason: str) -> None:
        """Record a dropped column and why."""
        self.dropped.append({"column": column, "reason": reason})

    def warn(self, column: str | None, message: str) -> None:
        """Record a warning about a column (or about the run, when column is None)."""
        self.warnings.append({"column": column, "message": message})


@dataclass
class Prepared:
    """The plan plus the model-ready features (float and category columns) and encoded target."""

    plan: ColumnPlan
    X: pd.DataFrame
    y: np.ndarray


def check_frame(frame: pd.DataFrame, target: str) -> None:
    """Refuse frames that cannot be compared at all, with a message for the user."""
    if frame.shape[0] == 0 or frame.shape[1] == 0:
        raise DatasetError("The data is empty.")
    if frame.shape[1] < 2:
        raise DatasetError(
            "The data has only one column: a comparison needs a target and a feature."
        )
    if target not in frame.columns:
        raise DatasetError(f"The target column {target!r} is not in the data.")
    if frame.shape[1] > MAX_COLUMNS + 1:
        raise DatasetError(f"{frame.shape[1]:,} columns is over the limit of {MAX_COLUMNS:,}.")
    if len(frame) > MAX_ROWS:
        raise DatasetError(f"{len(frame):,} rows is over the limit of {MAX_ROWS:,}; sample first.")


def prepare(
    frame: pd.DataFrame,
    target: str,
    task: str = "auto",
    folds: int = 5,
    seed: int = 0,
    max_rows: int | None = None,
    categorical: Sequence[str] = (),
) -> Prepared:
    """Check the frame, resolve the task, encode the target and turn features into model inputs.

    With max_rows, a seeded (stratified) sample of the rows is taken before the features are
    profiled and converted, so a large frame is never copied whole. Columns named in
    categorical are treated as categories whatever their values look like.
    """
    frame, renamed = _unique_columns(frame)
    check_frame(frame, target)
    marked = _check_marked(frame, target, categorical)
    plan, y, kept = _target(frame, target, task, folds)
    plan.marked = marked
    for r in renamed:
        plan.warn(r["column"], f"More than one column is named {r['was']!r}: this one is renamed.")
    sample = sample_rows(y, plan.task, max_rows or len(y), seed)
    if len(sample) < len(y):
        plan.notes.append(_sample_note(len(sample), len(y), plan.task, seed))
        kept, y = kept[sample], y[sample]
        _check_sampled_classes(plan, y, folds)
    rows = frame if len(kept) == len(frame) else frame.iloc[kept]
    X = _features(plan, rows, frame.columns)
    leaks = find_leaks(X, y, plan.task, seed)
    for col, reason in leaks.items():
        plan.drop(col, reason)
        plan.numeric = [c for c in plan.numeric if c != col]
        plan.categorical = [c for c in plan.categorical if c != col]
    if not plan.used:
        raise DatasetError("No usable feature columns: " + _dropped_summary(plan) + ".")
    plain = [c for c in plan.numeric if c not in plan.derived and c not in leaks]
    for col, reason in find_codes(X, y, plan.task, plain, seed).items():
        plan.warn(col, reason)
    return Prepared(plan, X.drop(columns=list(leaks)) if leaks else X, y)


def _unique_columns(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[dict]]:
    """The frame with unique column names ('a', 'a (2)'), and every rename, made here or on reading."""
    earlier = list(frame.attrs.get(RENAMED, []))
    names, renamed = unique_names(frame.columns)
    if renamed:  # otherwise the caller's labels stay exactly as they are
        frame = frame.set_axis(names, axis=1)
    return frame, earlier + renamed


def _check_marked(frame: pd.DataFrame, target: str, categorical: Sequence[str]) -> frozenset:
    """The columns the user marked as categories, each checked to be a feature of the frame."""
    names = {str(c) for c in frame.columns}
    for col in categorical:
        if col == target:
            raise DatasetError(f"{col!r} is the target; it cannot also be a category feature.")
        if col not in names:
            raise DatasetError(f"The column {col!r} marked as a category is not in the data.")
    return frozenset(categorical)


def features_only(frame: pd.DataFrame) -> tuple[ColumnPlan, pd.DataFrame]:
    """Every column as a model input, or dropped with its reason: no target, no leak check.

    For comparing samples rather than predicting: the plan's task and target are left empty.
    """
    plan = ColumnPlan(task="", target=None, classes=[], positive_class=None)
    return plan, _features(plan, frame, frame.columns)


def _target(
    frame: pd.DataFrame, target: str, task: str, folds: int
) -> tuple[ColumnPlan, np.ndarray, np.ndarray]:
    """A plan with the resolved task and classes, the encoded target and the kept row positions."""
    y_raw, missing = target_values(frame[target])
    if not (~missing).any():
        raise DatasetError(f"The target {target!r} has no values: every row is missing.")
    kept = np.flatnonzero(~missing)
    y_raw = y_raw.iloc[kept]
    resolved = resolve_task(y_raw, task, target)
    y, classes, positive = encode_target(y_raw, resolved, folds, target)
    plan = ColumnPlan(resolved, target, classes, positive, dropped_target_rows=int(missing.sum()))
    if missing.any():
        plan.notes.append(f"Dropped {int(missing.sum()):,} rows whose target is missing.")
    return plan, y, kept


def _features(plan: ColumnPlan, rows: pd.DataFrame, columns: pd.Index) -> pd.DataFrame:
    """Model-ready features of the kept rows, recording each column's fate in the plan."""
    parts: dict[str, np.ndarray | pd.Categorical] = {}
    taken = set(map(str, columns))
    for col in columns:
        if col != plan.target:
            _handle_column(plan, str(col), rows[col], parts, taken)
    # No copy: numeric columns that were float64 already are (read-only) views of the input,
    # so a large frame is not held twice; nothing downstream writes to X.
    return pd.DataFrame(parts, copy=False)


def _check_sampled_classes(plan: ColumnPlan, y: np.ndarray, folds: int) -> None:
    if plan.task == "regression":
        return
    counts = np.bincount(y, minlength=len(plan.classes))
    rare = [f"'{plan.classes[k]}' ({c} rows)" for k, c in enumerate(counts) if c < folds]
    if rare:
        raise DatasetError(
            f"After sampling, too few rows for {folds} folds in class {', '.join(rare)}: "
            "use fewer folds, or merge or drop the class."
        )


def _sample_note(kept: int, total: int, task: str, seed: int) -> str:
    how = "stratified by class, " if task != "regression" else ""
    return (
        f"Sampled {kept:,} of {total:,} rows ({how}seed {seed}) to keep the run short: every "
        "score, time and size refers to the sample."
    )


def _dropped_summary(plan: ColumnPlan) -> str:
    return "; ".join(f"{d['column']} ({d['reason']})" for d in plan.dropped) or "none left"


def _handle_column(plan: ColumnPlan, name: str, s: pd.Series, parts: dict, taken: set[str]) -> None:
    """Classify one feature column and add its model-ready form(s) to parts."""
    if s.isna().all():
        return plan.drop(name, "all values missing")
    if name in plan.marked:
        plan.notes.append(f"Column {name!r} is treated as categories, as asked.")
        return _add_categorical(plan, name, _as_text(s), parts)
    if pd.api.types.is_datetime64_any_dtype(s):
        return _add_date_parts(plan, name, s, parts, taken)
    if pd.api.types.is_bool_dtype(s):
        s = s.astype("float64")
    if pd.api.types.is_timedelta64_dtype(s):
        s = s.dt.total_seconds()
        plan.notes.append(f"Duration column {name!r} is used as a number of seconds.")
    if pd.api.types.is_numeric_dtype(s):
        return _add_numeric(plan, name, s, parts)
    text = _as_text(s)
    numbers, failed = _parse_numbers(text)
    if numbers is not None:
        if failed:
            plan.warn(name, f"Mixes numbers and text: {failed:,} non-numbers treated as missing.")
        else:
            plan.notes.append(f"Column {name!r} holds numbers stored as text: used as numbers.")
        return _add_numeric(plan, name, numbers, parts)
    dates = _as_dates(text)
    if dates is not None:
        return _add_date_parts(plan, name, dates, parts, taken)
    _add_categorical(plan, name, text, parts)


def _add_numeric(plan: ColumnPlan, name: str, s: pd.Series, parts: dict) -> None:
    values = s.to_numpy(dtype="float64", na_value=np.nan)  # a view when already float64
    infinite = np.isinf(values)
    if infinite.any():
        values = np.where(infinite, np.nan, values)  # a copy: the caller's frame is untouched
        plan.warn(name, f"{int(infinite.sum()):,} infinite values treated as missing.")
    missing = np.isnan(values)
    if missing.all():
        return plan.drop(name, "all values missing or infinite")
    low, high = np.nanmin(values), np.nanmax(values)
    if low == high:
        return plan.drop(name, f"constant: every value is {low:g}")
    reason = _integer_id(name, values[~missing] if missing.any() else values, len(values))
    if reason and not reason.startswith("Kept"):
        return plan.drop(name, reason)
    if reason:
        plan.warn(name, reason)
    parts[name] = values
    plan.numeric.append(name)


def _add_categorical(plan: ColumnPlan, name: str, text: pd.Series, parts: dict) -> None:
    present = text.dropna()
    n_unique = present.nunique()
    if n_unique <= 1:
        return plan.drop(name, f"constant: every value is {present.iloc[0]!r}")
    unique_share = n_unique / len(present)
    sample = present.iloc[:PROFILE_SAMPLE]
    if unique_share >= 0.5 and sample.str.split().str.len().mean() >= FREE_TEXT_WORDS:
        return plan.drop(name, "free text: Reality Check does not model text")
    if len(present) >= 20 and (
        unique_share >= ID_UNIQUE_SHARE or (_id_name(name) and unique_share >= 0.5)
    ):
        return plan.drop(name, f"ID-like: {n_unique:,} distinct values in {len(present):,} rows")
    share = pd.to_numeric(sample, errors="coerce").notna().mean()
    if share >= MIXED_PARSE_SHARE and name not in plan.marked:
        plan.warn(name, f"Mixes numbers and text ({share:.0%} numbers): treated as categories.")
    parts[name] = text.astype("category").array  # arrays, not Series: no index alignment
    plan.categorical.append(name)


def _add_date_parts(
    plan: ColumnPlan, name: str, dates: pd.Series, parts: dict, taken: set[str]
) -> None:
    made = []
    for part, values in (
        ("year", dates.dt.year),
        ("month", dates.dt.month),
        ("dayofweek", dates.dt.day_of_week),
    ):
        key = f"{name}_{part}"
        values = values.to_numpy(dtype="float64", na_value=np.nan)
        if key in taken or np.nanmin(values) == np.nanmax(values):
            continue
        parts[key] = values
        plan.numeric.append(key)
        plan.derived[key] = name
        made.append(part.replace("dayofweek", "day of week"))
    if not made:
        return plan.drop(name, "date with no varying year, month or day of week")
    plan.notes.append(f"Date column {name!r} became simple parts: {', '.join(made)}.")


def _as_text(s: pd.Series) -> pd.Series:
    """Text view of a column: str dtype, missing kept missing, other Python types stringified."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        s = s.astype(object)
    if s.dtype == object:
        s = s.map(lambda v: v if isinstance(v, str) else str(v), na_action="ignore")
    return s.astype("str")


def _parse_numbers(text: pd.Series) -> tuple[pd.Series | None, int]:
    """Numbers stored as text and how many values failed to parse; None when too few parse."""
    present = text.dropna()
    if pd.to_numeric(present.iloc[:PROFILE_SAMPLE], errors="coerce").notna().mean() < 0.5:
        return None, 0
    numbers = pd.to_numeric(text, errors="coerce")
    failed = len(present) - int(numbers.notna().sum())
    if failed > (1 - NUMERIC_PARSE_SHARE) * len(present):
        return None, 0
    return numbers, failed


def _as_dates(text: pd.Series) -> pd.Series | None:
    """Dates stored as text (ISO, or written dates such as d/m/y and m/d/y), or None."""
    sample = text.dropna().iloc[:PROFILE_SAMPLE]
    if sample.iloc[:20].str.match(r"\d").mean() < 0.5:  # cheap exit: dates start with a digit
        return None
    if sample.str.match(_ISO_DATE).mean() >= DATE_PARSE_SHARE:
        parsed = pd.to_datetime(text, errors="coerce", format="ISO8601", utc=True)
    else:
        if parse_dates(sample).dates.notna().mean() < DATE_PARSE_SHARE:
            return None
        # When nothing in the column settles the day/month order, month first (as pandas reads).
        parsed = parse_dates(text, prefer_day_first=False).dates.where(text.notna())
    ok = parsed.notna().sum() / max(text.notna().sum(), 1)
    return parsed if ok >= DATE_PARSE_SHARE else None


def _id_name(name: str) -> bool:
    lower = name.strip().lower()
    return (
        lower in _ID_NAMES or lower.endswith(("_id", "-id", " id")) or name.endswith(("ID", "Id"))
    )


def _integer_id(name: str, finite: np.ndarray, n_rows: int) -> str | None:
    """Why whole numbers look like an ID: one per row counting up, ID-named, or nearly all distinct.

    A reason starting with "Kept" is a warning: the column stays in (too few rows to be sure).
    """
    if finite.size < 20 or finite.size < 0.99 * n_rows or not np.all(np.mod(finite, 1) == 0):
        return None
    n_unique = np.unique(finite).size
    if n_unique == finite.size:
        steps = np.diff(finite)
        if _id_name(name) or bool(np.all(steps > 0) or np.all(steps < 0)):
            return "ID-like: a different whole number on every row"
    if n_unique < INTEGER_ID_SHARE * finite.size:
        return None
    counted = f"{n_unique:,} distinct whole numbers in {finite.size:,} rows"
    if finite.size < INTEGER_ID_ROWS:
        return (
            f"Kept, but it looks like an ID: {counted}. Drop it if it is an ID or a code; "
            "with this few rows a measurement can be all distinct too."
        )
    return f"ID-like: {counted}, not in order (like an account or phone number)"
