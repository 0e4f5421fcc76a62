"""Standup notes and saved comparison runs."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select, update

from realitycheck.compare.result import ComparisonResult
from realitycheck.store.base import StoreBase, clean_text, owned_by, utcnow
from realitycheck.store.schema import app_settings, comparison_runs, people, standup_notes

NOTE_FIELDS = ("yesterday", "today", "blockers")


class RecordsMixin(StoreBase):
    """Standup notes and the history of comparison runs."""

    def get_notes(self, project_id: int, day: date) -> dict[str, dict[str, str]]:
        """Each person's standup note for a day: {person: {yesterday, today, blockers}}."""
        query = (
            select(people.c.name, *(standup_notes.c[f] for f in NOTE_FIELDS))
            .join(people, people.c.id == standup_notes.c.person_id)
            .where(standup_notes.c.project_id == project_id, standup_notes.c.day == day)
        )
        with self.read() as conn:
            return {
                row.name: {f: getattr(row, f) for f in NOTE_FIELDS} for row in conn.execute(query)
            }

    def save_note(self, project_id: int, person: str, day: date, **texts: str) -> None:
        """Create or update a person's standup note for a day."""
        values = {f: clean_text(texts.get(f)).strip() for f in NOTE_FIELDS}
        with self.write() as conn:
            person_id = self.person_id(conn, person)
            key = {"project_id": project_id, "person_id": person_id, "day": day}
            row = {**key, **values, "updated_at": utcnow()}
            self.insert_ignore(conn, standup_notes, [row], "project_id", "person_id", "day")
            conn.execute(
                update(standup_notes)
                .where(*(standup_notes.c[k] == v for k, v in key.items()))
                .values(**values, updated_at=row["updated_at"])
            )

    def save_run(
        self,
        project_id: int | None,
        result: ComparisonResult,
        *,
        day: date | None = None,
        label: str = "",
    ) -> int:
        """Save a comparison run (its whole result, as JSON) and return its id.

        `day` is the day the run counts for (default: today, UTC), so past experiments can be
        recorded; the headline scores are kept as columns for effort-to-lift and the evidence
        board. The same data (fingerprint) and target with the same settings is stored once:
        saving it again returns the id of the run already in the project's history (its day and
        label stay).
        """
        row = run_row(project_id, result.to_dict(), day=day, label=label, kind="run")
        same = select(comparison_runs.c.id).where(
            owned_by(comparison_runs, project_id),
            comparison_runs.c.kind == "run",
            comparison_runs.c.fingerprint == row["fingerprint"],
            comparison_runs.c.target == row["target"],
            comparison_runs.c.settings_json == row["settings_json"],
        )
        with self.write() as conn:
            if row["fingerprint"] and (existing := conn.execute(same).scalar()) is not None:
                return existing
            return conn.execute(comparison_runs.insert().values(**row)).inserted_primary_key[0]

    def list_runs(self, project_id: int | None, limit: int = 50) -> list[dict]:
        """Past runs of a project, newest first (without the full result or bundled references)."""
        return self.list_saved(comparison_runs, project_id, limit, comparison_runs.c.kind == "run")

    def get_run(self, run_id: int) -> ComparisonResult | None:
        """A saved run's full result, or None if there is no such run."""
        data = self.saved_result(comparison_runs, run_id)
        return ComparisonResult.from_dict(data) if data else None

    def get_setting(self, key: str) -> str | None:
        """A stored app setting (a small key-value table), or None."""
        query = select(app_settings.c.value).where(app_settings.c.key == key)
        with self.read() as conn:
            return conn.execute(query).scalar()

    def claim_setting(self, key: str, value: str) -> bool:
        """Set `key` only if it is unset; True for the one caller that set it."""
        with self.write() as conn:
            if conn.execute(select(app_settings.c.key).where(app_settings.c.key == key)).first():
                return False
            self.insert_ignore(conn, app_settings, [{"key": key, "value": value}], "key")
            return (
                conn.execute(select(app_settings.c.value).where(app_settings.c.key == key)).scalar()
                == value
            )


def run_row(project_id: int | None, data: dict, *, day: date | None, label: str, kind: str) -> dict:
    """The comparison_runs row of a result dict: identity, verdict, JSON and headline scores.

    `kind` is "run", or "bundled" for a bundled dataset's reference result (evidence board).
    """
    dataset = data["dataset"]
    created = utcnow()
    return {
        "project_id": project_id,
        "dataset_name": str(dataset.get("name") or "uploaded data")[:300],
        "fingerprint": str(dataset.get("fingerprint") or "")[:64],
        "target": str(dataset.get("target") or "")[:300],
        "task": data["task"],
        "verdict": data["verdict"],
        "settings_json": json.dumps(data["settings"]),
        "result_json": json.dumps(data),
        "created_at": created,
        "run_day": day or created.date(),
        "label": " ".join(label.split())[:200],
        "kind": kind,
        **headline_scores(data),
    }


def headline_scores(data: dict) -> dict:
    """The primary metric, both models' means, the gain, its 95% interval and the margin."""
    metric = data["primary_metric"]
    models, difference = data["models"], data["difference"]
    try:
        return {
            "metric": metric,
            "baseline_score": models["baseline"]["metrics"][metric]["mean"],
            "boosted_score": models["boosted"]["metrics"][metric]["mean"],
            "gain": difference["mean"],
            "ci_low": difference["ci95"][0],
            "ci_high": difference["ci95"][1],
            "margin": difference.get("margin"),
        }
    except (KeyError, IndexError, TypeError):
        return {}  # a result without both models' scores: saved, but not on the board
