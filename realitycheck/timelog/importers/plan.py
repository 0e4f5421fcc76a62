"""From a parsed export to rows the store can write: categories by rule, people mapped, a report."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from realitycheck.timelog.importers import ParsedExport
from realitycheck.timelog.rules import Rule, apply_rules

UNASSIGNED = "Unassigned"
STORE_COLUMNS = ["date", "person", "category", "seconds", "note", "source", "source_key"]


def plan_rows(
    parsed: ParsedExport,
    rules: Sequence[Rule],
    *,
    people: dict[str, str] | None = None,
    default_person: str | None = None,
    unmapped_category: str | None = None,
) -> pd.DataFrame:
    """The parsed rows with `category` (None where no rule matched), mapped `person` and `note`.

    `people` maps source names to team members; rows without a name get `default_person`.
    `unmapped_category`, when given, is used for rows no rule matches.
    """
    rows = parsed.rows
    category = apply_rules(rows, rules)
    if unmapped_category:
        category = category.fillna(unmapped_category)
    person = rows["person"].fillna("").str.strip()
    person = person.where(person != "", default_person or UNASSIGNED)
    if people:
        person = person.map(lambda name: people.get(name) or name)
    note = rows["description"].fillna("")
    for fallback in ("task", "source_project"):
        note = note.where(note.str.strip() != "", rows[fallback].fillna(""))
    return rows.assign(category=category.to_numpy(), person=person, note=note)


def store_rows(planned: pd.DataFrame) -> pd.DataFrame:
    """Only the rows that have a category, in the columns `Store.import_entries` takes."""
    return planned.loc[planned["category"].notna(), STORE_COLUMNS]


def source_people(parsed: ParsedExport) -> list[str]:
    """The distinct person names in the export, most hours first."""
    rows = parsed.rows
    if rows.empty:
        return []
    totals = rows.groupby("person")["seconds"].sum().sort_values(ascending=False)
    return [name for name in totals.index if str(name).strip()]


def report(
    parsed: ParsedExport, planned: pd.DataFrame, imported: int, duplicates: int, seconds: int
) -> dict:
    """The import's outcome as the JSON object the CLI prints."""
    mapped = planned["category"].notna()
    return {
        "format": parsed.format,
        "rows": int(len(planned) + len(parsed.errors)),
        "imported": int(imported),
        "duplicates": int(duplicates),
        "unmapped": int((~mapped).sum()),
        "errors": [{"row": e.row, "message": e.message} for e in parsed.errors],
        "warnings": list(parsed.warnings),
        "hours_imported": round(seconds / 3600, 4),
    }
