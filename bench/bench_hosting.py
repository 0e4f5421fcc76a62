"""Benchmark: a hosted server under load, and one hostile upload.

`load`: 20 sessions of a local `streamlit run` (websocket clients, no browser) each log 5
entries through the Log time form at once; prints p50/p95 seconds per write rerun and checks
that exactly 100 entries arrived. `upload`: the 5,000,000-column CSV of the issue (44 MB) read
by the upload reader in a child process (time and peak RSS), while 5 other sessions rerun the
home page; prints their rerun times with and without the upload running. Traffic goes to
127.0.0.1 only; the server is stopped by its process id.

    python bench/bench_hosting.py load
    python bench/bench_hosting.py upload
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from ws_session import Session  # noqa: E402

from realitycheck.store import Store  # noqa: E402

SESSIONS, WRITES = 20, 5


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db_url: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": db_url}
    for name in ("RC_EDITOR_PASSCODE", "RC_VIEWER_PASSCODE"):
        env.pop(name, None)
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.address",
               "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
               "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]  # fmt: skip
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2):
                return server, base
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=20)


def percentiles(times: list[float]) -> str:
    q = statistics.quantiles(times, n=20)
    return f"p50 {statistics.median(times):.2f} s, p95 {q[18]:.2f} s, max {max(times):.2f} s"


async def one_writer(base: str) -> list[float]:
    async with Session(base, page="log_time") as session:
        await session.run()
        times = []
        for _ in range(WRITES):
            times.append(await session.run({"Hours": "1m"}, press="Add entry"))
            if not any("Logged" in text for text in session.texts):
                raise SystemExit(f"a write was refused: {session.texts}")
        return times


def load() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/load.db"
        server, base = start_server(url)
        try:
            asyncio.run(rerun_home(base, 0))  # the first run creates the demo project
            before = Store(url).count_entries()
            started = time.perf_counter()

            async def everyone() -> list[list[float]]:
                return await asyncio.gather(*(one_writer(base) for _ in range(SESSIONS)))

            per_session = asyncio.run(everyone())
            wall = time.perf_counter() - started
            arrived = Store(url).count_entries() - before
        finally:
            stop(server)
    times = [t for session in per_session for t in session]
    print(f"{SESSIONS} sessions x {WRITES} writes in {wall:.1f} s: {percentiles(times)} per write")
    print(f"entries written {arrived} of {SESSIONS * WRITES}; lost {SESSIONS * WRITES - arrived}")


def wide_csv(path: Path, columns: int = 5_000_000) -> None:
    with path.open("w") as handle:
        handle.write(",".join(f"c{i:07d}" for i in range(columns)) + "\n")
        handle.write(",".join("1" for _ in range(10)) + "\n")


READ = """
import resource, sys, time
from pathlib import Path
from realitycheck.compare.datasets import DatasetError, read_table
data = Path(sys.argv[1]).read_bytes()
started = time.perf_counter()
try:
    read_table(data, "wide.csv")
    outcome = "read"
except DatasetError as exc:
    outcome = str(exc)
print(f"{time.perf_counter() - started:.2f}", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
      outcome, sep="|")
"""


async def rerun_home(base: str, seconds: float) -> list[float]:
    times: list[float] = []
    async with Session(base) as session:
        await session.run()
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            times.append(await session.run())
    return times


def others(base: str, seconds: float) -> list[float]:
    async def five() -> list[list[float]]:
        return await asyncio.gather(*(rerun_home(base, seconds) for _ in range(5)))

    return [t for session in asyncio.run(five()) for t in session]


def upload() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "wide.csv"
        wide_csv(csv_path)
        size = csv_path.stat().st_size / 2**20
        server, base = start_server(f"sqlite:///{tmp}/upload.db")
        try:
            quiet = others(base, 10)
            reader = subprocess.Popen(
                [sys.executable, "-c", READ, str(csv_path)], cwd=ROOT, text=True,
                stdout=subprocess.PIPE,
            )  # fmt: skip
            busy = others(base, 10)
            seconds, peak_kb, outcome = reader.communicate(timeout=1800)[0].strip().split("|")
        finally:
            stop(server)
    print(f"5,000,000-column CSV ({size:.1f} MiB): refused in {seconds} s, "
          f"peak RSS {int(peak_kb) / 1024:.0f} MiB: {outcome}")  # fmt: skip
    print(f"other sessions' home reruns, quiet: {percentiles(quiet)} ({len(quiet)} reruns)")
    print(
        f"other sessions' home reruns, during the upload: {percentiles(busy)} ({len(busy)} reruns)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["load", "upload"])
    {"load": load, "upload": upload}[parser.parse_args().mode]()
