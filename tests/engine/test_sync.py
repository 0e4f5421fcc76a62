"""Live sync against a local HTTP server serving the documented Toggl v9 and Clockify v1 shapes."""

import base64
import json
from pathlib import Path

import pytest

from realitycheck.cli import main
from tests.local_api import ME, toggl_routes

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
