"""Home and Log time: the demo shows the gap; a logged entry moves the totals; bad input writes nothing."""

import json
from datetime import date, timedelta

import pytest

from realitycheck.store import Store
from realitycheck.timelog.demo import DEMO_NAME
from tests.app.conftest import SATURDAY, clear_caches, texts
from tests.app.conftest import log_entry as _log


def hours_logged(at) -> float:
    return float(next(m.value for m in at.metric if m.label == "Hours logged").replace(",", ""))


def test_home_shows_demo_gap_and_kpis(app):
    at = app()
    assert at.sidebar.selectbox(key="project").value == DEMO_NAME
    assert [m.label for m in at.metric] == [
        "Hours logged",
        "Data work share (expected 30%)",
        "Modeling share (expected 60%)",
    ]
    assert at.subheader[0].value.startswith("Data work is 6")
    assert "more than the 30% planned" in at.subheader[0].value
    assert "CrowdFlower" in texts(at)
    assert "Anaconda" in texts(at)
    assert len(at.get("plotly_chart")) == 4


def test_home_shows_recent_weeks_and_says_sample_data_once(app):
    at = app()
    captions = [c.value for c in at.caption]
    assert captions[0].count("ample data") == 1, captions[0]  # not "sample data — sample data"
    assert DEMO_NAME in [t.value for t in at.sidebar.text]  # the picker cuts the name off
    since, until = at.date_input(
        key=next(k for k in _keys(at) if k.startswith("home_dates_"))
    ).value
    assert (until - since).days < 8 * 7  # the last 8 weeks of data, not everything
    weekly = json.loads(at.get("plotly_chart")[1].proto.spec)["data"][0]
    opacity = weekly["marker"]["opacity"]
    assert opacity[0] == 1.0  # the range starts on a Monday: a whole week
    assert opacity[-1] == (1.0 if until.weekday() == 6 else 0.4)  # this week, so far: pale


def _keys(at) -> list[str]:
    return [w.key for w in at.date_input]


def test_home_empty_states(empty_db, app):
    at = app()
    assert "Create a project first" in texts(at)
    Store(empty_db).create_project("Fresh", {"data_work": 0.3, "modeling": 0.6, "other": 0.1})
    clear_caches()  # written behind the app's back (as the CLI would), so drop the cached reads
    at = app()
    assert "No time logged in this project yet" in texts(at)


def test_logging_moves_the_home_totals(app):
    before = hours_logged(app())
    at = _log(app("pages/time/log_time.py"))
    assert not at.error, [e.value for e in at.error]
    assert "Logged 1.50 h of Tuning for Ana" in at.success[0].value
    at.switch_page("pages/time/home.py").run()
    assert hours_logged(at) == pytest.approx(before + 1.5)


@pytest.mark.parametrize(
    ("hours", "day", "message"),
    [
        ("0", SATURDAY, "more than zero"),
        ("-2", SATURDAY, "more than zero"),
        ("25", SATURDAY, "more than 24 hours"),
        ("abc", SATURDAY, "not a duration"),
        ("1", date.today() + timedelta(days=5), "in the future"),
    ],
)
def test_invalid_entry_writes_nothing(app, db_path, hours, day, message):
    at = app("pages/time/log_time.py")
    store = Store(db_path)
    count = store.count_entries()
    at = _log(at, hours=hours, day=day)
    assert message in at.error[0].value
    assert store.count_entries() == count


def test_undo_button_restores_deleted_entries(app, db_path):
    at = app("pages/time/log_time.py")
    store = Store(db_path)
    count = store.count_entries()
    ids = [int(i) for i in store.recent_entries(store.get_project(DEMO_NAME).id)["id"][:2]]
    store.delete_entries(ids)
    at.session_state["last_deleted"] = ids  # what Save changes leaves behind after a delete
    at.run()
    undo = next(b for b in at.button if b.label.startswith("Undo delete (2 entries)"))
    undo.click().run()
    assert store.count_entries() == count
    assert not any(b.label.startswith("Undo") for b in at.button)


def test_table_edits_become_updates_and_deletes():
    import pandas as pd

    from components.time.entry_table import diff_entries

    before = pd.DataFrame(
        {
            "id": [1, 2, 3],
            "day": [date(2026, 11, 20)] * 3,
            "person": ["Ana", "Ben", "Ana"],
            "category": ["Labeling", "Tuning", "Other"],
            "hours": [1.5, 2.0, 0.25],
            "note": ["", "x", ""],
            "source": "manual",
        }
    )
    after = before.assign(hours=["1.5", "2:30", "soon"], delete=[False, False, False])
    after.loc[0, "category"] = "Cleaning & validation"
    after.loc[2, "delete"] = True
    edits = diff_entries(before, after)
    assert edits.updates == {1: {"category": "Cleaning & validation"}, 2: {"seconds": 9000}}
    assert edits.deletes == [3]
    after.loc[2, "delete"] = False
    assert "not a duration" in diff_entries(before, after).errors[0]


def test_person_and_category_are_remembered_across_pages(app):
    at = app("pages/time/log_time.py")
    at = _log(at, person="Chidi", category="Labeling", hours="0:30")
    at.switch_page("pages/time/home.py").run()
    at.switch_page("pages/time/log_time.py").run()
    assert at.selectbox(key="log_person").value == "Chidi"
    assert at.selectbox(key="log_category").value == "Labeling"
