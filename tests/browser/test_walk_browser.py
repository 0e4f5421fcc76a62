"""Every page at desktop and phone width: no exception, no request leaves the server, a
screenshot each; and the main text roles measured against WCAG AA contrast as drawn."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.browser.helpers import (
    assert_no_exception,
    fresh_context,
    screenshot_whole_page,
    wait_rendered,
)

pytestmark = pytest.mark.browser

PAGES = {  # screenshot name -> URL path (st.Page's default, from the file name)
    "home": "",
    "standup": "standup",
    "log_time": "log_time",
    "import": "import_data",
    "compare": "compare",
    "settings": "settings",
}
WIDTHS = {"desktop": 1440, "phone": 390}
AA = 4.5  # WCAG AA for normal-size text
LOAD_TIMEOUT = 90_000

# For each text role: the first element found, its colour and the background it is drawn on
# (the nearest ancestor with an opaque background), as CSS colour strings.
SAMPLE = """(selectors) => {
  const opaque = c => c && c !== 'transparent' && !/rgba\\(.*,\\s*0?\\.?\\d*\\)$/.test(c);
  const backdrop = el => {
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const bg = getComputedStyle(node).backgroundColor;
      if (opaque(bg)) return bg;
    }
    return 'rgb(255, 255, 255)';
  };
  const out = {};
  for (const [role, selector] of Object.entries(selectors)) {
    const el = document.querySelector(selector);
    if (!el) { out[role] = null; continue; }
    const style = getComputedStyle(el);
    const svg = el instanceof SVGElement;
    // Opacity (the element's and its ancestors', and an SVG text's fill-opacity) fades the
    // colour too: fold it into the colour's alpha.
    let alpha = svg ? parseFloat(style.fillOpacity) : 1;
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      alpha *= parseFloat(getComputedStyle(node).opacity);
    }
    const parts = (svg ? style.fill : style.color).match(/[\\d.]+/g).map(Number);
    alpha *= parts.length > 3 ? parts[3] : 1;
    const color = `rgba(${parts.slice(0, 3).join(', ')}, ${alpha})`;
    out[role] = {text: el.textContent.trim().slice(0, 40), color, background: backdrop(el)};
  }
  return out;
}"""
ROLES = {
    "/": {
        "heading": '[data-testid="stMain"] h1',
        "body text": '[data-testid="stMain"] [data-testid="stMetricValue"] div',
        "metric label": '[data-testid="stMain"] [data-testid="stMetricLabel"] p',
        "caption": '[data-testid="stMain"] [data-testid="stCaptionContainer"] p',
        "sidebar link": '[data-testid="stSidebarNavLink"]:not([aria-current]) > span:last-child',
        "chart y tick label": ".js-plotly-plot .ytick text",
        "chart legend": ".js-plotly-plot .legendtext",
        "chart tick label": ".js-plotly-plot .xtick text",
        "chart title": ".js-plotly-plot .gtitle",
    },
    "/log_time": {
        "primary button": '[data-testid="stMain"] button[kind^="primary"] p',
        "secondary button": '[data-testid="stMain"] button[kind^="secondary"] p',
        "input label": '[data-testid="stMain"] [data-testid="stWidgetLabel"] p',
    },
}


def _rgba(css: str) -> tuple[float, float, float, float]:
    parts = [float(p) for p in re.findall(r"[\d.]+", css)]
    return (*parts[:3], parts[3] if len(parts) > 3 else 1.0)


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(color: str, background: str) -> float:
    """WCAG contrast ratio of `color` (its alpha blended onto `background`) on `background`."""
    *fg, alpha = _rgba(color)
    bg = _rgba(background)[:3]
    blended = tuple(f * alpha + b * (1 - alpha) for f, b in zip(fg, bg, strict=True))
    high, low = sorted((_luminance(blended), _luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_the_wcag_examples():
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21)
    assert contrast("rgb(232, 116, 59)", "rgb(255, 255, 255)") == pytest.approx(3.0, abs=0.05)
    assert contrast("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(1)


def _open(page, url: str) -> None:
    page.goto(url)
    page.get_by_test_id("stMain").get_by_role("heading", level=1).first.wait_for(
        timeout=LOAD_TIMEOUT
    )
    wait_rendered(page)


@pytest.mark.parametrize("device", list(WIDTHS))
def test_walk_every_page(browser, app_url: str, device: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with fresh_context(browser) as context:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        for name, path in PAGES.items():
            page.set_viewport_size({"width": WIDTHS[device], "height": 900})
            _open(page, f"{app_url}/{path}")
            assert_no_exception(page, f"{name} at {WIDTHS[device]} px")
            assert page.locator(".modebar-container .modebar").count() == 0, "plotly mode bar"
            screenshot_whole_page(page, ARTIFACTS / f"walk_{device}_{name}.png")
        icon = page.locator("link[rel~='icon']").first.get_attribute("href") or ""
        assert urlsplit(icon).hostname in (None, "127.0.0.1"), icon
    foreign = {urlsplit(u).hostname for u in requests if urlsplit(u).scheme in ("http", "https")}
    assert foreign <= {"127.0.0.1"}, f"requests left the server: {sorted(foreign)}"


def test_main_text_roles_meet_wcag_aa(page, app_url: str) -> None:
    measured = {}
    for path, roles in ROLES.items():
        _open(page, f"{app_url}{path}")
        if path == "/":
            page.locator(".js-plotly-plot .xtick text").first.wait_for()
        for role, sample in page.evaluate(SAMPLE, roles).items():
            assert sample is not None, f"{role}: nothing matches {roles[role]} on {path}"
            measured[role] = (round(contrast(sample["color"], sample["background"]), 2), sample)
    low = {role: m for role, m in measured.items() if m[0] < AA}
    assert not low, f"below {AA}:1: {low}"
