"""Datasets for the comparison: the bundled registry, and uploaded tables read into frames."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from realitycheck import uploads

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "datasets"

MAX_ROWS = 2_000_000  # refused above this; the comparison itself samples far earlier
MAX_COLUMNS = 500
EXTRA_MISSING = ("?",)  # UCI files (adult) code missing values as "?"

_ACCEPTS = "a CSV or Parquet file"


class DatasetError(ValueError):
    """Bad input data; the message is written for the user (one line, no traceback)."""


@dataclass(frozen=True)
class BundledDataset:
    """One bundled dataset: where it comes from, what to predict and what to expect."""

    name: str
    title: str
    target: str
    task: str
    source: str
    licence: str
    citation: str
    expect: str
    file: str | None = None  # a CSV in data/datasets/, or None for scikit-learn's bundled sets


@dataclass(frozen=True)
class TableFormat:
    """How an uploaded file was read: its kind, text encoding and delimiter."""

    kind: str
    encoding: str | None = None
    sep: str | None = None
    skip: int = 0  # lines before the header (blank lines, an Excel `sep=;` line)
    names: tuple[str, ...] | None = None  # the header made unique, when a name repeats
    renamed: tuple[tuple[str, str], ...] = ()  # (new name, repeated name) per renamed column


def _breast_cancer() -> pd.DataFrame:
    from sklearn.datasets import load_breast_cancer

    bunch = load_breast_cancer(as_frame=True)
    frame = bunch.frame.drop(columns="target")
    frame["diagnosis"] = np.asarray(bunch.target_names)[bunch.target.to_numpy()]
    return frame


def _diabetes() -> pd.DataFrame:
    from sklearn.datasets import load_diabetes

    frame = load_diabetes(as_frame=True, scaled=False).frame
    return frame.rename(columns={"target": "progression"})


_SKLEARN_LOADERS: dict[str, Callable[[], pd.DataFrame]] = {
    "breast_cancer": _breast_cancer,
    "diabetes": _diabetes,
}

BUNDLED: dict[str, BundledDataset] = {
    d.name: d
    for d in (
        BundledDataset(
            name="breast_cancer",
            title="Breast cancer diagnosis (Wisconsin)",
            target="diagnosis",
            task="binary",
            source="scikit-learn's bundled copy of the UCI Breast Cancer Wisconsin (Diagnostic) set",
            licence="CC BY 4.0 (UCI)",
            citation="Street, Wolberg & Mangasarian (1993), via scikit-learn",
            expect="Baseline is enough: both reach ROC AUC 0.995; boosting adds nothing.",
        ),
        BundledDataset(
            name="diabetes",
            title="Diabetes progression after one year",
            target="progression",
            task="regression",
            source="scikit-learn's bundled copy of the Efron et al. diabetes data (unscaled)",
            licence="BSD-3-Clause (scikit-learn)",
            citation="Efron, Hastie, Johnstone & Tibshirani (2004), Least Angle Regression",
            expect="Baseline is enough: ridge's RMSE is about 3 lower than boosting's on 442 rows.",
        ),
        BundledDataset(
            name="adult",
            title="Census income above $50K (UCI Adult, 10,000-row sample)",
            target="Y",
            task="binary",
            source="UCI Adult via YuzhongHuangCS/fairness (adult.data), seeded 10,000-row sample",
            licence="CC BY 4.0 (UCI)",
            citation="Kohavi (1996), Scaling up the accuracy of naive-Bayes classifiers",
            expect="Boosted wins: about +0.016 ROC AUC (0.906 to 0.922); interactions pay off.",
            file="adult.csv",
        ),
        BundledDataset(
            name="california_housing",
            title="California median house value (1990 census blocks)",
            target="median_house_value",
            task="regression",
            source="StatLib via ageron/handson-ml2 (datasets/housing/housing.csv)",
            licence="Apache-2.0 (repository)",
            citation="Pace & Barry (1997), Sparse spatial autoregressions",
            expect="Boosted wins by far: RMSE about 23,000 lower; location effects are not linear.",
            file="california_housing.csv",
        ),
        BundledDataset(
            name="telco_churn",
            title="Telecom customer churn (IBM sample)",
            target="Churn",
            task="binary",
            source="IBM/telco-customer-churn-on-icp4d (data/Telco-Customer-Churn.csv)",
            licence="Apache-2.0 (repository)",
            citation="IBM Watson Analytics sample data",
            expect="Baseline is enough: ROC AUC 0.845 vs 0.848; churn is close to additive.",
            file="telco_customer_churn.csv",
        ),
        BundledDataset(
            name="german_credit",
            title="German credit risk (Statlog)",
            target="default",
            task="binary",
            source="UCI Statlog German credit via stedy/Machine-Learning-with-R-datasets",
            licence="Public domain (repository README)",
            citation="Hofmann (1994), Statlog (German Credit Data), UCI",
            expect="Inconclusive: the baseline scores higher (0.787 vs 0.779), but 1,000 rows "
            "leave a wide interval.",
            file="german_credit.csv",
        ),
        BundledDataset(
            name="penguins",
            title="Palmer penguins species (multiclass)",
            target="species",
            task="multiclass",
            source="Palmer penguins via mwaskom/seaborn-data (penguins.csv)",
            licence="CC0",
            citation="Horst, Hill & Gorman (2020), palmerpenguins",
            expect="Baseline is enough: both separate the three species almost perfectly.",
            file="penguins.csv",
        ),
    )
}


def load_bundled(name: str) -> pd.DataFrame:
    """Load a bundled dataset by name as a cleaned DataFrame."""
    info = _bundled_info(name)
    if info.file is None:
        return _SKLEARN_LOADERS[name]()
    path = DATA_DIR / info.file
    return read_table(path.read_bytes(), path.name)


def bundled_fingerprint(name: str) -> str:
    """Content fingerprint of a bundled dataset: its file bytes, or a canonical CSV."""
    info = _bundled_info(name)
    if info.file is None:
        return fingerprint_frame(load_bundled(name))
    return fingerprint_bytes((DATA_DIR / info.file).read_bytes())


def load_source(
    source: str, sep: str | None = None, encoding: str | None = None
) -> tuple[pd.DataFrame, str, str]:
    """(table, name, fingerprint) of a bundled dataset's name or a CSV/Parquet file's path."""
    path = Path(source)
    if source in BUNDLED and not path.exists():
        return load_bundled(source), source, bundled_fingerprint(source)
    if not path.is_file():
        raise DatasetError(f"No such file: {source!r} (bundled datasets: {', '.join(BUNDLED)}).")
    uploads.check_size(path.stat().st_size, path.name, "Sample it first.")
    data = path.read_bytes()
    frame = read_table(data, path.name, sep=sep, encoding=encoding)
    return frame, path.name, fingerprint_bytes(data)


def _bundled_info(name: str) -> BundledDataset:
    try:
        return BUNDLED[name]
    except KeyError:
        known = ", ".join(BUNDLED)
        raise DatasetError(f"Unknown bundled dataset {name!r}; choose one of: {known}.") from None


def fingerprint_bytes(data: bytes) -> str:
    """SHA-256 of the raw bytes, as hex."""
    return hashlib.sha256(data).hexdigest()


def fingerprint_frame(frame: pd.DataFrame) -> str:
    """SHA-256 of a canonical CSV serialization of a DataFrame, as hex."""
    return fingerprint_bytes(frame.to_csv(index=False, lineterminator="\n").encode("utf-8"))


def read_table(
    data: bytes, filename: str, sep: str | None = None, encoding: str | None = None
) -> pd.DataFrame:
    """Parse uploaded CSV (any delimiter and common encodings) or Parquet bytes into a DataFrame."""
    fmt, decoded = _inspect(data, filename, sep, encoding)
    if decoded is None:
        frame = _read_parquet(data, filename)
    else:
        frame = _read_csv(decoded.text, fmt, filename)
    return _clean(frame, filename)


def detect_format(
    data: bytes, filename: str = "file", sep: str | None = None, encoding: str | None = None
) -> TableFormat:
    """Detect Parquet vs CSV, and for CSV the encoding and delimiter (unless given)."""
    return _inspect(data, filename, sep, encoding)[0]


def _inspect(
    data: bytes, filename: str, sep: str | None, encoding: str | None
) -> tuple[TableFormat, uploads.Decoded | None]:
    """The format, and the decoded text of a CSV; size, kind and header checked before parsing."""
    with uploads.reraise_as(DatasetError):
        if uploads.check_bytes(data, filename, _ACCEPTS, parquet=True) == "parquet":
            return TableFormat("parquet"), None
        if filename.lower().endswith(".parquet"):
            raise DatasetError(f"'{filename}' is named .parquet but is not a Parquet file.")
        decoded = uploads.read_text(data, filename, _ACCEPTS, encoding)
        body, skip, named = uploads.split_preamble(decoded.text[: uploads.SNIFF_CHARS])
        sep = sep or named or uploads.sniff_delimiter(body)
        if sep is None:
            raise DatasetError(
                f"Only one column found in '{filename}'. A comparison needs a target and at "
                "least one feature; if the file uses another delimiter, choose it."
            )
        header = (uploads.header_records(body, sep, limit=1) or [[]])[0]
        uploads.check_columns(header, MAX_COLUMNS, filename)
        names, renamed = uploads.unique_names(header)
    pairs = tuple((r["column"], r["was"]) for r in renamed)
    return TableFormat(
        "csv", decoded.encoding, sep, skip, tuple(names) if pairs else None, pairs
    ), decoded


def _read_parquet(data: bytes, filename: str) -> pd.DataFrame:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise DatasetError("Reading Parquet needs the pyarrow package; upload CSV.") from None
    try:
        table = pq.ParquetFile(io.BytesIO(data)).read()  # read_table refuses repeated names
    except Exception as exc:  # pyarrow raises many types for corrupt files
        raise DatasetError(f"'{filename}' is not a readable Parquet file ({exc}).") from None
    names, renamed = uploads.unique_names(table.column_names)
    frame = table.rename_columns(names).to_pandas()
    frame.attrs[uploads.RENAMED] = renamed
    return frame


def _read_csv(text: str, fmt: TableFormat, filename: str) -> pd.DataFrame:
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=fmt.sep,
            skiprows=fmt.skip,
            header=0,
            names=list(fmt.names) if fmt.names else None,
            nrows=MAX_ROWS + 1,  # enough to tell that a file is over the cap
            skipinitialspace=True,
            na_values=list(EXTRA_MISSING),
            low_memory=False,
        )
    except pd.errors.EmptyDataError:
        raise DatasetError(f"'{filename}' has no columns.") from None
    except (pd.errors.ParserError, ValueError) as exc:
        detail = str(exc).strip().splitlines()[-1]
        raise DatasetError(
            f"'{filename}' could not be read with delimiter {fmt.sep!r}: {detail}"
        ) from None
    frame.attrs[uploads.RENAMED] = [{"column": new, "was": was} for new, was in fmt.renamed]
    return frame


def _clean(frame: pd.DataFrame, filename: str) -> pd.DataFrame:
    """Strip whitespace in headers and text cells, map blanks to missing, apply the caps."""
    names, renamed = uploads.unique_names(frame.columns)
    frame.columns = names
    frame.attrs[uploads.RENAMED] = frame.attrs.get(uploads.RENAMED, []) + renamed
    if frame.shape[1] < 2:
        raise DatasetError(
            f"'{filename}' has only one column: a comparison needs a target and a feature."
        )
    if frame.shape[1] > MAX_COLUMNS:
        raise DatasetError(
            f"'{filename}' has {frame.shape[1]:,} columns; the limit is {MAX_COLUMNS:,}."
        )
    if len(frame) == 0:
        raise DatasetError(f"'{filename}' has a header but no data rows.")
    if len(frame) > MAX_ROWS:
        raise DatasetError(
            f"'{filename}' has more than {MAX_ROWS:,} rows; the limit is {MAX_ROWS:,}. "
            "Sample it first."
        )
    for col in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[col]) and _is_text(frame[col]):
            frame[col] = _strip_cells(frame[col])
    return frame


def _is_text(series: pd.Series) -> bool:
    return pd.api.types.is_string_dtype(series) or series.dtype == object


def _strip_cells(series: pd.Series) -> pd.Series:
    if series.dtype == object:  # mixed Python objects (Parquet): strip the strings only
        stripped = series.map(lambda v: v.strip() if isinstance(v, str) else v, na_action="ignore")
    else:
        stripped = series.str.strip()
    blank = stripped.isin(["", *EXTRA_MISSING])
    return stripped.mask(blank) if blank.any() else stripped
