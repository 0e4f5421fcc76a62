"""Benchmark: the suggestion model on a synthetic team (bench/make_team_export.py).

Trains on N sorted entries (the team's tagged history, imported and sorted by its tags), then
suggests categories for an untagged export in the same jargon, and prints: the training time
(scikit-learn's import counted apart), the held-out figures the page shows, and on the untagged
export the precision (right among accepted suggestions) and coverage (entries that got one) at
several confidence thresholds, against the true category of every note.

    python bench/bench_suggest.py                  # 50,000 sorted entries, 5,000 to sort
    python bench/bench_suggest.py --history 5000 --fresh 1000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from make_team_export import make_team  # noqa: E402

from realitycheck.store import Store  # noqa: E402
from realitycheck.timelog.importers import parse_export  # noqa: E402
from realitycheck.timelog.importers.plan import plan_rows, store_rows  # noqa: E402
from realitycheck.timelog.sorting import group_unsorted  # noqa: E402
from realitycheck.timelog.suggest import suggest_groups, train  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--history", type=int, default=50_000)
    parser.add_argument("--fresh", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    history, fresh, truth = make_team(args.history, args.fresh, seed=args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/bench.db")
        project = store.create_project("Team", {"data_work": 0.3, "modeling": 0.6, "other": 0.1})
        for data in (history, fresh):
            planned = plan_rows(parse_export(data, "export.csv"), [])
            store.import_entries(project.id, store_rows(planned))
        start = time.perf_counter()
        import sklearn.calibration  # noqa: F401
        import sklearn.feature_extraction.text  # noqa: F401
        import sklearn.svm  # noqa: F401

        imports = time.perf_counter() - start
        start = time.perf_counter()
        examples = store.sorted_examples(project.id)
        read = time.perf_counter() - start
        start = time.perf_counter()
        suggester = train(examples)
        fit = time.perf_counter() - start
        entries = store.unsorted_entries(project.id)
        start = time.perf_counter()
        groups = suggest_groups(suggester, group_unsorted(entries), entries)
        predict = time.perf_counter() - start
        store.dispose()
    print(f"sorted entries: {args.history:,} ({len(examples):,} distinct texts); to sort: {len(entries):,} "
          f"in {len(groups):,} groups")  # fmt: skip
    print(f"scikit-learn import {imports:.2f} s; read {read:.2f} s; train (held-out fit + final fit) "
          f"{fit:.2f} s; group + suggest {predict:.2f} s")  # fmt: skip
    print(f"page sentence: {suggester.summary()}")
    notes = entries.set_index("id")["note"]
    print("threshold  coverage  precision  (untagged export, by entries)")
    for threshold in (0.5, 0.7, 0.8, 0.9):
        accepted = groups[groups["confidence"] >= threshold]
        rows = int(accepted["entries"].sum())
        right = sum(
            int((notes.loc[g.ids].map(truth) == g.suggestion).sum()) for g in accepted.itertuples()
        )
        print(f"{threshold:>9.0%}  {rows / len(entries):>8.1%}  {right / max(rows, 1):>9.1%}")


if __name__ == "__main__":
    main()
