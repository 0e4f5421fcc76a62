"""Pieces of the Sort entries page: the groups table with a category per group, the undo bar."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from realitycheck.timelog.sorting import SortOutcome

SHOWN = ["sort", "category", "confidence", "hours", "entries", "source_project", "task", "tags",
         "pattern", "example"]  # fmt: skip


def groups_editor(groups: pd.DataFrame, categories: list[str], key: str) -> list[tuple]:
    """The groups, largest first, each with its suggestion preset; return the ticked ones."""
    frame = groups.assign(
        sort=False,
        category=groups["suggestion"].where(groups["suggestion"].isin(categories), None),
        hours=(groups["seconds"] / 3600).round(2),
    )
    edited = st.data_editor(
        frame[SHOWN],
        key=key,
        hide_index=True,
        width="stretch",
        disabled=[c for c in SHOWN if c not in ("sort", "category")],
        column_config={
            "sort": st.column_config.CheckboxColumn("Sort", default=False),
            "category": st.column_config.SelectboxColumn("Category", options=categories),
            "confidence": st.column_config.ProgressColumn(
                "Suggestion confidence", min_value=0.0, max_value=1.0, format="percent"
            ),
            "hours": st.column_config.NumberColumn("Hours", format="%.2f"),
            "entries": "Entries",
            "source_project": "Project",
            "task": "Task",
            "tags": "Tags",
            "pattern": "Description starts",
            "example": "Example",
        },
    )
    ticked = edited["sort"].fillna(False).astype(bool) & edited["category"].notna()
    return [
        (groups.iloc[i], edited["category"].iloc[i]) for i in range(len(groups)) if ticked.iloc[i]
    ]


def undo_bar(outcome: SortOutcome, on_undo: Callable[[], None]) -> None:
    """What the last sort did, with an Undo button."""
    cols = st.columns([4, 1])
    cols[0].success(
        f"Sorted {outcome.rows:,} entries ({outcome.seconds / 3600:,.2f} h) and saved a rule "
        "for each group, so the next import sorts entries like them."
    )
    cols[1].button("Undo", icon=":material/undo:", on_click=on_undo)
