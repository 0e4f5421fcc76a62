"""Initial schema: projects, categories, people, time entries, standup notes, rules, runs.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)

DEFAULT_CATEGORIES = [
    ("Data collection & extraction", "data_work"),
    ("Labeling", "data_work"),
    ("Cleaning & validation", "data_work"),
    ("Feature engineering", "data_work"),
    ("Pipelines & infrastructure", "data_work"),
    ("Model training & selection", "modeling"),
    ("Tuning", "modeling"),
    ("Evaluation & error analysis", "modeling"),
    ("Deployment & monitoring", "other"),
    ("Meetings & communication", "other"),
    ("Other", "other"),
]


def upgrade() -> None:
    op.create_table(
        "projects",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("start_date", sa.Date, nullable=True),
        sa.Column("expected_data_work", sa.Float, nullable=False),
        sa.Column("expected_modeling", sa.Float, nullable=False),
        sa.Column("expected_other", sa.Float, nullable=False),
        sa.Column("is_demo", sa.Boolean, nullable=False),
        sa.Column("archived_at", TS, nullable=True),
        sa.Column("created_at", TS, nullable=False),
    )
    categories = op.create_table(
        "categories",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("group_key", sa.String(20), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.bulk_insert(
        categories,
        [
            {"name": name, "group_key": group, "position": i}
            for i, (name, group) in enumerate(DEFAULT_CATEGORIES)
        ],
    )
    op.create_table(
        "people",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "time_entries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "project_id",
            sa.Integer,
            sa.ForeignKey("projects.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("category_id", sa.Integer, sa.ForeignKey("categories.id"), nullable=False),
        sa.Column("seconds", sa.Integer, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("source_key", sa.String(100), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("deleted_at", TS, nullable=True),
        sa.UniqueConstraint("project_id", "source", "source_key", name="uq_entry_source_key"),
    )
    op.create_index("ix_entries_project_day", "time_entries", ["project_id", "day"])
    op.create_table(
        "standup_notes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "project_id",
            sa.Integer,
            sa.ForeignKey("projects.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("yesterday", sa.Text, nullable=False),
        sa.Column("today", sa.Text, nullable=False),
        sa.Column("blockers", sa.Text, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.UniqueConstraint("project_id", "person_id", "day", name="uq_standup_note"),
    )
    op.create_table(
        "category_rules",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "project_id",
            sa.Integer,
            sa.ForeignKey("projects.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("field", sa.String(20), nullable=False),
        sa.Column("pattern", sa.String(200), nullable=False),
        sa.Column("category", sa.String(100), nullable=False),
    )
    op.create_table(
        "comparison_runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "project_id",
            sa.Integer,
            sa.ForeignKey("projects.id", ondelete="CASCADE"),
            nullable=True,
        ),
        sa.Column("dataset_name", sa.String(300), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("target", sa.String(300), nullable=False),
        sa.Column("task", sa.String(20), nullable=False),
        sa.Column("verdict", sa.String(40), nullable=False),
        sa.Column("settings_json", sa.Text, nullable=False),
        sa.Column("result_json", sa.Text, nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_runs_project", "comparison_runs", ["project_id", "created_at"])
    op.create_table(
        "app_settings",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "app_settings",
        "comparison_runs",
        "category_rules",
        "standup_notes",
        "time_entries",
        "people",
        "categories",
        "projects",
    ):
        op.drop_table(table)
