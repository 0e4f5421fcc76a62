"""Backup, restore and export: one zip per database, restored all-or-nothing into an empty one."""

import io
import json
import zipfile

import pytest
from sqlalchemy import select

from realitycheck.cli import main
from realitycheck.store import BackupError, Store
from realitycheck.store.schema import time_entries
from tests.engine.stored import (
    DAY,
    SPLIT,
    backup_bytes,
    fill,
    old_backup,
    old_database,
    tables,
)


def manifest(data: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return json.loads(archive.read("manifest.json"))


def test_backup_has_a_manifest_and_a_file_per_table(store):
    fill(store)
    data = backup_bytes(store)
    info = manifest(data)
    assert info["format"] == "realitycheck-backup"
    assert info["schema_version"] == "0005"
    assert info["counts"] == {"categories": 12, "people": 2, "projects": 2, "entries": 3,
                              "notes": 1, "rules": 1, "runs": 1, "drift_runs": 0,
                              "settings": 1}  # fmt: skip
    assert sorted(tables(data)) == sorted(f"{n}.jsonl" for n in info["counts"])


def _round_trip(source_url: str, target_url: str) -> None:
    source, target = Store(source_url), Store(target_url)
    fill(source)
    first = backup_bytes(source)
    target.restore(io.BytesIO(first))
    assert tables(backup_bytes(target)) == tables(first)  # backup, restore, backup: the same
    churn = target.get_project("Churn")
    assert target.count_entries(churn.id) == 1  # the deleted one stays deleted
    assert target.get_notes(churn.id, DAY)["Ana"]["blockers"] == "**c**"
    assert target.list_runs(churn.id)[0]["verdict"] == "Inconclusive"
    target.add_entry(churn.id, "Cleo", DAY, "Labeling", 60)  # new ids follow the restored ones
    target.create_project("New one", SPLIT)
    source.dispose()
    target.dispose()


def test_round_trip_sqlite_to_sqlite(tmp_path):
    _round_trip(f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}")


@pytest.mark.postgres
def test_round_trip_sqlite_to_postgres(tmp_path, postgres_url):
    _round_trip(f"sqlite:///{tmp_path / 'a.db'}", postgres_url)


@pytest.mark.postgres
def test_round_trip_postgres_to_sqlite(tmp_path, postgres_url):
    _round_trip(postgres_url, f"sqlite:///{tmp_path / 'b.db'}")


@pytest.mark.parametrize("revision", ["0002", "0003", "0004"])
def test_a_backup_of_an_older_schema_is_restored_and_upgraded(store, tmp_path, revision):
    old = f"sqlite:///{tmp_path / 'old.db'}"
    old_database(old, revision)
    data = old_backup(old)
    assert manifest(data)["schema_version"] == revision
    assert ("drift_runs.jsonl" in tables(data)) == (revision >= "0003")

    assert store.restore(io.BytesIO(data))["schema_version"] == revision
    with store.read() as conn:
        assert store.schema_revision(conn) == "0005"
        added = conn.execute(
            select(
                time_entries.c.source_project,
                time_entries.c.task,
                time_entries.c.tags,
                time_entries.c.category_by_hand,
            )
        ).all()
    assert set(added) == {("", "", "", False)}  # 0005's columns, at their defaults  # fmt: skip
    again = backup_bytes(store)
    assert manifest(again)["schema_version"] == "0005"
    assert manifest(again)["counts"] == {
        "categories": 12, "people": 2, "projects": 2, "entries": 3, "notes": 1, "rules": 1,
        "runs": 1, "drift_runs": int(revision >= "0003"), "settings": 1,
    }  # fmt: skip
    churn = store.get_project("Churn")
    assert store.count_entries(churn.id) == 1  # the deleted one stays deleted
    assert store.get_notes(churn.id, DAY)["Ana"]["blockers"] == "**c**"
    assert [c.name for c in store.list_categories()][-1] == "Unsorted"  # added by 0005
    (run,) = store.project_runs(churn.id)
    assert (run["run_day"], run["baseline_score"], run["gain"]) == (DAY, 0.81, 0.03)  # 0004
    assert store.get_project("Vision").archived_at is not None
    store.add_entry(churn.id, "Cleo", DAY, "Labeling", 60)  # new ids follow the restored ones
    store.create_project("New one", SPLIT)

    # From here on it is a backup like any other: restore, back up, the same contents.
    later = Store(f"sqlite:///{tmp_path / 'later.db'}")
    later.restore(io.BytesIO(again))
    assert tables(backup_bytes(later)) == tables(again)
    later.dispose()


def test_a_bad_older_backup_leaves_the_database_empty_and_current(store, tmp_path):
    old = f"sqlite:///{tmp_path / 'old.db'}"
    old_database(old, "0004")
    bad = _rezip(old_backup(old), _break_entries)
    with pytest.raises(BackupError, match="nothing was restored"):
        store.restore(io.BytesIO(bad))
    assert store.is_empty()
    with store.read() as conn:
        assert store.schema_revision(conn) == "0005"
    assert [c.name for c in store.list_categories()][-1] == "Unsorted"
    mine = store.create_project("Mine", SPLIT)  # the schema is whole
    store.add_entry(mine.id, "Ana", DAY, "Labeling", 60)


def test_restore_refuses_a_database_with_data(store, tmp_path):
    source = Store(f"sqlite:///{tmp_path / 'src.db'}")
    fill(source)
    store.create_project("Mine", SPLIT)
    with pytest.raises(BackupError, match="already has data"):
        store.restore(io.BytesIO(backup_bytes(source)))
    assert [p.name for p in store.list_projects()] == ["Mine"]


def _rezip(data: bytes, change) -> bytes:
    files = {**tables(data), "manifest.json": json.dumps(manifest(data)).encode()}
    change(files)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, body in files.items():
            archive.writestr(name, body)
    return out.getvalue()


def _manifest_edit(**fields):
    def change(files):
        info = json.loads(files["manifest.json"])
        info.update(fields)
        files["manifest.json"] = json.dumps(info).encode()

    return change


def _break_entries(files):  # a reference to a person who is not there: fails mid-restore
    rows = [json.loads(line) for line in files["entries.jsonl"].splitlines()]
    rows[-1]["person_id"] = 999
    files["entries.jsonl"] = b"\n".join(json.dumps(r).encode() for r in rows) + b"\n"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda files: files.clear(), "no manifest"),
        (_manifest_edit(format="something-else"), "foreign manifest"),
        (_manifest_edit(schema_version="9999"), "newer Reality Check"),
        (_manifest_edit(schema_version=None), "names no schema version"),
        (_manifest_edit(format_version=2), "format version 2"),
        (lambda files: files.pop("notes.jsonl"), "missing notes.jsonl"),
        (lambda files: files.update({"people.jsonl": b'{"id": 1}\n'}), "damaged"),
        (lambda files: files.update({"people.jsonl": b"not json\n"}), "damaged"),
        (lambda files: files.update({"runs.jsonl": b""}), "has 0 rows, not 1"),
        (_break_entries, "nothing was restored"),
    ],
    ids=[
        "no-manifest",
        "foreign",
        "newer-schema",
        "no-schema",
        "format-version",
        "missing-file",
        "wrong-columns",
        "not-json",
        "count",
        "broken-reference",
    ],  # fmt: skip
)
def test_restore_refuses_a_bad_file_and_writes_nothing(store, tmp_path, change, message):
    source = Store(f"sqlite:///{tmp_path / 'src.db'}")
    fill(source)
    bad = _rezip(backup_bytes(source), change)
    with pytest.raises(BackupError, match=message) as caught:
        store.restore(io.BytesIO(bad))
    assert "\n" not in str(caught.value)
    assert store.is_empty()
    assert len(store.list_categories()) == 12  # the defaults (and Unsorted) are still there


def test_restore_refuses_a_file_that_is_not_a_zip(store):
    with pytest.raises(BackupError, match="not a zip"):
        store.restore(io.BytesIO(b"project,person\nA,B\n"))


def test_cli_backup_and_restore(tmp_path, capsys):
    src, dst = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    fill(Store(src))
    out = tmp_path / "backup.zip"
    assert main(["backup", "--out", str(out), "--db", src]) == 0
    assert "3 entries" in capsys.readouterr().out
    assert main(["restore", str(out), "--db", dst]) == 0
    assert "restored" in capsys.readouterr().out
    assert main(["restore", str(out), "--db", dst]) == 2  # not empty any more
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert err.count("\n") == 1
    assert "already has data" in err
    assert main(["restore", str(tmp_path / "missing.zip"), "--db", dst]) == 2
    assert "cannot read" in capsys.readouterr().err
