"""Sort entries page: import -> unsorted hours on Home -> sort a group -> Home's shares move."""

from bench.make_team_export import make_team
from realitycheck.store import Store
from realitycheck.timelog.demo import DEMO_NAME
from realitycheck.timelog.importers import parse_export
from realitycheck.timelog.importers.plan import plan_rows, store_rows
from tests.app.conftest import clear_caches, texts


def _data_work_share(at) -> str:
    return next(m.value for m in at.metric if m.label.startswith("Data work share"))


def _every_day_on_home(at, store, project_id):
    """Home over all the data (it opens on the last 8 weeks; the import is older)."""
    dates = at.date_input(key=f"home_dates_{project_id}")
    return dates.set_value(store.date_range(project_id)).run()


def test_sort_a_group_and_home_shares_move_by_its_hours(app, db_path):
    app()  # creates the demo project
    store = Store(db_path)
    demo = store.get_project(DEMO_NAME)
    _, fresh, _ = make_team(0, 40, seed=11)
    store.import_entries(demo.id, store_rows(plan_rows(parse_export(fresh, "t.csv"), [])))
    totals = store.totals_by_category(demo.id)
    unsorted = int(totals.query("group == 'unsorted'")["seconds"].sum())

    clear_caches()  # written behind the app's back
    at = _every_day_on_home(app(), store, demo.id)
    assert f"{unsorted / 3600:,.1f} h" in texts(at)
    assert any(link.label == "Sort them" for link in at.get("page_link"))

    at.switch_page("pages/time/sort.py").run()
    assert not at.exception
    groups = store.unsorted_entries(demo.id)
    key = f"sort_groups_{store.sorted_fingerprint(demo.id)[0]}"
    at.session_state[key] = {
        "edited_rows": {0: {"sort": True, "category": "Labeling"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    next(b for b in at.button if b.label.startswith("Sort 1 ticked")).click().run()
    assert not at.exception
    assert "Sorted" in texts(at)
    moved = int(store.totals_by_category(demo.id).set_index("category").loc["Labeling", "seconds"])
    moved -= int(totals.set_index("category").loc["Labeling", "seconds"])
    assert moved > 0
    assert len(store.unsorted_entries(demo.id)) < len(groups)

    at = _every_day_on_home(at.switch_page("pages/time/home.py").run(), store, demo.id)
    after = store.totals_by_category(demo.id)
    sorted_after = after.query("group != 'unsorted'")["seconds"]
    data_after = after.query("group == 'data_work'")["seconds"].sum() / sorted_after.sum()
    assert _data_work_share(at) == f"{data_after:.0%}"
    assert f"{(unsorted - moved) / 3600:,.1f} h" in texts(at)

    at.switch_page("pages/time/sort.py").run()
    next(b for b in at.button if b.label == "Undo").click().run()
    assert (
        int(store.totals_by_category(demo.id).query("group == 'unsorted'")["seconds"].sum())
        == unsorted
    )
