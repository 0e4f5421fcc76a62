"""Sort entries page: import -> unsorted hours on Home -> sort a group -> Home's shares move."""

import base64
import json
from decimal import Decimal
from pathlib import Path

import numpy as np

from bench.make_team_export import make_team
from realitycheck.store import Store
from realitycheck.timelog.demo import DEMO_NAME
from realitycheck.timelog.importers import parse_export
from realitycheck.timelog.importers.plan import plan_rows, store_rows
from tests.app.conftest import clear_caches, texts

EXPORT = Path(__file__).resolve().parents[1] / "fixtures" / "timelogs" / "toggl_unsorted.csv"


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


def _decoded(value):
    """A Plotly typed array ({"dtype", "bdata"}) as a list; anything else as it is."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), value["dtype"]).tolist()
    return value


def _chart(at, title: str) -> list[dict]:
    """The traces of the Plotly chart titled `title`."""
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    spec = next(s for s in specs if s["layout"]["title"]["text"] == title)
    return [{key: _decoded(value) for key, value in trace.items()} for trace in spec["data"]]


def _home(at) -> dict:
    """Home's figures: hours, the unsorted note, shares, hours per group and per category."""
    metrics = {m.label.split(" (")[0]: m.value for m in at.metric}
    weekly = _chart(at, "Hours per week (weeks start on Monday; pale: partial week)")
    (bars,) = _chart(at, "Hours by category")
    return {
        "hours": metrics["Hours logged"],
        "note": next(c.value for c in at.caption if "not yet sorted" in c.value),
        "data_work": metrics["Data work share"],
        "modeling": metrics["Modeling share"],
        "groups": {t["name"]: sum(Decimal(str(y)) for y in t["y"]) for t in weekly},
        "categories": dict(zip(bars["y"], bars["text"], strict=True)),
    }


def test_import_page_to_home_to_sort_and_back_by_exactly_the_groups_hours(app, db_path):
    # Toggl export: 16.5 h; the built-in rules map 11.5 h (Labeling 3, Pipelines 2, Training 4,
    # Tuning 1.5, Meetings 1); "Prodigy session batch 1/2" (2 + 1.5 h) and "Call with Sarah"
    # (0.5 + 1 h) match no rule and stay Unsorted: 5.0 h.
    Store(db_path).create_project("Churn model", {"data_work": 0.3, "modeling": 0.6, "other": 0.1})
    at = app("pages/time/import_data.py", project="Churn model")
    at.file_uploader[0].set_value((EXPORT.name, EXPORT.read_bytes(), "text/csv")).run()
    next(b for b in at.button if b.label == "Import 9 new entries").click().run()
    assert "Imported 9 entries (16.50 h); 0 were already there; 5.00 h not yet sorted." in texts(at)

    before = _home(at.switch_page("pages/time/home.py").run())
    assert before == {
        "hours": "16.5",
        "note": "5.0 h (30%) not yet sorted: the shares above are of the sorted hours.",
        "data_work": "43%",  # 5 of the 11.5 sorted hours
        "modeling": "48%",  # 5.5 of 11.5
        "groups": {"Data work": 5, "Modeling": 5.5, "Shipping & other": 1, "Not yet sorted": 5},
        "categories": before["categories"] | {"Labeling": "3.0 h", "Unsorted": "5.0 h"},
    }
    assert any(link.label == "Sort them" for link in at.get("page_link"))

    at.switch_page("pages/time/sort.py").run()
    assert "5.0 h in 2 groups not yet sorted" in texts(at)
    groups = at.dataframe[0].value
    row = groups.index[groups["pattern"] == "prodigy session batch"][0]
    assert groups.loc[row, "hours"] == 3.5
    project = Store(db_path).get_project("Churn model")
    at.session_state[f"sort_groups_{Store(db_path).sorted_fingerprint(project.id)[0]}"] = {
        "edited_rows": {int(row): {"sort": True, "category": "Labeling"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    next(b for b in at.run().button if b.label == "Sort 1 ticked group").click().run()
    assert not at.exception
    assert "Sorted 2 entries (3.50 h)" in texts(at)
    assert "1.5 h in 1 group not yet sorted" in texts(at)

    after = _home(at.switch_page("pages/time/home.py").run())
    assert after == {
        "hours": "16.5",  # sorting moves hours, never adds or drops any
        "note": "1.5 h (9%) not yet sorted: the shares above are of the sorted hours.",
        "data_work": "57%",  # 8.5 of the 15 sorted hours
        "modeling": "37%",  # 5.5 of 15
        "groups": before["groups"] | {"Data work": 8.5, "Not yet sorted": 1.5},
        "categories": before["categories"] | {"Labeling": "6.5 h", "Unsorted": "1.5 h"},
    }

    at.switch_page("pages/time/sort.py").run()
    next(b for b in at.button if b.label == "Undo").click().run()
    assert "5.0 h in 2 groups not yet sorted" in texts(at)
    assert _home(at.switch_page("pages/time/home.py").run()) == before
