"""The inputs of the Data reality page: two uploads, or one upload split at a cutoff."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components import cached, state
from components.markdown import plain
from realitycheck.drift.inputs import DatasetError, cutoff_text

TWO_FILES = "Two files"
ONE_FILE = "One file split at a cutoff"
FILE_TYPES = ["csv", "tsv", "txt", "parquet"]
NO_TARGET = "(none)"


@dataclass(frozen=True)
class Samples:
    """What to compare: two tables, or one table with the column and cutoff to split it at."""

    train: pd.DataFrame
    production: pd.DataFrame | None
    names: tuple[str, str]
    fingerprints: tuple[str, str]
    split_by: str | None = None
    cutoff: str | None = None
    columns: tuple[str, ...] = ()  # the columns both samples will have (target choices)

    @property
    def key(self) -> tuple:
        """Everything that identifies these samples, for the cache and the page's state."""
        return (*self.fingerprints, *self.names, self.split_by, self.cutoff)


def choose_samples() -> Samples | None:
    """The samples to compare; None (with a message) until they are usable."""
    mode = st.radio("Samples", [TWO_FILES, ONE_FILE], horizontal=True, key=state.DRIFT_MODE)
    if mode == TWO_FILES:
        return _two_files()
    return _one_file()


def _read(upload: object) -> tuple[pd.DataFrame, str] | None:
    try:
        return cached.uploaded_table(upload.getvalue(), upload.name, None, None)
    except DatasetError as exc:
        st.error(plain(exc))
        return None


def _two_files() -> Samples | None:
    cols = st.columns(2)
    train = cols[0].file_uploader("Training sample", type=FILE_TYPES, key=state.DRIFT_TRAIN_UPLOAD)
    prod = cols[1].file_uploader("Production sample", type=FILE_TYPES, key=state.DRIFT_PROD_UPLOAD)
    if train is None or prod is None:
        st.info("Upload the training sample and a sample of production data (CSV or Parquet).")
        return None
    read = [_read(train), _read(prod)]
    if None in read:
        return None
    (train_frame, train_fp), (prod_frame, prod_fp) = read
    shared = [str(c) for c in train_frame.columns if c in set(prod_frame.columns)]
    return Samples(
        train_frame, prod_frame, (train.name, prod.name), (train_fp, prod_fp), columns=tuple(shared)
    )


def _one_file() -> Samples | None:
    upload = st.file_uploader(
        "A table with a date or ID column", type=FILE_TYPES, key=state.DRIFT_ONE_UPLOAD
    )
    if upload is None:
        st.info("Upload one table; rows before the cutoff are training, the rest production.")
        return None
    read = _read(upload)
    if read is None:
        return None
    frame, fingerprint = read
    columns = [str(c) for c in frame.columns]
    cols = st.columns(2)
    split_by = cols[0].selectbox(
        "Split by (this column is left out of the comparison)",
        columns,
        index=None,
        placeholder="Choose a date or ID column",
        key=state.drift_split(fingerprint),
    )
    if split_by is None:
        return None
    try:
        split = cached.split_column(fingerprint, split_by, _frame=frame)
    except DatasetError as exc:
        st.error(plain(exc))
        return None
    cutoff = _cutoff(cols[1], split, fingerprint)
    before = int((split.values < split.parse_cutoff(cutoff)).sum())
    after = int(split.values.notna().sum()) - before
    st.caption(f"{before:,} rows before the cutoff (training), {after:,} from it on (production).")
    names = (upload.name, f"{upload.name} (from the cutoff)")
    rest = tuple(c for c in columns if c != split_by)
    return Samples(
        frame, None, names, (fingerprint, fingerprint), split_by, cutoff_text(cutoff), rest
    )


def _cutoff(container: object, split: object, fingerprint: str) -> object:
    """A date picker for dates, a number box for numbers; the default keeps a fifth as production."""
    low, high = split.bounds()
    key = state.drift_cutoff(fingerprint, split.name)
    label = "Cutoff: rows before it are training"
    if split.kind == "date":
        return container.date_input(
            label, value=split.default_cutoff(), min_value=low, max_value=high, key=key
        )
    return container.number_input(label, value=split.default_cutoff(), format="%g", key=key)


def choose_settings(samples: Samples) -> tuple[str | None, int]:
    """The target (optional) and the seed."""
    cols = st.columns([3, 1])
    target = cols[0].selectbox(
        "Target (optional: does the model hold up on production?)",
        [None, *samples.columns],
        format_func=lambda c: NO_TARGET if c is None else c,
        key=state.drift_target(samples.fingerprints),
    )
    seed = cols[1].number_input("Seed", 0, 2**31 - 1, 0, key=state.DRIFT_SEED)
    return target, int(seed)
