"""`standup`: the day's standup as markdown (to paste into chat) or JSON."""

from __future__ import annotations

import argparse
import json
from datetime import date

from realitycheck.cli import Subparsers, add_db_option
from realitycheck.commands import open_store, parse_day, require_project
from realitycheck.timelog.standup import load_report, to_dict, to_markdown


def register(sub: Subparsers) -> None:
    """Add the `standup` subcommand."""
    parser = sub.add_parser("standup", help="the day's standup as markdown or JSON")
    parser.add_argument("--project", required=True)
    parser.add_argument("--date", help="YYYY-MM-DD (default: today)")
    parser.add_argument("--format", choices=["markdown", "json"], default="markdown")
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the standup."""
    store = open_store(args)
    project = require_project(store, args.project)
    report = load_report(store, project, parse_day(args.date, "--date") or date.today())
    print(json.dumps(to_dict(report)) if args.format == "json" else to_markdown(report))
    return 0
