"""Hostile names, notes and imported rows on every page of a real server: shown as text, no requests.

A name such as `![x](http://127.0.0.1:9/b.png)` rendered as Markdown makes every reader's
browser fetch that address; here every request the browser makes must go to the app itself.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from realitycheck.cli import main as cli
from realitycheck.store import Store
from tests.browser.helpers import (
    ALL_TITLES,
    assert_no_exception,
    go_to,
    screenshot_on_failure,
    wait_rendered,
)
from tests.payloads import BEACON, LONG, PAYLOADS

pytestmark = pytest.mark.browser

DAY = date.today() - timedelta(days=1)
SPLIT = {"data_work": 0.3, "modeling": 0.6, "other": 0.1}
# Everything on the page that would show a payload was interpreted rather than shown.
INTERPRETED = (
    "[data-testid=stMain] img:not([src^='data:']), a[href^='javascript'], "
    "a[href*='127.0.0.1:9'], .katex, [data-testid=stMarkdownContainer] strong:text-is('bold')"
)


def _toggl_export(path: Path) -> Path:
    """A Toggl export whose people and descriptions are the payloads."""
    header = ["User", "Email", "Client", "Project", "Task", "Description", "Billable",
              "Start date", "Start time", "End date", "End time", "Duration", "Tags"]  # fmt: skip
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for i, payload in enumerate(PAYLOADS):
            person = payload if payload is not LONG else "Long note"
            start = f"{8 + i // 4:02d}:{(i % 4) * 15:02d}:00"
            writer.writerow([person, "", "", "Imported", "", payload, "No", DAY.isoformat(), start,
                             DAY.isoformat(), start, "0:10:00", payload[:50]])  # fmt: skip
    return path


def _seed(tmp_path: Path) -> str:
    """A database with a beacon-named project, hostile people, entries, notes and an import."""
    url = f"sqlite:///{tmp_path / 'hostile.db'}"
    store = Store(url)
    project = store.create_project(BEACON, SPLIT, description=BEACON)
    for i, payload in enumerate(PAYLOADS[:7]):
        person = f"{payload} {i}"
        store.add_entry(project.id, person, DAY, "Labeling", 900, note=payload)
        store.save_note(project.id, person, DAY, yesterday=payload, today=payload, blockers=LONG)
    store.dispose()
    export = _toggl_export(tmp_path / "hostile_toggl.csv")
    args = ["import", str(export), "--project", BEACON, "--unmapped", "Other", "--db", url]
    assert cli(args) == 0
    return url


def test_hostile_text_is_shown_as_text_on_every_page(page, fresh_app, tmp_path, artifacts_dir):
    base_url = fresh_app(DATABASE_URL=_seed(tmp_path))
    origin = urlsplit(base_url).netloc
    outside, dialogs = [], []
    page.on("request", lambda r: urlsplit(r.url).netloc in ("", origin) or outside.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    with screenshot_on_failure(page, artifacts_dir / "hostile_text.png"):
        query = urlencode({"project": BEACON, "day": DAY.isoformat()})
        page.goto(f"{base_url}/?{query}")
        page.get_by_role("heading", name="Expectations vs reality", level=1).wait_for(
            timeout=60_000
        )
        wait_rendered(page)
        # The picker cuts a long name off; the sidebar writes it out in full, as typed.
        full_name = page.get_by_test_id("stSidebar").get_by_test_id("stText").first.inner_text()
        assert full_name == BEACON
        for title in [*ALL_TITLES[1:], ALL_TITLES[0]]:
            go_to(page, title)
            wait_rendered(page)
            for expander in page.get_by_test_id("stExpander").all():
                expander.locator("summary").click()
            assert_no_exception(page, title)
            assert page.locator(INTERPRETED).count() == 0, title
            assert not outside, f"{title}: the browser fetched {outside}"
            assert not dialogs, f"{title}: dialogs {dialogs}"
