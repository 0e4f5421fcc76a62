"""Unsorted entries and what the team already sorted: the reads and writes of sorting."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import ColumnElement, Row, and_, bindparam, func, select, update

from realitycheck.store.base import StoreBase, StoreError, utcnow
from realitycheck.store.schema import categories, time_entries
from realitycheck.timelog.categories import UNSORTED

TEXT_COLUMNS = ["note", "source_project", "task", "tags"]


def _live_in(project_id: int, unsorted: bool) -> ColumnElement[bool]:
    """A project's live entries that are (or are not) in the unsorted group."""
    group = categories.c.group_key == UNSORTED if unsorted else categories.c.group_key != UNSORTED
    return and_(time_entries.c.project_id == project_id, time_entries.c.deleted_at.is_(None), group)


def _frame(rows: list[Row], columns: list[str]) -> pd.DataFrame:
    """A DataFrame of result rows, made from plain tuples (from Row objects: 7x slower)."""
    return pd.DataFrame([tuple(row) for row in rows], columns=columns)


class SortingMixin(StoreBase):
    """Reads of unsorted and sorted entries; category changes that can be undone."""

    def unsorted_entries(self, project_id: int) -> pd.DataFrame:
        """The project's live unsorted entries: id, seconds and what the source said."""
        query = (
            select(
                time_entries.c.id,
                time_entries.c.seconds,
                *(time_entries.c[c] for c in TEXT_COLUMNS),
            )
            .join(categories, categories.c.id == time_entries.c.category_id)
            .where(_live_in(project_id, unsorted=True))
            .order_by(time_entries.c.id)
        )
        with self.read() as conn:
            rows = conn.execute(query).all()
        return _frame(rows, ["id", "seconds", *TEXT_COLUMNS])

    def sorted_examples(self, project_id: int) -> pd.DataFrame:
        """Distinct (text fields, category) of the sorted entries, with how many share them."""
        texts = [time_entries.c[c] for c in TEXT_COLUMNS]
        query = (
            select(*texts, categories.c.name, func.count())
            .join(categories, categories.c.id == time_entries.c.category_id)
            .where(_live_in(project_id, unsorted=False))
            .group_by(*texts, categories.c.name)
        )
        with self.read() as conn:
            rows = conn.execute(query).all()
        frame = _frame(rows, [*TEXT_COLUMNS, "category", "entries"])
        return frame.astype({"entries": "int64"})

    def sorted_fingerprint(self, project_id: int) -> tuple[int, str]:
        """How many entries are sorted and when one last changed: what a model was fit on."""
        query = (
            select(func.count(), func.max(time_entries.c.updated_at))
            .join(categories, categories.c.id == time_entries.c.category_id)
            .where(_live_in(project_id, unsorted=False))
        )
        with self.read() as conn:
            count, last = conn.execute(query).one()
        return int(count), str(last)

    def set_categories(
        self, project_id: int, entry_ids: list[int], category: str
    ) -> list[tuple[int, int, bool]]:
        """Put entries in `category` as a person's choice; return what `restore_categories` needs.

        That is (id, old category id, old by-hand flag) of each entry.
        """
        with self.write() as conn:
            found = conn.execute(select(categories.c.id).where(categories.c.name == category))
            category_id = found.scalar()
            if category_id is None:
                raise StoreError(f"Unknown category '{category}'.")
            ids = [int(i) for i in entry_ids]
            before: list[tuple[int, int, bool]] = []
            for start in range(0, len(ids), 1000):
                chunk = ids[start : start + 1000]
                query = select(
                    time_entries.c.id, time_entries.c.category_id, time_entries.c.category_by_hand
                ).where(time_entries.c.project_id == project_id, time_entries.c.id.in_(chunk))
                before += [
                    (r.id, r.category_id, bool(r.category_by_hand)) for r in conn.execute(query)
                ]
                conn.execute(
                    update(time_entries)
                    .where(time_entries.c.project_id == project_id, time_entries.c.id.in_(chunk))
                    .values(category_id=category_id, category_by_hand=True, updated_at=utcnow())
                )
        return before

    def restore_categories(self, before: list[tuple[int, int, bool]]) -> None:
        """Undo `set_categories`: each entry gets its old category and flag back."""
        if not before:
            return
        statement = (
            update(time_entries)
            .where(time_entries.c.id == bindparam("entry"))
            .values(
                category_id=bindparam("category"),
                category_by_hand=bindparam("by_hand"),
                updated_at=utcnow(),
            )
        )
        params = [{"entry": i, "category": c, "by_hand": h} for i, c, h in before]
        with self.write() as conn:
            conn.execute(statement, params)
