"""`unsorted` and `sort`: see the entries no rule sorted, and sort them (by hand or suggestion)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from realitycheck.cli import CliError, Subparsers, add_db_option
from realitycheck.commands import open_store, require_project
from realitycheck.store import StoreError
from realitycheck.timelog.categories import UNSORTED, find_category
from realitycheck.timelog.sorting import GROUP_KEYS, group_unsorted, sort_groups
from realitycheck.timelog.suggest import DEFAULT_MIN_CONFIDENCE, suggest_groups, train

if TYPE_CHECKING:
    import pandas as pd

    from realitycheck.store import Project, Store


def register(sub: Subparsers) -> None:
    """Add the `unsorted` and `sort` subcommands."""
    unsorted = sub.add_parser("unsorted", help="unsorted entries, grouped, with suggestions")
    unsorted.add_argument("--project", required=True)
    unsorted.add_argument("--json", action="store_true", help="print one JSON object")
    add_db_option(unsorted)
    unsorted.set_defaults(func=run_unsorted)

    sort = sub.add_parser("sort", help="sort a group of unsorted entries, or accept suggestions")
    sort.add_argument("--project", required=True)
    how = sort.add_mutually_exclusive_group(required=True)
    how.add_argument("--group", metavar="KEY", help="a group's key, as `unsorted` lists it")
    how.add_argument("--accept-suggestions", action="store_true")
    sort.add_argument("--category", help="with --group: the category its entries go to")
    sort.add_argument("--min-confidence", type=float, default=DEFAULT_MIN_CONFIDENCE,
                      help="with --accept-suggestions (default 0.8)")  # fmt: skip
    sort.add_argument("--json", action="store_true", help="print one JSON object")
    add_db_option(sort)
    sort.set_defaults(func=run_sort)


def suggested_groups(store: Store, project: Project) -> pd.DataFrame:
    """The project's unsorted groups with a suggestion learned from its sorted entries."""
    entries = store.unsorted_entries(project.id)
    groups = group_unsorted(entries)
    if groups.empty:
        return suggest_groups(None, groups, entries)
    return suggest_groups(train(store.sorted_examples(project.id)), groups, entries)


def _group_dict(group: pd.Series) -> dict:
    confident = group["suggestion"] is not None and group["confidence"] == group["confidence"]
    return {
        "key": {"id": group["group"], **{k: group[k] for k in GROUP_KEYS}},
        "rows": int(group["entries"]),
        "hours": round(int(group["seconds"]) / 3600, 4),
        "suggestion": group["suggestion"] if confident else None,
        "confidence": round(float(group["confidence"]), 4) if confident else None,
        "example": group["example"],
    }


def run_unsorted(args: argparse.Namespace) -> int:
    """Print the unsorted groups, largest first."""
    store = open_store(args)
    project = require_project(store, args.project)
    groups = suggested_groups(store, project)
    result = {
        "hours_unsorted": round(int(groups["seconds"].sum()) / 3600, 4),
        "groups": [_group_dict(g) for _, g in groups.iterrows()],
    }
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"{project.name}: {result['hours_unsorted']:.2f} h not yet sorted")
    for g in result["groups"]:
        hint = f" -> {g['suggestion']} ({g['confidence']:.0%})" if g["suggestion"] else ""
        fields = " / ".join(v for k, v in g["key"].items() if k != "id" and v) or "(nothing)"
        print(f"  {g['key']['id']}  {g['hours']:7.2f} h  {g['rows']:5d} rows  {fields}{hint}")
    return 0


def _picks(args: argparse.Namespace, store: Store, groups: pd.DataFrame) -> list:
    if args.accept_suggestions:
        if not 0 <= args.min_confidence <= 1:
            raise CliError("--min-confidence is a probability between 0 and 1")
        chosen = groups[groups["confidence"].fillna(-1) >= args.min_confidence]
        return [(g, g["suggestion"]) for _, g in chosen.iterrows()]
    if not args.category:
        raise CliError("--group needs --category")
    category = find_category(args.category, store.list_categories())
    if category is None or category.group == UNSORTED:
        names = ", ".join(c.name for c in store.list_categories() if c.group != UNSORTED)
        raise CliError(f"unknown category '{args.category}' (categories: {names})")
    found = groups[groups["group"] == args.group.strip()]
    if found.empty:
        raise CliError(f"no unsorted group '{args.group}' (see `unsorted --project P`)")
    return [(found.iloc[0], category.name)]


def run_sort(args: argparse.Namespace) -> int:
    """Sort one group, or every group whose suggestion is confident enough; save their rules."""
    store = open_store(args)
    project = require_project(store, args.project)
    if args.accept_suggestions:
        groups = suggested_groups(store, project)
    else:
        groups = group_unsorted(store.unsorted_entries(project.id))
    picks = _picks(args, store, groups)
    try:
        outcome = sort_groups(store, project.id, picks)
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    result = outcome.to_dict(left_unsorted=len(store.unsorted_entries(project.id)))
    if args.json:
        print(json.dumps(result))
    else:
        print(f"sorted {result['sorted_rows']} entries ({result['sorted_hours']:.2f} h); "
              f"{result['left_unsorted']} left unsorted")  # fmt: skip
    return 0
