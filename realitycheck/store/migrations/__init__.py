"""Alembic migrations: the schema's history, applied on start by `Store`."""
