"""`compare`: baseline vs boosted on a CSV/Parquet file or a bundled dataset, as text or JSON."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

# Standard library only: registering this command imports neither pandas nor scikit-learn.
from realitycheck.compare.settings import (
    DEFAULT_FOLDS,
    DEFAULT_REPEATS,
    SMALL_DATA_REPEATS,
    SMALL_DATA_ROWS,
    TASK_CHOICES,
)

if TYPE_CHECKING:
    from realitycheck.compare.result import ComparisonResult

_SEP_ALIASES = {"\\t": "\t", "tab": "\t", "TAB": "\t"}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `compare` subcommand."""
    parser = subparsers.add_parser(
        "compare",
        help="baseline (linear) vs boosted (XGBoost) on the same folds, with a verdict",
        description="Cross-validate a dummy floor, a linear baseline and XGBoost on the same "
        "seeded folds; report scores, the corrected paired t-test, a verdict and the costs.",
    )
    parser.add_argument("file", metavar="FILE", help="CSV or Parquet file, or a bundled dataset")
    parser.add_argument("--target", required=True, metavar="COL", help="column to predict")
    parser.add_argument("--task", choices=TASK_CHOICES, default="auto")
    parser.add_argument("--folds", type=int, default=DEFAULT_FOLDS, metavar="K")
    parser.add_argument(
        "--repeats",
        type=int,
        default=None,
        metavar="R",
        help=f"repeats of the folds (default: {SMALL_DATA_REPEATS} under {SMALL_DATA_ROWS:,} "
        f"rows, else {DEFAULT_REPEATS})",
    )
    parser.add_argument(
        "--margin",
        type=float,
        default=None,
        metavar="M",
        help="practical margin in the primary metric's units "
        "(default: 0.01 AUC, or 2%% of the baseline's RMSE)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--categorical",
        default="",
        metavar="COL,...",
        help="columns to treat as categories, comma-separated (e.g. integer codes)",
    )
    parser.add_argument(
        "--sep", default=None, metavar="S", help="CSV delimiter, e.g. ';' or tab (default: detect)"
    )
    parser.add_argument("--encoding", default=None, help="text encoding (default: detect)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the comparison and print it; user errors become CliError."""
    from realitycheck.cli import CliError
    from realitycheck.compare.datasets import load_source
    from realitycheck.compare.run import run_comparison

    try:
        frame, name, fingerprint = load_source(args.file, _sep(args.sep), args.encoding)
        result = run_comparison(
            frame,
            args.target,
            task=args.task,
            folds=args.folds,
            repeats=args.repeats,
            margin=args.margin,
            seed=args.seed,
            dataset_name=name,
            fingerprint=fingerprint,
            categorical=[c.strip() for c in args.categorical.split(",") if c.strip()],
        )
    except ValueError as exc:  # DatasetError and bad settings: messages written for the user
        raise CliError(str(exc).splitlines()[0]) from None
    if args.json:
        print(json.dumps(result.summary(), indent=2))
    else:
        print(format_report(result))
    return 0


def _sep(sep: str | None) -> str | None:
    """The one-character delimiter asked for (names such as "tab" allowed), or None to detect."""
    sep = _SEP_ALIASES.get(sep, sep)
    if sep is not None and len(sep) != 1:
        raise ValueError(f"--sep must be one character, not {sep!r}.")
    return sep


def format_report(result: ComparisonResult) -> str:
    """A readable plain-text report of one comparison, with the page's tables."""
    from realitycheck.compare.report import costs_table, metrics_table
    from realitycheck.compare.scoring import METRIC_LABELS

    d, s = result.difference, result.settings
    lines = [
        f"Baseline vs boosted: {result.dataset.get('name')}, target {result.dataset.get('target')!r}"
        f" ({result.task}, {result.rows:,} rows, {s['folds']} folds x {s['repeats']} repeats, "
        f"seed {s['seed']})",
        "",
        f"Verdict: {result.verdict}",
        f"  {result.verdict_reason}",
        f"  {result.cost_sentence}",
        "",
        f"Difference in {METRIC_LABELS[d['metric']]} ({d['orientation']}):",
        f"  {_difference_numbers(d)}, p = {d['p_value']:.3g}",
        "",
        "Scores (mean ± std over folds)",
        metrics_table(result).to_string(index=False),
        "",
        "Costs",
        costs_table(result).to_string(index=False),
        "",
    ]
    lines += _columns_section(result)
    return "\n".join(lines).rstrip()


def _difference_numbers(d: dict) -> str:
    """Mean, interval and margin with enough decimals that each compares with the margin as shown."""
    from realitycheck.compare.report import difference_numbers

    n = difference_numbers(d)
    return f"{n['mean']}, 95% CI [{n['low']}, {n['high']}], margin {n['margin']}"


def _columns_section(result: ComparisonResult) -> list[str]:
    """Columns used (and how) and dropped, rows dropped, warnings and notes, one per line."""
    used = [f"{c['column']} ({c['as']})" for c in result.columns_used]
    lines = [f"Columns used ({len(used)}): {', '.join(used)}"]
    if result.dropped_target_rows:
        lines.append(f"Rows dropped (target missing): {result.dropped_target_rows:,}")
    lines += [f"Dropped {d['column']!r}: {d['reason']}" for d in result.columns_dropped]
    lines += [f"Warning ({w['column'] or 'run'}): {w['message']}" for w in result.warnings]
    lines += [f"Note: {note}" for note in result.notes]
    return lines
