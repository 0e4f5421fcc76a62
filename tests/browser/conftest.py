"""Browser-test fixtures: a real `streamlit run` on a fresh SQLite file, and Debian's Chromium.

Both skip when the browser is missing, unless RC_REQUIRE_BROWSER=1 makes that a failure (CI).
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "browser"
CHROMIUM = Path(os.environ.get("RC_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_TIMEOUT = 60  # seconds for `streamlit run` to answer its health check
VIEWPORT = {"width": 1400, "height": 1000}


def _unavailable(reason: str) -> None:
    """Skip, or fail when the run requires the browser (RC_REQUIRE_BROWSER=1, as CI sets)."""
    if os.environ.get("RC_REQUIRE_BROWSER", "") not in ("", "0", "false"):
        pytest.fail(f"RC_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(base_url: str, process: subprocess.Popen, timeout: float) -> float:
    """Poll /_stcore/health until it answers 200; return the seconds it took."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return time.monotonic() - started
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)  # polling a server that is not up yet, not waiting on the page
    raise TimeoutError(f"{base_url} did not become healthy in {timeout:.0f} s")


def stop_group(process: subprocess.Popen) -> None:
    """Stop a process started with start_new_session=True, and everything it started."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's Chromium, with Playwright importable (skip or fail when either is missing)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable(
            "the playwright package is not installed (pip install -r requirements-dev.txt)"
        )
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium; never playwright install)")
    return CHROMIUM


@contextmanager
def running_app(
    tmp: Path,
    extra_env: dict[str, str] | None = None,
    prepare: Callable[[str], object] | None = None,
    args: Sequence[str] = (),
) -> Iterator[str]:
    """Run `streamlit run app.py` on a fresh SQLite file in `tmp`; yield its base URL.

    `prepare(url)` may write to the database before the server starts; `args` are more
    `streamlit run` options (e.g. `--secrets.files`).
    """
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp / 'realitycheck.db'}"}
    if prepare is not None:
        prepare(env["DATABASE_URL"])
    for name in ("RC_EDITOR_PASSCODE", "RC_VIEWER_PASSCODE"):
        env.pop(name, None)  # the editor's view, with no access gate, unless asked for
    env.update(extra_env or {})
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        # Others edit the repo while tests run: no "source file changed" banner mid-test.
        "--server.fileWatcherType", "none",
        *args,
    ]  # fmt: skip
    log_path = tmp / "streamlit.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_healthy(base_url, process, START_TIMEOUT)
        except (RuntimeError, TimeoutError) as exc:
            pytest.fail(
                f"{exc}\n--- streamlit log ---\n{log_path.read_text()[-4000:]}", pytrace=False
            )
        yield base_url
    finally:
        stop_group(process)


@pytest.fixture(scope="session")
def app_url(chromium_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One `streamlit run app.py` for the session, on a fresh SQLite file (demo project created)."""
    with running_app(tmp_path_factory.mktemp("browser-app")) as base_url:
        yield base_url


@pytest.fixture
def fresh_app(chromium_path: Path, tmp_path: Path) -> Iterator[Callable[..., str]]:
    """Start a server of our own (a first load is first only on a server nobody visited yet)."""
    started = itertools.count()
    with ExitStack() as stack:

        def start(
            prepare: Callable[[str], object] | None = None,
            args: Sequence[str] = (),
            **extra_env: str,
        ) -> str:
            tmp = tmp_path / f"app{next(started)}"
            tmp.mkdir()
            return stack.enter_context(running_app(tmp, extra_env, prepare, args))

        yield start


@pytest.fixture(scope="session")
def browser(chromium_path: Path):
    """Headless Chromium (Debian's build, never one downloaded by `playwright install`)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def browser_context(browser):
    """One context for the session: its HTTP cache keeps Streamlit's scripts between tests."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(30_000)
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    """A fresh tab per test: a tab is its own Streamlit session (own session state)."""
    page = browser_context.new_page()
    yield page
    page.close()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where screenshots go: artifacts/ at the repo root (git-ignored, kept by CI as artifacts)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def oidc_provider(tmp_path: Path) -> Iterator[str]:
    """A real OpenID Connect provider on 127.0.0.1 (`oidc-provider-mock`); yields its base URL.

    Its sign-in page asks for a subject, and a subject becomes the user's `email` claim;
    `unverified` is a predefined user whose provider says its address is not verified.
    """
    # Looked up, not imported: it runs in its own process (and its import warns of Authlib's).
    if importlib.util.find_spec("oidc_provider_mock") is None:
        _unavailable("oidc-provider-mock is not installed (pip install -r requirements-dev.txt)")
    port = free_port()
    unverified = '{"sub": "unverified", "email": "eve@team.example", "email_verified": false}'
    command = [
        sys.executable, "-m", "oidc_provider_mock", "--port", str(port), "--host", "127.0.0.1",
        "--user-claims", unverified,
    ]  # fmt: skip
    with (tmp_path / "oidc.log").open("w") as log:
        process = subprocess.Popen(
            command, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        started = time.monotonic()
        while True:
            try:
                with urllib.request.urlopen(f"{base_url}/.well-known/openid-configuration") as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if process.poll() is not None or time.monotonic() - started > START_TIMEOUT:
                    pytest.fail((tmp_path / "oidc.log").read_text()[-2000:], pytrace=False)
                time.sleep(0.1)  # polling a server that is not up yet
        yield base_url
    finally:
        stop_group(process)
