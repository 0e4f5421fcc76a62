"""Identity that survives edits: a timed entry is its source, person and start instant."""

from datetime import date

import pandas as pd
import pytest
from sqlalchemy import text, update

from realitycheck.store import imports
from realitycheck.store.schema import time_entries
from realitycheck.timelog.importers import parse_export
from realitycheck.timelog.importers.plan import plan_rows, store_rows

HEADER = (
    '"User","Email","Client","Project","Task","Description","Billable","Start date",'
    '"Start time","End date","End time","Duration","Tags"'
)
FIRST = [
    '"Ann","a@x","","","","","No","2023-03-13","09:00:00","2023-03-13","10:00:00","1:00:00",""',
    '"Ann","a@x","","P","","Standup","No","2023-03-13","10:00:00","2023-03-13","10:15:00","0:15:00",""',
    '"Bob","b@x","","P","","Train model","No","2023-03-13","09:00:00","2023-03-13","11:00:00","2:00:00",""',
]  # fmt: skip
# The same three entries a month later: Ann filled in what she did, Bob's ran 30 min longer.
LATER = [
    '"Ann","a@x","","P","","Label images","No","2023-03-13","09:00:00","2023-03-13","10:00:00","1:00:00","labeling"',
    FIRST[1],
    '"Bob","b@x","","P","","Train model","No","2023-03-13","09:00:00","2023-03-13","11:30:00","2:30:00",""',
    '"Cy","c@x","","P","","Standup","No","2023-03-14","09:00:00","2023-03-14","09:15:00","0:15:00",""',
]  # fmt: skip


# Other entries of the same project: it holds more of them than a later export names.
OTHERS = [
    f'"Dee","d@x","","P","","Review {n}","No","2023-03-{n:02d}","08:00:00","2023-03-{n:02d}","08:30:00","0:30:00",""'
    for n in range(1, 9)
]  # fmt: skip


def parsed(lines: list[str]):
    return parse_export("\n".join([HEADER, *lines]).encode(), "export.csv")


def import_lines(store, project, lines: list[str]):
    return store.import_entries(project.id, store_rows(plan_rows(parsed(lines), [])))


def entries(store, project) -> dict[str, tuple]:
    frame = store.export_entries(project.id)
    return {r.note: (r.person, r.category, r.seconds) for r in frame.itertuples()}


def test_an_edited_entry_is_updated_not_duplicated(store, project):
    first = import_lines(store, project, FIRST)
    assert (first.imported, first.updated) == (3, 0)
    assert entries(store, project)["Train model"][2] == 7200
    later = import_lines(store, project, LATER)
    assert (later.imported, later.updated, later.duplicates) == (1, 2, 1)
    assert store.count_entries(project.id) == 4
    now = entries(store, project)
    assert now["Label images"] == ("Ann", "Labeling", 3600)  # category re-derived
    assert now["Train model"] == ("Bob", "Model training & selection", 9000)
    assert "P" not in now  # the old note (the project, as nothing else was said) is gone
    assert store.totals_by_category(project.id)["seconds"].sum() == 3600 + 900 + 9000 + 900
    again = import_lines(store, project, LATER)
    assert (again.imported, again.updated, again.duplicates) == (0, 0, 4)


def test_a_category_set_by_hand_survives_a_reimport(store, project):
    import_lines(store, project, FIRST)
    bob = store.export_entries(project.id).query("note == 'Train model'")
    entry_id = int(store.recent_entries(project.id).query("note == 'Train model'")["id"].iloc[0])
    store.update_entry(entry_id, category="Tuning", today=date(2023, 3, 14))
    assert len(bob) == 1
    import_lines(store, project, LATER)
    assert entries(store, project)["Train model"] == ("Bob", "Tuning", 9000)


def test_rows_sharing_person_and_start_are_kept_apart_in_any_order(store, project):
    twins = [
        '"Ann","a@x","","P","","Call A","No","2023-03-13","09:00:00","2023-03-13","10:00:00","1:00:00",""',
        '"Ann","a@x","","P","","Call B","No","2023-03-13","09:00:00","2023-03-13","09:30:00","0:30:00",""',
    ]  # fmt: skip
    keys = parsed(twins).rows["source_key"].tolist()
    assert len(set(keys)) == 2
    assert sorted(parsed(twins[::-1]).rows["source_key"]) == sorted(keys)
    assert import_lines(store, project, twins).imported == 2
    assert import_lines(store, project, twins[::-1]).duplicates == 2


def test_a_deleted_entry_stays_deleted(store, project):
    import_lines(store, project, FIRST)
    ids = store.recent_entries(project.id)["id"].tolist()
    store.delete_entries(ids)
    again = import_lines(store, project, LATER)
    assert (again.imported, again.updated) == (1, 0)
    assert store.count_entries(project.id) == 1


def test_date_only_formats_keep_content_keys(store, project):
    header = "Date,Client,Project,Project Code,Task,Notes,Hours,First Name,Last Name"
    first = f"{header}\n2024-01-08,,P,,Design,Label data,2.0,Ann,Lee\n"
    edited = f"{header}\n2024-01-08,,P,,Design,Label data,2.5,Ann,Lee\n"
    plan = lambda data: store_rows(plan_rows(parse_export(data.encode(), "h.csv"), []))  # noqa: E731
    store.import_entries(project.id, plan(first))
    outcome = store.import_entries(project.id, plan(edited))
    assert outcome.imported == 1  # no start instant: an edit is a new entry (see README)
    assert store.count_entries(project.id) == 2


def test_entries_stored_with_content_keys_are_matched_after_an_upgrade(store, project):
    rows = parsed(FIRST).rows
    import_lines(store, project, FIRST)
    with store.write() as conn:  # as an import before identity keys stored them
        for key, old in zip(rows["source_key"], rows["content_key"], strict=True):
            conn.execute(
                update(time_entries).where(time_entries.c.source_key == key).values(source_key=old)
            )
    outcome = import_lines(store, project, FIRST)
    assert (outcome.imported, outcome.updated, outcome.duplicates) == (0, 0, 3)
    with store.read() as conn:
        stored = set(conn.execute(text("SELECT source_key FROM time_entries")).scalars())
    assert stored == set(rows["source_key"])  # keys moved to the new identity
    later = import_lines(store, project, LATER)
    assert (later.imported, later.updated) == (1, 2)


def _rows_read(monkeypatch) -> list[int]:
    """How many stored entries each lookup of an import reads (lookups one key at a time)."""
    read: list[int] = []
    fetch = imports._fetch

    def counted(conn, sql, params):
        rows = fetch(conn, sql, params)
        if not sql.startswith("SELECT count"):
            read.append(len(rows))
        return rows

    monkeypatch.setattr(imports, "_fetch", counted)
    monkeypatch.setattr(imports, "LOOKUP_CHUNK", 1)
    return read


def test_a_later_export_reads_only_the_entries_it_names(store, project, monkeypatch):
    import_lines(store, project, FIRST + OTHERS)
    read = _rows_read(monkeypatch)
    later = import_lines(store, project, LATER)
    assert (later.imported, later.updated, later.duplicates) == (1, 2, 1)
    assert sum(read) == 3  # FIRST's entries, found by key: none of the 8 others
    assert len(read) == 4 + 1  # LATER's four keys, then Cy's content key (not stored either)
    assert entries(store, project)["Train model"] == ("Bob", "Model training & selection", 9000)
    status = store.import_status(project.id, store_rows(plan_rows(parsed(LATER), [])))
    assert status.tolist() == ["stored", "stored", "stored", "stored"]


def test_content_keys_are_matched_in_a_larger_project(store, project, monkeypatch):
    rows = parsed(FIRST).rows
    import_lines(store, project, FIRST + OTHERS)
    with store.write() as conn:  # as an import before identity keys stored them
        for key, old in zip(rows["source_key"], rows["content_key"], strict=True):
            conn.execute(
                update(time_entries).where(time_entries.c.source_key == key).values(source_key=old)
            )
    read = _rows_read(monkeypatch)
    again = import_lines(store, project, FIRST)
    assert (again.imported, again.updated, again.duplicates) == (0, 0, 3)
    assert sum(read) == 3  # by key none; then by content key the three of FIRST
    with store.read() as conn:
        stored = set(conn.execute(text("SELECT source_key FROM time_entries")).scalars())
    assert set(rows["source_key"]) <= stored  # moved to the new identity
    later = import_lines(store, project, LATER)
    assert (later.imported, later.updated, later.duplicates) == (1, 2, 1)


def test_rows_repeating_a_key_or_from_two_sources_are_matched_in_order(store, project):
    rows = store_rows(plan_rows(parsed(FIRST), []))
    mixed = pd.concat([rows, rows.iloc[[0]], rows.assign(source="clockify")], ignore_index=True)
    status = store.import_status(project.id, mixed)
    assert status.tolist() == ["new"] * 3 + ["stored"] + ["new"] * 3  # the repeat is a duplicate
    outcome = store.import_entries(project.id, mixed)
    assert (outcome.imported, outcome.duplicates) == (6, 1)
    edited = mixed.assign(seconds=mixed["seconds"] + 60)
    outcome = store.import_entries(project.id, edited)
    assert (outcome.imported, outcome.updated, outcome.duplicates) == (0, 6, 1)


@pytest.mark.parametrize("source", ["toggl", "clockify"])
def test_identity_key_definition(source):
    import hashlib

    from realitycheck.timelog.importers.result import identity_key

    key = identity_key(source, "Ann", 1678698000)
    assert key == hashlib.blake2b(f"{source}\x1fAnn\x1fT1678698000".encode()).hexdigest()[:32]
