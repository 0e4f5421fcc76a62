"""The store: the only place that speaks SQL (SQLite by default, PostgreSQL for a team)."""

from realitycheck.store.backup import BackupError, BackupMixin
from realitycheck.store.base import StoreError
from realitycheck.store.drift_runs import DriftRunsMixin
from realitycheck.store.effort import EffortMixin
from realitycheck.store.entries import EntriesMixin
from realitycheck.store.imports import ImportOutcome, ImportsMixin
from realitycheck.store.projects import Project, ProjectsMixin
from realitycheck.store.records import RecordsMixin
from realitycheck.store.sorting import SortingMixin

__all__ = ["BackupError", "ImportOutcome", "Project", "Store", "StoreError"]


class Store(
    ProjectsMixin,
    EntriesMixin,
    ImportsMixin,
    RecordsMixin,
    DriftRunsMixin,
    BackupMixin,
    EffortMixin,
    SortingMixin,
):
    """One database: projects, people, time entries, notes, rules, comparison and drift runs, sorting, backups."""
