"""Toggl Track API v9: the signed-in user's time entries (`/api/v9/me/time_entries`)."""

from __future__ import annotations

import base64
from datetime import date, timedelta

from realitycheck.timelog.sync.http import SyncError, get_json

BASE_URL = "https://api.track.toggl.com"
WINDOW_DAYS = 30  # one request per window: the endpoint returns at most 1,000 entries
SERVICE = "Toggl Track"


def _headers(token: str) -> dict[str, str]:
    basic = base64.b64encode(f"{token}:api_token".encode()).decode()
    return {"Authorization": f"Basic {basic}"}


def fetch(
    token: str, since: date, until: date, *, base_url: str = BASE_URL, **http: object
) -> tuple[dict, list[dict]]:
    """The user (`/me`) and their entries that start between `since` and `until` (inclusive)."""
    headers = _headers(token)
    me = get_json(f"{base_url}/api/v9/me", {}, headers, service=SERVICE, **http)
    if not isinstance(me, dict):
        raise SyncError(f"{SERVICE} sent an unexpected answer for the user; nothing was imported.")
    entries: list[dict] = []
    start = since
    while start <= until:
        end = min(start + timedelta(days=WINDOW_DAYS), until + timedelta(days=1))
        params = {"start_date": start.isoformat(), "end_date": end.isoformat(), "meta": "true"}
        page = get_json(
            f"{base_url}/api/v9/me/time_entries", params, headers, service=SERVICE, **http
        )
        if not isinstance(page, list) or not all(isinstance(e, dict) for e in page):
            raise SyncError(
                f"{SERVICE} sent time entries in an unexpected shape; nothing was imported."
            )
        entries += page
        start = end
    return me, entries


def records(me: dict, entries: list[dict]) -> tuple[str, str, list[dict]]:
    """(person, time zone, entries as plain records): running entries (negative duration) left out."""
    person = str(me.get("fullname") or me.get("email") or "")
    out = []
    for entry in entries:
        duration = entry.get("duration")
        if not isinstance(duration, int) or isinstance(duration, bool) or duration <= 0:
            continue
        out.append(
            {
                "id": entry.get("id"),
                "start": entry.get("start"),
                "seconds": duration,
                "description": entry.get("description") or "",
                "source_project": entry.get("project_name") or "",
                "task": entry.get("task_name") or "",
                "tags": ", ".join(str(t) for t in entry.get("tags") or []),
            }
        )
    return person, str(me.get("timezone") or "UTC"), out
