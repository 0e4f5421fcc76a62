"""Saved data-reality checks: one row per run, its full result as JSON."""

from __future__ import annotations

import json

from sqlalchemy import select

from realitycheck.drift.result import DriftResult
from realitycheck.store.base import StoreBase, owned_by, utcnow
from realitycheck.store.schema import drift_runs

SAME_RUN = ("train_fingerprint", "production_fingerprint", "settings_json")


class DriftRunsMixin(StoreBase):
    """The history of drift checks, per project."""

    def save_drift_run(self, project_id: int | None, result: DriftResult) -> int:
        """Save a drift check (its whole result, as JSON) and return its id.

        The same two samples with the same settings (split, target, seed) are stored once:
        saving them again returns the id of the check already in the project's history.
        """
        data = result.to_dict()
        samples = data["samples"]
        names = samples.get("names") or ["training", "production"]
        prints = samples.get("fingerprints") or [None, None]
        row = {
            "project_id": project_id,
            "train_name": str(names[0])[:300],
            "production_name": str(names[1])[:300],
            "train_fingerprint": str(prints[0] or "")[:64],
            "production_fingerprint": str(prints[1] or "")[:64],
            "target": (data["target"] or {}).get("name"),
            "verdict": data["verdict"],
            "drift_score": float(data["drift_score"]),
            "settings_json": json.dumps(data["settings"]),
            "result_json": json.dumps(data),
            "created_at": utcnow(),
        }
        same = select(drift_runs.c.id).where(
            owned_by(drift_runs, project_id), *(drift_runs.c[k] == row[k] for k in SAME_RUN)
        )
        with self.write() as conn:
            if row["train_fingerprint"] and (existing := conn.execute(same).scalar()) is not None:
                return existing
            return conn.execute(drift_runs.insert().values(**row)).inserted_primary_key[0]

    def list_drift_runs(self, project_id: int | None, limit: int = 50) -> list[dict]:
        """Past drift checks of a project (None: those saved without one), newest first."""
        return self.list_saved(drift_runs, project_id, limit)

    def get_drift_run(self, run_id: int) -> DriftResult | None:
        """A saved drift check's full result."""
        data = self.saved_result(drift_runs, run_id)
        return DriftResult.from_dict(data) if data else None
