"""Baseline vs boosted: the same folds, the uncertainty, a paired test, a verdict and the costs."""

import streamlit as st

from components import access, cached, sidebar, state
from components.markdown import plain
from components.models import case_view
from components.models import view as compare_view
from components.models.inputs import choose_data, choose_settings
from components.run_panel import run_and_show
from realitycheck.config import compare_budget

url = cached.current_url()
project = sidebar.selected_project(url, st.session_state.get(state.PROJECT))
st.title("Baseline vs boosted")
st.caption(
    "Logistic or linear regression against XGBoost, on the same seeded folds of the same data: "
    "is the boosted model worth it here?"
)
project_id = project.id if project else None
case_view.evidence_board(url, project_id, can_compute=access.can_edit())

if not access.can_edit():
    # Viewers read the history; a run costs the server minutes and would be stored.
    st.info("Editors run comparisons; reopen a saved run below.")
else:
    st.subheader("Compare")
    data = choose_data()
    if data is None:
        st.stop()
    settings = choose_settings(data)
    key = (data.fingerprint, data.name, settings.target, settings.task, settings.folds,
           settings.repeats, settings.margin, settings.seed, settings.categorical)  # fmt: skip
    day, label = case_view.record_inputs()

    def show(result: object) -> None:
        """The result, then its what-ifs (behind their own button)."""
        compare_view.results(result, key="current")
        case_view.what_ifs(key, data.frame)

    run_and_show(
        "Run comparison",
        key,
        (state.CMP_SHOWN, state.CMP_REOPEN),
        lambda: cached.comparison(*key, budget=compare_budget(), _frame=data.frame),
        lambda result: case_view.save_and_refresh(url, project_id, result, day, label, key),
        show,
    )

st.divider()
case_view.effort(url, project_id)

st.divider()
history = cached.runs(url, project_id)
st.subheader(f"Past runs{' in ' + plain(project.name) if project else ''}")
if not history:
    st.caption("Runs are saved here when you press Run.")
    st.stop()
labels = {
    r[
        "id"
    ]: f"{r['created_at']:%Y-%m-%d %H:%M} · {r['dataset_name']} → {r['target']} · {r['verdict']}"
    for r in history
}
chosen = st.selectbox(
    "Reopen a run", list(labels), format_func=labels.get, index=None, key=state.CMP_REOPEN
)
if chosen is not None and (saved := cached.saved_run(url, chosen)):
    compare_view.results(saved, key=f"run_{chosen}")
