"""A realistic, seeded demo project: 8 weeks, 4 people, the plan said 30% data work."""

from __future__ import annotations

import hashlib
import random
import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING

import pandas as pd

from realitycheck.timelog.categories import DEFAULT_CATEGORIES

if TYPE_CHECKING:
    from realitycheck.store import Store

DEMO_NAME = "Demo: churn model (sample data)"
DEMO_DESCRIPTION = (
    "Sample data so the app has something to show. Delete it in Settings when your team starts."
)
DEMO_EXPECTED = {"data_work": 0.30, "modeling": 0.60, "other": 0.10}
DEMO_PEOPLE = ("Ana", "Ben", "Chidi", "Dana")
DEMO_SETTING = "demo_seeded"
WEEKS = 8

# Relative weight of each category early in the project and late in it (interpolated per week):
# data work never stops, which is the whole point.
_EARLY = [15, 10, 13, 6, 8, 6, 1, 4, 1, 6, 2]
_LATE = [5, 7, 11, 9, 11, 11, 7, 10, 5, 5, 2]
_NOTES = {
    "Data collection & extraction": "Pulled another month of events from the warehouse",
    "Labeling": "Labeling batch review with the support team",
    "Cleaning & validation": "Fixed duplicated customer ids in the export",
    "Feature engineering": "Tenure and usage-trend features",
    "Pipelines & infrastructure": "Airflow DAG for the nightly training set",
    "Model training & selection": "Baseline vs XGBoost on the new split",
    "Tuning": "Learning rate and depth sweep",
    "Evaluation & error analysis": "Error analysis on the false negatives",
    "Deployment & monitoring": "Shadow deployment and drift dashboard",
    "Meetings & communication": "Standup and weekly sync",
    "Other": "Admin",
}


def demo_entries(end: date, seed: int = 7) -> pd.DataFrame:
    """Entries for 8 working weeks ending on `end`; the same `end` and seed give the same rows."""
    rng = random.Random(seed)
    names = [c.name for c in DEFAULT_CATEGORIES]
    start = end - timedelta(weeks=WEEKS) + timedelta(days=1)
    rows = []
    for offset in range((end - start).days + 1):
        day = start + timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        progress = offset / max((end - start).days, 1)
        weights = [e + (lt - e) * progress for e, lt in zip(_EARLY, _LATE, strict=True)]
        for person in DEMO_PEOPLE:
            rows.extend(_person_day(rng, day, person, names, weights))
    frame = pd.DataFrame(rows)
    frame["source"] = "demo"
    frame["source_key"] = [
        hashlib.sha1(f"{r.date}|{r.person}|{i}".encode()).hexdigest()
        for i, r in enumerate(frame.itertuples())
    ]
    return frame


def _person_day(
    rng: random.Random, day: date, person: str, names: list[str], weights: list[float]
) -> list[dict]:
    if rng.random() < 0.06:  # a day off now and then
        return []
    minutes_left = rng.choice([360, 390, 420, 450, 480])
    picked = rng.choices(names, weights=weights, k=rng.randint(2, 4))
    rows = []
    for i, category in enumerate(picked):
        last = i == len(picked) - 1
        minutes = minutes_left if last else rng.randint(4, 12) * 15
        minutes = min(minutes, minutes_left)
        minutes_left -= minutes
        if minutes > 0:
            note = _NOTES[category]
            rows.append(
                dict(date=day, person=person, category=category, seconds=minutes * 60, note=note)
            )
    return rows


def ensure_demo(store: Store, today: date | None = None) -> bool:
    """Create the demo project on the very first run only; True if it was created now."""
    if store.get_setting(DEMO_SETTING) is not None or store.list_projects(include_archived=True):
        return False
    if not store.claim_setting(DEMO_SETTING, uuid.uuid4().hex):
        return False
    project = store.create_project(
        DEMO_NAME,
        DEMO_EXPECTED,
        description=DEMO_DESCRIPTION,
        start_date=(today or date.today()) - timedelta(weeks=WEEKS),
        is_demo=True,
    )
    for person in DEMO_PEOPLE:
        store.add_person(person)
    store.import_entries(project.id, demo_entries(today or date.today()))
    return True
