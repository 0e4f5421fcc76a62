"""Live sync against a local HTTP server serving the documented Toggl v9 and Clockify v1 shapes."""

import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from realitycheck.cli import main

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
CLOCKIFY_USER = {"id": "u1", "name": "Dee", "email": "d@x", "activeWorkspace": "w1",
                 "settings": {"timeZone": "UTC"}}  # fmt: skip


def clockify_entry(i: int) -> dict:
    return {
        "id": f"e{i}",
        "description": f"Clean batch {i}",
        "tags": [{"id": "t", "name": "cleaning"}],
        "project": {"id": "p", "name": "Q4 model"},
        "task": None,
        "timeInterval": {
            "start": f"2024-03-{1 + i // 24:02d}T{i % 24:02d}:00:00Z",
            "end": f"2024-03-{1 + i // 24:02d}T{i % 24:02d}:30:00Z",
            "duration": "PT30M",
        },
    }


class Api:
    """Scripted answers per path: a list of (status, headers, body); the last one repeats."""

    def __init__(self) -> None:
        self.routes: dict[str, list] = {}
        self.requests: list[tuple[str, dict, dict]] = []
        self.delay = 0.0

    def answer(self, path: str, query: dict) -> tuple[int, dict, bytes]:
        script = self.routes.get(path, [(404, {}, b"{}")])
        status, headers, body = script.pop(0) if len(script) > 1 else script[0]
        if callable(body):
            body = body(query)
        return status, headers, body if isinstance(body, bytes) else json.dumps(body).encode()


@pytest.fixture
def api():
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
    yield state
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def sync(db_url, project, capsys, monkeypatch):
    monkeypatch.setenv("TOGGL_API_TOKEN", "secret-toggl")
    monkeypatch.setenv("CLOCKIFY_API_KEY", "secret-clockify")

    def call(service, api, *extra):
        args = ["sync", service, "--project", "Churn", "--since", "2023-03-01", "--until", "2024-03-31",
                "--base-url", api.url, "--db", db_url, "--json", *extra]  # fmt: skip
        code = main(args)
        out = capsys.readouterr()
        assert "secret-" not in out.out + out.err  # the tokens are never printed
        return code, json.loads(out.out)

    return call


def toggl_routes(api, entries=TOGGL_ENTRIES):
    api.routes["/api/v9/me"] = [(200, {}, ME)]
    in_window = lambda q: [e for e in entries if q["start_date"] <= e["start"][:10] < q["end_date"]]  # noqa: E731
    api.routes["/api/v9/me/time_entries"] = [(200, {}, in_window)]


def test_toggl_sync_then_the_csv_export_adds_nothing(
    api, sync, store, project, tmp_path, db_url, capsys
):
    toggl_routes(api)
    code, result = sync("toggl", api)
    assert code == 0
    assert (result["imported"], result["duplicates"]) == (2, 0)  # the running entry is left out
    assert result["hours_imported"] == 3.5
    path, query, headers = api.requests[1]
    assert query["meta"] == "true"
    assert (
        headers["Authorization"] == "Basic " + base64.b64encode(b"secret-toggl:api_token").decode()
    )
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "timelogs" / "toggl_2023.csv"
    lines = fixture.read_text(encoding="utf-8").splitlines()[:3]  # Ayşe's two entries
    (tmp_path / "export.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert (
        main(
            ["import", str(tmp_path / "export.csv"), "--project", "Churn", "--db", db_url, "--json"]
        )
        == 0
    )
    again = json.loads(capsys.readouterr().out)
    assert (again["imported"], again["duplicates"]) == (0, 2)
    code, third = sync("toggl", api)
    assert (third["imported"], third["duplicates"]) == (0, 2)
    assert store.count_entries(project.id) == 2


def test_clockify_pages_and_honours_429(api, sync, store, project):
    api.routes["/v1/user"] = [(200, {}, CLOCKIFY_USER)]
    entries = [clockify_entry(i) for i in range(70)]
    page = lambda q: entries[(int(q["page"]) - 1) * 50 : int(q["page"]) * 50]  # noqa: E731
    path = "/v1/workspaces/w1/user/u1/time-entries"
    api.routes[path] = [(429, {"Retry-After": "1"}, {"message": "slow down"}), (200, {}, page)]
    code, result = sync("clockify", api)
    assert code == 0
    assert result["imported"] == 70
    pages = [q.get("page") for p, q, h in api.requests if p == path]
    assert pages == ["1", "1", "2"]  # retried after the 429, then paged
    assert all(h["X-Api-Key"] == "secret-clockify" for p, q, h in api.requests)
    assert store.count_entries(project.id) == 70


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (401, {"message": "Unauthorized"}, "refused the API token (HTTP 401)"),
        (403, {}, "refused the API token (HTTP 403)"),
        (200, b"<html>not json", "not JSON"),
        (200, {"unexpected": True}, "unexpected shape"),
        (500, {}, "HTTP 500"),
    ],
)
def test_bad_answers_are_one_line_and_write_nothing(
    api, sync, store, project, status, body, message
):
    api.routes["/api/v9/me"] = [(200, {}, ME)]
    api.routes["/api/v9/me/time_entries"] = [(status, {}, body)]
    code, result = sync("toggl", api)
    assert code == 2
    assert message in result["errors"][0]["message"]
    assert store.count_entries(project.id) == 0


def test_empty_range_timeout_unreachable_and_missing_token(api, sync, store, project, monkeypatch):
    toggl_routes(api, entries=[])
    code, result = sync("toggl", api)
    assert (code, "no finished time entries" in result["errors"][0]["message"]) == (2, True)
    toggl_routes(api)
    api.delay = 1.5
    code, result = sync("toggl", api, "--timeout", "0.5")
    assert code == 2
    assert "did not answer within" in result["errors"][0]["message"]
    api.delay = 0
    code, result = sync("toggl", type("Closed", (), {"url": "http://127.0.0.1:9"}))
    assert (code, "Cannot reach Toggl Track" in result["errors"][0]["message"]) == (2, True)
    monkeypatch.delenv("TOGGL_API_TOKEN")
    monkeypatch.setattr("realitycheck.timelog.sync.read_secret", lambda name: None)
    code, result = sync("toggl", api)
    assert "Set TOGGL_API_TOKEN" in result["errors"][0]["message"]
    assert store.count_entries(project.id) == 0
