"""The data and settings half of the Baseline vs boosted page."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components import cached, state
from components.markdown import plain
from realitycheck.compare.datasets import BUNDLED, DatasetError
from realitycheck.compare.settings import (
    AUC_MARGIN,
    DEFAULT_FOLDS,
    MAX_REPEATS,
    SMALL_DATA_REPEATS,
    SMALL_DATA_ROWS,
    TASK_CHOICES,
    default_repeats,
)
from realitycheck.compare.target import detect_task

SEPARATORS = {"Detect": None, "Comma ,": ",", "Semicolon ;": ";", "Tab": "\t", "Pipe |": "|"}
ENCODINGS = {"Detect": None, "UTF-8": "utf-8", "Windows-1252": "cp1252", "Latin-1": "latin-1"}


@dataclass(frozen=True)
class ChosenData:
    """The table to compare on, where it came from, and a sensible default target."""

    frame: pd.DataFrame
    name: str
    fingerprint: str
    default_target: str


def choose_data() -> ChosenData | None:
    """A bundled dataset or an uploaded CSV/Parquet file; None (with a message) if unusable."""
    source = st.radio(
        "Data", ["Bundled dataset", "Upload a file"], horizontal=True, key=state.CMP_SOURCE
    )
    if source == "Bundled dataset":
        name = st.selectbox(
            "Dataset", list(BUNDLED), format_func=lambda n: BUNDLED[n].title, key=state.CMP_DATASET
        )
        info = BUNDLED[name]
        st.caption(
            f"{info.source}. Licence: {info.licence}. {info.citation}. What to expect: {info.expect}"
        )
        frame, fingerprint = cached.bundled_dataset(name)
        return ChosenData(frame, name, fingerprint, info.target)
    upload = st.file_uploader(
        "CSV (any delimiter) or Parquet",
        type=["csv", "tsv", "txt", "parquet"],
        key=state.CMP_UPLOAD,
    )
    cols = st.columns(2)
    sep = SEPARATORS[cols[0].selectbox("Delimiter", list(SEPARATORS), key=state.CMP_SEP)]
    encoding = ENCODINGS[cols[1].selectbox("Encoding", list(ENCODINGS), key=state.CMP_ENCODING)]
    if upload is None:
        st.info("Upload a table with one row per example and a column to predict.")
        return None
    try:
        frame, fingerprint = cached.uploaded_table(upload.getvalue(), upload.name, sep, encoding)
    except DatasetError as exc:
        st.error(plain(exc))
        return None
    return ChosenData(frame, upload.name, fingerprint, str(frame.columns[-1]))


@dataclass(frozen=True)
class Settings:
    """What the user chose to run."""

    target: str
    task: str
    folds: int
    repeats: int
    margin: float | None
    seed: int
    categorical: tuple[str, ...] = ()


def choose_settings(data: ChosenData) -> Settings:
    """Target, task, columns to treat as categories and the cross-validation settings."""
    columns = [str(c) for c in data.frame.columns]
    default = (
        columns.index(data.default_target) if data.default_target in columns else len(columns) - 1
    )
    cols = st.columns([2, 1, 1, 1, 1, 1])
    target = cols[0].selectbox(
        "Target (what to predict)",
        columns,
        index=default,
        key=state.cmp_target(data.fingerprint),
    )
    task = cols[1].selectbox("Task", TASK_CHOICES, key=state.CMP_TASK)
    folds = cols[2].number_input("Folds", 2, 20, DEFAULT_FOLDS, key=state.CMP_FOLDS)
    _default_repeats(data)
    repeats = cols[3].number_input(
        "Repeats", 1, MAX_REPEATS, key=state.CMP_REPEATS,
        help=f"Default: {SMALL_DATA_REPEATS} under {SMALL_DATA_ROWS:,} rows (wide intervals), "
        "else 2.",
    )  # fmt: skip
    margin = _margin(cols[4], data.frame[target], task)
    seed = cols[5].number_input("Seed", 0, 2**31 - 1, 0, key=state.CMP_SEED)
    features = [c for c in columns if c != target]
    categorical = st.multiselect(
        "Treat as categories", features, key=state.cmp_categorical(data.fingerprint),
        help="Columns whose numbers are codes for categories (1 = red, 2 = blue…): the baseline "
        "one-hot encodes them, XGBoost splits on them as categories.",
    )  # fmt: skip
    preview(data, target, task)
    return Settings(target, task, int(folds), int(repeats), margin, int(seed), tuple(categorical))


def _default_repeats(data: ChosenData) -> None:
    """Set the repeats to the data's default when another dataset is chosen (UI state only)."""
    if st.session_state.get(state.CMP_REPEATS_FOR) != data.fingerprint:
        st.session_state[state.CMP_REPEATS] = default_repeats(len(data.frame))
        st.session_state[state.CMP_REPEATS_FOR] = data.fingerprint


def _margin(cell: st.delta_generator.DeltaGenerator, target: pd.Series, task: str) -> float | None:
    """The margin field, showing the default it will use: 0.01 AUC, or 2% of the baseline's RMSE."""
    kind = task if task != "auto" else detect_task(target)
    if kind != "regression":
        return cell.number_input(
            "Margin (AUC)", min_value=0.0, value=AUC_MARGIN, step=0.005, format="%.4g",
            key=state.CMP_MARGIN, help="The smallest gain in ROC AUC worth having.",
        )  # fmt: skip
    return cell.number_input(
        "Margin (RMSE)", min_value=0.0, value=None, format="%.4g", key=state.CMP_MARGIN_RMSE,
        placeholder="2% of baseline RMSE",
        help="The smallest RMSE reduction worth having. Empty: 2% of the baseline's RMSE, "
        "known once the baseline has run.",
    )  # fmt: skip


def preview(data: ChosenData, target: str, task: str) -> None:
    """Rows x columns, the detected task and the first rows, before anything runs."""
    frame = data.frame
    detected = detect_task(frame[target].dropna())
    chosen = "" if task in ("auto", detected) else f"; running as {task}"
    st.caption(
        f"{len(frame):,} rows × {frame.shape[1]:,} columns · detected task: {detected}{chosen}"
    )
    st.dataframe(frame.head(5), hide_index=True, width="stretch")
