"""One table split into a training and a production sample at a cutoff of a date or ID column."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import pandas as pd

from realitycheck.compare.datasets import DatasetError

__all__ = ["DatasetError", "SplitColumn", "split_column", "split_frame"]

PARSE_SHARE = 0.95  # a text split column must parse as dates this often
DEFAULT_PRODUCTION_SHARE = 0.2  # the default cutoff leaves the last fifth as production


@dataclass(frozen=True)
class SplitColumn:
    """A column to split one table by: its kind ("date" or "number") and its parsed values."""

    name: str
    kind: str
    values: pd.Series  # datetime64 (UTC) or float64; missing where a value did not parse

    def bounds(self) -> tuple[object, object]:
        """The smallest and largest value (dates as datetime.date)."""
        present = self.values.dropna()
        return self._plain(present.min()), self._plain(present.max())

    def default_cutoff(self) -> object:
        """A cutoff that leaves about the last fifth of the rows as production."""
        present = self.values.dropna()
        if self.kind == "date":
            return self._plain(present.quantile(1 - DEFAULT_PRODUCTION_SHARE))
        value = float(present.quantile(1 - DEFAULT_PRODUCTION_SHARE))
        return float(np.ceil(value)) if np.all(np.mod(present, 1) == 0) else value

    def parse_cutoff(self, cutoff: object) -> float | pd.Timestamp:
        """The cutoff as a value comparable with the column (text, a date or a number)."""
        if self.kind == "number":
            try:
                value = float(cutoff)
            except (TypeError, ValueError):
                raise DatasetError(
                    f"The cutoff {cutoff!r} is not a number, and {self.name!r} holds numbers."
                ) from None
            if not np.isfinite(value):
                raise DatasetError("The cutoff must be a finite number.")
            return value
        stamp = pd.to_datetime(cutoff, errors="coerce", utc=True) if cutoff != "" else pd.NaT
        if pd.isna(stamp):
            raise DatasetError(
                f"The cutoff {cutoff!r} is not a date (use YYYY-MM-DD), and {self.name!r} "
                "holds dates."
            )
        return stamp

    def _plain(self, value: object) -> object:
        if self.kind == "date":
            return pd.Timestamp(value).date()
        return float(value)


def split_column(frame: pd.DataFrame, column: str) -> SplitColumn:
    """The named column parsed as dates or numbers, or a one-line refusal."""
    if column not in frame.columns:
        raise DatasetError(f"The split column {column!r} is not in the data.")
    raw = frame[column]
    if pd.api.types.is_bool_dtype(raw):
        raise DatasetError(f"The split column {column!r} holds true/false, not dates or numbers.")
    if pd.api.types.is_numeric_dtype(raw):
        values = pd.Series(raw.to_numpy(dtype="float64", na_value=np.nan), index=raw.index)
        values = values.where(np.isfinite(values))
        kind = "number"
    elif pd.api.types.is_datetime64_any_dtype(raw):
        values, kind = pd.to_datetime(raw, utc=True), "date"
    else:
        values, kind = _parse_text(raw, column), "date"
    if values.notna().sum() < 2 or values.nunique() < 2:
        raise DatasetError(f"The split column {column!r} has fewer than two distinct values.")
    return SplitColumn(column, kind, values)


def _parse_text(raw: pd.Series, column: str) -> pd.Series:
    """Dates written as text (ISO first, then any format pandas recognises)."""
    present = raw.dropna().astype(str)
    for fmt in ("ISO8601", "mixed"):
        parsed = pd.to_datetime(raw.astype("str"), errors="coerce", format=fmt, utc=True)
        if len(present) and parsed.notna().sum() >= PARSE_SHARE * len(present):
            return parsed.where(raw.notna())
    numbers = pd.to_numeric(present, errors="coerce")
    if len(present) and numbers.notna().mean() >= PARSE_SHARE:
        raise DatasetError(
            f"The split column {column!r} mixes numbers and text: clean it, or split by another."
        )
    raise DatasetError(f"The split column {column!r} holds neither dates nor numbers.")


def split_frame(
    frame: pd.DataFrame, column: str, cutoff: object
) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Rows before the cutoff (training) and at or after it (production), without the column."""
    split = split_column(frame, column)
    value = split.parse_cutoff(cutoff)
    before = (split.values < value).to_numpy()
    missing = split.values.isna().to_numpy()
    after = ~before & ~missing
    notes = []
    if missing.any():
        notes.append(
            f"{int(missing.sum()):,} rows with no {split.kind} in {column!r} were left out."
        )
    shown = _show(value, split.kind)
    if not before.any() or not after.any():
        side = "training" if not before.any() else "production"
        low, high = (_show(v, split.kind) for v in split.bounds())
        raise DatasetError(
            f"The cutoff {shown} leaves the {side} sample empty: {column!r} runs from {low} "
            f"to {high}."
        )
    rest = frame.drop(columns=[column])
    notes.append(
        f"Split by {column!r} at {shown}: {int(before.sum()):,} rows before it are training, "
        f"{int(after.sum()):,} at or after it are production."
    )
    return rest[before], rest[after], notes


def _show(value: object, kind: str) -> str:
    if kind == "date":
        stamp = pd.Timestamp(value)
        return str(stamp.date()) if stamp == stamp.normalize() else str(stamp)
    return f"{value:g}"


def cutoff_text(cutoff: object) -> str:
    """A cutoff as text for keys and JSON: dates as YYYY-MM-DD, numbers in short form."""
    if isinstance(cutoff, datetime | date):
        return cutoff.isoformat()
    if isinstance(cutoff, float | int | np.floating | np.integer):
        return f"{float(cutoff):.15g}"
    return str(cutoff)
