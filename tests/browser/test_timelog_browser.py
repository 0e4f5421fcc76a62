"""A person's path through the app in a real browser: navigate, log time, see it on the home page."""

from __future__ import annotations

import contextlib
import re
from decimal import Decimal
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

# The navigation app.py defines (an editor's view: no passcodes are set), section by section.
NAVIGATION = {
    "Time": ["Expectations vs reality", "Standup", "Log time", "Import"],
    "Models": ["Baseline vs boosted"],
    "Admin": ["Settings"],
}
ALL_TITLES = [title for titles in NAVIGATION.values() for title in titles]
HOME_TITLE = "Expectations vs reality"
HOURS_KPI = "Hours logged"
NEW_PERSON = "Robin Browser"
LOGGED_HOURS = "1.5"
LOGGED_CATEGORY = "Labeling"
RUN_TIMEOUT = 90_000  # ms: a page's first run may import scikit-learn on a busy 2-core machine
RUN_SEEN_TIMEOUT = 20_000  # ms to see a clicked run start and finish before checking idleness

# Records every nav link label and section header that is ever in the DOM, from the first byte
# of the page on: a link that flashes for a moment during the first load is caught too.
RECORD_NAV = """
window.__rcNavSeen = {links: [], sections: []};
new MutationObserver(() => {
  const seen = window.__rcNavSeen;
  for (const a of document.querySelectorAll('[data-testid="stSidebarNavLink"]')) {
    const label = a.innerText.trim().split('\\n').pop().trim();
    const entry = label + ' -> ' + new URL(a.href, location.href).pathname;
    if (!seen.links.includes(entry)) seen.links.push(entry);
  }
  for (const h of document.querySelectorAll('[data-testid="stNavSectionHeader"]')) {
    const label = h.innerText.trim();
    if (!seen.sections.includes(label)) seen.sections.push(label);
  }
}).observe(document, {childList: true, subtree: true, characterData: true});
"""
# Arms a flag that the next script run sets when it starts (the app root stays in the DOM).
# Reads the mutation records, not the live attribute: a short run can go "running" and back to
# "notRunning" before the observer's callback gets to look.
ARM_RUN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__rcRunStarted = false;
  new MutationObserver((records, observer) => {
    const states = records.flatMap(r => [r.oldValue, r.target.getAttribute(r.attributeName)]);
    if (states.includes('running')) {
      window.__rcRunStarted = true;
      observer.disconnect();
    }
  }).observe(app, {
    attributes: true, attributeOldValue: true, attributeFilter: ['data-test-script-state'],
  });
}"""
RUN_DONE = """() => window.__rcRunStarted && document.querySelector('[data-testid="stApp"]')
  .getAttribute('data-test-script-state') === 'notRunning'"""
# Resolves once the page has not changed for `quiet` ms: the browser renders the last deltas
# of a run a moment after the server says the run is over.
SETTLED = """([quiet, cap]) => new Promise(resolve => {
  let timer;
  const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, quiet); });
  const done = () => { observer.disconnect(); resolve(); };
  observer.observe(document.body, {childList: true, subtree: true, characterData: true});
  timer = setTimeout(done, quiet);
  setTimeout(done, cap);
})"""


def wait_until_idle(page) -> None:
    """Wait until no script runs, the server is connected, nothing is stale and the DOM is still."""
    app = page.get_by_test_id("stApp")
    app.and_(page.locator("[data-test-connection-state='CONNECTED']")).wait_for()
    app.and_(page.locator("[data-test-script-state='notRunning']")).wait_for(timeout=RUN_TIMEOUT)
    page.locator("[data-stale='true']").first.wait_for(state="detached")
    page.evaluate(SETTLED, [300, 10_000])


def click_and_wait(page, target) -> None:
    """Click something that reruns the script, and wait for that run to finish rendering."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout  # only once it exists

    page.evaluate(ARM_RUN)
    target.click()
    # A run can start and end within one render and leave no "running" state to see; then
    # "idle" below is the evidence (a run that hangs stays "running" and fails it).
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(RUN_DONE, timeout=RUN_SEEN_TIMEOUT)
    wait_until_idle(page)


def assert_no_exception(page, where: str) -> None:
    """No element of the page shows a Streamlit exception box."""
    errors = page.get_by_test_id("stException")
    assert errors.count() == 0, f"{where}: {errors.first.inner_text()}"


def nav_link(page, title: str):
    """The sidebar navigation link called `title`."""
    return page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True)


def go_to(page, title: str) -> None:
    """Switch page through the sidebar navigation and wait for the new page to render."""
    click_and_wait(page, nav_link(page, title))
    page.get_by_test_id("stMain").get_by_role("heading", level=1).first.wait_for()


def hours_logged(page) -> Decimal:
    """The value of the home page's 'Hours logged' KPI (shown with one decimal)."""
    metric = page.get_by_test_id("stMetric").filter(has_text=HOURS_KPI)
    return Decimal(metric.get_by_test_id("stMetricValue").inner_text().replace(",", ""))


def open_home(page, app_url: str) -> None:
    """Open the app at its root and wait for the home page's KPIs."""
    page.goto(app_url)
    page.get_by_role("heading", name=HOME_TITLE, level=1).wait_for(timeout=60_000)
    page.get_by_test_id("stMetric").filter(has_text=HOURS_KPI).wait_for(timeout=60_000)
    wait_until_idle(page)


def pick(page, label: str, option: str, *, new: bool = False) -> None:
    """Choose `option` in the selectbox labelled `label` (typing it as a new option if `new`)."""
    box = page.get_by_role("combobox", name=label, exact=True)
    box.click()
    if new:
        box.fill(option)
        page.get_by_role("option", name=f"Add: {option}").click()
    else:
        page.get_by_role("option", name=option, exact=True).click()
    assert box.input_value() == option


def screenshot_whole_page(page, path: Path) -> None:
    """Save a screenshot of the whole page (Streamlit scrolls inside its main area, not the body)."""
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": page.viewport_size["width"], "height": max(height, 600)})
    page.evaluate(SETTLED, [500, 10_000])
    page.screenshot(path=str(path), full_page=True)


def nav_seen(page) -> tuple[list[str], list[str], list[str]]:
    """Every nav link label, link path and section header the page has shown since it opened."""
    seen = page.evaluate("window.__rcNavSeen")
    labels = [entry.split(" -> ")[0] for entry in seen["links"]]
    paths = [entry.split(" -> ")[1] for entry in seen["links"]]
    return labels, paths, seen["sections"]


def test_first_load_shows_only_the_navigation_app_defines(page, fresh_app) -> None:
    page.add_init_script(RECORD_NAV)
    open_home(page, fresh_app())  # a server nobody has visited: this is its very first load

    shown = {}
    for header in page.get_by_test_id("stNavSectionHeader").all():
        links = header.locator("xpath=..").get_by_test_id("stSidebarNavLink").all_inner_texts()
        shown[header.inner_text().strip()] = [text.strip().split("\n")[-1] for text in links]
    assert shown == NAVIGATION

    labels, paths, sections = nav_seen(page)
    # Links discovered from pages/ would be named after the files: "home", "log time", "app".
    assert sorted(labels) == sorted(ALL_TITLES), f"nav links seen during the load: {labels}"
    assert sorted(sections) == sorted(NAVIGATION), f"nav sections seen: {sections}"
    assert not {"/home", "/app"} & set(paths), paths
    assert_no_exception(page, HOME_TITLE)


def test_first_load_of_a_deep_link_asks_for_the_passcode(page, fresh_app) -> None:
    base_url = fresh_app(RC_EDITOR_PASSCODE="editor-code", RC_VIEWER_PASSCODE="viewer-code")
    page.add_init_script(RECORD_NAV)
    page.goto(f"{base_url}/settings")  # the very first request this server gets
    page.get_by_test_id("stMain").get_by_role("heading", level=1).first.wait_for(timeout=60_000)
    wait_until_idle(page)

    assert page.get_by_role("heading", name="Settings").count() == 0, "Settings shown, no gate"
    page.get_by_role("textbox", name="Passcode").wait_for()
    labels, _, _ = nav_seen(page)
    assert set(labels) <= set(ALL_TITLES), f"nav links seen before the passcode: {labels}"
    assert_no_exception(page, "passcode gate")


def test_every_page_opens_through_the_navigation(page, app_url: str) -> None:
    open_home(page, app_url)
    for title in [*ALL_TITLES[1:], ALL_TITLES[0]]:  # around the whole menu, back home
        go_to(page, title)
        assert nav_link(page, title).get_attribute("aria-current") == "page", title
        assert_no_exception(page, title)


def test_logged_entry_shows_on_the_home_page(page, app_url: str, artifacts_dir: Path) -> None:
    open_home(page, app_url)
    before = hours_logged(page)
    assert before > 0, "the demo project should have hours on a fresh database"

    go_to(page, "Log time")
    page.get_by_role("heading", name="Log time", level=1).wait_for()
    pick(page, "Person", NEW_PERSON, new=True)
    pick(page, "Category", LOGGED_CATEGORY)
    page.get_by_role("textbox", name="Hours", exact=True).fill(LOGGED_HOURS)
    page.get_by_role("textbox", name="Note (optional)", exact=True).fill("browser test entry")
    click_and_wait(page, page.get_by_role("button", name="Add entry"))
    success = page.get_by_test_id("stAlert").filter(has_text=re.compile(r"^Logged "))
    assert f"Logged 1.50 h of {LOGGED_CATEGORY} for {NEW_PERSON}" in success.inner_text()
    assert_no_exception(page, "Log time after adding an entry")

    go_to(page, HOME_TITLE)
    after = hours_logged(page)
    assert after - before == Decimal(LOGGED_HOURS)
    assert_no_exception(page, f"{HOME_TITLE} after logging")
    screenshot_whole_page(page, artifacts_dir / "home.png")
