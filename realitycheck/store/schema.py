"""The tables, as SQLAlchemy Core metadata (the migrations in migrations/ create them)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

metadata = MetaData()

projects = Table(
    "projects",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("description", Text, nullable=False, default=""),
    Column("start_date", Date, nullable=True),
    Column("expected_data_work", Float, nullable=False),
    Column("expected_modeling", Float, nullable=False),
    Column("expected_other", Float, nullable=False),
    Column("is_demo", Boolean, nullable=False, default=False),
    Column("archived_at", DateTime(timezone=True), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

categories = Table(
    "categories",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("group_key", String(20), nullable=False),
    Column("position", Integer, nullable=False),
)

people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

time_entries = Table(
    "time_entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("person_id", Integer, ForeignKey("people.id"), nullable=False),
    Column("day", Date, nullable=False),
    Column("category_id", Integer, ForeignKey("categories.id"), nullable=False),
    Column("seconds", Integer, nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("source", String(20), nullable=False, default="manual"),
    Column("source_key", String(100), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("deleted_at", DateTime(timezone=True), nullable=True),
    # What the source said besides the note (imports only): what sorting and suggestions read.
    Column("source_project", Text, nullable=False, server_default=""),
    Column("task", Text, nullable=False, server_default=""),
    Column("tags", Text, nullable=False, server_default=""),
    # A person chose this category: re-imports of the entry never re-derive it.
    Column("category_by_hand", Boolean, nullable=False, server_default=false()),
    UniqueConstraint("project_id", "source", "source_key", name="uq_entry_source_key"),
)


def _project_rows(name: str, *columns: Column | UniqueConstraint) -> Table:
    """A table whose rows belong to one project and go when it is deleted."""
    return Table(
        name,
        metadata,
        Column("id", Integer, primary_key=True),
        Column(
            "project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False
        ),
        *columns,
    )


standup_notes = _project_rows(
    "standup_notes",
    Column("person_id", Integer, ForeignKey("people.id"), nullable=False),
    Column("day", Date, nullable=False),
    Column("yesterday", Text, nullable=False, default=""),
    Column("today", Text, nullable=False, default=""),
    Column("blockers", Text, nullable=False, default=""),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("project_id", "person_id", "day", name="uq_standup_note"),
)

category_rules = _project_rows(
    "category_rules",
    Column("position", Integer, nullable=False),
    Column("field", String(20), nullable=False),
    Column("pattern", String(200), nullable=False),
    Column("category", String(100), nullable=False),
)


def _saved_runs(name: str, *columns: Column) -> Table:
    """A history of runs: a project (or none), what identifies the run, its whole result."""
    return Table(
        name,
        metadata,
        Column("id", Integer, primary_key=True),
        Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=True),
        *columns,
        Column("settings_json", Text, nullable=False),
        Column("result_json", Text, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
    )


comparison_runs = _saved_runs(
    "comparison_runs",
    Column("dataset_name", String(300), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("target", String(300), nullable=False),
    Column("task", String(20), nullable=False),
    Column("verdict", String(40), nullable=False),
    # Since 0004: the day the run counts for (effort-to-lift), a label, "run" or "bundled"
    # (the bundled datasets' reference results on the evidence board), the headline scores.
    Column("run_day", Date, nullable=True),
    Column("label", String(200), nullable=False, server_default=""),
    Column("kind", String(20), nullable=False, server_default="run"),
    Column("metric", String(20), nullable=True),
    Column("baseline_score", Float, nullable=True),
    Column("boosted_score", Float, nullable=True),
    Column("gain", Float, nullable=True),
    Column("ci_low", Float, nullable=True),
    Column("ci_high", Float, nullable=True),
    Column("margin", Float, nullable=True),
)

drift_runs = _saved_runs(
    "drift_runs",
    Column("train_name", String(300), nullable=False),
    Column("production_name", String(300), nullable=False),
    Column("train_fingerprint", String(64), nullable=False),
    Column("production_fingerprint", String(64), nullable=False),
    Column("target", String(300), nullable=True),
    Column("verdict", String(40), nullable=False),
    Column("drift_score", Float, nullable=False),
)

app_settings = Table(
    "app_settings",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)
