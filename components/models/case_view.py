"""Making the case on the comparison page: the evidence board, what-ifs and effort-to-lift."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from components import cached, state, writes
from components.figures import CONFIG
from components.markdown import plain
from components.models import case_charts
from realitycheck.compare.evidence import board_points, tally_sentence
from realitycheck.config import compare_budget

if TYPE_CHECKING:
    from realitycheck.compare.result import ComparisonResult


def evidence_board(url: str, project_id: int | None, can_compute: bool = True) -> None:
    """Every run of the project and the bundled references on one chart, with the tally."""
    rows, (enough, total) = cached.evidence(url, project_id)
    st.subheader("Evidence")
    st.markdown(f"**{tally_sentence(enough, total)}**")
    if rows:
        st.plotly_chart(
            case_charts.evidence_figure(board_points(rows)), key="evidence_board", config=CONFIG
        )
        st.caption(
            "Circles: this project's runs; diamonds: the bundled datasets at the default settings. "
            "Each run's verdict used its own margin; the band shows the default one."
        )
    if any(r["kind"] == "bundled" for r in rows) or not can_compute:
        return
    st.caption("The bundled datasets' results are computed once and stored (a few minutes).")
    if st.button("Compute the bundled datasets' results", icon=":material/science:"):
        try:
            writes.compute_bundled(url)
        except ValueError as exc:  # a budget, a refused slot: our own one-line message
            st.error(str(exc))
            return
        st.rerun()


def save_and_refresh(
    url: str,
    project_id: int | None,
    result: ComparisonResult,
    day: date,
    label: str,
    key: tuple,
) -> None:
    """Save a new run, then rerun the page so the evidence board above includes it."""
    writes.save_run(url, project_id, result, day, label)
    st.session_state[state.CMP_SHOWN] = key  # the rerun shows the result from the cache
    st.rerun()


def record_inputs() -> tuple[date, str]:
    """The day a saved run counts for (to record past experiments) and a short label."""
    cols = st.columns([1, 2])
    day = cols[0].date_input("Counts for day", value=date.today(), key=state.CMP_DAY)
    label = cols[1].text_input("Label (optional)", max_chars=200, key=state.CMP_LABEL)
    return day, label


def what_ifs(key: tuple, frame: pd.DataFrame) -> None:
    """Learning curve and label noise for the comparison on screen, behind a button."""
    fingerprint, _, target, task, folds, repeats, _, seed, categorical = key
    st.subheader("What-ifs: more data, cleaner labels, or a fancier model?")
    clicked = st.button("Run what-ifs", icon=":material/query_stats:")
    if not (clicked or st.session_state.get(state.WHATIF_SHOWN) == key):
        st.caption(
            "Both models refitted on 10–100% of each training fold, and with 5–20% of the "
            "training labels corrupted; the test folds stay as they are."
        )
        return
    try:
        out = cached.what_ifs(
            fingerprint, target, task, folds, repeats, seed, categorical,
            budget=compare_budget(), _frame=frame,
        )  # fmt: skip
    except ValueError as exc:  # past the budget, the server busy: one line for the user
        st.error(plain(exc))
        return
    st.session_state[state.WHATIF_SHOWN] = key
    st.info(out["advice"], icon=":material/lightbulb:")
    st.plotly_chart(case_charts.what_if_figure(out["what_if"]), key="what_if_chart", config=CONFIG)


def effort(url: str, project_id: int | None) -> None:
    """The project's runs lined up with the hours logged between them."""
    st.subheader("Effort-to-lift")
    if project_id is None:
        st.caption("Pick a project in the sidebar: runs saved to it line up with its hours.")
        return
    report = cached.effort(url, project_id)
    if not report["steps"]:
        st.caption(
            "Save two runs on the same target (set the day each counts for) to see which "
            "hours bought which change in score."
        )
        return
    st.plotly_chart(case_charts.effort_figure(report), key="effort_chart", config=CONFIG)
    table = pd.DataFrame(
        {
            "from": [s["from"]["run_day"] for s in report["steps"]],
            "to": [s["to"]["run_day"] for s in report["steps"]],
            "hours and change": [s["sentence"] for s in report["steps"]],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
