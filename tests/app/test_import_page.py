"""Import page: upload -> preview -> change a rule -> commit -> home totals; twice adds nothing."""

from pathlib import Path

import pytest

from realitycheck.store import Store
from realitycheck.timelog.demo import DEMO_NAME
from realitycheck.timelog.summary import default_range
from tests.app.conftest import texts

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
    # Built-in keywords map every row; the Turkish labeling row lands on its "Development" tag.
    assert at.metric[1].value == "4"
    assert _category_of(at, "Etiketleme: şüpheli işlemler") == "Pipelines & infrastructure"
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
    at = _upload(app("pages/time/import_data.py"), "clockify_ambiguous.csv")
    assert "could be day-first or month-first" in at.warning[0].value
    at.selectbox[1].set_value("Day first (DD/MM)").run()
    assert "Clockify" in at.success[0].value


def test_generic_csv_asks_for_columns(app):
    at = _upload(app("pages/time/import_data.py"), "generic_timesheet.csv")
    assert not at.exception
    assert at.selectbox(key="map_date").value == "Day"
    assert "Any CSV" in at.success[0].value


def test_after_an_import_the_page_says_what_is_new(app, db_path):
    at = _upload(app("pages/time/import_data.py"), "toggl_2023.csv")
    preview = _preview(at)
    assert not {"source_project", "description", "category"} & set(preview.columns)  # no raw names
    assert not preview["Already imported"].any()
    _import_button(at).click().run()
    assert "Imported 4 entries (5.51 h); 0 were already there." in texts(at)
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
