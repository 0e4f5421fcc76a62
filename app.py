"""Reality Check: the entrypoint. Page config, access gate, shared sidebar, navigation."""

from pathlib import Path

import streamlit as st

from components import access, cached, sidebar

# The icon ships with the app: a Material icon is fetched from a font host, which an offline or
# self-hosted install cannot reach.
ICON = str(Path(__file__).parent / "assets" / "favicon.png")
st.set_page_config(page_title="Reality Check", page_icon=ICON, layout="wide")


home = st.Page(
    "pages/time/home.py", title="Expectations vs reality", icon=":material/insights:", default=True
)
standup = st.Page("pages/time/standup.py", title="Standup", icon=":material/groups:")
log_time = st.Page("pages/time/log_time.py", title="Log time", icon=":material/timer:")
import_page = st.Page("pages/time/import_data.py", title="Import", icon=":material/upload_file:")
sort_page = st.Page("pages/time/sort.py", title="Sort entries", icon=":material/category:")
compare = st.Page(
    "pages/models/compare.py", title="Baseline vs boosted", icon=":material/compare_arrows:"
)
drift = st.Page("pages/models/drift.py", title="Data reality", icon=":material/difference:")
settings = st.Page("pages/admin/settings.py", title="Settings", icon=":material/settings:")

role = access.known_role()
if role is None:
    # Every page, hidden: the requested one is recognised (no "Page not found", the address
    # and its query keep), so a shared link opens that page once the passcode is given.
    # Registered before the gate draws its widgets (see `access.known_role`).
    st.navigation(
        [home, standup, log_time, import_page, sort_page, compare, drift, settings],
        position="hidden",
    )
    access.ask()
    st.stop()

time_pages = [home, standup]
if role == access.EDITOR:
    time_pages += [log_time, import_page, sort_page]
pages = {"Time": time_pages, "Models": [compare, drift]}
if role == access.EDITOR:
    pages["Admin"] = [settings]

page = st.navigation(pages)
url = cached.current_url()
cached.require_store(url)
sidebar.project_picker(url)
access.account()
page.run()
