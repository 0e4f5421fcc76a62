"""Bulk import of parsed exports (idempotent by source key) and the per-project mapping rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Dialect, delete, select
from sqlalchemy.types import TypeEngine

from realitycheck.store.base import MAX_NAME, MAX_NOTE, StoreBase, StoreError, clean_text, utcnow
from realitycheck.store.schema import categories, category_rules, time_entries

CHUNK = 5000


@dataclass(frozen=True)
class ImportOutcome:
    """What one import wrote."""

    imported: int
    duplicates: int
    seconds_imported: int
    shortened: int = 0  # rows whose person name or note was longer than the forms allow


def _fit_lengths(rows: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Rows with names and notes cut to the forms' limits (and no NUL bytes); how many were cut."""
    people = [" ".join(clean_text(p).split()) for p in rows["person"].astype(str).tolist()]
    notes = [clean_text(n) for n in rows["note"].fillna("").astype(str).tolist()]
    cut = [len(p) > MAX_NAME or len(n) > MAX_NOTE for p, n in zip(people, notes, strict=True)]
    fitted = rows.assign(
        person=[p[:MAX_NAME].strip() for p in people], note=[n[:MAX_NOTE] for n in notes]
    )
    return fitted, sum(cut)


def _binder(sql_type: TypeEngine, dialect: Dialect) -> Callable[[object], object]:
    """The dialect's own conversion of a value for this column type (dates as stored text)."""
    return sql_type.dialect_impl(dialect).bind_processor(dialect) or (lambda value: value)


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
        rows, shortened = _fit_lengths(rows)
        with self.write() as conn:
            ids = {r.name: r.id for r in conn.execute(select(categories.c.name, categories.c.id))}
            unknown = set(rows["category"]) - set(ids)
            if unknown:
                raise StoreError(f"Unknown categories: {', '.join(sorted(unknown))}.")
            fresh = rows[self._new_rows(conn, project_id, rows)]
            person_ids = {name: self.person_id(conn, name) for name in fresh["person"].unique()}
            self._bulk_insert(conn, project_id, fresh, person_ids, ids)
        return ImportOutcome(
            len(fresh), len(rows) - len(fresh), int(fresh["seconds"].sum()), shortened
        )

    def _bulk_insert(
        self,
        conn: Connection,
        project_id: int,
        rows: pd.DataFrame,
        person_ids: dict[str, int],
        category_ids: dict[str, int],
    ) -> None:
        """Insert many rows through the driver's executemany, values as bound parameters.

        SQLAlchemy's per-row parameter processing cost ~10x the insert itself.
        """
        columns = [c.name for c in time_entries.c if c.name not in ("id", "deleted_at")]
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        sql = (
            f"INSERT INTO time_entries ({', '.join(columns)}) VALUES "
            f"({', '.join([mark] * len(columns))}) "
            "ON CONFLICT (project_id, source, source_key) DO NOTHING"
        )
        day_bind = _binder(time_entries.c.day.type, conn.dialect)
        stamp_bind = _binder(time_entries.c.created_at.type, conn.dialect)
        days = {d: day_bind(d) for d in rows["date"].unique()}
        now = stamp_bind(utcnow())
        values = {
            "project_id": [project_id] * len(rows),
            "person_id": [person_ids[p] for p in rows["person"].tolist()],
            "day": [days[d] for d in rows["date"].tolist()],
            "category_id": [category_ids[c] for c in rows["category"].tolist()],
            "seconds": [int(s) for s in rows["seconds"].tolist()],
            "note": [n or "" for n in rows["note"].fillna("").tolist()],
            "source": rows["source"].astype(str).tolist(),
            "source_key": rows["source_key"].astype(str).tolist(),
            "created_at": [now] * len(rows),
            "updated_at": [now] * len(rows),
        }
        records = list(zip(*(values[c] for c in columns), strict=True))
        for start in range(0, len(records), CHUNK):
            conn.exec_driver_sql(sql, records[start : start + CHUNK])

    def new_rows(self, project_id: int, rows: pd.DataFrame) -> np.ndarray:
        """Which of `rows` (columns source, source_key) an import would add to the project."""
        if rows.empty:
            return np.zeros(0, dtype=bool)
        with self.read() as conn:
            return self._new_rows(conn, project_id, rows)

    def _new_rows(self, conn: Connection, project_id: int, rows: pd.DataFrame) -> np.ndarray:
        """Mask of rows whose (source, source key) is neither stored nor repeated in `rows`."""
        # Plain sets and lists: pandas' isin on Arrow strings costs ~1 s per 100k keys, which
        # would make re-importing a file slower than importing it.
        sources, keys = rows["source"].astype(str).tolist(), rows["source_key"].astype(str).tolist()
        seen: dict[str, set[str]] = {}
        for source in dict.fromkeys(sources):
            query = select(time_entries.c.source_key).where(
                time_entries.c.project_id == project_id,
                time_entries.c.source == source,
                time_entries.c.source_key.is_not(None),
            )
            seen[source] = set(conn.execute(query).scalars().all())
        mask = np.zeros(len(keys), dtype=bool)
        for i, (source, key) in enumerate(zip(sources, keys, strict=True)):
            if key not in seen[source]:
                seen[source].add(key)
                mask[i] = True
        return mask

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
