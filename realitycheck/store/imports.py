"""Bulk import of parsed exports (idempotent by source key) and the per-project mapping rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Dialect, Row, delete, select, update
from sqlalchemy.types import TypeEngine

from realitycheck.store.base import MAX_NAME, MAX_NOTE, StoreBase, StoreError, clean_text, utcnow
from realitycheck.store.schema import categories, category_rules, time_entries
from realitycheck.timelog.categories import UNSORTED_CATEGORY

CHUNK = 5000


@dataclass(frozen=True)
class ImportOutcome:
    """What one import wrote."""

    imported: int
    duplicates: int
    seconds_imported: int  # of the new rows, sorted or not
    updated: int = 0  # stored entries seen again with other content, changed in place
    seconds_unsorted: int = 0  # of the new and updated rows, what sits in "Unsorted"
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


@dataclass
class _Match:
    """How the rows of one import meet the stored entries."""

    fresh: np.ndarray  # rows to insert
    updates: list[tuple[int, int, bool]] = field(default_factory=list)  # (row, id, by hand)
    rekeys: list[tuple[int, str, tuple]] = field(default_factory=list)  # (id, new key, content)


_SEEN = object()  # a key first met in this import


def _content_columns(rows: pd.DataFrame) -> list[list]:
    """Seconds, note, source project, task and tags: what an edit in the source changes."""
    notes = rows["note"].fillna("").astype(str).tolist()
    seconds = [int(s) for s in rows["seconds"].tolist()]
    return [seconds, notes, *(_texts(rows, n) for n in ("source_project", "task", "tags"))]


def _texts(rows: pd.DataFrame, name: str) -> list[str]:
    """A text column as a list of str ('' where missing or absent)."""
    if name not in rows:
        return [""] * len(rows)
    return rows[name].fillna("").astype(str).tolist()


class ImportsMixin(StoreBase):
    """Bulk writes from importers, and the rules that map source rows to categories."""

    def import_entries(self, project_id: int, rows: pd.DataFrame) -> ImportOutcome:
        """Write parsed rows in one transaction: new ones inserted, edited ones updated.

        `rows` has columns date, person, category, seconds, note, source, source_key and,
        from files, content_key, source_project, task and tags. A row whose key is stored
        with the same seconds, note, project, task and tags is a duplicate; with other
        values the stored entry is updated (its category too, unless a person set it by
        hand). A deleted entry stays deleted. Entries stored under their content key before
        identity keys existed are found by it and moved to the identity key.
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
            match = self._match(conn, project_id, rows)
            fresh = rows[match.fresh]
            person_ids = {name: self.person_id(conn, name) for name in fresh["person"].unique()}
            self._bulk_insert(conn, project_id, fresh, person_ids, ids)
            updated = self._apply_updates(conn, rows, match, ids)
        unsorted = fresh["category"] == UNSORTED_CATEGORY
        seconds_unsorted = int(fresh.loc[unsorted, "seconds"].sum()) + updated[1]
        return ImportOutcome(
            imported=len(fresh),
            duplicates=len(rows) - len(fresh) - len(match.updates),
            seconds_imported=int(fresh["seconds"].sum()),
            updated=len(match.updates),
            seconds_unsorted=seconds_unsorted,
            shortened=shortened,
        )

    def _stored(self, conn: Connection, project_id: int, source: str) -> dict[str, Row]:
        """The project's entries from `source`, by source key (deleted ones included)."""
        query = select(
            time_entries.c.id,
            time_entries.c.source_key,
            time_entries.c.seconds,
            time_entries.c.note,
            time_entries.c.source_project,
            time_entries.c.task,
            time_entries.c.tags,
            time_entries.c.category_by_hand,
            time_entries.c.deleted_at,
        ).where(
            time_entries.c.project_id == project_id,
            time_entries.c.source == source,
            time_entries.c.source_key.is_not(None),
        )
        return {row.source_key: row for row in conn.execute(query)}

    def _match(self, conn: Connection, project_id: int, rows: pd.DataFrame) -> _Match:
        """Sort each row into new, an update of a stored entry, or a duplicate."""
        # Plain dicts and lists: pandas' isin on Arrow strings costs ~1 s per 100k keys.
        sources = rows["source"].astype(str).tolist()
        keys = rows["source_key"].astype(str).tolist()
        olds = _texts(rows, "content_key") if "content_key" in rows else keys
        content = list(zip(*(_content_columns(rows)), strict=True))
        stored = {
            source: self._stored(conn, project_id, source) for source in dict.fromkeys(sources)
        }
        match = _Match(np.zeros(len(keys), dtype=bool))
        claimed: set[int] = set()
        for i, (source, key, old) in enumerate(zip(sources, keys, olds, strict=True)):
            mine = stored[source]
            row = mine.get(key)
            if row is None and old and old != key and old in mine:
                row = mine[old]
                if row.id not in claimed:
                    match.rekeys.append((row.id, key, content[i]))
            if row is None:
                mine[key] = _SEEN  # a repeat later in the same rows is a duplicate
                match.fresh[i] = True
            elif row is not _SEEN and row.id not in claimed:
                claimed.add(row.id)
                stored_content = (row.seconds, row.note, row.source_project, row.task, row.tags)
                if (
                    row.deleted_at is None
                    and stored_content != content[i]
                    and row.source_key == key
                ):
                    match.updates.append((i, row.id, bool(row.category_by_hand)))
        return match

    def _apply_updates(
        self, conn: Connection, rows: pd.DataFrame, match: _Match, category_ids: dict[str, int]
    ) -> tuple[int, int]:
        """Write the updates and re-keys; return (entries updated, their seconds now unsorted)."""
        now, unsorted = utcnow(), 0
        names = ("seconds", "note", "source_project", "task", "tags")
        for row_id, key, content in match.rekeys:  # stored before identity keys: same entry
            values = dict(zip(names[2:], content[2:], strict=True))
            conn.execute(
                update(time_entries)
                .where(time_entries.c.id == row_id)
                .values(source_key=key, **values)
            )
        if not match.updates:
            return 0, 0
        positions = [i for i, _, _ in match.updates]
        part = rows.iloc[positions]
        content = list(zip(*(_content_columns(part)), strict=True))
        categories_now = part["category"].astype(str).tolist()
        for (_, row_id, by_hand), values, category in zip(
            match.updates, content, categories_now, strict=True
        ):
            change = dict(zip(names, values, strict=True)) | {"updated_at": now}
            if not by_hand:
                change["category_id"] = category_ids[category]
                unsorted += values[0] if category == UNSORTED_CATEGORY else 0
            conn.execute(update(time_entries).where(time_entries.c.id == row_id).values(change))
        return len(match.updates), unsorted

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
            **{name: _texts(rows, name) for name in ("source_project", "task", "tags")},
            "category_by_hand": [False] * len(rows),
        }
        records = list(zip(*(values[c] for c in columns), strict=True))
        for start in range(0, len(records), CHUNK):
            conn.exec_driver_sql(sql, records[start : start + CHUNK])

    def import_status(self, project_id: int, rows: pd.DataFrame) -> np.ndarray:
        """What importing `rows` (as `import_entries` takes them) would do with each one.

        "new": added; "changed": a stored entry edited in the source, updated in place;
        "stored": already in the project as it is (or deleted there), left alone.
        """
        status = np.full(len(rows), "stored", dtype=object)
        if rows.empty:
            return status
        with self.read() as conn:
            match = self._match(conn, project_id, rows)
        status[match.fresh] = "new"
        status[[i for i, _, _ in match.updates]] = "changed"
        return status

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
