"""The optional access gate: passcodes from the environment, viewers cannot edit."""

import pytest

from tests.app.conftest import texts


@pytest.fixture
def gated(db_path, monkeypatch):
    monkeypatch.setenv("RC_EDITOR_PASSCODE", "edit-123")
    monkeypatch.setenv("RC_VIEWER_PASSCODE", "view-456")


def _enter(at, passcode):
    at.text_input[0].set_value(passcode)
    return at.button[0].click().run()


def test_gate_asks_first_and_refuses_a_wrong_passcode(gated, app):
    at = app()
    assert at.title[0].value == "Reality Check"
    assert not at.metric  # nothing of the data is shown before the passcode
    at = _enter(at, "nope")
    assert "not right" in at.error[0].value
    assert not at.metric


def test_viewer_sees_pages_but_cannot_edit(gated, app):
    at = _enter(app(), "view-456")
    assert at.metric[0].label == "Hours logged"
    at.switch_page("pages/time/standup.py").run()
    assert not at.exception
    assert not at.text_area  # notes are read-only for viewers
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/time/log_time.py")  # not in a viewer's navigation
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/admin/settings.py")


def test_editor_can_edit(gated, app):
    at = _enter(app(), "edit-123")
    at.switch_page("pages/time/log_time.py").run()
    assert at.text_input(key="log_hours") is not None
    assert "Log time" in texts(at)


def test_viewer_reads_run_history_but_never_runs_or_saves(gated, app, db_path):
    from realitycheck.store import Store
    from realitycheck.timelog.demo import DEMO_NAME

    at = _enter(app(), "view-456")  # the first run past the gate creates the demo project
    store = Store(db_path)
    demo = store.get_project(DEMO_NAME)
    store.save_run(demo.id, {"task": "binary", "verdict": "Inconclusive", "target": "y",
                             "dataset": {"name": "saved by an editor", "fingerprint": "f"}})  # fmt: skip
    at.switch_page("pages/models/compare.py").run()
    assert not at.exception
    assert not [b for b in at.button if b.label == "Run comparison"]
    assert not at.file_uploader
    assert "Editors run comparisons" in texts(at)
    assert at.selectbox(key="cmp_reopen") is not None  # the history is there to read
    assert len(store.list_runs(demo.id)) == 1
