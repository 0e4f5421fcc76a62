"""Covering partial indexes for the home page's summary queries (live entries only).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

LIVE = sa.text("deleted_at IS NULL")


def upgrade() -> None:
    # The summary queries read only these columns of live entries, in day order: this index
    # alone answers them. It replaces the plain (project_id, day) index, which the planner
    # preferred for date ranges although it made every row a table lookup.
    op.create_index(
        "ix_entries_live_day",
        "time_entries",
        ["project_id", "day", "category_id", "seconds"],
        sqlite_where=LIVE,
        postgresql_where=LIVE,
    )


    op.drop_index("ix_entries_project_day", "time_entries")


def downgrade() -> None:
    op.create_index("ix_entries_project_day", "time_entries", ["project_id", "day"])
    op.drop_index("ix_entries_live_day", "time_entries")
