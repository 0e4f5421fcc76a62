"""Form pieces of the Settings page."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from components import state, writes
from components.markdown import plain
from realitycheck.store import StoreError
from realitycheck.timelog.categories import GROUP_LABELS, GROUPS, Category
from realitycheck.timelog.summary import EntryError

GROUP_BY_LABEL = {GROUP_LABELS[group]: group for group in GROUPS}  # not "Unsorted"
ROW_PX = 35  # the data editor's row height: the table is made tall enough for every row


def expected_split_inputs(expected: dict[str, float], key: str) -> dict[str, float]:
    """Three percentage inputs (one per group); returns shares as fractions."""
    cols = st.columns(3)
    shares = {
        group: column.number_input(
            f"{GROUP_LABELS[group]} %",
            min_value=0,
            max_value=100,
            step=5,
            value=round(expected[group] * 100),
            key=f"expected_{key}_{group}",
        )
        / 100
        for column, group in zip(cols, GROUPS, strict=True)
    }
    total = sum(shares.values())
    if abs(total - 1) > 0.005:
        st.caption(f":red[The expected split adds up to {total:.0%}; it must add up to 100%.]")
    return shares


def create_project(url: str, expected_key: str) -> None:
    """Create the project the New project form describes and select it (a form callback)."""
    ss = st.session_state
    name = ss.get(state.NEW_PROJECT_NAME, "")
    expected = {g: ss[f"expected_{expected_key}_{g}"] / 100 for g in GROUPS}
    try:
        writes.create_project(url, name, expected, ss.get(state.NEW_PROJECT_DESCRIPTION, ""))
    except (EntryError, StoreError) as exc:
        ss[state.SETTINGS_MESSAGE] = ("error", plain(exc))
        return
    created = " ".join(name.split())
    ss[state.PROJECT] = created  # the sidebar picker (and the address) switch to it
    ss[state.NEW_PROJECT_NAME] = ss[state.NEW_PROJECT_DESCRIPTION] = ""
    ss[state.SETTINGS_MESSAGE] = ("success", f"Created {plain(created)}; it is selected now.")


def show_message() -> None:
    """Show (once) what the last create did."""
    kind, text = st.session_state.pop(state.SETTINGS_MESSAGE, (None, ""))
    if kind:
        getattr(st, kind)(text)


def categories_key(categories: list[Category]) -> str:
    """The categories editor's key, from the rows it shows (a save starts a fresh editor)."""
    text = "\n".join(f"{c.name}\t{c.group}" for c in categories)
    return "categories_" + hashlib.sha256(text.encode()).hexdigest()[:16]


def categories_editor(url: str, categories: list[Category]) -> None:
    """Rename categories, move them between groups, add new ones; saved together."""
    frame = pd.DataFrame(
        {
            "Category": [c.name for c in categories],
            "Group": [GROUP_LABELS[c.group] for c in categories],
        }
    )
    edited = st.data_editor(
        frame,
        key=categories_key(categories),
        num_rows="add",  # no deleting: entries point at their category
        hide_index=True,
        width="stretch",
        height=ROW_PX * (len(frame) + 3),  # every row in view, and the row to add one
        column_config={
            "Category": st.column_config.TextColumn(required=True, max_chars=100),
            "Group": st.column_config.SelectboxColumn(options=list(GROUP_BY_LABEL), required=True),
        },
    )
    if not st.button("Save categories", icon=":material/save:"):
        return
    old = [c.name for c in categories] + [None] * (len(edited) - len(categories))
    rows = [
        (before, str(row.Category or ""), GROUP_BY_LABEL.get(row.Group, ""))
        for before, row in zip(old, edited.itertuples(index=False), strict=True)
    ]
    try:
        writes.save_categories(url, rows)
    except StoreError as exc:
        st.error(f"Nothing was saved. {plain(exc)}")
        return
    st.rerun()
