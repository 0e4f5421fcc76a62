"""The standup page: a date with and without entries, deep links, presentation mode, notes."""

from datetime import date

from realitycheck.store import Store
from realitycheck.timelog.demo import DEMO_NAME
from tests.app.conftest import texts


def test_today_with_demo_entries(app):
    at = app("pages/time/standup.py")
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert labels[0].startswith("Team hours since")
    assert sum(label.startswith("Since ") for label in labels) == 4  # the four demo people
    link, summary = at.code[0].value, at.code[1].value
    assert "project=Demo%3A+churn+model+%28sample+data%29" in link
    assert f"day={date.today().isoformat()}" in link
    assert summary.startswith(f"**Standup — {DEMO_NAME}")


def test_a_date_without_entries(app):
    at = app("pages/time/standup.py", day="2020-01-06")
    assert "Nobody has logged time" in texts(at)
    assert at.title[0].value == "Standup — Monday 06 January"


def test_query_params_select_project_and_date(app, db_path):
    store = Store(db_path)
    at = app()  # first run creates the demo
    other = store.create_project("Second", {"data_work": 0.5, "modeling": 0.4, "other": 0.1})
    store.add_entry(other.id, "Zoe", date(2026, 11, 3), "Labeling", 7200, today=date(2026, 11, 3))
    from tests.app.conftest import clear_caches

    clear_caches()
    at = app("pages/time/standup.py", project="Second", day="2026-11-03", present="true")
    assert at.session_state["project"] == "Second"
    assert at.title[0].value == "Standup — Tuesday 03 November"
    assert [m.value for m in at.metric][1] == "2.0 h"
    assert not at.code  # presentation mode: no share panel
    assert not at.text_area  # nor note editing


def test_save_a_note(app, db_path):
    at = app("pages/time/standup.py")
    area = at.text_area[1]  # Ana's "Today"
    area.set_value("Finish the labeling guide")
    at.button(key="FormSubmitter:note_Ana-Save note").click().run()
    notes = Store(db_path).get_notes(Store(db_path).get_project(DEMO_NAME).id, date.today())
    assert notes["Ana"]["today"] == "Finish the labeling guide"
    assert "Today: Finish the labeling guide" in at.code[1].value
