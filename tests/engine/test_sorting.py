"""Sorting unsorted entries: groups, assignments that save a rule, undo, learned suggestions."""

import pandas as pd
import pytest

from bench.make_team_export import make_team
from realitycheck.timelog.categories import UNSORTED_CATEGORY
from realitycheck.timelog.importers import parse_export
from realitycheck.timelog.importers.plan import plan_rows, store_rows
from realitycheck.timelog.rules import Rule
from realitycheck.timelog.sorting import (
    description_pattern,
    group_unsorted,
    rule_for,
    sort_groups,
    undo_sort,
)
from realitycheck.timelog.suggest import suggest_groups, train


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("Prodigy session batch 12", "prodigy session batch"),
        ("Label 300 images", "label"),
        ("Call with Sarah", "call with sarah"),
        ("Etiketleme: şüpheli işlemler", "etiketleme: supheli islemler"),
        ("#42 review", ""),
        ("", ""),
    ],
)
def test_description_pattern(text, pattern):
    assert description_pattern(text) == pattern


def test_a_pattern_rule_sorts_the_text_it_came_from():
    text = "Etiketleme: şüpheli işlemler"
    group = {"pattern": description_pattern(text), "task": "", "tags": "", "source_project": "P"}
    rule = rule_for(group, "Labeling")
    assert rule == Rule("description", "etiketleme: supheli islemler", "Labeling")
    from realitycheck.timelog.rules import apply_rules

    frame = pd.DataFrame(
        {"description": [text], "source_project": ["P"], "task": [""], "tags": [""]}
    )
    assert apply_rules(frame, [rule], defaults=()).tolist() == ["Labeling"]


def test_groups_are_largest_first():
    entries = pd.DataFrame(
        {
            "id": [1, 2, 3, 4],
            "seconds": [600, 3600, 3600, 60],
            "note": ["Call with Sarah", "Prodigy session 1", "Prodigy session 2", "x"],
            "source_project": ["Acme", "Q4", "Q4", "Q4"],
            "task": ["", "", "", ""],
            "tags": ["", "", "", ""],
        }
    )
    groups = group_unsorted(entries)
    assert groups["pattern"].tolist() == ["prodigy session", "call with sarah", "x"]
    assert groups.loc[0, "ids"] == [2, 3]
    assert groups.loc[0, "seconds"] == 7200
    assert groups["group"].is_unique


def _import(store, project, data: bytes):
    rules = [Rule.from_dict(r) for r in store.get_rules(project.id)]
    planned = plan_rows(parse_export(data, "export.csv"), rules)
    return store.import_entries(project.id, store_rows(planned))


def test_sorting_a_group_moves_its_hours_saves_a_rule_and_undoes(store, project):
    history, fresh, _ = make_team(0, 60, seed=3)
    _import(store, project, fresh)
    totals = lambda: store.totals_by_category(project.id).set_index("category")["seconds"]  # noqa: E731
    unsorted_before = totals()[UNSORTED_CATEGORY]
    groups = group_unsorted(store.unsorted_entries(project.id))
    top = groups.iloc[0]
    outcome = sort_groups(store, project.id, [(top, "Labeling")])
    assert (outcome.rows, outcome.seconds) == (top["entries"], top["seconds"])
    assert totals()[UNSORTED_CATEGORY] == unsorted_before - top["seconds"]
    assert totals()["Labeling"] == top["seconds"]
    assert store.get_rules(project.id) == [rule_for(top, "Labeling").to_dict()]
    undo_sort(store, project.id, outcome)
    assert totals()[UNSORTED_CATEGORY] == unsorted_before
    assert store.get_rules(project.id) == []


def test_a_saved_sort_sorts_the_next_import(store, project):
    first, later, _ = make_team(40, 40, seed=4)
    _import(store, project, later.replace(b'"Q4 model"', b'"Acme website"'))
    groups = group_unsorted(store.unsorted_entries(project.id))
    sort_groups(store, project.id, [(g, "Other") for _, g in groups.iterrows()])
    assert store.unsorted_entries(project.id).empty
    _, again, _ = make_team(40, 40, seed=4)
    outcome = _import(store, project, again.replace(b"2026-09", b"2026-10"))
    assert outcome.imported == 40
    assert outcome.seconds_unsorted == 0  # every group's rule sorted its look-alikes


def test_suggestions_learned_from_a_tagged_history_sort_the_untagged_export(store, project):
    history, fresh, truth = make_team(1500, 400, seed=5)
    _import(store, project, history)
    _import(store, project, fresh)
    suggester = train(store.sorted_examples(project.id))
    assert suggester is not None
    assert suggester.precision > 0.8  # held out, scored without their tags
    entries = store.unsorted_entries(project.id)
    groups = suggest_groups(suggester, group_unsorted(entries), entries)
    accepted = groups[groups["confidence"] >= 0.8]
    lookup = entries.set_index("id")
    correct = sum(
        int((lookup.loc[g.ids, "note"].map(truth) == g.suggestion).sum())
        for g in accepted.itertuples()
    )
    rows = int(accepted["entries"].sum())
    assert rows / len(entries) > 0.7  # coverage
    assert correct / rows > 0.85  # precision


def test_too_little_history_gives_no_model():
    examples = pd.DataFrame(
        {
            "note": ["a", "b"],
            "source_project": ["", ""],
            "task": ["", ""],
            "tags": ["", ""],
            "category": ["Labeling", "Other"],
            "entries": [1, 1],
        }
    )
    assert train(examples) is None


def test_cli_unsorted_and_sort(store, project, db_url, capsys, tmp_path):
    import json

    from realitycheck.cli import main

    history, fresh, truth = make_team(600, 150, seed=6)
    for name, data in (("h.csv", history), ("f.csv", fresh)):
        (tmp_path / name).write_bytes(data)
        assert main(["import", str(tmp_path / name), "--project", "Churn", "--db", db_url]) == 0
    capsys.readouterr()

    def cli(*args):
        code = main([*args, "--project", "Churn", "--db", db_url, "--json"])
        return code, json.loads(capsys.readouterr().out)

    code, listed = cli("unsorted")
    assert code == 0
    hours = [g["hours"] for g in listed["groups"]]
    assert hours == sorted(hours, reverse=True)
    assert listed["hours_unsorted"] == pytest.approx(sum(hours), abs=1e-3)
    top = listed["groups"][0]
    assert set(top) >= {"key", "rows", "hours", "suggestion", "confidence"}
    code, done = cli("sort", "--group", top["key"]["id"], "--category", "labeling")
    assert (code, done["sorted_rows"]) == (0, top["rows"])
    assert done["sorted_hours"] == top["hours"]
    code, done = cli("sort", "--accept-suggestions", "--min-confidence", "0.8")
    assert code == 0
    assert done["sorted_rows"] > 0.6 * 150
    assert done["left_unsorted"] == 150 - top["rows"] - done["sorted_rows"]
    code, failed = cli("sort", "--group", "nope", "--category", "Labeling")
    assert code == 2
    assert "no unsorted group" in failed["errors"][0]["message"]
    code, failed = cli("sort", "--group", top["key"]["id"], "--category", "Unsorted")
    assert code == 2
