"""Settings: create, rename, archive and delete projects; the split must add up; team members."""

from realitycheck.store import Store
from realitycheck.timelog.demo import DEMO_NAME


def _new_project(at, name, data_work=30, modeling=60, other=10):
    at.text_input(key="new_project_name").set_value(name)
    for group, value in (("data_work", data_work), ("modeling", modeling), ("other", other)):
        at.number_input(key=f"expected_new_{group}").set_value(value)
    return at.button(key="FormSubmitter:new_project-Create project").click().run()


def test_create_project_and_bad_split(app, db_path):
    at = _new_project(app("pages/admin/settings.py"), "Fraud model", 50, 40, 20)
    assert "must add up to 100%; these add up to 110%" in at.error[0].value
    assert Store(db_path).get_project("Fraud model") is None
    at = _new_project(at, "Fraud model", 40, 50, 10)
    assert not at.error
    project = Store(db_path).get_project("Fraud model")
    assert project.expected == {"data_work": 0.4, "modeling": 0.5, "other": 0.1}
    at = _new_project(at, "fraud MODEL")
    assert "already exists" in at.error[0].value


def test_delete_demo_needs_confirmation(app, db_path):
    at = app("pages/admin/settings.py")
    demo = Store(db_path).get_project(DEMO_NAME)
    delete = at.button(key=f"delete_{demo.id}")
    assert delete.disabled
    at.checkbox(key=f"c_{demo.id}").check().run()
    at.button(key=f"delete_{demo.id}").click().run()
    assert Store(db_path).list_projects(include_archived=True) == []
    assert not at.exception


def test_archive_hides_from_picker(app, db_path):
    at = app("pages/admin/settings.py")
    demo = Store(db_path).get_project(DEMO_NAME)
    at.button(key=f"archive_{demo.id}").click().run()
    assert Store(db_path).list_projects() == []
    at.switch_page("pages/time/home.py").run()
    assert "Create a project first" in at.info[0].value


def test_team_members(app, db_path):
    at = app("pages/admin/settings.py")
    at.text_input(key="add_person_name").set_value("Eve")
    at.button(key="FormSubmitter:add_person-Add").click().run()
    assert "Eve" in Store(db_path).list_people()
    at.button(key="rm_Eve").click().run()
    assert "Eve" not in Store(db_path).list_people()
    at.button(key="rm_Ana").click().run()
    assert "has logged time" in at.error[0].value


def test_a_new_project_becomes_the_selected_one(app, db_path):
    at = _new_project(app("pages/admin/settings.py"), "Fraud model", 40, 50, 10)
    assert not at.error
    assert at.sidebar.selectbox(key="project").value == "Fraud model"
    assert any("Fraud model" in s.value for s in at.success)


def test_categories_are_editable_with_group_names(app, db_path):
    from components.time.settings_forms import categories_key

    at = app("pages/admin/settings.py")
    store = Store(db_path)
    key = categories_key(store.list_categories())
    assert key in at.session_state  # an editable table, not a read-only one
    at.session_state[key] = {
        "edited_rows": {10: {"Group": "Data work"}},  # "Other", the 11th row
        "added_rows": [{"Category": "Annotation QA", "Group": "Data work"}],
        "deleted_rows": [],
    }
    at.run()
    next(b for b in at.button if b.label == "Save categories").click().run()
    assert not at.error, [e.value for e in at.error]
    groups = {c.name: c.group for c in store.list_categories()}
    assert groups["Other"] == "data_work"
    assert groups["Annotation QA"] == "data_work"
    assert len(groups) == 12


def test_team_rename_boxes_have_a_label(app):
    at = app("pages/admin/settings.py")
    box = at.text_input(key="rn_Ana")
    assert box.label == "New name"
    assert box.proto.label_visibility.value == 0  # VISIBLE
