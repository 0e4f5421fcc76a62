"""The comparison page makes the case: evidence board, what-ifs, runs on a day, effort-to-lift."""

from datetime import date

import streamlit as st

from realitycheck.compare.evidence import bundled_results
from realitycheck.store import Store
from realitycheck.timelog.demo import DEMO_NAME

FAST = {"cmp_folds": 3, "cmp_repeats": 1}


def _set_fast(at):
    at.selectbox(key="cmp_dataset").set_value("breast_cancer").run()
    for key, value in FAST.items():
        at.number_input(key=key).set_value(value)
    return at


def _click(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_evidence_board_opens_the_page_and_counts_the_stored_results(app, db_path):
    at = app("pages/models/compare.py")
    assert not at.exception
    assert at.subheader[0].value == "Evidence"
    assert "No scored runs yet." in [m.value.strip("*") for m in at.markdown]
    assert any(b.label == "Compute the bundled datasets' results" for b in at.button)
    # What the button stores, for one dataset at a fast setting (the button does all of them).
    store = Store(db_path)
    store.replace_bundled(bundled_results(names=["breast_cancer"], folds=3, repeats=1))
    enough, total = store.verdict_tally(None)
    st.cache_data.clear()  # written from outside the app: its reads would wait for their TTL
    at = app("pages/models/compare.py")
    tally = f"Baseline was enough on {enough} of {total}."
    assert total == 1
    assert tally in [m.value.strip("*") for m in at.markdown]
    figure = at.get("plotly_chart")[0].proto.spec
    assert '"diamond"' in figure
    assert "breast_cancer" in figure
    assert not any(b.label.startswith("Compute the bundled") for b in at.button)


def test_runs_on_their_day_what_ifs_and_effort(app, db_path):
    store = Store(db_path)
    at = app("pages/models/compare.py")
    demo = store.get_project(DEMO_NAME)
    store.add_entry(demo.id, "Ana", date(2025, 1, 7), "Labeling", 3 * 3600, "")
    store.add_entry(demo.id, "Ana", date(2025, 1, 8), "Tuning", 1800, "")
    at = _set_fast(at)
    # The same data and settings are stored once: the later run differs in its seed.
    for day, label, seed in ((date(2025, 1, 6), "first", 0), (date(2025, 1, 9), "relabeled", 1)):
        at.number_input(key="cmp_seed").set_value(seed)
        at.date_input(key="cmp_day").set_value(day)
        at.text_input(key="cmp_label").set_value(label)
        at = _click(at, "Run comparison")
    runs = store.project_runs(demo.id)
    assert [(r["run_day"], r["label"]) for r in runs] == [
        (date(2025, 1, 6), "first"),
        (date(2025, 1, 9), "relabeled"),
    ]
    steps = at.dataframe[-1].value
    (sentence,) = steps["hours and change"].tolist()
    assert sentence.startswith("3 h of Labeling, 0.5 h of Tuning: baseline ")
    assert sentence.endswith(" ROC AUC")
    assert "Baseline was enough on" in "".join(m.value for m in at.markdown)

    at = _click(at, "Run what-ifs")
    advice = [i.value for i in at.info if "noise" in i.value]
    assert len(advice) == 1
    assert advice[0].startswith("More rows"), advice
    assert any("What-ifs" in c.proto.spec for c in at.get("plotly_chart"))
    at.run()  # a rerun keeps the what-ifs on screen from the cache
    assert [i.value for i in at.info if "noise" in i.value] == advice


def test_what_ifs_past_their_budget_are_one_line(app, monkeypatch):
    from components.markdown import shown
    from components.models import case_view

    at = _click(_set_fast(app("pages/models/compare.py")), "Run comparison")
    monkeypatch.setattr(case_view, "compare_budget", lambda: (60.0, 64))  # 64 MB
    at = _click(at, "Run what-ifs")
    assert [shown(e.value) for e in at.error] == [
        "The what-ifs needed more than 64 MB of memory and were stopped. Use fewer rows or columns."
    ]
    assert not [i for i in at.info if "noise" in i.value]
