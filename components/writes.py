"""Writes from the pages: call the store, then clear the caches the write made stale."""

from __future__ import annotations

from datetime import date

from components import cached


def add_entry(
    url: str, project_id: int, person: str, day: date, category: str, seconds: int, note: str
) -> int:
    """Write one entry; raises EntryError/StoreError with a message for the user."""
    entry_id = cached.get_store(url).add_entry(project_id, person, day, category, seconds, note)
    cached.entries_changed()
    return entry_id


def update_entry(url: str, entry_id: int, **fields) -> None:
    """Change one entry."""
    try:
        cached.get_store(url).update_entry(entry_id, **fields)
    finally:
        cached.entries_changed()


def delete_entries(url: str, entry_ids: list[int]) -> None:
    """Soft-delete entries."""
    cached.get_store(url).delete_entries(entry_ids)
    cached.entries_changed()


def restore_entries(url: str, entry_ids: list[int]) -> None:
    """Undo a delete."""
    cached.get_store(url).restore_entries(entry_ids)
    cached.entries_changed()


def change_setup(url: str, method: str, *args, **kwargs):
    """Call a project/people method of the store (create_project, rename_person, ...)."""
    result = getattr(cached.get_store(url), method)(*args, **kwargs)
    cached.setup_changed()
    return result


def save_note(url: str, project_id: int, person: str, day: date, texts: dict[str, str]) -> None:
    """Save a person's standup note for a day."""
    cached.get_store(url).save_note(project_id, person, day, **texts)
    cached.notes_changed()


def import_rows(url: str, project_id: int, rows, rules: list[dict]):
    """Write imported rows in one transaction and save the rules that mapped them."""
    store = cached.get_store(url)
    outcome = store.import_entries(project_id, rows)
    store.save_rules(project_id, rules)
    cached.entries_changed()
    cached.rules_changed()
    return outcome


def save_run(url: str, project_id: int | None, result: dict) -> int:
    """Save a comparison run to the project's history."""
    run_id = cached.get_store(url).save_run(project_id, result)
    cached.runs_changed()
    return run_id
