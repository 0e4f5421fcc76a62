"""Many sessions writing at once lose nothing, duplicate nothing, and never see "locked"."""

import multiprocessing
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

from realitycheck.store import Store

DAY = date(2026, 11, 2)
WRITERS, PER_WRITER = 8, 25


def _write_entries(url: str, project_id: int, writer: int, count: int) -> int:
    store = Store(url, migrate_schema=False)
    try:
        for i in range(count):
            # Every writer uses the same person and day, so each write also runs the 24 h check.
            store.add_entry(
                project_id,
                "Shared Person",
                DAY + timedelta(days=i % 3),
                "Labeling",
                60 + writer,
                today=DAY + timedelta(days=3),
            )
        return count
    finally:
        store.dispose()


def test_threads_lose_nothing(store, project, db_url):
    with ThreadPoolExecutor(WRITERS) as pool:
        done = list(
            pool.map(lambda w: _write_entries(db_url, project.id, w, PER_WRITER), range(WRITERS))
        )
    assert sum(done) == WRITERS * PER_WRITER
    assert store.count_entries(project.id) == WRITERS * PER_WRITER
    expected = sum((60 + w) * PER_WRITER for w in range(WRITERS))
    assert store.totals_by_category(project.id)["seconds"].sum() == expected
    assert store.list_people() == ["Shared Person"]  # created once, not per writer


def test_processes_lose_nothing(store, project, db_url):
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4) as pool:
        done = pool.starmap(_write_entries, [(db_url, project.id, w, 20) for w in range(4)])
    assert sum(done) == 80
    assert store.count_entries(project.id) == 80


def test_concurrent_imports_of_the_same_file_add_it_once(store, project, db_url):
    import pandas as pd

    rows = pd.DataFrame(
        {
            "date": [DAY] * 50,
            "person": [f"P{i % 5}" for i in range(50)],
            "category": "Tuning",
            "seconds": 600,
            "note": "",
            "source": "toggl",
            "source_key": [f"key{i}" for i in range(50)],
        }
    )

    def run(_):
        s = Store(db_url, migrate_schema=False)
        try:
            return s.import_entries(project.id, rows).imported
        finally:
            s.dispose()

    with ThreadPoolExecutor(4) as pool:
        imported = list(pool.map(run, range(4)))
    assert store.count_entries(project.id) == 50
    assert sum(imported) >= 50  # each import counted what it saw as new


def test_concurrent_writers_cannot_exceed_a_day(store, project, db_url):
    from realitycheck.timelog.summary import EntryError

    def four_hours(_):
        s = Store(db_url, migrate_schema=False)
        try:
            s.add_entry(project.id, "Ana", DAY, "Tuning", 4 * 3600, today=DAY)
            return True
        except EntryError:
            return False
        finally:
            s.dispose()

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(four_hours, range(10)))
    assert results.count(True) == 6
    assert store.totals_by_category(project.id)["seconds"].sum() == 24 * 3600
