"""Source keys: stable across re-exports and orderings, distinct for genuine repeats."""

from __future__ import annotations

import pandas as pd
import pytest

from bench.make_toggl_export import make_toggl_export
from realitycheck.timelog.importers import parse_export

HEADER = (
    '"User","Email","Client","Project","Task","Description","Billable","Start date",'
    '"Start time","End date","End time","Duration","Tags"'
)
ENTRIES = [
    '"Ann","a@x","","P","","Label data","No","2023-03-13","09:00:00","2023-03-13","10:00:00","1:00:00",""',
    '"Ann","a@x","","P","","Label data","No","2023-03-13","09:00:00","2023-03-13","10:00:00","1:00:00",""',
    '"Bob","b@x","","P","","Standup","No","2023-03-13","09:00:00","2023-03-13","09:15:00","0:15:00",""',
    '"Bob","b@x","","Q","","Standup","No","2023-03-14","09:00:00","2023-03-14","09:15:00","0:15:00",""',
]  # fmt: skip


def keys(lines: list[str], **kwargs) -> list[str]:
    data = "\n".join([HEADER, *lines]).encode()
    return parse_export(data, "export.csv", **kwargs).rows["source_key"].tolist()


def test_same_entries_in_another_order_get_the_same_keys():
    assert sorted(keys(ENTRIES)) == sorted(keys(ENTRIES[::-1]))


def test_identical_entries_in_one_file_are_both_kept():
    found = keys(ENTRIES)
    assert len(found) == len(set(found)) == 4


def test_an_overlapping_later_export_adds_only_the_new_entries():
    first = set(keys(ENTRIES[:3]))
    later = set(
        keys(
            ENTRIES[2:]
            + [
                '"Cy","c@x","","P","","New","No","2023-03-15","08:00:00",'
                '"2023-03-15","08:30:00","0:30:00",""'
            ]
        )
    )
    assert len(later - first) == 2  # the Q standup and Cy's new entry
    assert len(first & later) == 1


@pytest.mark.parametrize(
    ("field", "old", "new"),
    [
        ("person", '"Ann"', '"Anna"'),
        ("date", '"2023-03-13","09:00:00"', '"2023-03-12","09:00:00"'),
        ("time", '"09:00:00","2023', '"09:00:01","2023'),
    ],
)
def test_each_identifying_field_changes_the_key(field, old, new):
    changed = ENTRIES[0].replace(old, new, 1)
    assert changed != ENTRIES[0], field
    assert keys([changed]) != keys([ENTRIES[0]])


@pytest.mark.parametrize(
    ("field", "old", "new"),
    [
        ("seconds", '"1:00:00"', '"1:00:01"'),
        ("description", "Label data", "Label data!"),
        ("project", '"","P"', '"","R"'),
        ("task", '"P","",', '"P","T",'),
    ],
)
def test_an_edit_of_a_timed_entry_keeps_its_key(field, old, new):
    changed = ENTRIES[0].replace(old, new, 1)
    assert changed != ENTRIES[0], field
    assert keys([changed]) == keys([ENTRIES[0]])


def test_tags_row_number_and_file_do_not_change_the_key():
    retagged = ENTRIES[0][: -len('""')] + '"Labeling"'
    assert keys([retagged]) == keys([ENTRIES[0]])
    assert keys(["", "", ENTRIES[0]]) == keys([ENTRIES[0]])


def test_toggl_generations_of_the_same_entries_share_keys():
    old = parse_export(make_toggl_export(300, seed=3, generation="2017"), "a.csv").rows
    new = parse_export(make_toggl_export(300, seed=3, generation="2023"), "b.csv").rows
    assert len(old) > 250
    assert old["source_key"].tolist() == new["source_key"].tolist()


def test_clockify_exports_with_different_user_settings_share_keys():
    header = (
        '"Project","Client","Description","Task","User","Group","Email","Tags","Billable",'
        '"Start Date","Start Time","End Date","End Time","Duration (h)","Duration (decimal)"'
    )
    us = '"P","","Clean","","Dee","","d@x","","No","03/13/2024","09:05:00 PM","03/13/2024","10:05:00 PM","01:00:00","1.00"'  # noqa: E501
    eu = '"P","","Clean","","Dee","","d@x","","No","13/03/2024","21:05:00","13/03/2024","22:05:00","01:00:00","1,00"'  # noqa: E501
    first = parse_export(f"{header}\r\n{us}\r\n".encode(), "us.csv").rows
    second = parse_export(f"{header}\r\n{eu}\r\n".encode(), "eu.csv").rows
    assert first["source_key"].tolist() == second["source_key"].tolist()
    assert first["date"].tolist() == second["date"].tolist()


def test_formats_do_not_share_keys():
    data = "\n".join([HEADER, ENTRIES[0]]).encode()
    as_toggl = parse_export(data, "t.csv").rows["source_key"]
    mapping = {
        "date": "Start date",
        "start": "Start time",
        "duration": "Duration",
        "person": "User",
        "description": "Description",
        "project": "Project",
    }
    as_csv = parse_export(data, "t.csv", fmt="csv", mapping=mapping).rows["source_key"]
    assert as_toggl.tolist() != as_csv.tolist()


def test_keys_are_the_same_without_pyarrow(monkeypatch):
    from realitycheck.timelog.importers import result

    with_arrow = keys(ENTRIES)
    monkeypatch.setattr(result, "pa", None)
    monkeypatch.setattr(result, "pc", None)
    assert keys(ENTRIES) == with_arrow


def test_key_definition_is_plain_blake2b():
    import hashlib

    data = "\n".join([HEADER, ENTRIES[2]]).encode()
    row = parse_export(data, "t.csv").rows.iloc[0]
    start = int((pd.Timestamp("2023-03-13 09:00:00") - pd.Timestamp("1970-01-01")).total_seconds())
    identity = "\x1f".join(["toggl", "Bob", f"T{start}"])
    assert row["source_key"] == hashlib.blake2b(identity.encode()).hexdigest()[:32]
    content = "\x1f".join(["toggl", "Bob", f"T{start}", "900", "Standup", "P", ""])
    assert row["content_key"] == hashlib.blake2b(content.encode()).hexdigest()[:32]
