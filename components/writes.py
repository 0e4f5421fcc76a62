"""Writes from the pages: each calls the store once, then clears exactly the reads it made stale."""

from __future__ import annotations

import io
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from components import cached
from realitycheck.store import ImportOutcome
from realitycheck.timelog.sorting import SortOutcome, sort_groups, undo_sort

if TYPE_CHECKING:
    from realitycheck.compare.result import ComparisonResult
    from realitycheck.drift.result import DriftResult


def add_entry(
    url: str, project_id: int, person: str, day: date, category: str, seconds: int, note: str
) -> int:
    """Write one entry; raises EntryError/StoreError with a message for the user."""
    entry_id = cached.get_store(url).add_entry(project_id, person, day, category, seconds, note)
    cached.entries_changed()
    return entry_id


def update_entry(url: str, entry_id: int, **fields: object) -> None:
    """Change one entry (day, person, category, seconds or note)."""
    try:
        cached.get_store(url).update_entry(entry_id, **fields)
    finally:
        cached.entries_changed()


def delete_entries(url: str, entry_ids: list[int]) -> None:
    """Soft-delete entries."""
    cached.get_store(url).delete_entries(entry_ids)
    cached.entries_changed()


def apply_edits(url: str, updates: dict[int, dict], deletes: list[int]) -> None:
    """Save a table's edits and deletes in one transaction (all of them, or none)."""
    cached.get_store(url).apply_edits(updates, deletes)
    cached.entries_changed()


def restore_entries(url: str, entry_ids: list[int]) -> None:
    """Undo a delete."""
    cached.get_store(url).restore_entries(entry_ids)
    cached.entries_changed()


def create_project(url: str, name: str, expected: dict[str, float], description: str = "") -> None:
    """Create a project (it has no entries yet, so only the project list goes stale)."""
    cached.get_store(url).create_project(name, expected, description=description)
    cached.projects.clear()


def save_categories(url: str, rows: list[tuple[str | None, str, str]]) -> None:
    """Rename, regroup and add categories; every summary, and the rules, may change with them."""
    cached.get_store(url).save_categories(rows)
    cached.categories.clear()
    cached.entries_changed()
    cached.rules.clear()


def update_project(url: str, project_id: int, name: str, expected: dict[str, float]) -> None:
    """Rename a project or change its expected split (the standup shows the split too)."""
    cached.get_store(url).update_project(project_id, name=name, expected=expected)
    cached.projects.clear()
    cached.standup_report.clear()


def archive_project(url: str, project_id: int, archived: bool) -> None:
    """Archive or unarchive a project."""
    cached.get_store(url).archive_project(project_id, archived)
    cached.projects.clear()


def delete_project(url: str, project_id: int) -> None:
    """Delete a project with its entries, notes, rules, runs and drift checks."""
    cached.get_store(url).delete_project(project_id)
    cached.projects.clear()
    cached.entries_changed()
    cached.notes_changed()
    cached.rules.clear()
    cached.runs_changed()
    cached.drift_runs.clear()


def add_person(url: str, name: str) -> None:
    """Add a team member."""
    cached.get_store(url).add_person(name)
    cached.people.clear()


def rename_person(url: str, old: str, new: str) -> None:
    """Rename a team member; their entries and notes follow."""
    cached.get_store(url).rename_person(old, new)
    cached.entries_changed()
    cached.notes_changed()


def remove_person(url: str, name: str) -> None:
    """Remove a team member who has no entries."""
    cached.get_store(url).remove_person(name)
    cached.people.clear()


def save_note(url: str, project_id: int, person: str, day: date, texts: dict[str, str]) -> None:
    """Save a person's standup note for a day."""
    cached.get_store(url).save_note(project_id, person, day, **texts)
    cached.notes_changed()


def import_rows(url: str, project_id: int, rows: pd.DataFrame, rules: list[dict]) -> ImportOutcome:
    """Write imported rows in one transaction and save the rules that mapped them."""
    store = cached.get_store(url)
    outcome = store.import_entries(project_id, rows)
    store.save_rules(project_id, rules)
    cached.entries_changed()
    cached.rules.clear()
    return outcome


def save_run(
    url: str,
    project_id: int | None,
    result: ComparisonResult,
    day: date | None = None,
    label: str = "",
) -> int:
    """Save a comparison run to the project's history, counting for `day` (default today)."""
    run_id = cached.get_store(url).save_run(project_id, result, day=day, label=label)
    cached.runs_changed()
    return run_id


def save_drift_run(url: str, project_id: int | None, result: DriftResult) -> int:
    """Save a drift check to the project's history."""
    run_id = cached.get_store(url).save_drift_run(project_id, result)
    cached.drift_runs.clear()
    return run_id


def sort_entries(url: str, project_id: int, picks: list[tuple[pd.Series, str]]) -> SortOutcome:
    """Put each picked group of unsorted entries in its category and save a rule for it."""
    outcome = sort_groups(cached.get_store(url), project_id, picks)
    cached.entries_changed()
    cached.rules.clear()
    return outcome


def undo_sorting(url: str, project_id: int, outcome: SortOutcome) -> None:
    """Undo `sort_entries`: entries and rules as they were."""
    undo_sort(cached.get_store(url), project_id, outcome)
    cached.entries_changed()
    cached.rules.clear()


def sync_entries(url: str, project_id: int, service: str, since: date, until: date) -> dict:
    """Pull entries from Toggl Track or Clockify into the project; the import report."""
    from realitycheck.timelog.sync import sync_project

    try:
        return sync_project(cached.get_store(url), project_id, service, since, until)
    finally:
        cached.entries_changed()


def restore_backup(url: str, data: bytes) -> dict:
    """Restore a backup into the (empty) database; every read is stale after it."""
    manifest = cached.get_store(url).restore(io.BytesIO(data))
    cached.everything_changed()
    return manifest


def compute_bundled(url: str) -> int:
    """Compare on every bundled dataset and store the results as the evidence board's references.

    Each dataset is one comparison in a worker, within the budget and the server's slots, like
    any other run: minutes of CPU for all four, so never in the app's own process.
    """
    from realitycheck.compare.datasets import BUNDLED, bundled_fingerprint, load_bundled
    from realitycheck.config import compare_budget

    budget = compare_budget()
    results = [
        cached.in_worker(
            "comparison",
            f"{info.title} ({i} of {len(BUNDLED)})…",
            budget,
            load_bundled(name),
            info.target,
            dataset_name=name,
            fingerprint=bundled_fingerprint(name),
        )
        for i, (name, info) in enumerate(BUNDLED.items(), start=1)
    ]
    stored = cached.get_store(url).replace_bundled(results)
    cached.runs_changed()
    return stored
