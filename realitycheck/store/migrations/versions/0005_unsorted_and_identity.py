"""Unsorted rows and entry identity: the "Unsorted" category, source fields, hand-set flag.

Adds the category "Unsorted" (group `unsorted`) for imported rows no rule maps; keeps each
imported entry's source project, task and tags (what sorting and suggestions read); and marks
entries whose category a person chose (`category_by_hand`), which re-imports never overwrite.
Existing rows keep every value; the new columns start empty.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

UNSORTED = "Unsorted"


def upgrade() -> None:
    with op.batch_alter_table("time_entries") as batch:
        for name in ("source_project", "task", "tags"):
            batch.add_column(sa.Column(name, sa.Text, nullable=False, server_default=""))
        batch.add_column(
            sa.Column("category_by_hand", sa.Boolean, nullable=False, server_default=sa.false())
        )
    categories = sa.table(
        "categories",
        sa.column("name", sa.String),
        sa.column("group_key", sa.String),
        sa.column("position", sa.Integer),
    )
    conn = op.get_bind()
    exists = conn.execute(sa.select(categories.c.name).where(categories.c.name == UNSORTED))
    if exists.first() is None:
        last = conn.execute(sa.select(sa.func.coalesce(sa.func.max(categories.c.position), 0)))
        position = last.scalar_one() + 1
        op.bulk_insert(
            categories, [{"name": UNSORTED, "group_key": "unsorted", "position": position}]
        )


def downgrade() -> None:
    with op.batch_alter_table("time_entries") as batch:
        for name in ("category_by_hand", "tags", "task", "source_project"):
            batch.drop_column(name)
    # Unsorted entries keep their rows: the category stays while entries point at it.
    op.execute(
        sa.text(
            "DELETE FROM categories WHERE name = :name AND NOT EXISTS "
            "(SELECT 1 FROM time_entries WHERE time_entries.category_id = categories.id)"
        ).bindparams(name=UNSORTED)
    )
