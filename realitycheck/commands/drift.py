"""`drift`: does a training sample resemble production? As text or JSON."""

from __future__ import annotations

import argparse
import json


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `drift` subcommand."""
    parser = subparsers.add_parser(
        "drift",
        help="does the training sample resemble production? (adversarial validation, "
        "per-feature shift, health, model hold-up)",
        description="Compare a training sample with a production sample (two files, or one "
        "file split by a date or ID column at a cutoff): drift score and verdict, the features "
        "that moved, data health and, with a target, each model's cross-validated promise "
        "beside its production score.",
    )
    parser.add_argument("train", metavar="TRAIN", help="CSV or Parquet file, or a bundled dataset")
    parser.add_argument(
        "production", metavar="PRODUCTION", nargs="?", default=None, help="CSV or Parquet file"
    )
    parser.add_argument(
        "--split-by", metavar="COL", default=None, help="split TRAIN by this date or number column"
    )
    parser.add_argument(
        "--cutoff",
        metavar="VALUE",
        default=None,
        help="rows before VALUE are training, the rest production (a date as YYYY-MM-DD)",
    )
    parser.add_argument("--target", metavar="COL", default=None, help="the column to predict")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the check and print it; user errors become CliError."""
    from realitycheck.cli import CliError

    _check_mode(args)
    try:
        result = _check(args)
    except ValueError as exc:  # DatasetError and bad settings: messages written for the user
        raise CliError(str(exc).splitlines()[0]) from None
    if args.json:
        print(json.dumps(result.summary(), indent=2))
    else:
        from realitycheck.drift.report import text_report

        print(text_report(result))
    return 0


def _check_mode(args: argparse.Namespace) -> None:
    from realitycheck.cli import CliError

    if args.production is not None and (args.split_by or args.cutoff):
        raise CliError("give PRODUCTION or --split-by with --cutoff, not both")
    if args.production is None and not (args.split_by and args.cutoff):
        raise CliError("give a PRODUCTION file, or --split-by COL and --cutoff VALUE")


def _check(args: argparse.Namespace):  # noqa: ANN202 (pandas and the engine load lazily)
    from realitycheck.compare.datasets import load_source
    from realitycheck.drift.run import run_drift

    train, train_name, train_fp = load_source(args.train)
    production, prod_name, prod_fp = None, f"{train_name} (after the cutoff)", train_fp
    if args.production is not None:
        production, prod_name, prod_fp = load_source(args.production)
    return run_drift(
        train,
        production,
        split_by=args.split_by,
        cutoff=args.cutoff,
        target=args.target,
        seed=args.seed,
        names=(train_name, prod_name),
        fingerprints=(train_fp, prod_fp),
    )
