"""Pieces of the Import page: column mapping, rules and people editors, the preview."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from realitycheck.timelog.importers.generic import MAPPING_FIELDS
from realitycheck.timelog.rules import FIELDS, Rule, describe_unmapped

FORMAT_LABELS = {
    "auto": "Detect from the header",
    "toggl": "Toggl Track",
    "clockify": "Clockify",
    "harvest": "Harvest",
    "jira": "Jira / Tempo",
    "wakatime": "WakaTime (JSON)",
    "csv": "Any CSV (map the columns)",
}
NOT_MAPPED = "(none)"
KEEP_UNSORTED = "Keep them as Unsorted, to sort later"


def column_mapping(columns: list[str], suggested: dict[str, str]) -> tuple | None:
    """Ask which column holds each field of a generic CSV; None until date and duration are set."""
    st.markdown("**Which column holds what?**")
    cols = st.columns(3)
    mapping = {}
    for i, field in enumerate(MAPPING_FIELDS):
        options = [NOT_MAPPED, *columns]
        default = options.index(suggested[field]) if suggested.get(field) in columns else 0
        chosen = cols[i % 3].selectbox(
            field.capitalize(), options, index=default, key=f"map_{field}"
        )
        if chosen != NOT_MAPPED:
            mapping[field] = chosen
    dated = "date" in mapping or "start" in mapping
    timed = "duration" in mapping or {"start", "end"} <= mapping.keys()
    return tuple(sorted(mapping.items())) if dated and timed else None


def rules_editor(saved: list[dict], categories: list[str], key: str) -> list[Rule]:
    """Edit the project's own rules (tried before the built-in keywords); return the valid ones."""
    frame = pd.DataFrame(saved or [], columns=["field", "pattern", "category"])
    edited = st.data_editor(
        frame,
        key=key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "field": st.column_config.SelectboxColumn(
                "If the", options=list(FIELDS), required=True
            ),
            "pattern": st.column_config.TextColumn(
                "has a word starting with", required=True, max_chars=200
            ),
            "category": st.column_config.SelectboxColumn(
                "then category", options=categories, required=True
            ),
        },
    )
    rules = []
    for row in edited.itertuples(index=False):
        try:
            rules.append(Rule(str(row.field), str(row.pattern or ""), str(row.category or "")))
        except ValueError:
            continue  # a half-filled row: ignored until complete
    return rules


def people_editor(source_names: list[str], members: list[str], key: str) -> dict[str, str]:
    """Map each person named in the export to a team member (new names are created)."""
    if not source_names:
        return {}
    by_lower = {m.casefold(): m for m in members}
    frame = pd.DataFrame(
        {
            "in the export": source_names,
            "team member": [by_lower.get(n.casefold(), n) for n in source_names],
        }
    )
    edited = st.data_editor(
        frame,
        key=key,
        hide_index=True,
        width="stretch",
        disabled=["in the export"],
        column_config={"team member": st.column_config.TextColumn(required=True, max_chars=200)},
    )
    return {
        src: (dst or src).strip() or src
        for src, dst in zip(edited["in the export"], edited["team member"], strict=True)
    }


def preview(planned: pd.DataFrame) -> None:
    """Counts, the rows with the category each gets, and the unmapped rows grouped."""
    mapped = planned["matched"]
    cols = st.columns(3)
    cols[0].metric("Entries", f"{len(planned):,}")
    cols[1].metric("Mapped to a category", f"{int(mapped.sum()):,}")
    cols[2].metric("Hours mapped", f"{planned.loc[mapped, 'seconds'].sum() / 3600:,.2f}")
    shown = planned.head(500).assign(hours=lambda d: (d["seconds"] / 3600).round(2))
    st.dataframe(
        shown[
            ["date", "person", "hours", "category", "description", "source_project", "task", "tags"]
        ],
        hide_index=True,
        width="stretch",
        column_config={"category": st.column_config.TextColumn("category (by rule)")},
    )
    if len(planned) > 500:
        st.caption(f"Showing the first 500 of {len(planned):,} entries.")
    if not mapped.all():
        st.warning(
            f"{int((~mapped).sum()):,} entries match no rule: they are imported as Unsorted, "
            "to sort on the Sort page. Add a rule, or pick a category for them below."
        )
        groups = describe_unmapped(planned, planned["category"].where(mapped)).assign(
            hours=lambda d: (d["seconds"] / 3600).round(2)
        )
        st.dataframe(groups.drop(columns="seconds"), hide_index=True, width="stretch")
