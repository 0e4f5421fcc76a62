"""Category rules: defaults for every category, user rules first, unmapped rows visible."""

from __future__ import annotations

import pandas as pd
import pytest

from realitycheck.timelog.rules import (
    DEFAULT_RULES,
    Rule,
    apply_rules,
    combined_rules,
    describe_unmapped,
    unknown_categories,
)

CATEGORIES = (
    "Data collection & extraction",
    "Labeling",
    "Cleaning & validation",
    "Feature engineering",
    "Pipelines & infrastructure",
    "Model training & selection",
    "Tuning",
    "Evaluation & error analysis",
    "Deployment & monitoring",
    "Meetings & communication",
    "Other",
)


def rows(*entries: tuple[str, str, str, str]) -> pd.DataFrame:
    """Rows with (project, task, tags, description) and one hour each."""
    frame = pd.DataFrame(entries, columns=["source_project", "task", "tags", "description"])
    return frame.assign(seconds=3600)


@pytest.mark.parametrize(
    ("entry", "category"),
    [
        (("", "", "", "Label 300 images"), "Labeling"),
        (("", "", "", "annotation guidelines"), "Labeling"),
        (("", "", "", "Clean CRM extract"), "Cleaning & validation"),
        (("", "", "", "Nightly ETL backfill"), "Pipelines & infrastructure"),
        (("", "", "", "Fix Airflow DAG"), "Pipelines & infrastructure"),
        (("", "", "", "pipeline for features"), "Feature engineering"),
        (("", "", "", "Hyperparameter sweep"), "Tuning"),
        (("", "", "", "Tuning XGBoost"), "Tuning"),
        (("", "", "", "Weekly meeting"), "Meetings & communication"),
        (("", "", "", "Daily STANDUP"), "Meetings & communication"),
        (("", "", "", "SQL extraction for cohort"), "Data collection & extraction"),
        (("", "", "", "Train baseline model"), "Model training & selection"),
        (("", "", "", "Error analysis on fold 3"), "Evaluation & error analysis"),
        (("", "", "", "Deploy model API"), "Deployment & monitoring"),
        (("", "", "", "Team admin"), "Other"),
        (("", "", "Meeting", "Label images"), "Meetings & communication"),  # tags first
        (("", "Training", "", "Label images"), "Model training & selection"),  # then task
        (("Labeling platform", "", "", "Evaluate models"), "Evaluation & error analysis"),
        (("Labeling platform", "", "", "misc"), "Other"),
        (("Labeling platform", "", "", "something new"), "Labeling"),  # project last
        (("Fraud", "", "", "Code review"), None),
    ],
)
def test_default_rules(entry, category):
    assert apply_rules(rows(entry), []).tolist() == [category]


def test_defaults_cover_every_category():
    assert {rule.category for rule in DEFAULT_RULES} == set(CATEGORIES)
    assert unknown_categories(DEFAULT_RULES, CATEGORIES) == []


def test_user_rules_win_over_defaults_in_order():
    data = rows(("", "", "", "Etiketleme: şüpheli işlemler"), ("", "", "", "Label review"))
    assert apply_rules(data, [])[0] is None  # "etl" inside a word is not the word ETL
    user = [
        Rule("description", "etiket", "Labeling"),
        Rule("description", "review", "Evaluation & error analysis"),
        Rule("description", "label review", "Other"),  # later: never reached
    ]
    assert apply_rules(data, user).tolist() == ["Labeling", "Evaluation & error analysis"]


def test_patterns_are_literal_and_case_insensitive():
    data = rows(("", "", "", "C++ port (v2.0)"), ("", "", "", "C port v2x0"))
    user = [Rule("description", "c++ PORT (V2.0)", "Other")]
    assert apply_rules(data, user, defaults=()).tolist() == ["Other", None]


@pytest.mark.parametrize(
    ("text", "pattern", "matches"),
    [
        ("Etiketleme: şüpheli işlemler", "etl", False),  # not inside a word
        ("Nightly ETL", "etl", True),
        ("etl-job", "etl", True),
        ("data_etl", "etl", True),  # an underscore separates words
        ("Fix constraint", "train", False),
        ("Training run", "train", True),  # a word that starts with the pattern
        ("ŞÜPHELİ işlemler", "supheli", True),  # accents and case folded on both sides
        ("Café sync", "CAFE SYNC", True),
        ("Résumé screening", "resume", True),
        ("mysql dump", "sql", False),
        ("1:1 with Ana", "1:1", True),
        ("xa-a-a", "a-a", True),  # a word start overlapping an occurrence inside a word
    ],
)
def test_rules_match_words_case_and_accent_folded(text, pattern, matches):
    user = [Rule("description", pattern, "Other")]
    found = apply_rules(rows(("", "", "", text)), user, defaults=()).tolist()
    assert found == (["Other"] if matches else [None])


def test_unmapped_rows_stay_visible():
    data = rows(
        ("Fraud", "", "", "Code review"), ("Fraud", "", "", "Label data"), ("X", "", "", "")
    )
    data = data.set_axis([7, 8, 9])
    categories = apply_rules(data, [])
    assert categories.index.tolist() == [7, 8, 9]
    assert categories.tolist() == [None, "Labeling", None]
    summary = describe_unmapped(data, categories)
    assert summary[["source_project", "entries", "seconds"]].values.tolist() == [
        ["Fraud", 1, 3600],
        ["X", 1, 3600],
    ]
    assert summary.loc[0, "example"] == "Code review"


def test_each_field_reads_its_own_column():
    data = rows(("alpha", "beta", "gamma, delta", "epsilon"))
    for field, pattern in [
        ("project", "alph"),
        ("task", "bet"),
        ("tag", "delt"),
        ("description", "epsil"),
    ]:
        assert apply_rules(data, [Rule(field, pattern, "Other")], defaults=()).tolist() == ["Other"]
        assert apply_rules(data, [Rule(field, "zzz", "Other")], defaults=()).tolist() == [None]


def test_empty_rows_and_missing_columns():
    empty = rows()
    assert apply_rules(empty, []).tolist() == []
    only_description = pd.DataFrame({"description": ["standup"]})
    assert apply_rules(only_description, []).tolist() == ["Meetings & communication"]


def test_rule_round_trips_through_plain_dicts():
    rule = Rule("tag", "ml-ops", "Deployment & monitoring")
    assert rule.to_dict() == {
        "field": "tag",
        "pattern": "ml-ops",
        "category": "Deployment & monitoring",
    }
    assert Rule.from_dict(rule.to_dict()) == rule


@pytest.mark.parametrize(
    "data",
    [
        {"field": "client", "pattern": "x", "category": "Other"},
        {"field": "tag", "pattern": "  ", "category": "Other"},
        {"field": "tag", "pattern": "x", "category": ""},
        {"field": "tag", "pattern": "x"},
    ],
)
def test_invalid_rules_are_refused(data):
    with pytest.raises(ValueError):  # noqa: PT011 - each case has its own message
        Rule.from_dict(data)


def test_combined_rules_drop_repeats_and_keep_user_order():
    user = [Rule("tag", "x", "Other"), DEFAULT_RULES[5]]
    combined = combined_rules(user)
    assert combined[:2] == (user[0], DEFAULT_RULES[5])
    assert len(combined) == len(DEFAULT_RULES) + 1


def test_unknown_categories_are_listed():
    rules = [Rule("tag", "x", "Shipping"), Rule("tag", "y", "Labeling")]
    assert unknown_categories(rules, CATEGORIES) == ["Shipping"]
