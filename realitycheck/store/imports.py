"""Bulk import of parsed exports (idempotent by source key) and the per-project mapping rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Dialect, delete, select
from sqlalchemy.types import TypeEngine

from realitycheck.store.base import MAX_NAME, MAX_NOTE, StoreBase, StoreError, clean_text, utcnow
from realitycheck.store.schema import categories, category_rules, time_entries
from realitycheck.timelog.categories import UNSORTED_CATEGORY

CHUNK = 5000
# What an edit in the source changes, as the columns of time_entries.
CONTENT = ("seconds", "note", "source_project", "task", "tags")


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
    people, long_people = _per_distinct(rows["person"].astype(str), _fit_name)
    notes, long_notes = _per_distinct(rows["note"].fillna("").astype(str), _fit_note)
    return rows.assign(person=people, note=notes), int((long_people | long_notes).sum())


def _fit_name(name: str) -> tuple[str, bool]:
    name = " ".join(clean_text(name).split())
    return name[:MAX_NAME].strip(), len(name) > MAX_NAME


def _fit_note(note: str) -> tuple[str, bool]:
    note = clean_text(note)
    return note[:MAX_NOTE], len(note) > MAX_NOTE


def _per_distinct(
    values: pd.Series, fit: Callable[[str], tuple[str, bool]]
) -> tuple[pd.Series, np.ndarray]:
    """`fit` run once per distinct value (a file repeats its names and notes): text and flag."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    fitted = [fit(value) for value in uniques.tolist()]
    texts = pd.array([text for text, _ in fitted], dtype="str").take(codes)
    flags = np.array([flag for _, flag in fitted], dtype=bool)
    return pd.Series(texts, index=values.index), flags[codes]


def _binder(sql_type: TypeEngine, dialect: Dialect) -> Callable[[object], object]:
    """The dialect's own conversion of a value for this column type (dates as stored text)."""
    return sql_type.dialect_impl(dialect).bind_processor(dialect) or (lambda value: value)


@dataclass
class _Match:
    """How the rows of one import meet the stored entries."""

    fresh: np.ndarray  # rows to insert
    updates: list[tuple[int, int, bool]] = field(default_factory=list)  # (row, id, by hand)
    rekeys: list[tuple[int, str, int]] = field(default_factory=list)  # (id, new key, row)
    # (row, position in the stored columns): met under the same key, maybe changed
    candidates: list[tuple[int, int]] = field(default_factory=list)


_SEEN = -1  # a key first met in this import
# Keys are looked up in chunks of this many (SQLite before 3.32 allows 999 parameters).
LOOKUP_CHUNK = 900
_STORED = ("id", "source_key", "category_by_hand", "deleted_at", *CONTENT)


@dataclass
class _Stored:
    """The stored entries an import can meet: rows of `_STORED`, and by source and key."""

    rows: list[tuple] = field(default_factory=list)
    index: dict[str, dict[str, int]] = field(default_factory=dict)  # position in `rows`

    def column(self, name: str) -> list:
        """One of `_STORED`'s columns, as a list."""
        return list(map(itemgetter(_STORED.index(name)), self.rows))


def _fetch(conn: Connection, sql: str, params: tuple) -> list[tuple]:
    """Rows as plain tuples from the driver's cursor, in the connection's transaction.

    SQLAlchemy's Row objects cost about as much again to take apart by column (100k rows).
    """
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql, params)
        return cursor.fetchall()
    finally:
        cursor.close()


def _by_own_keys(keys: list[str], olds: list[str], stored: _Stored) -> _Match | None:
    """The match when every row meets the stored entry under its own key or is new.

    That is the common case (a first import, a re-import); None when the rows repeat a key
    or a row meets an entry stored under its content key: `_row_by_row` settles those.
    """
    (mine,) = stored.index.values()  # one source
    if len(set(keys)) < len(keys):
        return None
    found = [mine.get(key, _SEEN) for key in keys]
    for key, old, at in zip(keys, olds, found, strict=True):
        if at == _SEEN and old and old != key and old in mine:
            return None
    positions = np.array(found, dtype="int64")
    met = np.flatnonzero(positions != _SEEN)
    pairs = zip(met.tolist(), positions[met].tolist(), strict=True)
    return _Match(positions == _SEEN, candidates=list(pairs))


def _row_by_row(sources: list[str], keys: list[str], olds: list[str], stored: _Stored) -> _Match:
    """The match in file order, for any rows.

    A repeat of a key is a duplicate, and each stored entry is met once: by its key, or by a
    row's content key when it was stored before identity keys (then it is re-keyed).
    """
    match = _Match(np.zeros(len(keys), dtype=bool))
    claimed: set[int] = set()  # positions in `stored.rows`, one per entry
    for i, (source, key, old) in enumerate(zip(sources, keys, olds, strict=True)):
        mine = stored.index[source]
        at = mine.get(key)
        if at is None and old and old != key and mine.get(old, _SEEN) != _SEEN:
            at = mine[old]
            if at not in claimed:
                match.rekeys.append((stored.rows[at][0], key, i))
        if at is None:
            mine[key] = _SEEN  # a repeat later in the same rows is a duplicate
            match.fresh[i] = True
        elif at != _SEEN and at not in claimed:
            claimed.add(at)
            if stored.rows[at][1] == key:
                match.candidates.append((i, at))
    return match


def _changed(
    rows: pd.DataFrame, stored: _Stored, candidates: list[tuple[int, int]]
) -> list[tuple[int, int, bool]]:
    """(row, id, by hand) of the candidates whose live entry holds other content than the row.

    `candidates` pairs a row with the position of its stored entry; the contents are
    compared column by column, in NumPy.
    """
    mine = np.array([i for i, _ in candidates], dtype="int64")
    at = np.array([a for _, a in candidates], dtype="int64")
    live = np.array([when is None for when in stored.column("deleted_at")], dtype=bool)
    differs = np.zeros(len(candidates), dtype=bool)
    seconds = np.asarray(rows["seconds"].to_numpy()).astype("int64")
    differs |= np.array(stored.column("seconds"), dtype="int64")[at] != seconds[mine]
    for name in CONTENT[1:]:
        texts = np.array(_texts(rows, name), dtype=object)[mine]
        differs |= np.array(stored.column(name), dtype=object)[at] != texts
    updates = []
    for c in np.flatnonzero(live[at] & differs).tolist():
        row, entry = candidates[c][0], stored.rows[candidates[c][1]]
        updates.append((row, entry[0], bool(entry[2])))  # id, category_by_hand
    return updates


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
            unknown = set(rows["category"].unique()) - set(ids)
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

    def _stored(
        self, conn: Connection, project_id: int, source: str, keys: list[str]
    ) -> tuple[list[tuple], bool]:
        """The project's entries from `source` that rows with these keys can meet.

        Each entry as a tuple of `_STORED`, deleted ones included. When the project holds no
        more of them than there are keys, all are read in one pass (True: the list is
        complete); otherwise only those stored under one of `keys`, through the unique key's
        index a chunk at a time. Either way no more entries are read than the rows bring keys.
        """
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        keys = list(dict.fromkeys(keys))
        where = f"project_id = {mark} AND source = {mark} AND source_key IS NOT NULL"
        head = f"SELECT {', '.join(_STORED)} FROM time_entries WHERE {where}"
        count = f"SELECT count(*) FROM (SELECT 1 FROM time_entries WHERE {where} LIMIT {mark}) h"
        (held,) = _fetch(conn, count, (project_id, source, len(keys) + 1))[0]
        if held <= len(keys):
            return _fetch(conn, head, (project_id, source)), True
        found: list[tuple] = []
        for start in range(0, len(keys), LOOKUP_CHUNK):
            chunk = keys[start : start + LOOKUP_CHUNK]
            sql = f"{head} AND source_key IN ({', '.join([mark] * len(chunk))})"
            found += _fetch(conn, sql, (project_id, source, *chunk))
        return found, False

    def _match(self, conn: Connection, project_id: int, rows: pd.DataFrame) -> _Match:
        """Sort each row into new, an update of a stored entry, or a duplicate."""
        # Plain dicts and lists: pandas' isin on Arrow strings costs ~1 s per 100k keys.
        sources = rows["source"].astype(str).tolist()
        keys = rows["source_key"].astype(str).tolist()
        olds = _texts(rows, "content_key") if "content_key" in rows else keys
        stored = self._stored_for(conn, project_id, sources, keys, olds)
        match = _by_own_keys(keys, olds, stored) if len(stored.index) == 1 else None
        if match is None:
            match = _row_by_row(sources, keys, olds, stored)
        if match.candidates:
            match.updates = _changed(rows, stored, match.candidates)
        return match

    def _stored_for(
        self,
        conn: Connection,
        project_id: int,
        sources: list[str],
        keys: list[str],
        olds: list[str],
    ) -> _Stored:
        """The stored entries the rows can meet, by source and key.

        First by the rows' keys; then, for rows whose key is not stored, by their content key
        (entries stored before identity keys existed).
        """
        stored = _Stored()
        for source in dict.fromkeys(sources):
            mine = [k for s, k in zip(sources, keys, strict=True) if s == source]
            found, complete = self._stored(conn, project_id, source, mine)
            if not complete:
                known = {row[1] for row in found}
                missing = [
                    old
                    for s, key, old in zip(sources, keys, olds, strict=True)
                    if s == source and old and old != key and key not in known
                ]
                if missing:
                    more, _ = self._stored(conn, project_id, source, missing)
                    found += [row for row in more if row[1] not in known]
            first = len(stored.rows)
            stored.rows += found
            positions = range(first, len(stored.rows))
            stored.index[source] = dict(zip(map(itemgetter(1), found), positions, strict=True))
        return stored

    def _apply_updates(
        self, conn: Connection, rows: pd.DataFrame, match: _Match, category_ids: dict[str, int]
    ) -> tuple[int, int]:
        """Write the updates and re-keys; return (entries updated, their seconds now unsorted)."""
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        if match.rekeys:  # stored before identity keys: the same entry, under its new key
            part = rows.iloc[[i for _, _, i in match.rekeys]]
            texts = [_texts(part, name) for name in CONTENT[2:]]
            params = [
                (key, *values, row_id)
                for (row_id, key, _), *values in zip(match.rekeys, *texts, strict=True)
            ]
            assign = ", ".join(f"{name} = {mark}" for name in ("source_key", *CONTENT[2:]))
            sql = f"UPDATE time_entries SET {assign} WHERE id = {mark}"
            conn.exec_driver_sql(sql, params)
        if not match.updates:
            return 0, 0
        now = _binder(time_entries.c.updated_at.type, conn.dialect)(utcnow())
        part = rows.iloc[[i for i, _, _ in match.updates]]
        seconds = [int(s) for s in part["seconds"].tolist()]
        texts = [_texts(part, name) for name in CONTENT[1:]]
        categories_now = part["category"].astype(str).tolist()
        by_hand, derived, unsorted = [], [], 0
        for (_, row_id, hand), *values, category in zip(
            match.updates, seconds, *texts, categories_now, strict=True
        ):
            if hand:
                by_hand.append((*values, now, row_id))
            else:
                derived.append((*values, now, category_ids[category], row_id))
                unsorted += values[0] if category == UNSORTED_CATEGORY else 0
        assign = ", ".join(f"{name} = {mark}" for name in (*CONTENT, "updated_at"))
        for params, extra in ((by_hand, ""), (derived, f", category_id = {mark}")):
            if params:
                sql = f"UPDATE time_entries SET {assign}{extra} WHERE id = {mark}"
                conn.exec_driver_sql(sql, params)
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
