"""Benchmark: importing a large Toggl export (parse + map + insert) against pandas.read_csv.

Prints the wall time of each step as a ratio to `pandas.read_csv` of the same bytes, the peak
memory of a whole import as a ratio to that of `read_csv` (peak RSS growth of a fresh child
process, since pandas' Arrow-backed strings are invisible to tracemalloc), and checks that a
second import of the same file (every row a duplicate) is not slower than the first.

    python bench/bench_import.py            # 100,000 rows
    python bench/bench_import.py --rows 20000
"""

from __future__ import annotations

import argparse
import io
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import pandas as pd  # noqa: E402
from make_toggl_export import make_toggl_export  # noqa: E402

from realitycheck.store import Store  # noqa: E402
from realitycheck.timelog.importers import parse_export  # noqa: E402
from realitycheck.timelog.importers.plan import plan_rows, store_rows  # noqa: E402
from realitycheck.timelog.sorting import group_unsorted  # noqa: E402
from realitycheck.timelog.suggest import suggest_groups, train  # noqa: E402


def measure(fn, repeat: int = 1):
    """Run fn `repeat` times; return (its result, the best time in seconds)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return result, best


def _rss_mb() -> float:
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the (large) parent across
    # fork + exec, while VmHWM belongs to this process's own memory map.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(mode: str, path: str) -> None:
    """In a fresh process: peak RSS (MB) after read_csv alone, a whole import, or nothing."""
    data = Path(path).read_bytes()
    if mode == "read_csv":
        pd.read_csv(io.BytesIO(data))
    elif mode == "import":
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(f"sqlite:///{tmp}/bench.db")
            project = store.create_project("B", {"data_work": 0.3, "modeling": 0.6, "other": 0.1})
            planned = store_rows(
                plan_rows(parse_export(data, "t.csv"), [], unmapped_category="Other")
            )
            store.import_entries(project.id, planned)
            store.dispose()
    print(_rss_mb())  # the process's peak; "baseline" runs nothing, to subtract


def _edited(data: bytes) -> bytes:
    """The same export with every tenth entry's description and duration changed."""
    lines = data.decode("utf-8").split("\n")
    for i in range(1, len(lines), 10):
        if lines[i].count('","') >= 12:
            cells = lines[i].split('","')
            cells[5] = cells[5] + " (edited)"
            lines[i] = '","'.join(cells)
    return "\n".join(lines).encode()


def peak_growth(mode: str, path: str) -> float:
    """Run `child` in a new interpreter and return its peak RSS in MB."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, path],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip())


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    data = make_toggl_export(args.rows, seed=1, generation="2023")
    print(f"Toggl export: {args.rows:,} rows, {len(data) / 2**20:.1f} MB")

    _, base_s = measure(lambda: pd.read_csv(io.BytesIO(data)), repeat=3)
    parsed, parse_s = measure(lambda: parse_export(data, "toggl.csv"), repeat=3)
    planned, map_s = measure(
        lambda: store_rows(plan_rows(parsed, [], unmapped_category="Other")), repeat=3
    )
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/bench.db")
        project = store.create_project("Bench", {"data_work": 0.3, "modeling": 0.6, "other": 0.1})
        first, insert_s = measure(lambda: store.import_entries(project.id, planned))
        again, again_s = measure(lambda: store.import_entries(project.id, planned))
        store.dispose()
        edited = _edited(data)  # a later export: 10% of the entries edited in the tracker
        store = Store(f"sqlite:///{tmp}/bench2.db")
        project = store.create_project("Edits", {"data_work": 0.3, "modeling": 0.6, "other": 0.1})
        store.import_entries(project.id, planned)

        def reimport_and_suggest():
            rows = store_rows(plan_rows(parse_export(edited, "t.csv"), []))
            outcome = store.import_entries(project.id, rows)
            suggester = train(store.sorted_examples(project.id))
            entries = store.unsorted_entries(project.id)
            return outcome, suggest_groups(suggester, group_unsorted(entries), entries)

        (edits, _), edits_s = measure(reimport_and_suggest)
        store.dispose()
        export = Path(tmp) / "toggl.csv"
        export.write_bytes(data)
        base_mb = peak_growth("baseline", str(export))  # the interpreter and its imports
        read_mb = peak_growth("read_csv", str(export)) - base_mb
        import_mb = peak_growth("import", str(export)) - base_mb

    rows = [
        ("pandas.read_csv (reference)", base_s),
        ("parse (detect, decode, validate, keys)", parse_s),
        ("map (rules, people, notes)", map_s),
        (f"insert, first import ({first.imported:,} new)", insert_s),
        (f"insert, second import ({again.duplicates:,} duplicates)", again_s),
    ]
    print(f"\n{'step':<52}{'seconds':>9}{'x read_csv':>12}")
    for name, seconds in rows:
        print(f"{name:<52}{seconds:>9.2f}{seconds / base_s:>12.1f}")
    print(f"\npeak RSS growth: read_csv {read_mb:.0f} MB, whole import {import_mb:.0f} MB "
          f"= {import_mb / read_mb:.1f}x")  # fmt: skip
    total_first = parse_s + map_s + insert_s
    print(f"\nedited re-export ({edits.updated:,} updated, {edits.imported:,} new) + suggestions "
          f"trained and applied: {edits_s:.2f} s = {edits_s / (parse_s + map_s + insert_s):.2f}x "
          "this first import")  # fmt: skip
    total_again = parse_s + map_s + again_s
    print(f"\nwhole first import: {total_first:.2f} s = {total_first / base_s:.1f}x read_csv")
    print(f"whole second import: {total_again:.2f} s = {total_again / base_s:.1f}x read_csv "
          f"({'not slower' if total_again <= total_first else 'SLOWER'} than the first)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
