"""The store on SQLite and PostgreSQL: projects, entries, aggregations in SQL, undo, imports."""

from datetime import date, timedelta

import pandas as pd
import pytest

from realitycheck.compare.result import ComparisonResult
from realitycheck.store import Store, StoreError
from realitycheck.timelog.demo import DEMO_NAME, demo_entries, ensure_demo
from realitycheck.timelog.summary import EntryError, summarize

DAY = date(2026, 11, 20)


def test_migrations_seed_categories_and_are_idempotent(store, db_url):
    names = [c.name for c in store.list_categories()]
    assert names[0] == "Data collection & extraction"
    assert names[-1] == "Unsorted"  # imported rows no rule maps wait here
    assert len(names) == 12
    Store(db_url).dispose()  # opening again runs no migration and loses nothing
    assert len(store.list_categories()) == 12


def test_project_crud(store, project):
    assert store.get_project("churn").id == project.id  # case-insensitive lookup
    with pytest.raises(StoreError, match="already exists"):
        store.create_project("CHURN ", project.expected)
    store.update_project(
        project.id, name="Churn v2", expected={"data_work": 0.5, "modeling": 0.4, "other": 0.1}
    )
    renamed = store.get_project("Churn v2")
    assert renamed.expected["data_work"] == 0.5
    store.archive_project(project.id)
    assert store.list_projects() == []
    assert store.list_projects(include_archived=True)[0].archived
    store.archive_project(project.id, archived=False)
    assert [p.name for p in store.list_projects()] == ["Churn v2"]


def test_expected_split_must_add_up(store):
    with pytest.raises(EntryError, match="100%"):
        store.create_project("Bad", {"data_work": 0.5, "modeling": 0.2, "other": 0.1})
    assert store.list_projects() == []


def test_add_and_aggregate_in_sql(store, project):
    store.add_entry(project.id, "Ana", DAY, "Labeling", 5400, "batch 1", today=DAY)
    store.add_entry(project.id, "Ana", DAY, "Tuning", 1800, today=DAY)
    store.add_entry(project.id, "Ben", DAY + timedelta(days=1), "Labeling", 3600, today=DAY)
    totals = store.totals_by_category(project.id)
    assert len(totals) == 12
    assert totals.set_index("category").loc["Labeling", "seconds"] == 9000
    assert totals["seconds"].sum() == 10800
    within = store.totals_by_category(project.id, since=DAY, until=DAY)
    assert within["seconds"].sum() == 7200
    daily = store.daily_by_group(project.id)
    assert daily.to_dict("records") == [
        {"day": DAY, "group": "data_work", "seconds": 5400},
        {"day": DAY, "group": "modeling", "seconds": 1800},
        {"day": DAY + timedelta(days=1), "group": "data_work", "seconds": 3600},
    ]
    people = store.person_totals(project.id, DAY, DAY)
    assert people.groupby("person")["seconds"].sum().to_dict() == {"Ana": 7200}
    assert store.date_range(project.id) == (DAY, DAY + timedelta(days=1))


def test_a_day_has_24_hours_across_projects(store, project):
    other = store.create_project("Other", project.expected)
    store.add_entry(project.id, "Ana", DAY, "Labeling", 20 * 3600, today=DAY)
    with pytest.raises(EntryError, match="already has 20.0 h"):
        store.add_entry(other.id, "Ana", DAY, "Tuning", 5 * 3600, today=DAY)
    assert store.count_entries() == 1


def test_edit_delete_and_undo(store, project):
    entry = store.add_entry(project.id, "Ana", DAY, "Labeling", 3600, today=DAY)
    store.update_entry(entry, category="Tuning", seconds=7200, note="fixed", today=DAY)
    row = store.recent_entries(project.id).iloc[0]
    assert (row.category, row.hours, row.note) == ("Tuning", 2.0, "fixed")
    with pytest.raises(EntryError):
        store.update_entry(entry, seconds=0, today=DAY)
    store.delete_entries([entry])
    assert store.count_entries(project.id) == 0
    assert store.totals_by_category(project.id)["seconds"].sum() == 0
    store.restore_entries([entry])
    assert store.totals_by_category(project.id)["seconds"].sum() == 7200


def test_table_edits_are_all_or_nothing(store, project):
    first = store.add_entry(project.id, "Ana", DAY, "Labeling", 3600, today=DAY)
    second = store.add_entry(project.id, "Ben", DAY, "Tuning", 1800, today=DAY)
    third = store.add_entry(project.id, "Ben", DAY, "Other", 900, today=DAY)
    with pytest.raises(EntryError, match="24 h"):  # the second update is refused ...
        store.apply_edits({first: {"seconds": 7200}, second: {"seconds": 25 * 3600}}, [third])
    entries = store.recent_entries(project.id).set_index("id")
    assert entries.loc[first, "hours"] == 1.0  # ... so the first is not applied either
    assert third in entries.index  # ... nor the delete
    store.apply_edits({first: {"seconds": 7200}}, [third], today=DAY)
    entries = store.recent_entries(project.id).set_index("id")
    assert entries.loc[first, "hours"] == 2.0
    assert third not in entries.index


def test_project_people_are_those_who_logged_in_it(store, project):
    other = store.create_project("Other", project.expected)
    store.add_entry(project.id, "Ana", DAY, "Labeling", 3600, today=DAY)
    store.add_entry(other.id, "Zoe", DAY, "Labeling", 3600, today=DAY)
    store.add_entry(project.id, "Ben", DAY, "Tuning", 1800, today=DAY)
    store.add_person("Idle")
    assert store.project_people(project.id) == ["Ben", "Ana"]  # the latest to log first
    assert store.project_people(other.id) == ["Zoe"]


def test_categories_rename_regroup_and_add(store, project):
    entry = store.add_entry(project.id, "Ana", DAY, "Labeling", 3600, today=DAY)
    store.save_rules(project.id, [{"field": "tags", "pattern": "label", "category": "Labeling"}])
    rows = [(c.name, c.name, c.group) for c in store.list_categories()]
    rows[1] = ("Labeling", "Annotation", "data_work")
    rows[10] = ("Other", "Other", "modeling")
    store.save_categories([*rows, (None, "Annotation QA", "data_work")])
    groups = {c.name: c.group for c in store.list_categories()}
    assert groups["Annotation"] == "data_work"
    assert groups["Other"] == "modeling"
    assert list(groups)[-1] == "Annotation QA"
    entries = store.recent_entries(project.id).set_index("id")
    assert entries.loc[entry, "category"] == "Annotation"  # the entry follows its category
    assert store.get_rules(project.id)[0]["category"] == "Annotation"  # and so does the rule
    with pytest.raises(StoreError, match="same name"):
        store.save_categories([*rows, (None, "annotation", "data_work")])
    with pytest.raises(StoreError, match="groups"):
        store.save_categories([(None, "New", "data")])
    for fixed in [("Unsorted", "Sorted", "unsorted"), ("Unsorted", "Unsorted", "other")]:
        with pytest.raises(StoreError, match="Unsorted"):  # it holds the rows no rule maps
            store.save_categories([*rows, fixed])
    with pytest.raises(StoreError, match="Unsorted"):
        store.save_categories([(None, "unsorted", "other")])
    assert len(store.list_categories()) == 13  # the eleven built in, Unsorted, Annotation QA


def test_people(store, project):
    store.add_person("  Ana   Lima ")
    assert store.list_people() == ["Ana Lima"]
    store.add_entry(project.id, "Ana Lima", DAY, "Labeling", 60, today=DAY)
    with pytest.raises(StoreError, match="has logged time"):
        store.remove_person("Ana Lima")
    store.rename_person("Ana Lima", "Ana")
    assert store.recent_entries(project.id).iloc[0].person == "Ana"
    store.add_person("Ben")
    with pytest.raises(StoreError, match="already a team member"):
        store.rename_person("Ben", "Ana")
    store.remove_person("Ben")
    assert store.list_people() == ["Ana"]


def _rows(n: int, source: str = "toggl") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": [DAY - timedelta(days=i % 5) for i in range(n)],
            "person": ["Ana", "Ben"] * (n // 2),
            "category": ["Labeling", "Tuning"] * (n // 2),
            "seconds": [900 + i for i in range(n)],
            "note": ["<script>alert(1)</script>", "=cmd|' /C calc'!A0"] * (n // 2),
            "source": source,
            "source_key": [f"k{i}" for i in range(n)],
        }
    )


def test_import_is_idempotent(store, project):
    first = store.import_entries(project.id, _rows(10))
    assert (first.imported, first.duplicates) == (10, 0)
    assert first.seconds_imported == sum(900 + i for i in range(10))
    again = store.import_entries(project.id, _rows(12))
    assert (again.imported, again.duplicates) == (2, 10)
    assert store.count_entries(project.id) == 12
    notes = set(store.recent_entries(project.id)["note"])
    assert notes == {"<script>alert(1)</script>", "=cmd|' /C calc'!A0"}  # kept as plain text


def test_import_is_one_transaction(store, project):
    rows = _rows(6)
    rows.loc[5, "category"] = "Knitting"
    with pytest.raises(StoreError, match="Unknown categories: Knitting"):
        store.import_entries(project.id, rows)
    assert store.count_entries(project.id) == 0


def test_rules_notes_runs(store, project):
    rules = [{"field": "tag", "pattern": "label", "category": "Labeling"}]
    store.save_rules(project.id, rules)
    assert store.get_rules(project.id) == rules
    store.save_note(project.id, "Ana", DAY, yesterday="ETL", today="labels", blockers="")
    store.save_note(project.id, "Ana", DAY, yesterday="ETL", today="more labels", blockers="VPN")
    assert store.get_notes(project.id, DAY) == {
        "Ana": {"yesterday": "ETL", "today": "more labels", "blockers": "VPN"}
    }
    run = ComparisonResult(
        task="binary", rows=10, columns_used=["x"], columns_dropped=[], primary_metric="roc_auc",
        models={}, difference={}, verdict="Inconclusive", verdict_reason="", warnings=[],
        dataset={"name": "tiny", "target": "y"},
    )  # fmt: skip
    run_id = store.save_run(project.id, run)
    assert store.list_runs(project.id)[0]["verdict"] == "Inconclusive"
    assert store.get_run(run_id) == run


def test_demo_is_created_once_and_stays_deleted(store):
    assert ensure_demo(store, today=DAY)
    demo = store.get_project(DEMO_NAME)
    assert demo.is_demo
    assert len(store.list_people()) == 4
    summary = summarize(store.totals_by_category(demo.id), demo.expected)
    assert 0.55 < summary.groups["data_work"].share < 0.75
    used = summary.categories.query("category != 'Unsorted'")
    assert (used["seconds"] > 0).all()  # every category used
    store.delete_project(demo.id)
    assert not ensure_demo(store, today=DAY)
    assert store.list_projects(include_archived=True) == []


def test_demo_is_deterministic():
    a, b = demo_entries(DAY), demo_entries(DAY)
    pd.testing.assert_frame_equal(a, b)
    assert a["date"].nunique() == 40  # 8 working weeks


def test_upgrading_from_the_first_schema_keeps_every_entry(db_url):
    from sqlalchemy import inspect

    from realitycheck.store.engine import make_engine, migrate

    engine = make_engine(db_url)
    migrate(engine, "0001")
    old = Store(db_url, migrate_schema=False)
    project = old.create_project("Old", {"data_work": 0.3, "modeling": 0.6, "other": 0.1})
    old.add_entry(project.id, "Ana", DAY, "Labeling", 3600, today=DAY)
    old.dispose()

    upgraded = Store(db_url)  # applies 0002 and later on open
    assert upgraded.count_entries(project.id) == 1
    assert upgraded.totals_by_category(project.id)["seconds"].sum() == 3600
    indexes = {ix["name"] for ix in inspect(upgraded.engine).get_indexes("time_entries")}
    assert "ix_entries_live_day" in indexes
    engine.dispose()
    upgraded.dispose()
