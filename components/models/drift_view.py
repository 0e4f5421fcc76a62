"""Pieces of the Data reality page: verdict, features, distributions, health, models, history.

Column and file names come from the user: they reach Markdown only through `plain`.
"""

from __future__ import annotations

import json

import streamlit as st

from components import cached, state
from components.figures import CONFIG
from components.markdown import plain
from components.models import drift_charts
from realitycheck.drift.health import health_messages
from realitycheck.drift.report import (
    features_table,
    models_table,
    promise_sentences,
    target_sentence,
)
from realitycheck.drift.result import DriftResult

VERDICT_STYLE = {
    "Resembles production": st.success,
    "Some shift": st.warning,
    "Shifted": st.error,
}


def results(check: DriftResult, key: str) -> None:
    """Everything about one check: verdict, features, distributions, health, models, download."""
    result = check.to_dict()  # the tables and the download read the JSON shape
    VERDICT_STYLE.get(result["verdict"], st.info)(
        f"**{result['verdict']}.** {plain(result['headline'])}"
    )
    _numbers(result)
    st.subheader("Which features moved?")
    st.dataframe(features_table(result), hide_index=True, width="stretch")
    _charts(result, key)
    _health(result)
    _models(result)
    st.download_button(
        "Whole check (JSON)",
        json.dumps(result),
        "data_reality.json",
        "application/json",
        key=f"json_{key}",
    )


def _numbers(result: dict) -> None:
    low, high = result["drift_score_ci95"]
    auc_low, auc_high = result["adversarial_auc_ci95"]
    shifted = sum(f["shifted"] for f in result["features"])
    cols = st.columns(4)
    cols[0].metric("Drift score", f"{result['drift_score']:.2f}", help="max(0, 2·AUC − 1)")
    cols[1].metric("95% interval", f"{low:.2f} – {high:.2f}")
    cols[2].metric("Adversarial AUC", f"{result['adversarial_auc']:.3f}")
    cols[3].metric("Features shifted", f"{shifted} of {len(result['features'])}")
    st.caption(
        f"{result['rows_train']:,} training rows, {result['rows_production']:,} production rows. "
        f"AUC interval {auc_low:.3f} – {auc_high:.3f} (DeLong). Under 0.1: resembles "
        "production; 0.1 to 0.25: some shift; 0.25 and above: shifted (Deepchecks' default)."
    )


def _charts(result: dict, key: str) -> None:
    """What the classifier leaned on, then training vs production for the top features."""
    shifted = any(f["shifted"] for f in result["features"])
    st.caption(
        "Bars: each feature's share of what the classifier learned (orange: its test says it "
        "shifted). Histograms: "
        + ("the top shifted features." if shifted else "the most telling features (none shifted).")
    )
    figures = [drift_charts.importance_figure(result["features"])]
    for name, dist in (result.get("distributions") or {}).items():
        figures.append(drift_charts.distribution_figure(name, dist))
    cols = st.columns(2)
    for i, figure in enumerate(figures):
        cols[i % 2].plotly_chart(figure, width="stretch", key=f"chart_{key}_{i}", config=CONFIG)


def _health(result: dict) -> None:
    messages = health_messages(result["health"])
    st.subheader("Data health")
    if messages:
        st.warning("\n".join(f"- {plain(m)}" for m in messages))
    else:
        st.caption("No duplicates, unseen categories, out-of-range values or constant columns.")
    notes = result.get("warnings") or []
    if notes:
        with st.expander(f"Notes on this check ({len(notes)})"):
            for note in notes:
                st.text(f"{note['column'] or 'Run'}: {note['message']}")


def _models(result: dict) -> None:
    sentence = target_sentence(result)
    if sentence is None:
        return
    st.subheader("Does the model hold up?")
    st.markdown(plain(sentence))
    table = models_table(result)
    if table is None:
        st.caption("The models were not compared: see the notes above.")
        return
    st.dataframe(table, hide_index=True, width="stretch")
    for line in promise_sentences(result):
        st.markdown(plain(line))


def history(url: str, project: object) -> None:
    """Past checks of the project, each one reopened on request."""
    project_id = project.id if project else None
    runs = cached.drift_runs(url, project_id)
    st.subheader("Past checks" + (f" in {plain(project.name)}" if project else ""))
    if not runs:
        st.caption("Checks are saved here when you press the button.")
        return
    labels = {
        r["id"]: f"{r['created_at']:%Y-%m-%d %H:%M} · {r['train_name']} vs "
        f"{r['production_name']} · {r['verdict']} ({r['drift_score']:.2f})"
        for r in runs
    }
    chosen = st.selectbox(
        "Reopen a check", list(labels), format_func=labels.get, index=None, key=state.DRIFT_REOPEN
    )
    if chosen is not None and (saved := cached.saved_drift_run(url, chosen)):
        results(saved, key=f"run_{chosen}")
