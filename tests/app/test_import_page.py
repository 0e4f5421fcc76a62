"""Import page: upload -> preview -> change a rule -> commit -> home totals; twice adds nothing."""

import base64
from datetime import date
from pathlib import Path

import pytest

from realitycheck.store import Store
from realitycheck.timelog.demo import DEMO_NAME
from realitycheck.timelog.summary import default_range
from tests.app.conftest import texts
from tests.local_api import toggl_routes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "timelogs"


def _upload(at, name: str, data: bytes | None = None):
    content = data if data is not None else (FIXTURES / name).read_bytes()
    at.file_uploader[0].set_value((name, content, "text/csv"))
    return at.run()


def _preview(at):
    return next(d.value for d in at.dataframe if "Description" in d.value.columns)


def _category_of(at, description: str) -> str:
    return _preview(at).set_index("Description").loc[description, "Category"]


def _import_button(at):
    return next(b for b in at.button if b.label.startswith("Import "))


def test_upload_preview_rule_commit_and_reimport(app, db_path):
    at = _upload(app("pages/time/import_data.py"), "toggl_2023.csv")
    assert not at.exception
    assert "Toggl Track: 4 entries, 5.51 h." in at.success[0].value
    # Built-in keywords map three rows; "etl" inside the Turkish word for labeling is no match.
    assert at.metric[1].value == "3"
    assert _category_of(at, "Etiketleme: şüpheli işlemler") == "Unsorted"
    demo = Store(db_path).get_project(DEMO_NAME)
    at.session_state[f"rules_{demo.id}"] = {
        "edited_rows": {},
        "added_rows": [{"field": "description", "pattern": "etiketleme", "category": "Labeling"}],
        "deleted_rows": [],
    }
    at.run()
    assert _category_of(at, "Etiketleme: şüpheli işlemler") == "Labeling"  # user rules come first

    before = Store(db_path).count_entries(demo.id)
    _import_button(at).click().run()
    assert "Imported 4 entries (5.51 h); 0 were already there." in texts(at)
    assert Store(db_path).count_entries(demo.id) == before + 4
    assert Store(db_path).get_rules(demo.id) == [
        {"field": "description", "pattern": "etiketleme", "category": "Labeling"}
    ]
    at.switch_page("pages/time/home.py").run()
    hours = next(m.value for m in at.metric if m.label == "Hours logged")
    store = Store(db_path)
    since, until = default_range(*store.date_range(demo.id))  # the home page's default range
    logged = store.totals_by_category(demo.id, since, until)["seconds"].sum() / 3600
    assert float(hours.replace(",", "")) == pytest.approx(logged, abs=0.05)
    assert "Ayşe Yılmaz" in Store(db_path).list_people()

    at = _upload(app("pages/time/import_data.py"), "toggl_2023.csv")
    assert _category_of(at, "Etiketleme: şüpheli işlemler") == "Labeling"  # saved rule reused
    assert _import_button(at).label == "Import 0 new entries"  # all four are there already
    assert _import_button(at).disabled
    assert Store(db_path).count_entries(demo.id) == before + 4


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.csv", b"", "empty"),
        ("junk.csv", bytes(range(256)) * 40, "not"),
        ("summary.csv", None, "summary report"),
        ("notes.txt", b"just some words\nand more words\n", "not a table"),
    ],
)
def test_bad_uploads_get_a_clear_message(app, name, data, message):
    if data is None:
        data = (FIXTURES / "clockify_summary.csv").read_bytes()
    at = _upload(app("pages/time/import_data.py"), name, data)
    assert not at.exception
    assert message in at.error[0].value.lower()


def test_hostile_file_is_plain_text(app):
    at = _upload(app("pages/time/import_data.py"), "toggl_hostile.csv")
    assert not at.exception
    assert "rows could not be read" in at.expander[0].label
    assert any("formula character" in c.value for c in at.caption)


def test_ambiguous_dates_ask(app):
    at = _upload(app("pages/time/import_data.py"), "clockify_ambiguous_eu.csv")
    assert "could be day-first or month-first" in at.warning[0].value
    next(s for s in at.selectbox if s.label == "Dates like 03/04").set_value("Day first (DD/MM)")
    at.run()
    assert "Clockify" in at.success[0].value


def test_generic_csv_asks_for_columns(app):
    at = _upload(app("pages/time/import_data.py"), "generic_timesheet.csv")
    assert not at.exception
    assert at.selectbox(key="map_date").value == "Day"
    assert "Any CSV" in at.success[0].value


def test_sync_now_without_a_token_is_one_line_and_writes_nothing(app, db_path, monkeypatch):
    monkeypatch.delenv("TOGGL_API_TOKEN", raising=False)
    monkeypatch.setattr("realitycheck.timelog.sync.read_secret", lambda name: None)
    at = app("pages/time/import_data.py")
    demo = Store(db_path).get_project(DEMO_NAME)
    before = Store(db_path).count_entries(demo.id)
    next(b for b in at.button if b.label == "Sync now").click().run()
    assert not at.exception
    assert "Set TOGGL_API_TOKEN" in at.error[0].value
    assert Store(db_path).count_entries(demo.id) == before


def _sync_now(at, since: date, until: date):
    """Fill in the Sync now form for Toggl Track and press Sync now."""
    next(s for s in at.selectbox if s.label == "Service").set_value("toggl")
    at.date_input(key="sync_since").set_value(since)
    at.date_input(key="sync_until").set_value(until)
    return at.button(key="FormSubmitter:sync_now-Sync now").click().run()


def _basic(token: str) -> str:
    """The Authorization header Toggl's API takes for an API token."""
    return "Basic " + base64.b64encode(f"{token}:api_token".encode()).decode()


def _home_figures(at) -> tuple[str, str]:
    """Home's "Hours logged" and its "x h (y%) not yet sorted" note."""
    at.switch_page("pages/time/home.py").run()
    hours = next(m.value for m in at.metric if m.label == "Hours logged")
    note = next(c.value for c in at.caption if "not yet sorted" in c.value)
    at.switch_page("pages/time/import_data.py").run()
    return hours, note.split(":")[0]


def test_sync_now_brings_the_entries_once_and_a_refused_token_writes_nothing(
    app, db_path, api, monkeypatch
):
    # Toggl's /me and /me/time_entries as documented: Ayşe's 3 h (no rule maps it) and 0.5 h
    # standup, and a running entry (negative duration) that is not imported.
    toggl_routes(api)
    monkeypatch.setenv("TOGGL_API_TOKEN", "secret-toggl-token")
    monkeypatch.setenv("RC_TOGGL_URL", api.url)
    store = Store(db_path)
    store.create_project("Fraud detection", {"data_work": 0.3, "modeling": 0.6, "other": 0.1})
    project = store.get_project("Fraud detection")
    at = app("pages/time/import_data.py", project="Fraud detection")
    march = (date(2023, 3, 1), date(2023, 3, 31))

    _sync_now(at, *march)
    assert not at.exception
    assert [s.value for s in at.success] == [
        "Toggl Track: 2 new entries (3.50 h), 0 updated, 0 already there; 3.00 h not yet sorted."
    ]
    assert {h["Authorization"] for _, _, h in api.requests} == {_basic("secret-toggl-token")}
    assert Store(db_path).count_entries(project.id) == 2
    assert _home_figures(at) == ("3.5", "3.0 h (86%) not yet sorted")

    _sync_now(at, *march)  # the same entries again: nothing new
    assert [s.value for s in at.success] == [
        "Toggl Track: 0 new entries (0.00 h), 0 updated, 2 already there; 0.00 h not yet sorted."
    ]
    assert Store(db_path).count_entries(project.id) == 2
    assert _home_figures(at) == ("3.5", "3.0 h (86%) not yet sorted")

    # A revoked token: Toggl answers 401 on every path.
    monkeypatch.setenv("TOGGL_API_TOKEN", "revoked-toggl-token")
    api.routes["/api/v9/me"] = [(401, {}, b"Unauthorized")]
    api.routes["/api/v9/me/time_entries"] = [(401, {}, b"Unauthorized")]
    _sync_now(at, *march)
    assert not at.exception
    assert not at.success
    assert [e.value for e in at.error] == [
        "Toggl Track refused the API token (HTTP 401): check it and try again."
    ]
    assert api.requests[-1][2]["Authorization"] == _basic("revoked-toggl-token")
    assert "toggl-token" not in texts(at)  # neither token is ever shown
    assert Store(db_path).count_entries(project.id) == 2
    assert _home_figures(at) == ("3.5", "3.0 h (86%) not yet sorted")


def test_after_an_import_the_page_says_what_is_new(app, db_path):
    at = _upload(app("pages/time/import_data.py"), "toggl_2023.csv")
    preview = _preview(at)
    assert not {"source_project", "description", "category"} & set(preview.columns)  # no raw names
    assert not preview["Already imported"].any()
    _import_button(at).click().run()
    # The row no rule maps is stored as Unsorted, not left out, and the message says so.
    assert "Imported 4 entries (5.51 h); 0 were already there; 3.00 h not yet sorted." in texts(at)
    demo = Store(db_path).get_project(DEMO_NAME)
    unsorted = Store(db_path).unsorted_entries(demo.id)
    assert unsorted["note"].tolist() == ["Etiketleme: şüpheli işlemler"]
    button = _import_button(at)
    assert button.label == "Import 0 new entries"  # not "Import 4 entries" again
    assert button.disabled
    assert _preview(at)["Already imported"].all()


def test_unmapped_rows_point_at_the_picker_above(app):
    at = _upload(app("pages/time/import_data.py"), "harvest_example.csv")
    warning = next(w.value for w in at.warning if "match no rule" in w.value)
    assert "above" in warning
    assert "below" not in warning
    groups = next(d.value for d in at.dataframe if "Entries" in d.value.columns)
    assert "source_project" not in groups.columns


def test_unmapped_rows_are_kept_as_unsorted_unless_a_category_is_picked(app):
    at = _upload(app("pages/time/import_data.py"), "toggl_2023.csv")
    picker = next(s for s in at.selectbox if s.label == "Entries no rule maps")
    assert picker.value == ""
    assert picker.options[0] == "Keep them as Unsorted, to sort later"
    warning = next(w.value for w in at.warning if "match no rule" in w.value)
    assert "imported as Unsorted" in warning
    picker.set_value("Labeling").run()
    assert _category_of(at, "Etiketleme: şüpheli işlemler") == "Labeling"
    warning = next(w.value for w in at.warning if "match no rule" in w.value)
    assert "Unsorted" not in warning


def test_an_edited_re_export_updates_in_place(app, db_path):
    at = _upload(app("pages/time/import_data.py"), "toggl_2023.csv")
    _import_button(at).click().run()
    edited = (FIXTURES / "toggl_2023.csv").read_text(encoding="utf-8")
    edited = edited.replace(
        '"12:00:00","2023-03-13","12:30:00","0:30:00"',
        ('"12:00:00","2023-03-13","12:45:00","0:45:00"'),
    )
    demo = Store(db_path).get_project(DEMO_NAME)
    before = Store(db_path).count_entries(demo.id)
    at = _upload(app("pages/time/import_data.py"), "toggl_2023.csv", edited.encode())
    assert _preview(at)["Already imported"].all()
    button = _import_button(at)
    assert button.label == "Import 0 new entries, update 1"
    button.click().run()
    assert "Imported 0 entries (0.00 h), updated 1; 3 were already there." in texts(at)
    assert Store(db_path).count_entries(demo.id) == before
