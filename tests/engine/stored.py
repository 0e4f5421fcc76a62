"""Databases with every kind of row, and their backups, for the backup and Settings tests."""

import io
import json
import zipfile
from datetime import UTC, date, datetime

from realitycheck.store import Store
from realitycheck.store.schema import comparison_runs
from tests.payloads import PAYLOADS

DAY = date(2026, 3, 2)
SPLIT = {"data_work": 0.3, "modeling": 0.6, "other": 0.1}


def add_run(store: Store, project_id: int | None) -> None:
    """A saved comparison run (as the store keeps it; running one takes seconds)."""
    row = {"project_id": project_id, "dataset_name": "d.csv", "fingerprint": "abc",
           "target": "y", "task": "binary", "verdict": "Inconclusive",
           "settings_json": json.dumps({"folds": 3}), "result_json": json.dumps({"task": "binary"}),
           "created_at": datetime(2026, 3, 2, 9, 30, tzinfo=UTC)}  # fmt: skip
    with store.write() as conn:
        conn.execute(comparison_runs.insert().values(**row))


def fill(store: Store) -> None:
    """Every kind of row: projects, people, entries (one deleted), notes, rules, runs, settings."""
    churn = store.create_project("Churn", SPLIT, description="=1+1 <b>")
    other = store.create_project("Vision", {"data_work": 0.5, "modeling": 0.4, "other": 0.1})
    store.archive_project(other.id)
    ids = [store.add_entry(churn.id, "Ana", DAY, "Labeling", 5400, note=PAYLOADS[0])]
    ids.append(store.add_entry(churn.id, "Ben", DAY, "Tuning", 1800, note="line\none"))
    store.add_entry(other.id, "Ana", DAY, "Other", 60)
    store.delete_entries(ids[1:])
    store.save_note(churn.id, "Ana", DAY, yesterday="a", today="b", blockers="**c**")
    store.save_rules(
        churn.id, [{"field": "description", "pattern": "label", "category": "Labeling"}]
    )
    add_run(store, churn.id)
    store.claim_setting("demo_created", "x")


def backup_bytes(store: Store) -> bytes:
    buffer = io.BytesIO()
    store.backup(buffer)
    return buffer.getvalue()


def tables(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n != "manifest.json"}
