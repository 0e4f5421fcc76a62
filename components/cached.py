"""All caching in one place: the store as a resource, reads as bounded data caches.

Every input is an explicit argument (the database URL first); every write goes through a
function here that writes and then clears the reads it makes stale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import streamlit as st

from components.markdown import plain
from realitycheck.config import database_url, redact
from realitycheck.store import Project, Store
from realitycheck.timelog.demo import ensure_demo

if TYPE_CHECKING:
    from realitycheck.compare.result import ComparisonResult
    from realitycheck.compare.worker import Slots
    from realitycheck.drift.inputs import SplitColumn
    from realitycheck.drift.result import DriftResult
    from realitycheck.timelog.importers import ParsedExport
    from realitycheck.timelog.standup import StandupReport
    from realitycheck.timelog.suggest import Suggester

TTL = 600  # seconds: another process (CLI, a second server) may write too
MAX_RUNNING = 2  # analyses at once on the server (each in its own worker process)
QUEUE_SECONDS = 60  # how long an analysis waits for a free slot before it is refused


@contextmanager
def progress_bar(text: str) -> Iterator[Callable[[int, int, str], None]]:
    """A progress bar for the duration of a run, as the engine's on_progress callback."""
    bar = st.progress(0.0, text=text)
    try:
        yield lambda done, total, message: bar.progress(done / total, text=message)
    finally:
        bar.empty()


def current_url() -> str:
    """The database URL for this app: $DATABASE_URL, a root-level secret, or SQLite in data/."""
    return database_url()


def require_store(url: str) -> Store:
    """The store, or a one-line error (the URL shown without its password) and a stopped page."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        return get_store(url)
    except (SQLAlchemyError, OSError) as exc:
        st.error(
            f"Cannot open the database {plain(redact(url))} ({type(exc).__name__}). "
            "Check DATABASE_URL in the environment or .streamlit/secrets.toml.",
            icon=":material/database:",
        )
        st.stop()
        raise  # st.stop() raises; this line only tells type checkers so


@st.cache_resource(max_entries=4, show_spinner=False)
def get_store(url: str) -> Store:
    """One Store (engine, pool, migrated schema) per database URL, with the demo on first run."""
    store = Store(url)
    ensure_demo(store)
    return store


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def projects(url: str, include_archived: bool = False) -> list[Project]:
    """The projects (archived ones only when asked)."""
    return get_store(url).list_projects(include_archived)


@st.cache_data(ttl=TTL, max_entries=8, show_spinner=False)
def categories(url: str) -> pd.DataFrame:
    """The categories with their groups, in display order."""
    cats = get_store(url).list_categories()
    return pd.DataFrame({"category": [c.name for c in cats], "group": [c.group for c in cats]})


@st.cache_data(ttl=TTL, max_entries=8, show_spinner=False)
def people(url: str) -> list[str]:
    """Team member names."""
    return get_store(url).list_people()


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def project_people(url: str, project_id: int) -> list[str]:
    """People who logged time in the project, the latest to log first."""
    return get_store(url).project_people(project_id)


@st.cache_data(ttl=TTL, max_entries=64, show_spinner=False)
def totals_by_category(
    url: str, project_id: int, since: date | None, until: date | None
) -> pd.DataFrame:
    """Seconds per category for a project and date range (summed in SQL)."""
    return get_store(url).totals_by_category(project_id, since, until)


@st.cache_data(ttl=TTL, max_entries=64, show_spinner=False)
def daily_by_group(
    url: str, project_id: int, since: date | None, until: date | None
) -> pd.DataFrame:
    """Seconds per day and group (summed in SQL)."""
    return get_store(url).daily_by_group(project_id, since, until)


@st.cache_data(ttl=TTL, max_entries=32, show_spinner=False)
def date_range(url: str, project_id: int) -> tuple[date | None, date | None]:
    """The first and last day with an entry in the project."""
    return get_store(url).date_range(project_id)


@st.cache_data(ttl=TTL, max_entries=32, show_spinner=False)
def recent_entries(url: str, project_id: int, limit: int = 200) -> pd.DataFrame:
    """The latest entries of a project, newest first."""
    return get_store(url).recent_entries(project_id, limit)


@st.cache_data(ttl=TTL, max_entries=32, show_spinner=False)
def standup_report(url: str, project_id: int, day: date) -> StandupReport:
    """The standup for a project and day (per-person totals, notes, the team's week)."""
    from realitycheck.timelog.standup import load_report

    store = get_store(url)
    project = next(p for p in store.list_projects(include_archived=True) if p.id == project_id)
    return load_report(store, project, day)


@st.cache_data(ttl=TTL, max_entries=8, show_spinner=False)
def import_status(url: str, project_id: int, rows: pd.DataFrame) -> np.ndarray:
    """What an import of `rows` would do with each: "new", "changed" or "stored"."""
    return get_store(url).import_status(project_id, rows)


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def rules(url: str, project_id: int) -> list[dict]:
    """The project's saved category mapping rules."""
    return get_store(url).get_rules(project_id)


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def sorted_fingerprint(url: str, project_id: int) -> tuple[int, str]:
    """How many entries are sorted and when one last changed (the suggester's cache key)."""
    return get_store(url).sorted_fingerprint(project_id)


@st.cache_resource(ttl=3600, max_entries=8, show_spinner="Learning from the sorted entries…")
def suggester(url: str, project_id: int, fingerprint: tuple[int, str]) -> Suggester | None:
    """The project's suggestion model, retrained when its sorted entries change.

    A resource, not data: the fitted model is shared, never copied or changed.
    """
    from realitycheck.timelog.suggest import train

    return train(get_store(url).sorted_examples(project_id))


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def unsorted_groups(url: str, project_id: int, fingerprint: tuple[int, str]) -> pd.DataFrame:
    """The project's unsorted entries in groups, largest first, with suggestions."""
    from realitycheck.timelog.sorting import group_unsorted
    from realitycheck.timelog.suggest import suggest_groups

    entries = get_store(url).unsorted_entries(project_id)
    groups = group_unsorted(entries)
    model = suggester(url, project_id, fingerprint) if not groups.empty else None
    return suggest_groups(model, groups, entries)


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def runs(url: str, project_id: int | None) -> list[dict]:
    """Past comparison runs of a project, newest first."""
    return get_store(url).list_runs(project_id)


@st.cache_data(ttl=3600, max_entries=1, show_spinner=False)
def references() -> list:
    """The published survey figures with their citations."""
    from realitycheck.timelog.references import load_references

    return load_references()


@st.cache_data(ttl=1800, max_entries=4, show_spinner="Reading the export…")
def parse_upload(
    data: bytes,
    filename: str,
    fmt: str,
    day_first: bool | None,
    mapping: tuple[tuple[str, str], ...] | None,
    person: str | None,
) -> ParsedExport:
    """Parse an uploaded export (cached by its bytes and the options, so reruns are free)."""
    from realitycheck.timelog.importers import parse_export

    return parse_export(
        data,
        filename,
        fmt=fmt,
        day_first=day_first,
        mapping=dict(mapping) if mapping is not None else None,
        person=person,
    )


@st.cache_data(ttl=3600, max_entries=8, show_spinner="Loading the dataset…")
def bundled_dataset(name: str) -> tuple[pd.DataFrame, str]:
    """A bundled dataset and its content fingerprint."""
    from realitycheck.compare.datasets import bundled_fingerprint, load_bundled

    return load_bundled(name), bundled_fingerprint(name)


@st.cache_data(ttl=1800, max_entries=4, show_spinner="Reading the file…")
def uploaded_table(
    data: bytes, filename: str, sep: str | None, encoding: str | None
) -> tuple[pd.DataFrame, str]:
    """An uploaded CSV/Parquet file as a DataFrame, with the fingerprint of its bytes."""
    from realitycheck.compare.datasets import fingerprint_bytes, read_table

    return read_table(data, filename, sep=sep, encoding=encoding), fingerprint_bytes(data)


@st.cache_resource(show_spinner=False)
def analysis_slots() -> Slots:
    """The server's slots, shared by every session: at most MAX_RUNNING analyses at once.

    Comparisons, what-ifs and data-reality checks all take one, and a session holds at most
    one: its newer run stops its older one (whose page is gone).
    """
    from realitycheck.compare.worker import Slots

    return Slots(MAX_RUNNING)


def session_id() -> str | None:
    """The browser session this script run serves (None outside a Streamlit session)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    return ctx.session_id if ctx is not None else None


def waiting_message(running: int = MAX_RUNNING) -> str:
    """What a run waiting for a slot says while it waits."""
    count = {1: "One analysis is", 2: "Two analyses are", 3: "Three analyses are"}.get(
        running, f"{running} analyses are"
    )
    return f"{count} running on this server; yours starts when one ends."


def in_worker(
    job: str, first_step: str, budget: tuple[float, int], *args: object, **options: object
) -> Any:  # noqa: ANN401 - the job's own result type
    """Run an engine job in a worker within `budget` (seconds, MB), holding one of the slots.

    The progress bar says so while the run waits for a slot (up to QUEUE_SECONDS, then it is
    refused), then relays the worker's progress; it is made and removed in here, so a cached
    function calling this replays nothing visible on a cache hit.
    """
    from realitycheck.compare.worker import run_job

    slots = analysis_slots()
    with (
        progress_bar(first_step) as on_progress,
        slots.take(
            session_id(), QUEUE_SECONDS, on_wait=lambda: on_progress(0, 1, waiting_message())
        ) as cancel,
    ):
        on_progress(0, 1, first_step)
        return run_job(
            job,
            *args,
            seconds=budget[0],
            memory_mb=budget[1],
            on_progress=on_progress,
            cancel=cancel,
            **options,
        )


@st.cache_data(ttl=3600, max_entries=16, show_spinner=False)
def comparison(
    fingerprint: str,
    dataset_name: str,
    target: str,
    task: str,
    folds: int,
    repeats: int,
    margin: float | None,
    seed: int,
    categorical: tuple[str, ...],
    budget: tuple[float, int],
    _frame: pd.DataFrame,
) -> ComparisonResult:
    """Run (or recall) a comparison in a worker within `budget` (seconds, MB of memory).

    Keyed by the data's fingerprint and the settings only; see `in_worker` for the slots.
    """
    return in_worker(
        "comparison",
        "Cross-validating…",
        budget,
        _frame,
        target=target,
        task=task,
        folds=folds,
        repeats=repeats,
        margin=margin,
        seed=seed,
        dataset_name=dataset_name,
        fingerprint=fingerprint,
        categorical=categorical,
    )


@st.cache_data(ttl=3600, max_entries=8, show_spinner=False)
def what_ifs(
    fingerprint: str,
    target: str,
    task: str,
    folds: int,
    repeats: int,
    seed: int,
    categorical: tuple[str, ...],
    budget: tuple[float, int],
    _frame: pd.DataFrame,
) -> dict:
    """Run (or recall) the learning-curve and label-noise what-ifs in a worker, like the comparison."""
    return in_worker(
        "what-ifs",
        "What-ifs…",
        budget,
        _frame,
        target,
        task=task,
        folds=folds,
        repeats=repeats,
        seed=seed,
        categorical=categorical,
    )


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def evidence(url: str, project_id: int | None) -> tuple[list[dict], tuple[int, int]]:
    """The evidence board's runs (the project's and the bundled references) and its tally."""
    store = get_store(url)
    return store.evidence(project_id), store.verdict_tally(project_id)


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def effort(url: str, project_id: int) -> dict:
    """Effort-to-lift: the project's runs and the hours logged between consecutive ones."""
    from realitycheck.compare.effort import effort_report

    return effort_report(get_store(url), project_id)


@st.cache_data(ttl=TTL, max_entries=8, show_spinner=False)
def saved_run(url: str, run_id: int) -> ComparisonResult | None:
    """A saved comparison run's full result."""
    return get_store(url).get_run(run_id)


@st.cache_data(ttl=1800, max_entries=8, show_spinner=False)
def split_column(fingerprint: str, column: str, _frame: pd.DataFrame) -> SplitColumn:
    """A column of an uploaded table parsed for splitting (dates or numbers), by fingerprint."""
    from realitycheck.drift.inputs import split_column as parse

    return parse(_frame, column)


@st.cache_data(ttl=3600, max_entries=16, show_spinner=False)
def drift_check(
    train_fingerprint: str,
    production_fingerprint: str,
    train_name: str,
    production_name: str,
    split_by: str | None,
    cutoff: str | None,
    target: str | None,
    seed: int,
    budget: tuple[float, int],
    _train: pd.DataFrame,
    _production: pd.DataFrame | None,
) -> DriftResult:
    """Run (or recall) a drift check in a worker within `budget`, like the comparison.

    Keyed by both samples' fingerprints and the settings only.
    """
    return in_worker(
        "drift",
        "Reading the columns…",
        budget,
        _train,
        _production,
        split_by=split_by,
        cutoff=cutoff,
        target=target,
        seed=seed,
        names=(train_name, production_name),
        fingerprints=(train_fingerprint, production_fingerprint),
    )


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def drift_runs(url: str, project_id: int | None) -> list[dict]:
    """Past drift checks of a project, newest first."""
    return get_store(url).list_drift_runs(project_id)


@st.cache_data(ttl=TTL, max_entries=8, show_spinner=False)
def saved_drift_run(url: str, run_id: int) -> DriftResult | None:
    """A saved drift check's full result."""
    return get_store(url).get_drift_run(run_id)


_ENTRY_READS = (
    project_people,
    import_status,
    totals_by_category,
    daily_by_group,
    date_range,
    recent_entries,
    standup_report,
    sorted_fingerprint,
    unsorted_groups,
)


def entries_changed() -> None:
    """Clear every read that depends on time entries or people (call after a write)."""
    for reader in (*_ENTRY_READS, people, effort):
        reader.clear()


def runs_changed() -> None:
    """Clear every read of saved comparison runs."""
    for reader in (runs, evidence, effort):
        reader.clear()


def notes_changed() -> None:
    """Clear the standup-note reads."""
    standup_report.clear()
    people.clear()


def everything_changed() -> None:
    """Clear every read of the database (after a restore)."""
    for reader in (*_ENTRY_READS, people, projects, categories, rules, runs, saved_run, drift_runs):
        reader.clear()
