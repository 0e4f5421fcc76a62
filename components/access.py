"""The optional access gate: sign-in with the team's identity provider, or passcodes, or none.

With an `[auth]` section in the secrets, people sign in through the identity provider and the
`editors` and `viewers` lists there give their role (`components/identity.py`). Viewer and
editor passcodes (environment or secrets) are the simple option, beside sign-in or alone.
With neither, the app is open and everyone edits: the local default.

Wrong passcodes back off (per session and per client address), each is logged, and a
passcode shorter than `MIN_PASSCODE` characters stops the app instead of guarding it.
"""

from __future__ import annotations

import hmac
import logging
import os
import uuid

import streamlit as st

from components import identity, state
from components.backoff import Backoff
from components.identity import EDITOR, VIEWER
from realitycheck.config import read_secret

PASSCODE_SETTINGS = ("RC_EDITOR_PASSCODE", "RC_VIEWER_PASSCODE")
MIN_PASSCODE = 12
SESSION_FREE_TRIES = 3  # then 5 s, 10 s, 20 s... up to 5 minutes between tries
CLIENT_FREE_TRIES = 10  # one address may be a whole office behind a proxy
log = logging.getLogger("realitycheck.access")


def _passcode(name: str) -> str | None:
    return os.environ.get(name) or read_secret(name)


def _matches(given: str, expected: str | None) -> bool:
    # Constant-time comparison, so response time says nothing about the passcode.
    return bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


@st.cache_resource(show_spinner=False)
def _backoffs() -> tuple[Backoff, Backoff]:
    """The server's failure counters: one keyed by session, one keyed by client address."""
    return Backoff(free=SESSION_FREE_TRIES), Backoff(free=CLIENT_FREE_TRIES)


def _too_short() -> str | None:
    """The first configured passcode setting that is too short to guard a hosted app."""
    return next(
        (n for n in PASSCODE_SETTINGS if (code := _passcode(n)) and len(code) < MIN_PASSCODE),
        None,
    )


def known_role() -> str | None:
    """The session's role when the gate has nothing to ask (None: show `ask()` instead).

    Draws nothing: the caller registers its (hidden) navigation before `ask()` draws the
    gate's widgets, so they belong to the page the address names. Widgets drawn before the
    navigation resolved it lost their first click on a new server's first session.
    """
    editor, viewer = (_passcode(name) for name in PASSCODE_SETTINGS)
    sign_in = identity.settings()
    if not editor and not viewer and sign_in is None:
        return EDITOR
    if _too_short():
        return None
    if role := st.session_state.get(state.ROLE):
        return role
    if sign_in is not None and identity.signed_in():
        return identity.signed_in_role(sign_in)
    return None


def ask() -> None:
    """The gate's screen: sign-in buttons and/or the passcode box, or why nobody gets in."""
    if short := _too_short():
        st.error(
            f"{short} is shorter than {MIN_PASSCODE} characters: set a longer one "
            "(environment or .streamlit/secrets.toml) and restart. Nothing is served until then."
        )
        return
    editor, viewer = (_passcode(name) for name in PASSCODE_SETTINGS)
    sign_in = identity.settings()
    st.title("Reality Check")
    if sign_in is not None and identity.signed_in():  # signed in, but in neither list
        identity.refused()
        return
    if sign_in is not None:
        identity.sign_in_buttons(sign_in)
    if editor or viewer:
        _passcode_form(editor, viewer, after_sign_in=sign_in is not None)


def _passcode_form(editor: str | None, viewer: str | None, *, after_sign_in: bool) -> None:
    """The passcode box; a right passcode lets the session in at once."""
    if after_sign_in:
        st.caption("Or, with a passcode from your team lead:")
    with st.form("passcode"):
        given = st.text_input("Passcode", type="password")
        if st.form_submit_button("Enter"):
            _check(given, editor, viewer)
    if st.session_state.get(state.ROLE):
        st.rerun()


def _check(given: str, editor: str | None, viewer: str | None) -> None:
    """Let the session in with the role its passcode gives, or count (and log) a failure."""
    session = st.session_state.setdefault(state.GATE_SESSION, uuid.uuid4().hex)
    address = st.context.ip_address  # None on localhost
    client = address if isinstance(address, str) and address else "local"
    per_session, per_client = _backoffs()
    wait = max(per_session.wait_left(session), per_client.wait_left(client))
    if wait > 0:
        st.error(f"Too many wrong passcodes. Try again in {wait:.0f} s.")
        return
    role = EDITOR if _matches(given, editor) else VIEWER if _matches(given, viewer) else None
    if role:
        per_session.succeeded(session)
        per_client.succeeded(client)
        st.session_state[state.ROLE] = role
        return
    failures = per_session.failed(session), per_client.failed(client)
    log.warning(
        "access: wrong passcode from %s (%d in a row in this session, %d from this address)",
        client,
        *failures,
    )
    st.error("That passcode is not right.")


def role() -> str:
    """This session's role, as the gate decided it (an editor when the app is open)."""
    return known_role() or VIEWER


def account() -> None:
    """In the sidebar, for a user signed in with the identity provider: who, and Sign out."""
    if identity.settings() is not None and identity.signed_in():
        identity.account_box()


def can_edit() -> bool:
    """Whether this session may write (always, when the app has no gate)."""
    return role() == EDITOR


def require_editor() -> None:
    """Stop a page that writes when this session is a viewer (defence beside the navigation)."""
    if not can_edit():
        st.info("This page is for editors. Ask your team lead for editor access.")
        st.stop()
