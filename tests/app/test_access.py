"""The optional access gate: passcodes from the environment, viewers cannot edit."""

import logging

import pytest

from tests.app.conftest import texts

EDITOR_CODE = "edit-passcode-123"
VIEWER_CODE = "view-passcode-456"


@pytest.fixture
def gated(db_path, monkeypatch):
    monkeypatch.setenv("RC_EDITOR_PASSCODE", EDITOR_CODE)
    monkeypatch.setenv("RC_VIEWER_PASSCODE", VIEWER_CODE)


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
    at = _enter(app(), VIEWER_CODE)
    assert at.metric[0].label == "Hours logged"
    at.switch_page("pages/time/standup.py").run()
    assert not at.exception
    assert not at.text_area  # notes are read-only for viewers
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/time/log_time.py")  # not in a viewer's navigation
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/admin/settings.py")


def test_editor_can_edit(gated, app):
    at = _enter(app(), EDITOR_CODE)
    at.switch_page("pages/time/log_time.py").run()
    assert at.text_input(key="log_hours") is not None
    assert "Log time" in texts(at)


def test_viewer_reads_run_history_but_never_runs_or_saves(gated, app, db_path):
    from realitycheck.store import Store
    from realitycheck.timelog.demo import DEMO_NAME
    from tests.engine.stored import add_run

    at = _enter(app(), VIEWER_CODE)  # the first run past the gate creates the demo project
    store = Store(db_path)
    demo = store.get_project(DEMO_NAME)
    add_run(store, demo.id)
    at.switch_page("pages/models/compare.py").run()
    assert not at.exception
    assert not [b for b in at.button if b.label == "Run comparison"]
    assert not at.file_uploader
    assert "Editors run comparisons" in texts(at)
    assert at.selectbox(key="cmp_reopen") is not None  # the history is there to read
    assert len(store.list_runs(demo.id)) == 1


def test_a_passcode_shorter_than_12_characters_is_refused_at_start(db_path, monkeypatch, app):
    monkeypatch.setenv("RC_EDITOR_PASSCODE", "short-code")
    monkeypatch.setenv("RC_VIEWER_PASSCODE", VIEWER_CODE)
    at = app()
    assert not at.exception
    assert "RC_EDITOR_PASSCODE is shorter than 12 characters" in at.error[0].value
    assert not at.text_input  # no passcode box: the server refuses to serve with it
    assert not at.metric


def test_wrong_passcodes_back_off_and_each_is_logged(gated, app, caplog):
    at = app()
    with caplog.at_level(logging.WARNING, logger="realitycheck.access"):
        for _ in range(3):
            at = _enter(at, "guess-guess-guess")
            assert "not right" in at.error[0].value
    assert len([r for r in caplog.records if "wrong passcode" in r.getMessage()]) == 3
    at = _enter(at, VIEWER_CODE)  # even the right one waits once the free tries are used
    assert "Too many wrong passcodes" in at.error[0].value
    assert not at.metric
    other = _enter(app(), "guess-guess-guess")  # a new session from the same client
    assert "not right" in other.error[0].value or "Too many" in other.error[0].value


def test_one_client_backs_off_across_sessions(gated, app):
    for _ in range(10):  # ten sessions from one address, one guess each
        assert "not right" in _enter(app(), "guess-guess-guess").error[0].value
    assert "Too many wrong passcodes" in _enter(app(), VIEWER_CODE).error[0].value


def test_viewer_never_runs_a_data_reality_check(gated, app):
    at = _enter(app(), VIEWER_CODE)
    at.switch_page("pages/models/drift.py").run()
    assert not at.exception
    assert not [b for b in at.button if b.label == "Check the data"]
    assert not at.file_uploader
    assert "Editors run data-reality checks" in texts(at)
