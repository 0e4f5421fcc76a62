"""`log`, `summary` and `projects`: the time log from the command line."""

from __future__ import annotations

import argparse
import json

from realitycheck.cli import CliError, Subparsers, add_db_option
from realitycheck.commands import open_store, parse_day, require_project
from realitycheck.store import StoreError
from realitycheck.timelog.categories import GROUPS, find_category
from realitycheck.timelog.durations import DurationError, parse_duration
from realitycheck.timelog.summary import EntryError, gap_sentence, summarize, summary_dict


def register(sub: Subparsers) -> None:
    """Add the time-log subcommands."""
    log = sub.add_parser("log", help="log time for one person on one day")
    log.add_argument("--project", required=True)
    log.add_argument("--person", required=True)
    log.add_argument("--date", required=True, help="YYYY-MM-DD")
    log.add_argument("--category", required=True, help='e.g. "Labeling" (any case)')
    log.add_argument("--hours", required=True, help="1.5, 1:30 or 90m")
    log.add_argument("--note", default="")
    add_db_option(log)
    log.set_defaults(func=run_log)

    summary = sub.add_parser("summary", help="expected vs actual for a project")
    summary.add_argument("--project", required=True)
    summary.add_argument("--since", help="YYYY-MM-DD")
    summary.add_argument("--until", help="YYYY-MM-DD")
    summary.add_argument("--json", action="store_true", help="print one JSON object")
    add_db_option(summary)
    summary.set_defaults(func=run_summary)

    projects = sub.add_parser("projects", help="list projects, or `projects add NAME`")
    projects.add_argument("action", nargs="?", choices=["list", "add"], default="list")
    projects.add_argument("name", nargs="?")
    projects.add_argument("--expected", help="data_work=0.3,modeling=0.6,other=0.1")
    projects.add_argument("--description", default="")
    add_db_option(projects)
    projects.set_defaults(func=run_projects)


def run_log(args: argparse.Namespace) -> int:
    """Validate and write one entry."""
    store = open_store(args)
    project = require_project(store, args.project)
    category = find_category(args.category, store.list_categories())
    if category is None:
        names = ", ".join(c.name for c in store.list_categories())
        raise CliError(f"unknown category '{args.category}' (categories: {names})")
    day = parse_day(args.date, "--date")
    try:
        seconds = parse_duration(args.hours)
        entry_id = store.add_entry(project.id, args.person, day, category.name, seconds, args.note)
    except (DurationError, EntryError, StoreError) as exc:
        raise CliError(str(exc)) from exc
    print(f"logged {seconds / 3600:.2f} h of {category.name} for {args.person} (entry {entry_id})")
    return 0


def run_summary(args: argparse.Namespace) -> int:
    """Print expected vs actual, as text or JSON."""
    store = open_store(args)
    project = require_project(store, args.project)
    since, until = parse_day(args.since, "--since"), parse_day(args.until, "--until")
    if since and until and since > until:
        raise CliError("--since is after --until")
    summary = summarize(store.totals_by_category(project.id, since, until), project.expected)
    if args.json:
        print(json.dumps(summary_dict(project.name, since, until, summary)))
        return 0
    print(f"{project.name}: {summary.hours_total:.1f} h logged")
    for group, share in summary.groups.items():
        print(
            f"  {group:<10} {share.seconds / 3600:8.1f} h  {share.share:6.1%}"
            f"  (expected {share.expected_share:.0%})"
        )
    print(gap_sentence(summary))
    return 0


def parse_expected(text: str | None) -> dict[str, float]:
    """Parse `data_work=0.3,modeling=0.6,other=0.1` (shares or percentages)."""
    if not text:
        return {"data_work": 0.3, "modeling": 0.6, "other": 0.1}
    shares = {}
    for part in text.split(","):
        key, sep, value = part.partition("=")
        if not sep or key.strip() not in GROUPS:
            raise CliError(f"--expected wants {','.join(f'{g}=SHARE' for g in GROUPS)}")
        try:
            shares[key.strip()] = float(value)
        except ValueError as exc:
            raise CliError(f"--expected: '{value}' is not a number") from exc
    if sum(shares.values()) > 1.5:  # given as percentages
        shares = {k: v / 100 for k, v in shares.items()}
    return shares


def run_projects(args: argparse.Namespace) -> int:
    """List projects, or create one."""
    store = open_store(args)
    if args.action == "add":
        if not args.name:
            raise CliError("projects add wants a NAME")
        try:
            project = store.create_project(
                args.name, parse_expected(args.expected), description=args.description
            )
        except (EntryError, StoreError) as exc:
            raise CliError(str(exc)) from exc
        print(f"created project '{project.name}'")
        return 0
    for project in store.list_projects(include_archived=True):
        split = " / ".join(f"{g} {project.expected[g]:.0%}" for g in GROUPS)
        flag = " (archived)" if project.archived else ""
        print(f"{project.name}{flag}: expected {split}")
    return 0
