"""Bulk import of parsed exports (idempotent by source key) and the per-project mapping rules."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import delete, select

from realitycheck.schema import categories, category_rules, time_entries
from realitycheck.store.base import StoreBase, StoreError, utcnow

CHUNK = 5000


@dataclass(frozen=True)
class ImportOutcome:
    """What one import wrote."""

    imported: int
    duplicates: int
    seconds_imported: int


class ImportsMixin(StoreBase):
    """Bulk writes from importers, and the rules that map source rows to categories."""

    def import_entries(self, project_id: int, rows: pd.DataFrame) -> ImportOutcome:
        """Write parsed rows in one transaction; rows whose source key exists are skipped.

        `rows` has columns date, person, category, seconds, note, source, source_key.
        """
        if rows.empty:
            return ImportOutcome(0, 0, 0)
        if rows["category"].isna().any():
            raise StoreError("Every row needs a category before it is imported.")
        with self.write() as conn:
            ids = {r.name: r.id for r in conn.execute(select(categories.c.name, categories.c.id))}
            unknown = set(rows["category"]) - set(ids)
            if unknown:
                raise StoreError(f"Unknown categories: {', '.join(sorted(unknown))}.")
            existing = self._existing_keys(conn, project_id, rows["source"].unique().tolist())
            keys = rows["source"].astype(str) + "\x1f" + rows["source_key"].astype(str)
            fresh = rows[~keys.isin(existing) & ~keys.duplicated()]
            person_ids = {name: self.person_id(conn, name) for name in fresh["person"].unique()}
            now = utcnow()
            records = [
                {
                    "project_id": project_id,
                    "person_id": person_ids[r.person],
                    "day": r.date,
                    "category_id": ids[r.category],
                    "seconds": int(r.seconds),
                    "note": r.note or "",
                    "source": r.source,
                    "source_key": r.source_key,
                    "created_at": now,
                    "updated_at": now,
                }
                for r in fresh.itertuples(index=False)
            ]
            for start in range(0, len(records), CHUNK):
                self.insert_ignore(
                    conn,
                    time_entries,
                    records[start : start + CHUNK],
                    "project_id",
                    "source",
                    "source_key",
                )
        return ImportOutcome(len(fresh), len(rows) - len(fresh), int(fresh["seconds"].sum()))

    def _existing_keys(self, conn, project_id: int, sources: list[str]) -> set[str]:
        query = select(time_entries.c.source, time_entries.c.source_key).where(
            time_entries.c.project_id == project_id,
            time_entries.c.source.in_(sources),
            time_entries.c.source_key.is_not(None),
        )
        return {f"{s}\x1f{k}" for s, k in conn.execute(query)}

    def get_rules(self, project_id: int) -> list[dict]:
        """The project's saved mapping rules, in order, as plain dicts."""
        query = (
            select(category_rules.c.field, category_rules.c.pattern, category_rules.c.category)
            .where(category_rules.c.project_id == project_id)
            .order_by(category_rules.c.position)
        )
        with self.read() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def save_rules(self, project_id: int, rules: list[dict]) -> None:
        """Replace the project's mapping rules."""
        rows = [
            {
                "project_id": project_id,
                "position": i,
                "field": r["field"],
                "pattern": r["pattern"],
                "category": r["category"],
            }
            for i, r in enumerate(rules)
        ]
        with self.write() as conn:
            conn.execute(delete(category_rules).where(category_rules.c.project_id == project_id))
            if rows:
                conn.execute(category_rules.insert(), rows)
