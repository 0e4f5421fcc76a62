"""From a parsed export to rows the store can write: categories by rule, people mapped, a report."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from realitycheck.store.imports import ImportOutcome
from realitycheck.timelog.categories import UNSORTED_CATEGORY
from realitycheck.timelog.importers import ParsedExport
from realitycheck.timelog.rules import Rule, apply_rules

UNASSIGNED = "Unassigned"
STORE_COLUMNS = [
    "date",
    "person",
    "category",
    "seconds",
    "note",
    "source",
    "source_key",
    "content_key",
    "source_project",
    "task",
    "tags",
]


def plan_rows(
    parsed: ParsedExport,
    rules: Sequence[Rule],
    *,
    people: dict[str, str] | None = None,
    default_person: str | None = None,
    unmapped_category: str | None = None,
) -> pd.DataFrame:
    """The parsed rows with `category`, `matched` (a rule matched), mapped `person` and `note`.

    `people` maps source names to team members; rows without a name get `default_person`.
    Rows no rule matches go to `unmapped_category` when given, else to "Unsorted": every row
    is stored, none dropped.
    """
    rows = parsed.rows
    category = apply_rules(rows, rules)
    matched = category.notna().to_numpy()
    category = category.fillna(unmapped_category or UNSORTED_CATEGORY)
    person = rows["person"].fillna("").str.strip()
    person = person.where(person != "", default_person or UNASSIGNED)
    if people:
        person = person.map(lambda name: people.get(name) or name)
    note = rows["description"].fillna("")
    for fallback in ("task", "source_project"):
        note = note.where(note.str.strip() != "", rows[fallback].fillna(""))
    return rows.assign(category=category.to_numpy(), matched=matched, person=person, note=note)


def store_rows(planned: pd.DataFrame) -> pd.DataFrame:
    """Every planned row, in the columns `Store.import_entries` takes."""
    return planned[STORE_COLUMNS]


def source_people(parsed: ParsedExport) -> list[str]:
    """The distinct person names in the export, most hours first."""
    rows = parsed.rows
    if rows.empty:
        return []
    totals = rows.groupby("person")["seconds"].sum().sort_values(ascending=False)
    return [name for name in totals.index if str(name).strip()]


def report(parsed: ParsedExport, planned: pd.DataFrame, outcome: ImportOutcome | None) -> dict:
    """The import's outcome as the JSON object the CLI prints (`outcome` None: a dry run).

    `hours_imported` counts every new row, sorted or not; `hours_unsorted` is the part of the
    new and updated rows that sits in "Unsorted".
    """
    done = outcome or ImportOutcome(0, 0, 0)
    return {
        "format": parsed.format,
        "rows": int(len(planned) + len(parsed.errors)),
        "imported": int(done.imported),
        "updated": int(done.updated),
        "duplicates": int(done.duplicates),
        "unmapped": int((~planned["matched"]).sum()) if len(planned) else 0,
        "errors": [{"row": e.row, "message": e.message} for e in parsed.errors],
        "warnings": list(parsed.warnings),
        "hours_imported": round(done.seconds_imported / 3600, 4),
        "hours_unsorted": round(done.seconds_unsorted / 3600, 4),
    }
