"""A scripted HTTP server on 127.0.0.1 answering as Toggl Track's v9 and Clockify's v1 APIs do."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

ME = {
    "id": 7,
    "fullname": "Ayşe Yılmaz",
    "email": "ayse@example.com",
    "timezone": "Europe/Istanbul",
}
TOGGL_ENTRIES = [  # 09:00 in Istanbul is 06:00 UTC, as the CSV export says 09:00:00
    {"id": 1, "workspace_id": 9, "project_id": 3, "task_id": None, "start": "2023-03-13T06:00:00+00:00",
     "stop": "2023-03-13T09:00:00+00:00", "duration": 10800, "description": "Etiketleme: şüpheli işlemler",
     "tags": ["Development", "Backend"], "project_name": "Fraud detection"},
    {"id": 2, "workspace_id": 9, "project_id": 3, "start": "2023-03-13T09:00:00Z", "stop": "2023-03-13T09:30:00Z",
     "duration": 1800, "description": "Standup", "tags": [], "project_name": "Fraud detection"},
    {"id": 3, "workspace_id": 9, "start": "2023-03-14T06:00:00Z", "stop": None, "duration": -1678773600,
     "description": "running", "tags": []},
]  # fmt: skip


class Api:
    """Scripted answers per path: a list of (status, headers, body); the last one repeats."""

    def __init__(self) -> None:
        self.routes: dict[str, list] = {}
        self.requests: list[tuple[str, dict, dict]] = []
        self.delay = 0.0
        self.url = ""

    def answer(self, path: str, query: dict) -> tuple[int, dict, bytes]:
        script = self.routes.get(path, [(404, {}, b"{}")])
        status, headers, body = script.pop(0) if len(script) > 1 else script[0]
        if callable(body):
            body = body(query)
        return status, headers, body if isinstance(body, bytes) else json.dumps(body).encode()


def toggl_routes(api: Api, entries: list[dict] = TOGGL_ENTRIES) -> None:
    """Answer /me with ME and /me/time_entries with the `entries` that start in the window."""
    api.routes["/api/v9/me"] = [(200, {}, ME)]
    in_window = lambda q: [e for e in entries if q["start_date"] <= e["start"][:10] < q["end_date"]]  # noqa: E731
    api.routes["/api/v9/me/time_entries"] = [(200, {}, in_window)]


@contextmanager
def local_api() -> Iterator[Api]:
    """Serve an `Api` on a free port of 127.0.0.1 (its address in `.url`) while the block runs."""
    state = Api()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            url = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            state.requests.append((url.path, query, dict(self.headers)))
            time.sleep(state.delay)
            status, headers, body = state.answer(url.path, query)
            try:
                self.send_response(status)
                for name, value in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (the timeout test)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
