"""Sign-in with the team's identity provider (OIDC through `st.login`), and who gets which role.

On when `.streamlit/secrets.toml` has an `[auth]` section (Streamlit's own settings:
`redirect_uri`, `cookie_secret`, and `client_id`, `client_secret`, `server_metadata_url` for one
provider or under `[auth.<name>]` for several). Two lists there give the roles:

    editors = ["lead@team.example", "@team.example"]
    viewers = ["partner.example"]

An entry with a name before the `@` is one address; `@team.example` or `team.example` is every
address of that domain (exactly that domain: not `sub.team.example`, not `evil-team.example`).
Editors are checked first. Anyone else who signs in is told they have no access, and logged.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import streamlit as st

from components.markdown import plain

EDITOR, VIEWER = "editor", "viewer"
log = logging.getLogger("realitycheck.access")


@dataclass(frozen=True)
class SignIn:
    """The `[auth]` settings the app reads: the providers to offer and the two role lists."""

    providers: tuple[str | None, ...]  # None: the one provider set in [auth] itself
    editors: tuple[str, ...]
    viewers: tuple[str, ...]


def settings() -> SignIn | None:
    """The sign-in settings, or None when the secrets have no `[auth]` section."""
    try:
        section = st.secrets.get("auth")
    except FileNotFoundError:  # no secrets file at all
        return None
    if not isinstance(section, Mapping) or not section:
        return None
    named = tuple(
        name
        for name, value in section.items()
        if isinstance(value, Mapping) and name != "client_kwargs"
    )
    providers: tuple[str | None, ...] = named if named else (None,)
    if named and "client_id" in section:
        providers = (None, *named)
    return SignIn(providers, _entries(section.get("editors")), _entries(section.get("viewers")))


def _entries(value: object) -> tuple[str, ...]:
    """A role list from the secrets: a list of strings (a lone string counts as one entry)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, Sequence):
        return ()
    return tuple(e.strip().lower() for e in value if isinstance(e, str) and e.strip())


def role_for(email: object, editors: Sequence[str], viewers: Sequence[str]) -> str | None:
    """The role an address gets from the two lists (editors first), or None."""
    if not isinstance(email, str) or email.count("@") != 1:
        return None
    address = email.strip().lower()
    local, domain = address.split("@")
    if not local or not domain:
        return None
    for role, entries in ((EDITOR, editors), (VIEWER, viewers)):
        for entry in entries:
            if "@" in entry.lstrip("@"):
                if entry == address:
                    return role
            elif entry.lstrip("@") == domain:
                return role
    return None


def signed_in_role(sign_in: SignIn) -> str | None:
    """The role of the signed-in user, or None (not signed in, or in neither list)."""
    user = st.user.to_dict()
    if not user.get("is_logged_in"):
        return None
    email = user.get("email")
    if str(user.get("email_verified")).lower() == "false":  # never trust an unverified address
        role = None
    else:
        role = role_for(email, sign_in.editors, sign_in.viewers)
    if role is None:
        log.warning("access: %r signed in but is in neither the editors nor the viewers", email)
    return role


def signed_in() -> bool:
    """Whether a user is signed in through the identity provider."""
    return bool(st.user.to_dict().get("is_logged_in"))


def sign_in_buttons(sign_in: SignIn) -> None:
    """One button per configured provider; a click leaves for the provider's sign-in page."""
    from streamlit.errors import StreamlitAuthError

    for provider in sign_in.providers:
        label = "Sign in" if provider is None else f"Sign in with {provider.title()}"
        if st.button(label, key=f"sign_in_{provider or 'default'}", type="primary"):
            try:  # Streamlit checks the [auth] settings only now
                st.login() if provider is None else st.login(provider)
            except StreamlitAuthError as exc:
                log.error("access: sign-in is not set up right: %s", exc)
                st.error(
                    "Sign-in is not set up right on this server: "
                    f"{plain(' '.join(str(exc).split()))} Ask whoever runs it."
                )


def refused() -> None:
    """Tell a signed-in user outside both lists that the app is not theirs to see."""
    email = st.user.to_dict().get("email") or "this account"
    st.error(
        f"You are signed in as {plain(email)}, which has no access to this app. "
        "Ask your team lead to add you, or sign in with another account."
    )
    if st.button("Sign out", key="sign_out_refused"):
        st.logout()


def account_box() -> None:
    """In the sidebar: who is signed in, and a Sign out button."""
    user = st.user.to_dict()
    st.sidebar.caption(f"Signed in as {plain(user.get('email') or user.get('name') or '?')}")
    if st.sidebar.button("Sign out", key="sign_out"):
        st.logout()
