"""`compare`: baseline vs boosted on a CSV/Parquet file or a bundled dataset, as text or JSON."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

# Standard library only: registering this command imports neither pandas nor scikit-learn.
from realitycheck.cli import add_db_option
from realitycheck.compare.settings import (
    DEFAULT_FOLDS,
    DEFAULT_REPEATS,
    SMALL_DATA_REPEATS,
    SMALL_DATA_ROWS,
    TASK_CHOICES,
)

if TYPE_CHECKING:
    import pandas as pd

    from realitycheck.compare.result import ComparisonResult

_SEP_ALIASES = {"\\t": "\t", "tab": "\t", "TAB": "\t"}
WHAT_IF_KINDS = ("learning-curve", "label-noise")  # realitycheck.compare.whatif.KINDS (tested)


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
    parser.add_argument(
        "--what-if",
        default=None,
        metavar="KINDS",
        help="also run what-ifs: learning-curve, label-noise (comma-separated)",
    )
    parser.add_argument("--project", default=None, help="save the run to this project")
    parser.add_argument(
        "--date", default=None, metavar="YYYY-MM-DD", help="the day the saved run counts for"
    )
    parser.add_argument("--label", default="", help="a short label for the saved run")
    add_db_option(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the comparison (and what-ifs), save it if asked, print it; user errors: CliError."""
    from realitycheck.cli import CliError
    from realitycheck.commands import open_store, parse_day, require_project
    from realitycheck.compare.datasets import load_source
    from realitycheck.compare.run import run_comparison

    kinds = _what_ifs(args.what_if)
    day = parse_day(args.date, "--date")
    store = open_store(args) if args.project else None
    project = require_project(store, args.project) if store else None
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
        extra = _run_what_ifs(frame, args, result.settings, kinds) if kinds else {}
    except ValueError as exc:  # DatasetError and bad settings: messages written for the user
        raise CliError(str(exc).splitlines()[0]) from None
    if store is not None:
        extra["run_id"] = store.save_run(project.id, result, day=day, label=args.label)
    if args.json:
        print(json.dumps(result.summary() | extra, indent=2))
        return 0
    print(format_report(result))
    if kinds:
        print("\n" + format_what_ifs(extra))
    if "run_id" in extra:
        print(f"\nSaved as run {extra['run_id']} in {project.name!r}.")
    return 0


def _what_ifs(text: str | None) -> list[str]:
    """The requested what-ifs, checked before any work starts."""
    from realitycheck.cli import CliError

    if text is None:
        return []
    kinds = [k.strip() for k in text.split(",") if k.strip()]
    if not kinds or any(k not in WHAT_IF_KINDS for k in kinds):
        choose = ", ".join(WHAT_IF_KINDS)
        raise CliError(f"--what-if takes {choose} (comma-separated), not {text!r}")
    return kinds


def _run_what_ifs(
    frame: pd.DataFrame, args: argparse.Namespace, settings: dict, kinds: list[str]
) -> dict:
    """The what-ifs on the comparison's own (resolved) settings: {what_if, advice}."""
    from realitycheck.compare.whatif import run_what_ifs

    return run_what_ifs(
        frame,
        args.target,
        kinds=kinds,
        task=settings["task_requested"],
        folds=settings["folds"],
        repeats=settings["repeats"],
        seed=settings["seed"],
        max_cv_rows=settings["max_cv_rows"],
        categorical=settings["categorical"],
    )


def format_what_ifs(out: dict) -> str:
    """The what-if curves as small tables (mean ± std over folds) and the advice."""
    from realitycheck.compare.scoring import METRIC_LABELS

    what_if = out["what_if"]
    label = METRIC_LABELS[what_if["metric"]]
    lines = []
    for key, axis, title in (
        ("learning_curve", "fractions", "share of each training fold"),
        ("label_noise", "rates", "share of training labels corrupted"),
    ):
        if key not in what_if:
            continue
        curve = what_if[key]
        lines.append(f"{label} by {title}:")
        lines.append(f"{'':>8}{'baseline':>20}{'boosted':>20}")
        for i, x in enumerate(curve[axis]):
            cells = [
                f"{curve[model][i]:.4g} ± {curve[f'{model}_std'][i]:.2g}"
                for model in ("baseline", "boosted")
            ]
            lines.append(f"{x:>8.0%}" + "".join(f"{c:>20}" for c in cells))
        lines.append("")
    return "\n".join([*lines, f"Advice: {out['advice']}"])


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
