"""Start-up benchmark: `streamlit run app.py` to a healthy server and to the home page's first
render in Chromium, against a hello-world Streamlit app; and which heavy modules the home page
imports (scikit-learn and xgboost must not be among them).

Run from the repo root:  python bench/bench_startup.py [--runs 5] [--no-browser]
Needs Debian's Chromium at /usr/bin/chromium for the render timings (never `playwright install`).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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
HELLO = 'import streamlit as st\n\nst.title("Hello")\nst.metric("Hello world", "1.0")\n'
HEAVY = ("sklearn", "xgboost", "scipy", "plotly", "pandas", "sqlalchemy", "alembic")
IMPORT_PROBE = textwrap.dedent(
    """
    import json, sys
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(sys.argv[1], default_timeout=120).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [m.label for m in at.metric][:1] == ["Hours logged"], "home page did not render"
    print(json.dumps({name: name in sys.modules for name in sys.argv[2:]}))
    """
)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(script: Path, cwd: Path, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """`streamlit run script` on a free port of 127.0.0.1, in its own process group."""
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.address", "127.0.0.1", "--server.port", str(port),
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    return process, f"http://127.0.0.1:{port}"


def wait_healthy(base_url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    """Poll /_stcore/health until it answers 200."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.02)
    raise TimeoutError(f"{base_url} was not healthy after {timeout} s")


def stop(process: subprocess.Popen) -> None:
    """Stop the server's process group."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def one_start(browser, script: Path, cwd: Path, env: dict[str, str], marker: str) -> dict:
    """Seconds from Popen to health 200, and to `marker` visible in a fresh browser page."""
    started = time.perf_counter()
    process, base_url = start_server(script, cwd, env)
    try:
        wait_healthy(base_url, process)
        timing = {"health": time.perf_counter() - started}
        if browser is not None:
            context = browser.new_context()
            page = context.new_page()
            loading = time.perf_counter()
            page.goto(base_url)
            page.get_by_text(marker, exact=True).wait_for(timeout=120_000)
            timing["render"] = time.perf_counter() - started
            timing["page"] = time.perf_counter() - loading
            context.close()
        return timing
    finally:
        stop(process)


def launch_browser():
    """(playwright, browser) with Debian's Chromium, or (None, None) when it is not there."""
    if not CHROMIUM.exists():
        print(f"! {CHROMIUM} is missing: health timings only")
        return None, None
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    return playwright, browser


def prepare_database(url: str) -> None:
    """Create the schema and the demo project, as the app's very first start would."""
    sys.path.insert(0, str(ROOT))
    from realitycheck.store import Store
    from realitycheck.timelog.demo import ensure_demo

    store = Store(url)
    ensure_demo(store)
    store.dispose()


def imported_modules(db_url: str) -> dict[str, bool]:
    """Run the home page (AppTest) in a clean interpreter; which heavy modules got imported."""
    env = {**os.environ, "DATABASE_URL": db_url}
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_PROBE, str(ROOT / "app.py"), *HEAVY],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def median(runs: list[dict], key: str) -> float | None:
    """The median of one timing over the runs (None when it was not measured)."""
    values = [r[key] for r in runs if key in r]
    return statistics.median(values) if values else None


def main() -> None:
    """Time the starts, print the table and the import check."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="starts per app (default 5)")
    parser.add_argument("--no-browser", action="store_true", help="time the health check only")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="rc-bench-startup-") as tmp_name:
        tmp = Path(tmp_name)
        hello = tmp / "hello.py"
        hello.write_text(HELLO)
        db_url = f"sqlite:///{tmp / 'realitycheck.db'}"
        prepare_database(db_url)
        env = {k: v for k, v in os.environ.items() if not k.startswith("RC_")}
        env["DATABASE_URL"] = db_url

        playwright, browser = (None, None) if args.no_browser else launch_browser()
        try:
            if browser is not None:  # warm Chromium and the OS file cache before timing
                one_start(browser, hello, tmp, env, "Hello world")
            results = {"hello": [], "app": [], "app, new database": []}
            for run in range(args.runs):
                results["hello"].append(one_start(browser, hello, tmp, env, "Hello world"))
                results["app"].append(
                    one_start(browser, ROOT / "app.py", ROOT, env, "Hours logged")
                )
                fresh = {**env, "DATABASE_URL": f"sqlite:///{tmp / f'fresh{run}.db'}"}
                results["app, new database"].append(
                    one_start(browser, ROOT / "app.py", ROOT, fresh, "Hours logged")
                )
        finally:
            if browser is not None:
                browser.close()
                playwright.stop()
        modules = imported_modules(db_url)

    report(results, args.runs)
    print("\nModules in sys.modules after an AppTest run of the home page (clean interpreter):")
    for name, loaded in modules.items():
        print(f"  {name:<12} {'imported' if loaded else 'not imported'}")
    heavy = [name for name in ("sklearn", "xgboost") if modules[name]]
    print("OK: the home page imports neither scikit-learn nor xgboost" if not heavy else
          f"FAIL: the home page imports {', '.join(heavy)}")  # fmt: skip
    if heavy:
        sys.exit(1)


COLUMNS = (("health", "to health 200"), ("render", "to first render"), ("page", "page load"))


def report(results: dict[str, list[dict]], runs: int) -> None:
    """Print medians and the ratios against the hello-world app."""
    base = {key: median(results["hello"], key) for key, _ in COLUMNS}
    print(f"\nStart-up, median of {runs} runs (seconds; ratio = this app / hello world)")
    print(f"{'app':<20}" + "".join(f"{title:>17}{'ratio':>7}" for _, title in COLUMNS))
    for name, timings in results.items():
        cells = []
        for key, _ in COLUMNS:
            value = median(timings, key)
            if value is None:
                cells.append(f"{'-':>17}{'':>7}")
            else:
                cells.append(f"{value:>17.2f}{value / base[key]:>6.1f}x")
        print(f"{name:<20}" + "".join(cells))
    print("first render: from `streamlit run` to the page's marker in Chromium ('Hello world',")
    print("or the 'Hours logged' KPI); page load: from page.goto to that marker.")


if __name__ == "__main__":
    main()
