"""Pieces of the Import page: column mapping, rules and people editors, the preview."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import state, writes
from components.markdown import plain
from realitycheck.store import StoreError
from realitycheck.timelog.categories import UNSORTED_CATEGORY
from realitycheck.timelog.importers.generic import MAPPING_FIELDS
from realitycheck.timelog.importers.plan import store_rows
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


# Plain column names for the preview tables (the engine's names are for code, not people).
PREVIEW_LABELS = {
    "date": "Date",
    "person": "Person",
    "hours": "Hours",
    "category": "Category",
    "stored": "Already imported",
    "description": "Description",
    "source_project": "Project in the export",
    "task": "Task",
    "tags": "Tags",
    "entries": "Entries",
    "example": "Example",
}
SHOWN_ROWS = 500
KEEP = ""  # the picker's value for "store them as Unsorted"


def unmapped_picker(categories: list[str], upload_id: str) -> str | None:
    """The category for rows no rule maps (None: Unsorted), kept across uploads.

    The choice lives in one session value; the widget is made anew for each upload and starts
    from that value, so what the picker shows is always what the import applies.
    """
    options = [KEEP, *categories]
    kept = st.session_state.get(state.IMPORT_UNMAPPED, KEEP)
    chosen = st.selectbox(
        "Entries no rule maps",
        options,
        index=options.index(kept) if kept in options else 0,
        format_func=lambda c: c or KEEP_UNSORTED,
        key=state.import_unmapped_widget(upload_id),
    )
    st.session_state[state.IMPORT_UNMAPPED] = chosen
    return chosen or None


def preview(planned: pd.DataFrame) -> None:
    """Counts, the rows with the category each gets, and the unmapped rows grouped."""
    mapped = planned["matched"]
    cols = st.columns(4)
    cols[0].metric("Entries", f"{len(planned):,}")
    cols[1].metric("Mapped to a category", f"{int(mapped.sum()):,}")
    cols[2].metric("Hours mapped", f"{planned.loc[mapped, 'seconds'].sum() / 3600:,.2f}")
    cols[3].metric("Already imported", f"{int((planned['status'] != 'new').sum()):,}")
    shown = planned.head(SHOWN_ROWS).assign(
        hours=lambda d: (d["seconds"] / 3600).round(2), stored=lambda d: d["status"] != "new"
    )
    columns = ["date", "person", "hours", "category", "stored", "description", "source_project"]
    st.dataframe(
        shown[[*columns, "task", "tags"]].rename(columns=PREVIEW_LABELS),
        hide_index=True,
        width="stretch",
        column_config={"Category": st.column_config.TextColumn(help="From the rules above")},
    )
    if len(planned) > SHOWN_ROWS:
        st.caption(f"Showing the first {SHOWN_ROWS} of {len(planned):,} entries.")
    if not mapped.all():
        kept = (planned.loc[~mapped, "category"] == UNSORTED_CATEGORY).all()
        where = ": they are imported as Unsorted, to sort on the Sort entries page" if kept else ""
        st.warning(
            f"{int((~mapped).sum()):,} entries match no rule{where}. Add a rule, or pick a "
            "category for them in “Entries no rule maps” above."
        )
        groups = describe_unmapped(planned, planned["category"].where(mapped)).assign(
            hours=lambda d: (d["seconds"] / 3600).round(2)
        )
        groups = groups.drop(columns="seconds").rename(columns=PREVIEW_LABELS)
        st.dataframe(groups, hide_index=True, width="stretch")


def import_button(url: str, project_id: int, planned: pd.DataFrame, rules: list[Rule]) -> None:
    """The Import button (counting new and changed rows); the outcome shows after the rerun."""
    if message := st.session_state.pop(state.IMPORT_MESSAGE, None):
        st.success(message)
    fresh = int((planned["status"] == "new").sum())
    changed = int((planned["status"] == "changed").sum())
    label = f"Import {fresh:,} new entries" if fresh != 1 else "Import 1 new entry"
    label += f", update {changed:,}" if changed else ""
    if not st.button(label, type="primary", disabled=not (fresh or changed)):
        return
    try:
        done = writes.import_rows(
            url, project_id, store_rows(planned), [r.to_dict() for r in rules]
        )
    except StoreError as exc:
        st.error(plain(exc))
        return
    shortened = (
        f" {done.shortened:,} rows had a person name over 200 or a note over 2,000 characters; "
        "they were shortened to fit."
        if done.shortened
        else ""
    )
    updated = f", updated {done.updated:,}" if done.updated else ""
    unsorted = done.seconds_unsorted / 3600
    st.session_state[state.IMPORT_MESSAGE] = (
        f"Imported {done.imported:,} entries ({done.seconds_imported / 3600:,.2f} h){updated}; "
        f"{done.duplicates:,} were already there"
        + (f"; {unsorted:,.2f} h not yet sorted." if unsorted else ".")
        + shortened
    )
    st.rerun()
