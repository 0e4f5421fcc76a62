"""Write a realistic, deterministic N-row Toggl Track detailed report CSV (for tests and benches)."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import sys
from pathlib import Path

HEADER_2017 = [
    "User",
    "Email",
    "Client",
    "Project",
    "Task",
    "Description",
    "Billable",
    "Start date",
    "Start time",
    "End date",
    "End time",
    "Duration",
    "Tags",
    "Amount (USD)",
]
HEADER_2023 = HEADER_2017[:13]
HEADER_REPORT = [
    "Description",
    "Duration",
    "Member",
    "Email",
    "Project",
    "Tags",
    "Start date",
    "Start time",
    "Stop date",
    "Stop time",
]
GENERATIONS = ("2017", "2023", "report")
DAY = 86_400
PEOPLE = (
    "Ingrid Solberg", "Ayşe Yılmaz", "Chen Wei", "Dana Scully",
    "Jean Dupont", "Kim Lee", "Grace Hopper", "Alan Turing",
)  # fmt: skip
PROJECTS = (
    ("Acme", "Churn model"), ("Acme", "Data platform"), ("Globex", "Recommender"),
    ("Globex", "Fraud detection"), ("", "Internal"), ("Initech", "Vision model"),
)  # fmt: skip
WORK = (
    ("Label batch {n} of support tickets", "Labeling", "Labeling"),
    ("Annotate images, batch {n}", "Labeling", "Labeling, Images"),
    ("Clean CRM extract #{n}", "", "Cleaning"),
    ("Fix Airflow DAG for table {n}", "Pipelines", "Infra"),
    ("Nightly ETL backfill {n}", "Pipelines", ""),
    ("Train XGBoost model v{n}", "Training", "Modeling"),
    ("Hyperparameter sweep {n}", "", "Modeling"),
    ("Error analysis on fold {n}", "Evaluation", ""),
    ("Daily standup", "", "Meeting"),
    ("Feature engineering: tenure bucket {n}", "", "Features"),
    ("SQL extraction for cohort {n}", "", "Data"),
    ("Deploy model API v{n}", "Deployment", ""),
    ("Code review ✅ PR {n}", "", ""),
    ('Discuss "quality" of labels, round {n}', "", "Meeting, Labeling"),
)


def _hms(seconds: int, padded: bool) -> str:
    hours, rest = divmod(seconds, 3600)
    return (
        f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"
        if padded
        else (f"{hours}:{rest // 60:02d}:{rest % 60:02d}")
    )


def _entry(rng: random.Random) -> dict[str, str | int]:
    """One entry: who, what, and its start as (day number, second of the day)."""
    person = rng.choice(PEOPLE)
    client, project = rng.choice(PROJECTS)
    text, task, tags = rng.choice(WORK)
    start = 7 * 3600 + rng.randrange(14 * 3600)
    if rng.random() < 0.01:  # late work that crosses midnight
        start = 23 * 3600 + rng.randrange(3600)
    seconds = rng.choice((0, 1, 59)) if rng.random() < 0.002 else rng.randrange(60, 4 * 3600)
    return {
        "person": person,
        "email": person.split()[0].lower() + "@example.com",
        "client": client,
        "project": project,
        "task": task,
        "description": text.format(n=rng.randrange(400)),
        "tags": tags,
        "day": rng.randrange(365),
        "start": start,
        "seconds": seconds,
    }


def _row(entry: dict, generation: str, days: list[str]) -> list[str]:
    start, end = entry["start"], entry["start"] + entry["seconds"]
    end_day = days[entry["day"] + end // DAY]
    when = [days[entry["day"]], _hms(start, True), end_day, _hms(end % DAY, True)]
    duration = _hms(entry["seconds"], padded=generation == "2017")
    if generation == "report":
        tags = entry["tags"] or "-"
        fields = [entry["description"], duration, entry["person"], entry["email"]]
        return [*fields, entry["project"], tags, *when]
    base = [entry["person"], entry["email"], entry["client"], entry["project"], entry["task"]]
    row = [*base, entry["description"], "No", *when, duration, entry["tags"]]
    return [*row, ""] if generation == "2017" else row


def make_toggl_export(n_rows: int, *, seed: int = 0, generation: str = "2023") -> bytes:
    """The bytes of an `n_rows` Toggl detailed report of the given generation, same for a seed."""
    if generation not in GENERATIONS:
        raise ValueError(f"generation must be one of {', '.join(GENERATIONS)}")
    rng = random.Random(seed)
    first = dt.date(2024, 1, 1)
    days = [(first + dt.timedelta(days=i)).isoformat() for i in range(367)]
    out = io.StringIO()
    quoting = csv.QUOTE_ALL if generation == "2023" else csv.QUOTE_MINIMAL
    writer = csv.writer(out, quoting=quoting, lineterminator="\n")
    header = {"2017": HEADER_2017, "2023": HEADER_2023, "report": HEADER_REPORT}[generation]
    writer.writerow(header)
    writer.writerows(_row(_entry(rng), generation, days) for _ in range(n_rows))
    text = out.getvalue()
    if generation == "2023":
        text = text.rstrip("\n")  # 2023 exports may end without a newline
    return ("\ufeff" if generation == "2017" else "").encode() + text.encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    """Write the export to a file (or stdout): `python bench/make_toggl_export.py N [PATH]`."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("rows", type=int)
    parser.add_argument("path", nargs="?", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--generation", choices=GENERATIONS, default="2023")
    args = parser.parse_args(argv)
    data = make_toggl_export(args.rows, seed=args.seed, generation=args.generation)
    if args.path:
        args.path.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
