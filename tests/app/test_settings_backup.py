"""Settings → Backup: download a backup, restore one into an empty database, refuse otherwise."""

from realitycheck.store import Store
from tests.app.conftest import texts
from tests.engine.stored import backup_bytes, fill


def _backup_of_a_filled_database(tmp_path) -> bytes:
    source = Store(f"sqlite:///{tmp_path / 'source.db'}")
    fill(source)
    data = backup_bytes(source)
    source.dispose()
    return data


def _restore(at, data: bytes):
    at.file_uploader(key="restore_upload").set_value(("backup.zip", data, "application/zip")).run()
    return at.button(key="restore_button").click().run()


def test_restore_into_an_empty_database(app, empty_db, tmp_path):
    at = _restore(app("pages/admin/settings.py"), _backup_of_a_filled_database(tmp_path))
    assert not at.exception
    assert "Restored 2 projects, 2 people, 3 entries" in texts(at)
    store = Store(empty_db)
    assert [p.name for p in store.list_projects(include_archived=True)] == ["Churn", "Vision"]
    at.switch_page("pages/time/home.py").run()  # the caches were cleared: the data shows
    assert at.metric[0].value == "1.5"


def test_restore_refuses_a_database_with_data(app, db_path, tmp_path):
    at = _restore(app("pages/admin/settings.py"), _backup_of_a_filled_database(tmp_path))
    assert not at.exception
    assert "already has data" in at.error[0].value
    assert Store(db_path).get_project("Churn") is None


def test_restore_refuses_a_file_that_is_not_a_backup(app, empty_db):
    at = _restore(app("pages/admin/settings.py"), b"not a zip at all")
    assert "not a Reality Check backup" in texts(at).replace("\u2060", "")


def test_backup_download_is_offered(app, db_path):
    at = app("pages/admin/settings.py")
    at.button(key="backup_button").click().run()
    assert not at.exception
    assert [b.label for b in at.download_button if b.label.startswith("Download backup")]
    assert Store(db_path).is_empty() is False
