"""Benchmark: importing a large Toggl export (parse + map + insert), this code against `main`.

Each side runs in a fresh interpreter, the sides alternating over the rounds: this code, and
the engine of an earlier commit (`--before`, by default `main` just before the Unsorted, word
rules and identity keys work came in) extracted with `git archive`. Both import the same
bytes into a new SQLite database: parse, map, insert of a first import, and a re-import of
the same file (every row a duplicate). This code also imports an edited re-export (every
tenth entry changed: updated in place) and trains and applies suggestions. Then, for this
code: each step as a ratio to `pandas.read_csv` of the same bytes, and the peak memory of a
whole import against that of `read_csv` (peak RSS growth of a fresh child process, since
pandas' Arrow-backed strings are invisible to tracemalloc).

    python bench/bench_import.py            # 100,000 rows, 3 rounds
    python bench/bench_import.py --rows 20000 --rounds 1
    python bench/bench_import.py --before HEAD~3
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# A child timing another commit's engine (`--code DIR`) imports it from there.
CODE = Path(sys.argv[sys.argv.index("--code") + 1]) if "--code" in sys.argv else ROOT
sys.path[:0] = [str(CODE), str(ROOT / "bench")]

import pandas as pd  # noqa: E402
from make_toggl_export import make_toggl_export  # noqa: E402

from realitycheck.store import Store  # noqa: E402
from realitycheck.timelog.importers import parse_export  # noqa: E402
from realitycheck.timelog.importers.plan import plan_rows, store_rows  # noqa: E402

# `main` as the Unsorted / word rules / identity keys work was merged into it (the merge's
# other parent): substring rules, source keys from content only, no updates.
BEFORE = "babeebea0dc8a4bc2a8249a742d84d70f24bb61a"
EXPECTED = {"data_work": 0.3, "modeling": 0.6, "other": 0.1}


def measure(fn, repeat: int = 1):
    """Run fn `repeat` times; return (its result, the best wall and CPU seconds)."""
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        best = min(best, (time.perf_counter() - wall, time.process_time() - cpu))
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
            project = store.create_project("B", EXPECTED)
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


def steps(path: str, edited_path: str) -> None:
    """In a fresh process, with the engine under test: time each step; print them as JSON."""
    data = Path(path).read_bytes()
    times: dict[str, list[float]] = {}
    _, times["read_csv"] = measure(lambda: pd.read_csv(io.BytesIO(data)), repeat=3)
    parsed, times["parse"] = measure(lambda: parse_export(data, "toggl.csv"), repeat=3)
    planned, times["map"] = measure(
        lambda: store_rows(plan_rows(parsed, [], unmapped_category="Other")), repeat=3
    )
    counts = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/bench.db")
        project = store.create_project("Bench", EXPECTED)
        first, times["insert"] = measure(lambda: store.import_entries(project.id, planned))
        again, times["again"] = measure(lambda: store.import_entries(project.id, planned))
        counts.update(new=first.imported, duplicates=again.duplicates)
        store.dispose()
        try:  # only the engine with updates and suggestions goes on
            from realitycheck.timelog.sorting import group_unsorted
            from realitycheck.timelog.suggest import suggest_groups, train
        except ImportError:
            print(json.dumps({"times": times, "counts": counts}))
            return
        edited = Path(edited_path).read_bytes()  # a later export, 10% of it edited
        store = Store(f"sqlite:///{tmp}/bench2.db")
        project = store.create_project("Edits", EXPECTED)
        store.import_entries(project.id, planned)

        def reimport():
            rows = store_rows(plan_rows(parse_export(edited, "t.csv"), []))
            return store.import_entries(project.id, rows)

        def suggest():
            suggester = train(store.sorted_examples(project.id))  # scikit-learn imported here
            entries = store.unsorted_entries(project.id)
            return suggest_groups(suggester, group_unsorted(entries), entries)

        edits, times["edited"] = measure(reimport)
        _, times["suggest"] = measure(suggest)
        # Again, the same work with scikit-learn loaded: a running server imports it once.
        _, times["suggest warm"] = measure(suggest)
        counts.update(updated=edits.updated, edited_new=edits.imported)
        store.dispose()
    print(json.dumps({"times": times, "counts": counts}))


def _run(code: Path, path: Path, edited: Path) -> dict:
    """The `steps` of the engine in `code`, in a new interpreter."""
    command = [sys.executable, __file__, "--code", str(code), "--steps", str(path), str(edited)]
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _checkout(rev: str, dest: Path) -> Path | None:
    """The engine (`realitycheck/`) of commit `rev` extracted into `dest`; None without git."""
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", rev, "realitycheck"],
            capture_output=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"(no side-by-side run: git archive {rev} failed: {exc})")
        return None
    with tarfile.open(fileobj=io.BytesIO(out.stdout)) as tar:
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        tar.extractall(dest, **safe)
    return dest


def _best(runs: list[dict]) -> dict[str, list[float]]:
    """Per step, the best wall and the best CPU time over the rounds."""
    names = runs[0]["times"]
    return {n: [min(r["times"][n][k] for r in runs) for k in (0, 1)] for n in names}


def peak_growth(mode: str, path: str) -> float:
    """Run `child` in a new interpreter and return its peak RSS in MB."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, path],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip())


def _side_by_side(now: dict, before: dict, counts: dict) -> None:
    """The table of this code against the earlier commit, wall seconds (CPU seconds)."""

    def total(side: dict, *names: str) -> list[float]:
        return [sum(side[n][k] for n in names) for k in (0, 1)]

    for side in (now, before):
        side["first"] = total(side, "parse", "map", "insert")
        side["whole again"] = total(side, "parse", "map", "again")
        if "edited" in side:
            side["edited total"] = total(side, "edited", "suggest")
            side["edited warm"] = total(side, "edited", "suggest warm")
    rows = [
        ("parse (detect, decode, validate, keys)", "parse", "parse"),
        ("map (rules, people, notes)", "map", "map"),
        (f"insert, first import ({counts['new']:,} new)", "insert", "insert"),
        ("whole first import", "first", "first"),
        (f"re-import, all {counts['duplicates']:,} duplicates: write step", "again", "again"),
        ("whole re-import (parse + map + write)", "whole again", "whole again"),
        (f"edited re-export ({counts['updated']:,} updated)", "edited", "first"),
        ("suggestions trained and applied", "suggest", "first"),
        ("edited re-export + suggestions", "edited total", "first"),
        ("suggestions, scikit-learn already loaded", "suggest warm", "first"),
        ("edited re-export + suggestions, sklearn loaded", "edited warm", "first"),
    ]
    # A commit without updates or suggestions: those are set against its first import.
    rows = [(label, mine, mine if mine in before else first) for label, mine, first in rows]
    print(f"\n{'step (wall s, CPU s in brackets)':<52}{'before':>16}{'now':>16}{'ratio':>14}")
    for label, mine, theirs in rows:
        a, b = before[theirs], now[mine]
        vs = "" if mine == theirs else " (vs before's first import)"
        print(
            f"{label:<52}{a[0]:>7.2f} ({a[1]:>5.2f}){b[0]:>7.2f} ({b[1]:>5.2f})"
            f"{b[0] / a[0]:>7.2f}x ({b[1] / a[1]:.2f}x){vs}"
        )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", default=BEFORE, help="commit to compare with")
    parser.add_argument("--code", help=argparse.SUPPRESS)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--steps", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    if args.steps:
        steps(*args.steps)
        return 0
    data = make_toggl_export(args.rows, seed=1, generation="2023")
    print(f"Toggl export: {args.rows:,} rows, {len(data) / 2**20:.1f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        export, edited = Path(tmp) / "toggl.csv", Path(tmp) / "edited.csv"
        export.write_bytes(data)
        edited.write_bytes(_edited(data))
        old = _checkout(args.before, Path(tmp) / "before")
        runs: dict[str, list[dict]] = {"now": [], "before": []}
        for round_ in range(args.rounds):
            order = [("now", ROOT), ("before", old)]
            for name, code in order if round_ % 2 == 0 else order[::-1]:
                if code is not None:
                    runs[name].append(_run(code, export, edited))
        base_mb = peak_growth("baseline", str(export))  # the interpreter and its imports
        read_mb = peak_growth("read_csv", str(export)) - base_mb
        import_mb = peak_growth("import", str(export)) - base_mb

    now, counts = _best(runs["now"]), runs["now"][0]["counts"]
    base_s = now["read_csv"][0]
    rows = [
        ("pandas.read_csv (reference)", now["read_csv"][0]),
        ("parse (detect, decode, validate, keys)", now["parse"][0]),
        ("map (rules, people, notes)", now["map"][0]),
        (f"insert, first import ({counts['new']:,} new)", now["insert"][0]),
        (f"insert, second import ({counts['duplicates']:,} duplicates)", now["again"][0]),
    ]
    print(f"\nThis code, best of {args.rounds} rounds")
    print(f"{'step':<52}{'seconds':>9}{'x read_csv':>12}")
    for name, seconds in rows:
        print(f"{name:<52}{seconds:>9.2f}{seconds / base_s:>12.1f}")
    print(f"\npeak RSS growth: read_csv {read_mb:.0f} MB, whole import {import_mb:.0f} MB "
          f"= {import_mb / read_mb:.1f}x")  # fmt: skip
    total_first = now["parse"][0] + now["map"][0] + now["insert"][0]
    total_again = now["parse"][0] + now["map"][0] + now["again"][0]
    print(f"whole first import: {total_first:.2f} s = {total_first / base_s:.1f}x read_csv")
    print(f"whole second import: {total_again:.2f} s = {total_again / base_s:.1f}x read_csv "
          f"({'not slower' if total_again <= total_first else 'SLOWER'} than the first)")  # fmt: skip
    if runs["before"]:
        print(f"\nAgainst {args.before[:12]}, the same rounds (each step's best of them)")
        _side_by_side(now, _best(runs["before"]), counts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
