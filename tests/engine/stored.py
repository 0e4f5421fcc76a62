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


# --- a backup written at an older schema -----------------------------------------------------

# File name -> table, as backups have always named them (drift_runs since schema 0003).
BACKUP_FILES = {"categories": "categories", "people": "people", "projects": "projects",
                "entries": "time_entries", "notes": "standup_notes", "rules": "category_rules",
                "runs": "comparison_runs", "drift_runs": "drift_runs",
                "settings": "app_settings"}  # fmt: skip
RESULT = {"primary_metric": "roc_auc",
          "models": {"baseline": {"metrics": {"roc_auc": {"mean": 0.81}}},
                     "boosted": {"metrics": {"roc_auc": {"mean": 0.84}}}},
          "difference": {"mean": 0.03, "ci95": [0.01, 0.05], "margin": 0.01}}  # fmt: skip


def old_database(url: str, revision: str) -> None:
    """A database migrated only to `revision`, with rows of every table it has then.

    Written with plain inserts into the tables as they were at that revision (today's store
    code writes today's columns).
    """
    from sqlalchemy import MetaData

    from realitycheck.store.engine import make_engine, migrate

    engine = make_engine(url)
    migrate(engine, revision)
    meta = MetaData()
    meta.reflect(engine)
    t = meta.tables
    at = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    run = {"id": 1, "project_id": 1, "dataset_name": "d.csv", "fingerprint": "abc",
           "target": "y", "task": "binary", "verdict": "Inconclusive",
           "settings_json": json.dumps({"folds": 3}), "result_json": json.dumps(RESULT),
           "created_at": at}  # fmt: skip
    if "run_day" in t["comparison_runs"].c:  # 0004: the scores are columns too
        run.update(run_day=DAY, label="first", kind="run", metric="roc_auc", baseline_score=0.81,
                   boosted_score=0.84, gain=0.03, ci_low=0.01, ci_high=0.05, margin=0.01)  # fmt: skip
    with engine.begin() as conn:
        conn.execute(t["people"].insert(), [{"id": i, "name": n, "created_at": at}
                                            for i, n in ((1, "Ana"), (2, "Ben"))])  # fmt: skip
        conn.execute(t["projects"].insert(), [
            {"id": 1, "name": "Churn", "description": "=1+1 <b>", "start_date": None,
             "expected_data_work": 0.3, "expected_modeling": 0.6, "expected_other": 0.1,
             "is_demo": False, "archived_at": None, "created_at": at},
            {"id": 2, "name": "Vision", "description": "", "start_date": DAY,
             "expected_data_work": 0.5, "expected_modeling": 0.4, "expected_other": 0.1,
             "is_demo": False, "archived_at": at, "created_at": at},
        ])  # fmt: skip
        entry = {"project_id": 1, "person_id": 1, "day": DAY, "category_id": 2,
                 "seconds": 5400, "note": PAYLOADS[0], "source": "toggl", "source_key": "k1",
                 "created_at": at, "updated_at": at, "deleted_at": None}  # fmt: skip
        conn.execute(t["time_entries"].insert(), [
            {**entry, "id": 1},
            {**entry, "id": 2, "person_id": 2, "seconds": 1800, "note": "line\none",
             "source": "manual", "source_key": None, "deleted_at": at},
            {**entry, "id": 3, "project_id": 2, "category_id": 11, "seconds": 60, "note": "",
             "source_key": "k2"},
        ])  # fmt: skip
        conn.execute(t["standup_notes"].insert(), {"id": 1, "project_id": 1, "person_id": 1,
                     "day": DAY, "yesterday": "a", "today": "b", "blockers": "**c**",
                     "updated_at": at})  # fmt: skip
        conn.execute(t["category_rules"].insert(), {"id": 1, "project_id": 1, "position": 0,
                     "field": "description", "pattern": "label", "category": "Labeling"})  # fmt: skip
        conn.execute(t["comparison_runs"].insert(), run)
        if "drift_runs" in t:
            conn.execute(t["drift_runs"].insert(), {"id": 1, "project_id": 1,
                         "train_name": "t.csv", "production_name": "p.csv",
                         "train_fingerprint": "t", "production_fingerprint": "p",
                         "target": None, "verdict": "Shifted", "drift_score": 0.9,
                         "settings_json": "{}", "result_json": "{}", "created_at": at})  # fmt: skip
        conn.execute(t["app_settings"].insert(), {"key": "demo_created", "value": "x"})
    engine.dispose()


def old_backup(url: str) -> bytes:
    """A backup of the database at `url` in the backup format, at the schema it is at.

    Built by hand from the format (a manifest with the schema version and counts, and one
    JSON-lines file per table the schema has, rows in key order, dates as ISO text), as the
    backup code of that version wrote it.
    """
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import MetaData, select

    from realitycheck.store.engine import make_engine

    engine = make_engine(url)
    meta = MetaData()
    meta.reflect(engine)
    out, counts = io.BytesIO(), {}
    with engine.connect() as conn, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, table_name in BACKUP_FILES.items():
            if table_name not in meta.tables:
                continue
            table = meta.tables[table_name]
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).mappings()
            lines = [json.dumps({k: _iso(v) for k, v in row.items()}) for row in rows]
            archive.writestr(f"{name}.jsonl", "".join(line + "\n" for line in lines))
            counts[name] = len(lines)
        manifest = {"format": "realitycheck-backup", "format_version": 1,
                    "schema_version": MigrationContext.configure(conn).get_current_revision(),
                    "created_at": datetime.now(UTC).isoformat(), "counts": counts}  # fmt: skip
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
    engine.dispose()
    return out.getvalue()


def _iso(value: object) -> object:
    if isinstance(value, datetime):
        aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return aware.isoformat()
    return value.isoformat() if isinstance(value, date) else value
