"""Sign-in with an identity provider (`[auth]` in the secrets): who gets in, with which role."""

import logging

import pytest
from streamlit.testing.v1 import AppTest

from components.identity import EDITOR, VIEWER, role_for
from tests.app.conftest import APP, texts

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-long-random-cookie-secret-for-tests",
    "client_id": "reality-check",
    "client_secret": "not-a-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    "editors": ["lead@team.example"],
    "viewers": ["@team.example", "partner.example"],
}


def _run(user: dict | None, auth: dict | None = None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.secrets["auth"] = AUTH if auth is None else auth
    at.user = user if user is not None else {"is_logged_in": False}
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def _signed_in(email: str, **claims) -> dict:
    return {"is_logged_in": True, "email": email, **claims}


@pytest.mark.parametrize(
    ("email", "role"),
    [
        ("lead@team.example", EDITOR),
        ("LEAD@Team.Example", EDITOR),  # addresses compare without case
        ("ana@team.example", VIEWER),  # the domain, written "@team.example"
        ("bo@partner.example", VIEWER),  # the domain, written "partner.example"
        ("bo@sub.partner.example", None),  # a subdomain is another domain
        ("bo@evil-partner.example", None),
        ("bo@partner.example.evil", None),
        ("lead@team.example@evil.example", None),
        ("team.example", None),
        ("@team.example", None),
        ("", None),
        (None, None),
    ],
)
def test_role_for_matches_addresses_and_exact_domains(email, role):
    assert role_for(email, ["lead@team.example"], ["@team.example", "partner.example"]) == role


def test_an_editor_entry_wins_over_its_domain_in_viewers():
    assert role_for("lead@team.example", ["lead@team.example"], ["team.example"]) == EDITOR
    assert role_for("ana@team.example", ["@team.example"], ["ana@team.example"]) == EDITOR


def test_signed_out_sees_only_the_sign_in_button(db_path):
    at = _run(None)
    assert not at.exception
    assert at.title[0].value == "Reality Check"
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.metric  # nothing of the data before sign-in
    assert not at.text_input  # no passcode box: none is configured


def test_an_editor_by_address_gets_every_page(db_path):
    at = _run(_signed_in("lead@team.example"), page="pages/admin/settings.py")
    assert not at.exception
    at.switch_page("pages/time/log_time.py").run()
    assert at.text_input(key="log_hours") is not None
    assert "Signed in as" in " ".join(c.value for c in at.sidebar.caption)
    assert any(b.label == "Sign out" for b in at.sidebar.button)


def test_a_viewer_by_domain_reads_but_has_no_writing_pages(db_path):
    at = _run(_signed_in("ana@team.example"))
    assert at.metric[0].label == "Hours logged"
    for page in ("pages/time/log_time.py", "pages/time/import_data.py", "pages/admin/settings.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)


def test_a_user_in_neither_list_is_refused_and_logged(db_path, caplog):
    with caplog.at_level(logging.WARNING, logger="realitycheck.access"):
        at = _run(_signed_in("stranger@else.example"))
    assert not at.exception
    assert not at.metric
    assert "no access to this app" in at.error[0].value
    assert [b.label for b in at.button] == ["Sign out"]
    assert "stranger@else.example" in caplog.text


def test_an_address_the_provider_has_not_verified_is_refused(db_path):
    for verified in (False, "false"):
        at = _run(_signed_in("ana@team.example", email_verified=verified))
        assert not at.metric
        assert "no access to this app" in at.error[0].value
    at = _run(_signed_in("ana@team.example", email_verified=True))
    assert at.metric[0].label == "Hours logged"


def test_a_hostile_address_is_shown_as_text(db_path):
    email = "![x](http://127.0.0.1:9/b.png)@else.example"
    at = _run(_signed_in(email))
    message = at.error[0].value
    assert "](" not in message  # escaped: never a link
    assert "![" not in message  # nor an image
    assert "no access" in message


def test_passcodes_stay_beside_sign_in(db_path, monkeypatch):
    monkeypatch.setenv("RC_VIEWER_PASSCODE", "view-passcode-456")
    at = _run(None)
    assert [b.label for b in at.button] == ["Sign in", "Enter"]
    assert "Or, with a passcode" in texts(at)
    at.text_input[0].set_value("view-passcode-456")
    next(b for b in at.button if b.label == "Enter").click().run()
    assert at.metric[0].label == "Hours logged"


def test_several_providers_get_a_button_each(db_path):
    auth = {
        key: value
        for key, value in AUTH.items()
        if key not in ("client_id", "client_secret", "server_metadata_url")
    }
    provider = {"client_id": "x", "client_secret": "y", "server_metadata_url": "http://a/b"}
    at = _run(None, auth={**auth, "google": provider, "okta": provider})
    assert [b.label for b in at.button] == ["Sign in with Google", "Sign in with Okta"]


def test_no_auth_section_leaves_the_app_open(app):
    at = app()
    assert at.metric[0].label == "Hours logged"
    assert not any(b.label.startswith("Sign") for b in at.button)


def test_a_sign_in_that_is_not_set_up_right_says_so_instead_of_failing(db_path):
    # Streamlit's own checks of [auth] run when the button is clicked: here it finds no
    # secrets file at all (AppTest's secrets are the app's, not Streamlit's auth settings).
    at = _run(None)
    at.button[0].click().run()
    assert not at.exception
    assert "Sign-in is not set up right" in at.error[0].value
