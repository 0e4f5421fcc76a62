"""`effort`: which hours bought which metric gain, between a project's consecutive runs."""

from __future__ import annotations

import argparse
import json

from realitycheck.cli import Subparsers, add_db_option
from realitycheck.commands import open_store, require_project


def register(sub: Subparsers) -> None:
    """Add the `effort` subcommand."""
    parser = sub.add_parser(
        "effort",
        help="hours logged between a project's saved comparison runs, beside the score changes",
    )
    parser.add_argument("--project", required=True)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the runs and the steps between them."""
    from realitycheck.compare.effort import effort_report

    store = open_store(args)
    project = require_project(store, args.project)
    report = effort_report(store, project.id)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"Effort-to-lift in {project.name!r}: {len(report['runs'])} scored runs")
    for run in report["runs"]:
        label = f" [{run['label']}]" if run["label"] else ""
        print(
            f"  {run['run_day']}  {run['dataset_name']} -> {run['target']}{label}: "
            f"baseline {run['baseline']:.4g}, boosted {run['boosted']:.4g} ({run['verdict']})"
        )
    if not report["steps"]:
        print("No two runs on the same target and metric yet: save another run to see a step.")
    for step in report["steps"]:
        print(f"{step['from']['run_day']} -> {step['to']['run_day']}: {step['sentence']}")
    return 0
