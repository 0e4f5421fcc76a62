"""Comparison runs: the day a run counts for, a label, a kind, and its headline scores as columns.

Effort-to-lift lines runs up with the hours logged between them and the evidence board plots
them; both read these columns instead of every run's full JSON. Existing runs are filled in
from their saved result (the day from when they were saved), so upgrading loses nothing.

Revision ID: 0004
Revises: 0003
"""

import json
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SCORES = ("baseline_score", "boosted_score", "gain", "ci_low", "ci_high", "margin")


def upgrade() -> None:
    op.add_column("comparison_runs", sa.Column("run_day", sa.Date, nullable=True))
    op.add_column(
        "comparison_runs",
        sa.Column("label", sa.String(200), nullable=False, server_default=""),
    )
    op.add_column(
        "comparison_runs",
        sa.Column("kind", sa.String(20), nullable=False, server_default="run"),
    )
    op.add_column("comparison_runs", sa.Column("metric", sa.String(20), nullable=True))
    for name in SCORES:
        op.add_column("comparison_runs", sa.Column(name, sa.Float, nullable=True))
    _backfill()
    op.create_index(
        "ix_runs_project_day", "comparison_runs", ["project_id", "kind", "run_day"]
    )


def _backfill() -> None:
    """Fill the new columns of runs saved before this migration from their result JSON."""
    runs = sa.table(
        "comparison_runs",
        sa.column("id", sa.Integer),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("result_json", sa.Text),
        sa.column("run_day", sa.Date),
        sa.column("metric", sa.String),
        *(sa.column(name, sa.Float) for name in SCORES),
    )
    conn = op.get_bind()
    rows = conn.execute(sa.select(runs.c.id, runs.c.created_at, runs.c.result_json)).all()
    for row in rows:
        values = _scores(row.result_json)
        # The day it was saved (as text first: a driver may hand back a string).
        values["run_day"] = date.fromisoformat(str(row.created_at)[:10])
        conn.execute(sa.update(runs).where(runs.c.id == row.id).values(**values))


def _scores(text: str) -> dict:
    try:
        result = json.loads(text)
        metric = result["primary_metric"]
        base = result["models"]["baseline"]["metrics"][metric]["mean"]
        boost = result["models"]["boosted"]["metrics"][metric]["mean"]
        d = result["difference"]
        return {
            "metric": metric,
            "baseline_score": base,
            "boosted_score": boost,
            "gain": d["mean"],
            "ci_low": d["ci95"][0],
            "ci_high": d["ci95"][1],
            "margin": d.get("margin"),
        }
    except (ValueError, KeyError, TypeError, IndexError):
        return {}  # a run saved in another shape keeps its JSON; its columns stay empty


def downgrade() -> None:
    op.drop_index("ix_runs_project_day", "comparison_runs")
    with op.batch_alter_table("comparison_runs") as batch:
        for name in ("run_day", "label", "kind", "metric", *SCORES):
            batch.drop_column(name)
