"""The optional access gate: viewer and editor passcodes from the environment or secrets."""

from __future__ import annotations

import hmac
import os

import streamlit as st

from components import state
from realitycheck.config import read_secret

EDITOR, VIEWER = "editor", "viewer"


def _passcode(name: str) -> str | None:
    return os.environ.get(name) or read_secret(name)


def _matches(given: str, expected: str | None) -> bool:
    # Constant-time comparison, so response time says nothing about the passcode.
    return bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


def gate() -> str | None:
    """Return the user's role; with passcodes configured, ask for one first (None until given)."""
    editor, viewer = _passcode("RC_EDITOR_PASSCODE"), _passcode("RC_VIEWER_PASSCODE")
    if not editor and not viewer:
        return EDITOR
    if role := st.session_state.get(state.ROLE):
        return role
    st.title("Reality Check")
    with st.form("passcode"):
        given = st.text_input("Passcode", type="password")
        if st.form_submit_button("Enter"):
            if _matches(given, editor):
                st.session_state[state.ROLE] = EDITOR
            elif _matches(given, viewer):
                st.session_state[state.ROLE] = VIEWER
            else:
                st.error("That passcode is not right.")
    if role := st.session_state.get(state.ROLE):
        st.rerun()
    return None


def can_edit() -> bool:
    """Whether this session may write (always, when no passcodes are configured)."""
    return st.session_state.get(state.ROLE, EDITOR) == EDITOR


def require_editor() -> None:
    """Stop a page that writes when this session is a viewer (defence beside the navigation)."""
    if not can_edit():
        st.info("This page is for editors. Ask your team lead for the editor passcode.")
        st.stop()
