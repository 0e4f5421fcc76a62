"""Browser-test helpers: waiting for Streamlit's script runs, navigating, uploads, screenshots.

A page's elements are lazy-loaded chunks shown as skeletons until their code arrives; in a
context with an empty HTTP cache the plotly chunk (several MB) can keep a whole page in
skeletons for many seconds after the script run is over, so "idle" alone is not "rendered".
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

from tests.browser.conftest import VIEWPORT

# The navigation app.py defines (an editor's view: no passcodes are set), section by section.
NAVIGATION = {
    "Time": ["Expectations vs reality", "Standup", "Log time", "Import", "Sort entries"],
    "Models": ["Baseline vs boosted", "Data reality"],
    "Admin": ["Settings"],
}
ALL_TITLES = [title for titles in NAVIGATION.values() for title in titles]
HOME_TITLE = "Expectations vs reality"
HOURS_KPI = "Hours logged"
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


RENDER_TIMEOUT = 90_000  # ms for lazy element chunks (plotly's is several MB) on a busy machine


def wait_rendered(page, timeout: float = RENDER_TIMEOUT) -> None:
    """Wait until the page is idle and no element is still a loading skeleton."""
    wait_until_idle(page)
    page.get_by_test_id("stSkeleton").first.wait_for(state="detached", timeout=timeout)
    page.evaluate(SETTLED, [300, 10_000])


def act_and_wait(page, action: Callable[[], object]) -> None:
    """Do something that reruns the script (type + Enter, upload, click) and wait for the run."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout  # only once it exists

    page.evaluate(ARM_RUN)
    action()
    # As in click_and_wait: a run may start and end between two looks; "idle" is the evidence,
    # and wait_until_idle gives a long run (a comparison) its full RUN_TIMEOUT.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(RUN_DONE, timeout=RUN_SEEN_TIMEOUT)
    wait_rendered(page)


def upload(page, uploader, files: str | Path | dict) -> None:
    """Put `files` into a real st.file_uploader (its hidden file input) and wait for the rerun."""
    field = uploader.locator("input[type=file]")
    act_and_wait(page, lambda: field.set_input_files(files))


def set_number(page, label: str, value: int) -> None:
    """Type `value` into the number input labelled `label` and commit it with Enter."""
    box = page.get_by_role("spinbutton", name=label, exact=True)
    box.fill(str(value))
    act_and_wait(page, lambda: box.press("Enter"))
    assert box.input_value() == str(value), f"{label} is {box.input_value()!r}"


def open_dropdown(page, box) -> None:
    """Open a selectbox's list with a click, as a person would.

    Scroll it into view and let the scroll end first: a click's own scroll-into-view can land
    after the list opened, and the list closes on scroll.
    """
    from playwright.sync_api import expect  # only once it exists

    box.scroll_into_view_if_needed()
    page.evaluate(SETTLED, [300, 5_000])
    box.click()
    expect(box).to_have_attribute("aria-expanded", "true")


@contextlib.contextmanager
def screenshot_on_failure(page, path: Path) -> Iterator[None]:
    """Save what `page` shows if the block fails (the page is gone by the time pytest reports)."""
    try:
        yield
    except BaseException:
        with contextlib.suppress(Exception):
            page.screenshot(path=str(path), full_page=True)
        raise


@contextlib.contextmanager
def fresh_context(browser, timeout: float = 30_000) -> Iterator[object]:
    """A new browser context (no cookies, no cache, no session shared with other tabs)."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(timeout)
    try:
        yield context
    finally:
        context.close()


# A data editor draws its cells on a canvas; the accessible table inside the canvas mirrors
# them (a cell's text is refreshed when the grid repaints, its aria-selected at once).
GRID_ROW_PX = 35  # the header's and each row's height


def grid_columns(grid) -> list[str]:
    """The header labels of the data editor `grid` (an stDataFrame), left to right."""
    return grid.locator("thead th").all_inner_texts()


def grid_rows(grid) -> list[list[str]]:
    """The body rows of the data editor `grid`, each as its cells' texts."""
    return grid.locator("tbody tr").evaluate_all(
        "rows => rows.map(row => [...row.cells].map(cell => cell.innerText))"
    )


def select_grid_cell(page, grid, row: int, column: int) -> None:
    """Select one cell as a person would with the keyboard: arrow keys from the selected cell.

    With no cell selected yet, a click in the first cell's padding (left of a checkbox, so
    nothing toggles) selects it first; a second click on a selected checkbox cell would toggle.
    """
    from playwright.sync_api import expect  # only once it exists

    canvas = grid.get_by_test_id("data-grid-canvas")
    selected = grid.locator("td[aria-selected='true']")
    if selected.count() == 0:
        box = canvas.bounding_box()
        page.mouse.click(box["x"] + 3, box["y"] + GRID_ROW_PX * 1.5)
        expect(selected).to_have_count(1)
    else:
        canvas.focus()
    at_column, at_row = (int(n) for n in selected.get_attribute("id").split("-")[-2:])
    for key, steps in (("ArrowDown", row - at_row), ("ArrowUp", at_row - row),
                       ("ArrowRight", column - at_column), ("ArrowLeft", at_column - column)):  # fmt: skip
        for _ in range(max(steps, 0)):
            page.keyboard.press(key)
    expect(grid.get_by_test_id(f"glide-cell-{column}-{row}")).to_have_attribute(
        "aria-selected", "true"
    )


def toggle_grid_checkbox(page, grid, row: int, column: int) -> None:
    """Tick (or untick) a checkbox cell with the space bar, and wait for the rerun."""
    select_grid_cell(page, grid, row, column)
    act_and_wait(page, lambda: page.keyboard.press("Space"))


def choose_in_grid(page, grid, row: int, column: int, option: str) -> None:
    """Open a selectbox cell with Enter, type `option`, take it with Enter, wait for the rerun."""
    from playwright.sync_api import expect  # only once it exists

    select_grid_cell(page, grid, row, column)
    page.keyboard.press("Enter")
    page.keyboard.type(option)
    expect(page.get_by_role("option", name=option, exact=True)).to_be_visible()
    act_and_wait(page, lambda: page.keyboard.press("Enter"))
