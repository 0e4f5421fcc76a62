"""Saved data-reality (drift) checks: a new table; nothing existing changes.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "drift_runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "project_id",
            sa.Integer,
            sa.ForeignKey("projects.id", ondelete="CASCADE"),
            nullable=True,
        ),
        sa.Column("train_name", sa.String(300), nullable=False),
        sa.Column("production_name", sa.String(300), nullable=False),
        sa.Column("train_fingerprint", sa.String(64), nullable=False),
        sa.Column("production_fingerprint", sa.String(64), nullable=False),
        sa.Column("target", sa.String(300), nullable=True),
        sa.Column("verdict", sa.String(40), nullable=False),
        sa.Column("drift_score", sa.Float, nullable=False),
        sa.Column("settings_json", sa.Text, nullable=False),
        sa.Column("result_json", sa.Text, nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_drift_runs_project", "drift_runs", ["project_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_drift_runs_project", "drift_runs")
    op.drop_table("drift_runs")
