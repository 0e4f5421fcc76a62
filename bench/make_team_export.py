"""A synthetic ML team's Toggl exports in its own jargon: a tagged history, then untagged weeks.

The phrases avoid every built-in keyword, so only what the team sorted before can sort them.

    from make_team_export import make_team
    history, fresh, truth = make_team(2000, 500, seed=1)   # CSV bytes, CSV bytes, note -> category
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

import numpy as np

# category -> (the tag the history carries, the team's phrases for that work)
JARGON: dict[str, tuple[str, tuple[str, ...]]] = {
    "Labeling": (
        "labeling",
        ("Prodigy session", "gold set adjudication", "Doccano pass", "Scale batch review"),
    ),
    "Cleaning & validation": (
        "cleaning",
        ("Great Expectations suite", "fix nulls in orders", "pandera checks", "dupe hunt in CRM"),
    ),
    "Pipelines & infrastructure": (
        "pipeline",
        ("Dagster job", "Prefect flow", "nightly DAG fix", "bump Helm chart"),
    ),
    "Data collection & extraction": (
        "extraction",
        ("Snowflake pull", "BigQuery events dump", "Fivetran connector", "vendor feed onboarding"),
    ),
    "Feature engineering": (
        "features",
        ("Feast view", "lag variables for churn", "Tecton transforms", "merchant rollups"),
    ),
    "Model training & selection": (
        "training",
        ("LightGBM run", "try CatBoost", "fit logistic", "ResNet finetune"),
    ),
    "Tuning": (
        "tuning",
        (
            "learning rate search",
            "Bayesian search on depth",
            "lr schedule trials",
            "early stopping patience",
        ),
    ),
    "Evaluation & error analysis": (
        "evaluation",
        ("SHAP review", "calibration plots", "holdout report", "slice analysis"),
    ),
    "Deployment & monitoring": (
        "deployment",
        ("BentoML push", "KServe canary", "Seldon canary", "shadow traffic check"),
    ),
    "Meetings & communication": (
        "meeting",
        ("Sync with Sarah", "Call with Tom", "catch-up with Priya", "planning poker"),
    ),
    "Other": ("admin", ("expense report", "laptop setup", "onboarding docs", "travel booking")),
}
# Work the history never named (10% of the later export): no suggestion should be confident.
UNSEEN = (
    "Argilla triage",
    "Soda scan",
    "Kedro node",
    "Airbyte sync",
    "Hopsworks view",
    "XGB ranker",
    "Hyperband",
    "Evidently report",
    "Ray Serve cutover",
    "Donut with Kim",
    "visa paperwork",
)
# Vague notes any kind of work gets (10% of rows, in any category): the model cannot know.
VAGUE = ("code review", "pairing session", "write-up", "follow-ups", "reading")
PEOPLE = ("Ana", "Ben", "Chen", "Dara", "Eli")
PROJECTS = ("Acme website", "Q4 model", "Fraud v2")
HEADER = [
    "User", "Email", "Client", "Project", "Task", "Description", "Billable",
    "Start date", "Start time", "End date", "End time", "Duration", "Tags",
]  # fmt: skip
SUFFIXES = ("", " #{n}", " batch {n}", " for {p}", " (part {n})", " v{n}")


def _phrase(rng: np.random.Generator, category: str, tagged: bool) -> str:
    roll = rng.random()
    if roll < 0.1:
        return VAGUE[rng.integers(len(VAGUE))]
    if not tagged and roll < 0.2:
        return UNSEEN[list(JARGON).index(category)]
    phrases = JARGON[category][1]
    return phrases[rng.integers(len(phrases))]


def _rows(n: int, rng: np.random.Generator, start: datetime, tagged: bool, truth: dict) -> list:
    cats = list(JARGON)
    out, clock = [], {p: start for p in PEOPLE}
    for _ in range(n):
        person = PEOPLE[rng.integers(len(PEOPLE))]
        category = cats[rng.integers(len(cats))]
        tag = JARGON[category][0]
        phrase = _phrase(rng, category, tagged)
        suffix = SUFFIXES[rng.integers(len(SUFFIXES))].format(n=rng.integers(1, 60), p=person)
        note = phrase + suffix + ("" if phrase not in VAGUE else f" ({len(truth)})")
        truth[note] = category
        seconds = int(rng.integers(2, 16)) * 900
        begin = clock[person]
        end = begin + timedelta(seconds=seconds)
        clock[person] = end + timedelta(minutes=int(rng.integers(0, 90)))
        out.append([
            person, f"{person.lower()}@team.example", "", PROJECTS[rng.integers(len(PROJECTS))],
            "", note, "No", f"{begin:%Y-%m-%d}", f"{begin:%H:%M:%S}", f"{end:%Y-%m-%d}",
            f"{end:%H:%M:%S}", f"{seconds // 3600}:{seconds % 3600 // 60:02d}:00",
            tag if tagged else "",
        ])  # fmt: skip
    return out


def _csv(rows: list) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def make_team(n_history: int, n_new: int, seed: int = 0) -> tuple[bytes, bytes, dict[str, str]]:
    """A tagged history and a later untagged export, and the true category of every note."""
    rng = np.random.default_rng(seed)
    truth: dict[str, str] = {}
    history = _rows(n_history, rng, datetime(2026, 1, 5, 8), True, truth)
    fresh = _rows(n_new, rng, datetime(2026, 9, 7, 8), False, truth)
    return _csv(history), _csv(fresh), truth
