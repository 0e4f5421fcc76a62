"""Sorting unsorted entries: group them, name each group, turn an assignment into a rule."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from realitycheck.timelog.rules import Rule, fold

if TYPE_CHECKING:
    from realitycheck.store import Store

GROUP_KEYS = ("source_project", "task", "tags", "pattern")
PATTERN_WORDS = 3
_HAS_DIGIT = re.compile(r"\d")


def description_pattern(text: str) -> str:
    """What entries like this one say: folded, cut at the first word with a digit, 3 words.

    "Prodigy session batch 12" -> "prodigy session batch"; "Label 300 images" -> "label".
    The result is itself a rule pattern that matches the text it came from.
    """
    words = []
    for word in fold(text or "").split():
        if _HAS_DIGIT.search(word) or len(words) == PATTERN_WORDS:
            break
        words.append(word)
    return " ".join(words).rstrip(".,;:!?-#(/")


def group_id(key: tuple[str, ...]) -> str:
    """A short, stable id for a group key (what `sort --group` takes)."""
    return hashlib.blake2b("\x1f".join(key).encode(), digest_size=5).hexdigest()


def group_unsorted(entries: pd.DataFrame) -> pd.DataFrame:
    """Unsorted entries grouped by source project, task, tags and description pattern.

    `entries` has id, seconds, note, source_project, task and tags. One row per group, largest
    first: the key fields, `group` (its id), `entries`, `seconds`, `ids` and an `example` note.
    """
    columns = [*GROUP_KEYS, "group", "entries", "seconds", "ids", "example"]
    if entries.empty:
        return pd.DataFrame(columns=columns)
    notes = entries["note"].fillna("").astype(str)
    codes, uniques = pd.factorize(notes)
    patterns = pd.Series([description_pattern(u) for u in uniques], dtype=object)
    keyed = entries.assign(pattern=patterns.to_numpy()[codes] if len(codes) else [])
    grouped = keyed.groupby(list(GROUP_KEYS), sort=False, dropna=False).agg(
        entries=("id", "size"),
        seconds=("seconds", "sum"),
        ids=("id", list),
        example=("note", "first"),
    )
    out = grouped.reset_index()
    out["group"] = [group_id(tuple(map(str, k))) for k in out[list(GROUP_KEYS)].itertuples(False)]
    return out.sort_values(["seconds", "entries"], ascending=False, ignore_index=True)[columns]


def rule_for(group: pd.Series | dict, category: str) -> Rule | None:
    """The rule that sorts entries like this group's next time (its most specific field)."""
    for field, column in (
        ("description", "pattern"),
        ("task", "task"),
        ("tag", "tags"),
        ("project", "source_project"),
    ):
        value = str(group[column] or "").strip()
        if field == "tag":
            value = value.split(",")[0].strip()
        if value:
            return Rule(field, value[:200], category)
    return None


@dataclass(frozen=True)
class SortOutcome:
    """What sorting some groups did, and what undoing it needs."""

    rows: int
    seconds: int
    before: list[tuple[int, int, bool]]  # (entry id, old category id, old by-hand flag)
    rules_before: list[dict]

    def to_dict(self, left_unsorted: int) -> dict:
        """The JSON object `sort` prints."""
        return {
            "sorted_rows": self.rows,
            "sorted_hours": round(self.seconds / 3600, 4),
            "left_unsorted": left_unsorted,
        }


def merged_rules(saved: list[dict], new: list[Rule]) -> list[dict]:
    """The saved rules followed by the new ones (a repeat of a saved rule is left out)."""
    known = {(r["field"], r["pattern"].casefold()) for r in saved}
    added = []
    for rule in new:
        if (rule.field, rule.pattern.casefold()) not in known:
            known.add((rule.field, rule.pattern.casefold()))
            added.append(rule.to_dict())
    return [*saved, *added]


def sort_groups(
    store: Store, project_id: int, picks: list[tuple[pd.Series | dict, str]]
) -> SortOutcome:
    """Put each picked group's entries in its category, and save a rule for each group."""
    rules_before = store.get_rules(project_id)
    before: list[tuple[int, int, bool]] = []
    rows = seconds = 0
    new_rules = []
    for group, category in picks:
        before += store.set_categories(project_id, list(group["ids"]), category)
        rows, seconds = rows + int(group["entries"]), seconds + int(group["seconds"])
        if rule := rule_for(group, category):
            new_rules.append(rule)
    store.save_rules(project_id, merged_rules(rules_before, new_rules))
    return SortOutcome(rows, seconds, before, rules_before)


def undo_sort(store: Store, project_id: int, outcome: SortOutcome) -> None:
    """Put the entries and the rules back as they were before `sort_groups`."""
    store.restore_categories(outcome.before)
    store.save_rules(project_id, outcome.rules_before)
