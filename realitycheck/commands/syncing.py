"""`sync`: pull the signed-in user's entries from Toggl Track or Clockify into a project."""

from __future__ import annotations

import argparse
import json

from realitycheck.cli import CliError, Subparsers, add_db_option
from realitycheck.commands import open_store, parse_day, require_project
from realitycheck.store import StoreError
from realitycheck.timelog.sync import SERVICES, SyncError, sync_project


def register(sub: Subparsers) -> None:
    """Add the `sync` subcommand."""
    parser = sub.add_parser("sync", help="pull time entries from Toggl Track or Clockify")
    parser.add_argument("service", choices=list(SERVICES))
    parser.add_argument("--project", required=True)
    parser.add_argument("--since", required=True, help="YYYY-MM-DD")
    parser.add_argument("--until", help="YYYY-MM-DD (default: today)")
    parser.add_argument("--workspace", help="Clockify workspace id (default: the active one)")
    parser.add_argument("--base-url", help="the API's address (default: the service's own)")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per request")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Fetch, map with the project's rules, and write in one transaction (idempotent)."""
    from datetime import date

    store = open_store(args)
    project = require_project(store, args.project)
    since = parse_day(args.since, "--since")
    until = parse_day(args.until, "--until") or date.today()
    try:
        result = sync_project(
            store, project.id, args.service, since, until,
            url=args.base_url, workspace=args.workspace, timeout=args.timeout,
        )  # fmt: skip
    except (SyncError, StoreError) as exc:
        raise CliError(str(exc)) from exc
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{args.service}: {result['imported']} new, {result['updated']} updated, "
              f"{result['duplicates']} already there ({result['hours_imported']:.2f} h new, "
              f"{result['hours_unsorted']:.2f} h not yet sorted)")  # fmt: skip
    return 0
