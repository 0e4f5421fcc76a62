"""Small browser-test helpers on top of test_timelog_browser's: render waits, uploads, contexts.

A page's elements are lazy-loaded chunks shown as skeletons until their code arrives; in a
context with an empty HTTP cache the plotly chunk (several MB) can keep a whole page in
skeletons for many seconds after the script run is over, so "idle" alone is not "rendered".
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

from tests.browser.conftest import VIEWPORT
from tests.browser.test_timelog_browser import (
    ARM_RUN,
    RUN_DONE,
    RUN_SEEN_TIMEOUT,
    SETTLED,
    wait_until_idle,
)

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
