"""Activity groups and their default categories: the vocabulary of the time log."""

from __future__ import annotations

from dataclasses import dataclass

DATA_WORK = "data_work"
MODELING = "modeling"
OTHER = "other"
GROUPS: tuple[str, ...] = (DATA_WORK, MODELING, OTHER)
# Imported rows that no rule or person has sorted yet: counted in the hours, kept apart from
# the three groups' shares (which are shares of the sorted hours), never dropped.
UNSORTED = "unsorted"
UNSORTED_CATEGORY = "Unsorted"
GROUP_LABELS: dict[str, str] = {
    DATA_WORK: "Data work",
    MODELING: "Modeling",
    OTHER: "Shipping & other",
    UNSORTED: "Not yet sorted",
}


@dataclass(frozen=True)
class Category:
    """One activity category and the group it counts towards."""

    name: str
    group: str


DEFAULT_CATEGORIES: tuple[Category, ...] = (
    Category("Data collection & extraction", DATA_WORK),
    Category("Labeling", DATA_WORK),
    Category("Cleaning & validation", DATA_WORK),
    Category("Feature engineering", DATA_WORK),
    Category("Pipelines & infrastructure", DATA_WORK),
    Category("Model training & selection", MODELING),
    Category("Tuning", MODELING),
    Category("Evaluation & error analysis", MODELING),
    Category("Deployment & monitoring", OTHER),
    Category("Meetings & communication", OTHER),
    Category("Other", OTHER),
)


def find_category(name: str, categories: tuple[Category, ...] | list[Category]) -> Category | None:
    """Return the category whose name matches `name` case-insensitively, or None."""
    wanted = " ".join(name.split()).casefold()
    return next((c for c in categories if c.name.casefold() == wanted), None)
