"""Clockify API v1: a user's time entries (`/v1/workspaces/{id}/user/{userId}/time-entries`)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from realitycheck.timelog.sync.http import SyncError, get_json

BASE_URL = "https://api.clockify.me/api"
PAGE_SIZE = 50
MAX_PAGES = 2000
SERVICE = "Clockify"
_ISO_DURATION = re.compile(r"^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$")


def parse_duration(text: object) -> int | None:
    """Seconds of an ISO 8601 duration such as `PT1H30M`; None if it is not one."""
    found = _ISO_DURATION.match(text) if isinstance(text, str) else None
    if not found or text == "PT":
        return None
    hours, minutes, seconds = (int(g or 0) for g in found.groups())
    return hours * 3600 + minutes * 60 + seconds


def fetch(
    token: str,
    since: date,
    until: date,
    *,
    base_url: str = BASE_URL,
    workspace: str | None = None,
    **http: object,
) -> tuple[dict, list[dict]]:
    """The user (`/v1/user`) and their entries between `since` and `until`, page by page."""
    headers = {"X-Api-Key": token}
    user = get_json(f"{base_url}/v1/user", {}, headers, service=SERVICE, **http)
    if not isinstance(user, dict) or not user.get("id"):
        raise SyncError(f"{SERVICE} sent an unexpected answer for the user; nothing was imported.")
    space = workspace or user.get("activeWorkspace") or user.get("defaultWorkspace")
    url = f"{base_url}/v1/workspaces/{space}/user/{user['id']}/time-entries"
    params = {
        "start": f"{since.isoformat()}T00:00:00Z",
        "end": f"{(until + timedelta(days=1)).isoformat()}T00:00:00Z",
        "hydrated": "true",
        "page-size": str(PAGE_SIZE),
    }
    entries: list[dict] = []
    for page in range(1, MAX_PAGES + 1):
        batch = get_json(url, {**params, "page": str(page)}, headers, service=SERVICE, **http)
        if not isinstance(batch, list) or not all(isinstance(e, dict) for e in batch):
            raise SyncError(
                f"{SERVICE} sent time entries in an unexpected shape; nothing was imported."
            )
        entries += batch
        if len(batch) < PAGE_SIZE:
            break
    return user, entries


def _name(value: object) -> str:
    return str(value.get("name") or "") if isinstance(value, dict) else ""


def records(user: dict, entries: list[dict]) -> tuple[str, str, list[dict]]:
    """(person, time zone, entries as plain records): running entries (no end) left out."""
    settings = user.get("settings") if isinstance(user.get("settings"), dict) else {}
    out = []
    for entry in entries:
        interval = entry.get("timeInterval") if isinstance(entry.get("timeInterval"), dict) else {}
        seconds = parse_duration(interval.get("duration"))
        if not interval.get("end") or not seconds:
            continue
        out.append(
            {
                "id": entry.get("id"),
                "start": interval.get("start"),
                "seconds": seconds,
                "description": entry.get("description") or "",
                "source_project": _name(entry.get("project")),
                "task": _name(entry.get("task")),
                "tags": ", ".join(_name(t) for t in entry.get("tags") or [] if _name(t)),
            }
        )
    return (
        str(user.get("name") or user.get("email") or ""),
        str(settings.get("timeZone") or "UTC"),
        out,
    )
