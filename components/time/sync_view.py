"""The Import page's "Sync now": pull the signed-in user's entries from Toggl Track or Clockify."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import streamlit as st

SERVICE_LABELS = {"toggl": "Toggl Track", "clockify": "Clockify"}


def sync_form(on_sync: Callable[[str, date, date], dict]) -> None:
    """A small form: service and dates; `on_sync` writes and returns the import report."""
    with st.form("sync_now", border=True):
        st.markdown("**Sync now** from the time tracker (the token comes from the server's "
                    "settings: `TOGGL_API_TOKEN` or `CLOCKIFY_API_KEY`).")  # fmt: skip
        cols = st.columns(3)
        service = cols[0].selectbox("Service", list(SERVICE_LABELS), format_func=SERVICE_LABELS.get)
        since = cols[1].date_input("Since", date.today() - timedelta(days=7), key="sync_since")
        until = cols[2].date_input("Until", date.today(), key="sync_until")
        if not st.form_submit_button("Sync now", icon=":material/sync:"):
            return
    try:
        result = on_sync(service, since, until)
    except ValueError as exc:  # SyncError and StoreError: one line, nothing written
        st.error(str(exc))
        return
    st.success(
        f"{SERVICE_LABELS[service]}: {result['imported']:,} new entries "
        f"({result['hours_imported']:,.2f} h), {result['updated']:,} updated, "
        f"{result['duplicates']:,} already there; {result['hours_unsorted']:,.2f} h not yet sorted."
    )
