"""Comparison runs beside the hours: runs with their scores, hours between runs, the evidence."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, Integer, and_, case, delete, func, literal, or_, select

from realitycheck.store.base import StoreBase, owned_by
from realitycheck.store.records import run_row
from realitycheck.store.schema import categories, comparison_runs, time_entries

if TYPE_CHECKING:
    from realitycheck.compare.result import ComparisonResult

RUN_COLUMNS = (
    "id",
    "dataset_name",
    "target",
    "task",
    "verdict",
    "run_day",
    "label",
    "kind",
    "metric",
    "baseline_score",
    "boosted_score",
    "gain",
    "ci_low",
    "ci_high",
    "margin",
)
BASELINE_ENOUGH = "Baseline is enough"


class EffortMixin(StoreBase):
    """Reads that join comparison runs to the time log, and the bundled reference results."""

    def project_runs(self, project_id: int) -> list[dict]:
        """A project's runs with their headline scores, oldest first (by the day they count for)."""
        query = (
            select(*(comparison_runs.c[c] for c in RUN_COLUMNS))
            .where(comparison_runs.c.project_id == project_id, comparison_runs.c.kind == "run")
            .order_by(comparison_runs.c.run_day, comparison_runs.c.id)
        )
        with self.read() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def hours_between(self, project_id: int, days: Sequence[date]) -> list[dict]:
        """Seconds per step, category and group: step i is (days[i-1], days[i]], summed in SQL.

        `days` must be in order; equal days make an empty step. Deleted entries do not count.
        """
        if len(days) < 2:
            return []
        day = time_entries.c.day
        # The first boundary at or after the entry's day names its step; equal boundaries
        # leave the later step empty, as its window (d, d] is.
        step = case(
            *((day <= bound, literal(i, Integer)) for i, bound in enumerate(days[1:], 1)),
            else_=literal(0, Integer),
        ).label("step")
        per_step = (
            select(step, time_entries.c.category_id, time_entries.c.seconds)
            .where(
                time_entries.c.project_id == project_id,
                time_entries.c.deleted_at.is_(None),
                day > days[0],
                day <= days[-1],
            )
            .subquery()
        )
        query = (
            select(
                per_step.c.step,
                categories.c.name,
                categories.c.group_key,
                func.sum(per_step.c.seconds).label("seconds"),
            )
            .join(categories, categories.c.id == per_step.c.category_id)
            .group_by(per_step.c.step, categories.c.name, categories.c.group_key)
            .order_by(per_step.c.step, categories.c.name)
        )
        with self.read() as conn:
            return [
                {
                    "step": r.step,
                    "category": r.name,
                    "group": r.group_key,
                    "seconds": int(r.seconds),
                }
                for r in conn.execute(query)
            ]

    def evidence(self, project_id: int | None) -> list[dict]:
        """Every scored run of the project and every bundled reference result."""
        query = (
            select(*(comparison_runs.c[c] for c in RUN_COLUMNS))
            .where(_board(project_id))
            .order_by(comparison_runs.c.kind, comparison_runs.c.run_day, comparison_runs.c.id)
        )
        with self.read() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def verdict_tally(self, project_id: int | None) -> tuple[int, int]:
        """(runs where the baseline was enough, runs) on the evidence board, counted in SQL."""
        enough = func.sum(case((comparison_runs.c.verdict == BASELINE_ENOUGH, 1), else_=0))
        query = select(func.coalesce(enough, 0), func.count()).where(_board(project_id))
        with self.read() as conn:
            row = conn.execute(query).one()
        return int(row[0]), int(row[1])

    def replace_bundled(self, results: Sequence[ComparisonResult]) -> int:
        """Store the bundled datasets' reference results in place of any earlier ones.

        Their out-of-fold predictions and explanations are left out: the board needs the scores.
        """
        rows = []
        for result in results:
            data = result.to_dict() | {"oof": {}, "explanations": {}}
            rows.append(run_row(None, data, day=None, label="bundled", kind="bundled"))
        with self.write() as conn:
            conn.execute(delete(comparison_runs).where(comparison_runs.c.kind == "bundled"))
            if rows:
                conn.execute(comparison_runs.insert(), rows)
        return len(rows)


def _board(project_id: int | None) -> ColumnElement[bool]:
    """The evidence board's rows: the project's scored runs and the bundled reference results."""
    run = and_(comparison_runs.c.kind == "run", owned_by(comparison_runs, project_id))
    return and_(or_(run, comparison_runs.c.kind == "bundled"), comparison_runs.c.gain.is_not(None))
