"""Live sync from Toggl Track and Clockify: their APIs' entries, keyed like their exports.

Each entry's start is read in the user's own time zone (as the detailed CSV exports write it),
so an entry synced after it was imported from a file, or the other way round, is the same
entry (`result.source_keys`), never a second one. Tokens come from the environment or
`.streamlit/secrets.toml` only; they are never stored, logged or shown.
"""

from __future__ import annotations

import os
from datetime import date
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd

from realitycheck.config import read_secret
from realitycheck.timelog.importers.result import DRAFT_COLUMNS, Draft, ParsedExport, finish
from realitycheck.timelog.sync import clockify, toggl
from realitycheck.timelog.sync.http import SyncError

if TYPE_CHECKING:
    from realitycheck.store import Store

__all__ = ["SERVICES", "SyncError", "api_token", "base_url", "sync_entries", "sync_project"]

SERVICES = {"toggl": toggl, "clockify": clockify}
TOKEN_NAMES = {"toggl": "TOGGL_API_TOKEN", "clockify": "CLOCKIFY_API_KEY"}
URL_NAMES = {"toggl": "RC_TOGGL_URL", "clockify": "RC_CLOCKIFY_URL"}


def api_token(service: str) -> str:
    """The service's token from the environment or secrets; SyncError naming where to set it."""
    name = TOKEN_NAMES[service]
    token = (os.environ.get(name) or read_secret(name) or "").strip()
    if not token:
        raise SyncError(f"Set {name} in the environment or .streamlit/secrets.toml to sync.")
    return token


def base_url(service: str, explicit: str | None = None) -> str:
    """The API's base URL: explicit, else RC_TOGGL_URL / RC_CLOCKIFY_URL, else the real one."""
    url = explicit or os.environ.get(URL_NAMES[service]) or SERVICES[service].BASE_URL
    return url.rstrip("/")


def _wall_clock(starts: pd.Series, zone: str) -> pd.Series:
    """UTC instants as naive wall-clock times in `zone` (NaT where unreadable)."""
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo("UTC")
    instants = pd.to_datetime(starts, errors="coerce", utc=True, format="ISO8601")
    return instants.dt.tz_convert(tz).dt.tz_localize(None)


def to_export(service: str, person: str, zone: str, records: list[dict]) -> ParsedExport:
    """The API records as a parsed export, keyed exactly as the service's CSV export would be."""
    frame = pd.DataFrame(
        records, columns=["id", "start", "seconds", "description", "source_project", "task", "tags"]
    )
    wall = _wall_clock(frame["start"], zone)
    day = wall.dt.floor("D").astype("datetime64[us]")
    clock = (wall - wall.dt.floor("D")).dt.total_seconds()
    epoch = (day.to_numpy(dtype="datetime64[D]").astype("int64") * 86400) + np.nan_to_num(
        clock
    ).astype("int64")
    draft = pd.DataFrame(
        {
            "row": np.arange(1, len(frame) + 1, dtype="int64"),
            "date": day,
            "start": "T" + pd.Series(epoch, index=frame.index).astype("str"),
            "seconds": frame["seconds"].astype("float64"),
            "person": pd.Series(person, index=frame.index, dtype="str"),
            **{
                c: frame[c].fillna("").astype("str")
                for c in ("description", "source_project", "task", "tags")
            },
            "error": np.where(wall.isna(), "unreadable start time", ""),
        }
    )[list(DRAFT_COLUMNS)]
    return finish(service, Draft(draft.astype({"error": object})))


def sync_entries(
    service: str,
    token: str,
    since: date,
    until: date,
    *,
    url: str | None = None,
    workspace: str | None = None,
    timeout: float | None = None,
) -> ParsedExport:
    """Fetch the signed-in user's entries from `service` between two days, as a parsed export."""
    if since > until:
        raise SyncError("The start of the range is after its end.")
    http = {"timeout": timeout} if timeout else {}
    module = SERVICES[service]
    extra = {"workspace": workspace} if service == "clockify" and workspace else {}
    user, entries = module.fetch(
        token, since, until, base_url=base_url(service, url), **extra, **http
    )
    person, zone, records = module.records(user, entries)
    if not records:
        raise SyncError(
            f"{module.SERVICE} has no finished time entries between {since} and {until}."
        )
    return to_export(service, person, zone, records)


def sync_project(
    store: Store, project_id: int, service: str, since: date, until: date, **options: object
) -> dict:
    """Fetch, sort with the project's rules and write in one transaction; the import report.

    `options` go to `sync_entries` (url, workspace, timeout). Nothing is written on an error.
    """
    from realitycheck.timelog.importers.plan import plan_rows, report, store_rows
    from realitycheck.timelog.rules import Rule

    parsed = sync_entries(service, api_token(service), since, until, **options)
    rules = [Rule.from_dict(r) for r in store.get_rules(project_id)]
    planned = plan_rows(parsed, rules)
    outcome = store.import_entries(project_id, store_rows(planned))
    return report(parsed, planned, outcome)
