"""The data and settings half of the Baseline vs boosted page."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components import cached, state
from realitycheck.compare.datasets import BUNDLED, DatasetError
from realitycheck.compare.settings import DEFAULT_FOLDS, DEFAULT_REPEATS, TASK_CHOICES

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
        st.error(str(exc))
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


def choose_settings(data: ChosenData) -> Settings:
    """Target, task and the cross-validation settings (defaults finish in seconds)."""
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
    repeats = cols[3].number_input("Repeats", 1, 10, DEFAULT_REPEATS, key=state.CMP_REPEATS)
    margin = cols[4].number_input(
        "Margin", min_value=0.0, value=None, format="%.4g", key=state.CMP_MARGIN,
        help="The smallest gain worth having. Empty: 0.01 AUC, or 2% of the baseline's RMSE.",
    )  # fmt: skip
    seed = cols[5].number_input("Seed", 0, 2**31 - 1, 0, key=state.CMP_SEED)
    return Settings(target, task, int(folds), int(repeats), margin, int(seed))
