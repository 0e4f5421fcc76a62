"""Sign-in with a real OpenID Connect provider on 127.0.0.1: editors, viewers, and nobody else."""

from __future__ import annotations

import re

import pytest

from tests.browser.helpers import (
    RECORD_NAV,
    assert_no_exception,
    fresh_context,
    nav_seen,
    screenshot_on_failure,
    wait_rendered,
    wait_until_idle,
)

pytestmark = pytest.mark.browser

SECRETS = """\
[auth]
redirect_uri = "http://127.0.0.1:{{port}}/oauth2callback"
cookie_secret = "a-long-random-cookie-secret-for-the-browser-test"
client_id = "reality-check"
client_secret = "not-a-secret"
server_metadata_url = "{provider}/.well-known/openid-configuration"
editors = ["lead@team.example"]
viewers = ["@team.example"]
"""
WRITING_PAGES = {"Log time", "Import", "Sort entries", "Settings"}


@pytest.fixture
def signed_app(fresh_app, oidc_provider, tmp_path) -> str:
    """The app behind sign-in with the local provider (secrets in a file of the test's own)."""
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(SECRETS.format(provider=oidc_provider))
    return fresh_app(args=["--secrets.files", str(secrets)])


@pytest.fixture
def tab(browser):
    """A tab in a browser context of its own: its own cookies, so its own signed-in user."""
    with fresh_context(browser) as context:
        page = context.new_page()
        page.add_init_script(RECORD_NAV)
        yield page


def _sign_in(page, base_url: str, subject: str | None = None, predefined: str | None = None):
    """Sign in at the provider as `subject` (typed) or as a predefined user; back at the app."""
    page.goto(base_url)
    page.get_by_role("button", name="Sign in").wait_for(timeout=60_000)
    wait_rendered(page)  # a click before the session is up would be lost
    page.get_by_role("button", name="Sign in").click()
    page.get_by_placeholder("sub").wait_for(timeout=60_000)  # the provider's own page
    if predefined:
        page.get_by_role("button", name=predefined).click()
    else:
        page.get_by_placeholder("sub").fill(subject)
        page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(re.compile(re.escape(base_url) + r"/.*"), timeout=60_000)
    wait_rendered(page)
    wait_until_idle(page)


def test_an_editor_signs_in_and_gets_every_page(tab, signed_app, artifacts_dir):
    with screenshot_on_failure(tab, artifacts_dir / "sign_in_editor.png"):
        tab.goto(signed_app)
        tab.get_by_role("button", name="Sign in").wait_for(timeout=60_000)
        assert tab.get_by_text("Hours logged").count() == 0  # nothing before sign-in
        _sign_in(tab, signed_app, "lead@team.example")
        tab.get_by_text("Hours logged").first.wait_for()
        assert_no_exception(tab, "home, signed in as an editor")
        labels = nav_seen(tab)[0]
        assert set(labels) >= WRITING_PAGES, labels
        sidebar = tab.get_by_test_id("stSidebar").inner_text().replace("\u2060", "")
        assert "Signed in as lead@team.example" in sidebar


def test_a_viewer_by_domain_reads_but_cannot_write(tab, signed_app, artifacts_dir):
    with screenshot_on_failure(tab, artifacts_dir / "sign_in_viewer.png"):
        _sign_in(tab, signed_app, "ana@team.example")
        tab.get_by_text("Hours logged").first.wait_for()
        labels = nav_seen(tab)[0]
        assert "Expectations vs reality" in labels, labels
        assert not WRITING_PAGES & set(labels), labels


def test_a_user_in_neither_list_sees_nothing_and_can_sign_out(tab, signed_app, artifacts_dir):
    with screenshot_on_failure(tab, artifacts_dir / "sign_in_refused.png"):
        _sign_in(tab, signed_app, "stranger@else.example")
        tab.get_by_text("which has no access to this app").wait_for()
        assert tab.get_by_text("Hours logged").count() == 0
        assert nav_seen(tab)[0] == []  # no page is offered, not even for a moment
        tab.get_by_role("button", name="Sign out").click()
        # Streamlit ends the session at the provider too (its end-session page), then returns.
        tab.get_by_role("button", name="End session").click(timeout=60_000)
        tab.get_by_role("button", name="Sign in").wait_for(timeout=60_000)
        assert tab.get_by_text("no access").count() == 0


def test_an_address_the_provider_has_not_verified_is_refused(tab, signed_app, artifacts_dir):
    with screenshot_on_failure(tab, artifacts_dir / "sign_in_unverified.png"):
        _sign_in(tab, signed_app, predefined="unverified")  # eve@team.example, not verified
        tab.get_by_text("which has no access to this app").wait_for()
        assert tab.get_by_text("Hours logged").count() == 0
