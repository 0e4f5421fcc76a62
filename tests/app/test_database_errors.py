"""A database that cannot be opened is one clear line, with the URL's password hidden."""

from __future__ import annotations

import subprocess
import sys

from streamlit.testing.v1 import AppTest

from components.markdown import shown as markdown_shown
from tests.app.conftest import APP, clear_caches, texts

SECRET = "s3cret-pass"
UNREACHABLE = f"postgresql://rc:{SECRET}@127.0.0.1:9/rc"  # port 9: nothing listens


def test_app_says_which_database_without_its_password(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", UNREACHABLE)
    monkeypatch.delenv("RC_EDITOR_PASSCODE", raising=False)
    monkeypatch.delenv("RC_VIEWER_PASSCODE", raising=False)
    clear_caches()
    at = AppTest.from_file(APP, default_timeout=60).run()
    shown = markdown_shown(texts(at))  # the URL is escaped: `***` is not Markdown emphasis
    assert not at.exception
    assert "Cannot open the database postgresql+psycopg://rc:***@127.0.0.1:9/rc" in shown
    assert "***" not in texts(at)  # escaped in the Markdown itself, shown as typed
    assert SECRET not in shown
    clear_caches()


def test_cli_says_which_database_without_its_password():
    done = subprocess.run(
        [sys.executable, "-m", "realitycheck", "projects", "--db", UNREACHABLE],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: cannot open the database postgresql+psycopg://rc:***@")
    assert SECRET not in done.stderr + done.stdout
