"""Imports keep to the same limits as the forms: long names and notes are shortened and reported."""

from datetime import date

import pandas as pd
import pytest

from realitycheck.store import StoreError
from tests.payloads import LONG

DAY = date(2026, 3, 2)


def _rows(person: str, note: str) -> pd.DataFrame:
    return pd.DataFrame({"date": [DAY], "person": [person], "category": ["Labeling"],
                         "seconds": [600], "note": [note], "source": ["csv"],
                         "source_key": ["k1"]})  # fmt: skip


def test_import_shortens_long_names_and_notes_and_says_so(store, project):
    outcome = store.import_entries(project.id, _rows(LONG, "n\x00ote " + LONG))
    assert outcome.imported == 1
    assert outcome.shortened == 1
    [name] = store.list_people()
    assert len(name) == 200
    note = store.recent_entries(project.id)["note"].iloc[0]
    assert len(note) == 2000
    assert "\x00" not in note


def test_a_form_refuses_a_name_over_200_characters(store, project):
    with pytest.raises(StoreError, match="200 characters"):
        store.add_entry(project.id, "B" * 201, DAY, "Labeling", 600)


def test_nul_bytes_never_reach_the_database(store, project):
    store.add_entry(project.id, "Ana\x00", DAY, "Labeling", 600, note="a\x00b")
    store.save_note(project.id, "Ana", DAY, yesterday="x\x00y")
    assert store.list_people() == ["Ana"]
    assert store.recent_entries(project.id)["note"].iloc[0] == "ab"
    assert store.get_notes(project.id, DAY)["Ana"]["yesterday"] == "xy"
