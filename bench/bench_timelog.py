"""Time-log benchmark: the home page and its summary queries on SQLite with 10k, 100k and 1M
entries, as ratios against an AppTest run of a page that renders nothing.

Run from the repo root:  python bench/bench_timelog.py [--sizes 10000 100000 1000000] [--runs 5]
Databases are built in a temporary folder (or in --keep DIR, and reused from there next time).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from realitycheck.store import Store  # noqa: E402
from realitycheck.store.base import utcnow  # noqa: E402
from realitycheck.store.schema import time_entries  # noqa: E402

PROJECT = "Bench project"
EXPECTED = {"data_work": 0.3, "modeling": 0.6, "other": 0.1}
DAYS = 3 * 365  # entries spread over three years up to today
ENTRIES_PER_PERSON_DAY = 4
CHUNK = 100_000
COLUMNS = [
    "project_id", "person_id", "day", "category_id", "seconds",
    "note", "source", "source_key", "created_at", "updated_at",
]  # fmt: skip
QUERIES = ("date_range", "totals_by_category", "daily_by_group")
SLOW_SECONDS = 0.5  # "well under a second" at 1M entries: flag anything past half of it


def bind(store: Store, column) -> Callable:
    """How the dialect turns a Python value of `column` into what it stores (dates as text)."""
    dialect = store.engine.dialect
    return column.type.dialect_impl(dialect).bind_processor(dialect) or (lambda value: value)


def build_database(url: str, size: int, seed: int = 42) -> float:
    """Create a project with `size` entries through the Store's engine; return seconds taken."""
    started = time.perf_counter()
    store = Store(url)
    project = store.create_project(PROJECT, EXPECTED, description="benchmark data")
    n_people = max(3, -(-size // (DAYS * ENTRIES_PER_PERSON_DAY)))
    for i in range(n_people):
        store.add_person(f"Person {i:03d}")
    with store.read() as conn:
        person_ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM people ORDER BY id")]
        category_ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM categories")]
    rng = np.random.default_rng(seed)
    today = date.today()
    day_type = bind(store, time_entries.c.day)
    stamp_type = bind(store, time_entries.c.created_at)
    day_text = [day_type(today - timedelta(days=d)) for d in range(DAYS)]
    now = stamp_type(utcnow())
    days = np.sort(rng.integers(0, DAYS, size))[::-1]  # oldest first, like a real log
    people = rng.choice(person_ids, size)
    categories = rng.choice(category_ids, size)
    seconds = rng.integers(1, 17, size) * 900  # 15 min to 4 h
    insert = str(time_entries.insert().compile(dialect=store.engine.dialect, column_keys=COLUMNS))
    with store.write() as conn:  # one transaction, executemany in chunks: no per-row commit
        for start in range(0, size, CHUNK):
            stop = min(start + CHUNK, size)
            rows = [
                (project.id, int(p), day_text[d], int(c), int(s), "", "bench", None, now, now)
                for p, d, c, s in zip(
                    people[start:stop],
                    days[start:stop],
                    categories[start:stop],
                    seconds[start:stop],
                    strict=True,
                )
            ]
            conn.exec_driver_sql(insert, rows)
    store.dispose()  # no ANALYZE: the app never runs one, so the planner sees what it sees there
    return time.perf_counter() - started


def timed(fn: Callable[[], object], runs: int) -> float:
    """Median seconds of `runs` calls."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def app_run(script: Path, runs: int, check: Callable | None = None) -> float:
    """Median seconds of an AppTest run of `script`, with st.cache_data cleared before each.

    One AppTest is re-run: a new AppTest scans the installed packages for components (about
    0.3 s here), which is AppTest's cost, not the page's.
    """
    import streamlit as st
    from streamlit import config, logger
    from streamlit.testing.v1 import AppTest

    config.get_config_options()  # parse now, so the level set below is not reset by the parse
    logger.set_log_level("error")  # AppTest logs "missing ScriptRunContext" on every run
    app = AppTest.from_file(str(script), default_timeout=300)
    app.run()  # warm-up: imports, the Store's engine and schema check
    times = []
    for _ in range(runs):
        st.cache_data.clear()
        started = time.perf_counter()
        app.run()
        times.append(time.perf_counter() - started)
        if app.exception:
            raise RuntimeError(f"{script.name} raised: {app.exception[0].value}")
        if check:
            check(app)
    return statistics.median(times)


def query_plans(store: Store, project_id: int) -> list[str]:
    """SQLite's plan for each summary query (for index suggestions)."""
    from sqlalchemy import event

    captured: list[tuple[str, tuple]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many):
        captured.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", capture)
    try:
        for name in QUERIES:
            getattr(store, name)(project_id)
    finally:
        event.remove(store.engine, "before_cursor_execute", capture)
    lines = []
    with store.read() as conn:
        for statement, params in captured:
            if not statement.lstrip().upper().startswith("SELECT"):
                continue
            plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params).all()
            lines.append(" ".join(statement.split())[:110] + " ...")
            lines += [f"    {row[-1]}" for row in plan]
    return lines


def bench_size(size: int, folder: Path, runs: int, empty: Path) -> dict:
    """Build (or reuse) the database with `size` entries and time everything on it."""
    path = folder / f"timelog_{size}.db"
    url = f"sqlite:///{path}"
    build = None
    if not path.exists():
        partial = path.with_suffix(".partial")
        for leftover in folder.glob(f"{partial.name}*"):
            leftover.unlink()
        build = build_database(f"sqlite:///{partial}", size)
        partial.rename(path)
    store = Store(url)
    project = store.get_project(PROJECT)
    assert store.count_entries(project.id) == size, "the database has the wrong number of rows"
    row = {"size": size, "build": build}
    query_runs = max(3, runs)
    for name in QUERIES:
        row[name] = timed(lambda name=name: getattr(store, name)(project.id), query_runs)
    total_hours = store.totals_by_category(project.id)["seconds"].sum() / 3600

    def check(app) -> None:
        shown = [m.value for m in app.metric if m.label == "Hours logged"]
        assert shown == [f"{total_hours:,.1f}"], f"Hours logged shows {shown}"

    os.environ["DATABASE_URL"] = url
    row["home"] = app_run(ROOT / "app.py", runs, check)
    row["empty"] = app_run(empty, runs)
    row["plans"] = query_plans(store, project.id)
    store.dispose()
    return row


def report(rows: list[dict]) -> None:
    """Print the table of medians and ratios."""
    print("\nMedians in ms. queries = the three summary queries the home page runs, called on the")
    print(
        "Store directly; home / empty = AppTest run of the home page (st.cache_data cleared first)"
    )
    print("and of an empty page; growth = home run at this size / at the previous size.")
    print(
        f"{'entries':>10} {'build s':>8} {'date_range':>11} {'totals_by_cat':>14} "
        f"{'daily_by_grp':>13} {'queries':>8} {'home run':>9} {'empty run':>10} "
        f"{'home/empty':>11} {'growth':>7}"
    )
    previous = None
    for r in rows:
        build = f"{r['build']:.1f}" if r["build"] is not None else "reused"
        queries = sum(r[q] for q in QUERIES)
        growth = f"{r['home'] / previous['home']:.1f}x" if previous else "-"
        print(
            f"{r['size']:>10,} {build:>8} {r['date_range'] * 1e3:>11.1f} "
            f"{r['totals_by_category'] * 1e3:>14.1f} {r['daily_by_group'] * 1e3:>13.1f} "
            f"{queries * 1e3:>8.0f} {r['home'] * 1e3:>9.0f} {r['empty'] * 1e3:>10.1f} "
            f"{r['home'] / r['empty']:>10.0f}x {growth:>7}"
        )
        previous = r
    print("\nQuery growth (time at this size / time at the previous size):")
    for prev, r in zip(rows, rows[1:], strict=False):
        parts = [f"{q} {r[q] / prev[q]:.1f}x" for q in QUERIES]
        print(f"  {prev['size']:,} -> {r['size']:,}: " + ", ".join(parts))
    for r in rows:
        for name in QUERIES:
            if r[name] >= SLOW_SECONDS:
                print(f"SLOW: {name} takes {r[name]:.2f} s at {r['size']:,} entries "
                      f"(the bar: well under 1 s)")  # fmt: skip
    print(f"\nQuery plans at {rows[-1]['size']:,} entries:")
    print("\n".join(rows[-1]["plans"]))


def main() -> None:
    """Parse the arguments, run the sizes, print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measurement")
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the databases in this folder")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    with tempfile.TemporaryDirectory(prefix="rc-bench-timelog-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        empty = Path(tmp) / "empty_page.py"
        empty.write_text("")
        rows = []
        for size in sorted(args.sizes):
            print(f"{size:,} entries ...", flush=True)
            rows.append(bench_size(size, folder, args.runs, empty))
    report(rows)


if __name__ == "__main__":
    main()
