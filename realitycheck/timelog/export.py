"""The time log as a CSV download: one project's live entries (or every project's)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from realitycheck.exports.csv_safe import to_csv

if TYPE_CHECKING:
    from realitycheck.store import Store


def entries_csv(store: Store, project_id: int | None = None) -> str:
    """Live entries (durations in whole seconds) as neutralized CSV text."""
    frame = store.export_entries(project_id)
    if frame.empty:
        columns = ["project", "date", "person", "category", "seconds", "note", "source"]
        return to_csv(frame.reindex(columns=[*columns, "source_key"]))
    return to_csv(frame)
