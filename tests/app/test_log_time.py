"""Log time: the table saves exactly what was ticked and edited, refusals stay on screen, the form
clears after an add, warns on a duplicate, and the default person belongs to the project."""

from datetime import date

from components.markdown import shown
from components.time.entry_table import editor_key
from realitycheck.store import Store
from realitycheck.timelog.demo import DEMO_NAME
from tests.app.conftest import clear_caches
from tests.app.conftest import log_entry as _log

PAGE = "pages/time/log_time.py"


def _edit_table(at, store: Store, project_id: int, edited_rows: dict) -> None:
    """Edit the entries table as a person would (the editor's own state), then Save changes."""
    key = editor_key(project_id, store.recent_entries(project_id))
    at.session_state[key] = {"edited_rows": edited_rows, "added_rows": [], "deleted_rows": []}
    at.run()
    next(b for b in at.button if b.label == "Save changes").click().run()


def _save(at):
    return next(b for b in at.button if b.label == "Save changes").click().run()


def test_a_second_save_deletes_nothing_nobody_ticked(app, db_path):
    at = app(PAGE)
    store = Store(db_path)
    demo = store.get_project(DEMO_NAME)
    count = store.count_entries(demo.id)
    first_id = int(store.recent_entries(demo.id)["id"].iloc[0])
    _edit_table(at, store, demo.id, {0: {"delete": True}})
    assert store.count_entries(demo.id) == count - 1
    assert first_id not in set(store.recent_entries(demo.id)["id"])
    _save(at)  # nothing ticked now: the tick must not move to the entry that took row 0
    assert not at.exception
    assert store.count_entries(demo.id) == count - 1
    undo = [b.label for b in at.button if b.label.startswith("Undo")]
    assert undo == ["Undo delete (1 entry)"]


def test_a_refused_edit_stays_on_screen_with_its_reason(app, db_path):
    at = app(PAGE)
    store = Store(db_path)
    demo = store.get_project(DEMO_NAME)
    before = store.recent_entries(demo.id)
    _edit_table(at, store, demo.id, {0: {"hours": "25"}, 1: {"note": "kept?"}})
    assert not at.exception
    assert any("24 h" in e.value for e in at.error), [e.value for e in at.error]
    after = store.recent_entries(demo.id)
    assert after.equals(before)  # all or nothing: the note edit beside it is not saved either
    state = at.session_state[editor_key(demo.id, after)]
    assert state["edited_rows"] == {0: {"hours": "25"}, 1: {"note": "kept?"}}  # edit kept


def test_the_form_clears_after_an_add_and_warns_on_a_duplicate(app, db_path):
    at = _log(app(PAGE), person="Ana", hours="1:30", category="Tuning")
    assert "Logged 1.50 h of Tuning for Ana" in at.success[0].value
    assert at.text_input(key="log_hours").value == ""  # cleared, so a second click adds nothing
    assert at.text_input(key="log_note").value == ""
    assert at.selectbox(key="log_person").value == "Ana"  # kept
    assert at.selectbox(key="log_category").value == "Tuning"
    store = Store(db_path)
    count = store.count_entries()
    at = _log(at, person="Ana", hours="1:30", category="Tuning")  # the very same entry again
    assert store.count_entries() == count
    assert "just logged exactly this" in at.warning[0].value
    at.text_input(key="log_hours").set_value("1:30")
    at = at.button(key="FormSubmitter:log_entry-Add entry").click().run()  # yes, twice
    assert store.count_entries() == count + 1
    assert "Logged 1.50 h" in at.success[0].value


def test_the_default_person_is_someone_from_this_project(app, db_path):
    app()  # creates the demo
    store = Store(db_path)
    other = store.create_project("Fraud", {"data_work": 0.3, "modeling": 0.6, "other": 0.1})
    store.add_entry(other.id, "Aaron Imported", date(2026, 11, 3), "Labeling", 3600)
    clear_caches()
    at = app(PAGE, project=DEMO_NAME)  # Aaron never logged time in the demo
    person = at.selectbox(key="log_person").value
    assert person in store.project_people(store.get_project(DEMO_NAME).id), person
    at = app(PAGE, project="Fraud")
    assert at.selectbox(key="log_person").value == "Aaron Imported"
    assert [t.value for t in at.text] == ["Project: Fraud"]  # plain text, never Markdown


def test_a_person_name_is_shown_as_typed_not_as_markdown(app, db_path):
    name = "![x](http://127.0.0.1:9/b.png) **bold**"
    app()  # creates the database
    Store(db_path).add_person(name)
    clear_caches()
    at = _log(app(PAGE), person=name, hours="0:15")
    message = at.success[0].value
    assert "![x](" not in message
    assert "**bold**" not in message
    assert shown(message).startswith(f"Logged 0.25 h of Tuning for {name} on ")  # as typed
