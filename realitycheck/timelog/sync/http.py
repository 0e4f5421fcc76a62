"""JSON over HTTPS for the sync clients: timeouts, 429 with Retry-After, one-line errors."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable

TIMEOUT_SECONDS = 20.0
MAX_RETRIES = 3  # after a 429
MAX_WAIT_SECONDS = 60.0  # the longest Retry-After we honour before giving up


class SyncError(ValueError):
    """A sync that cannot go on, with a one-line message fit to show (never the token)."""


def _wait_seconds(header: str | None) -> float:
    try:
        return max(0.0, float(header or "1"))
    except ValueError:
        return 1.0


def get_json(
    url: str,
    params: dict[str, str],
    headers: dict[str, str],
    *,
    service: str,
    timeout: float = TIMEOUT_SECONDS,
    sleep: Callable[[float], None] = time.sleep,
) -> object:
    """GET `url?params` and decode its JSON body; SyncError on anything unexpected."""
    full = f"{url}?{urllib.parse.urlencode(params)}" if params else url
    request = urllib.request.Request(full, headers={"Accept": "application/json", **headers})
    host = urllib.parse.urlsplit(url).netloc
    for attempt in range(MAX_RETRIES + 1):
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                body = response.read()
            break
        except urllib.error.HTTPError as exc:
            wait = _wait_seconds(exc.headers.get("Retry-After"))
            if exc.code == 429 and attempt < MAX_RETRIES and wait <= MAX_WAIT_SECONDS:
                sleep(wait)
                continue
            raise SyncError(_status_message(service, exc.code)) from None
        except TimeoutError:
            raise SyncError(
                f"{service} did not answer within {timeout:.0f} s; try again later."
            ) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise SyncError(
                    f"{service} did not answer within {timeout:.0f} s; try again later."
                ) from None
            reason = getattr(exc.reason, "strerror", None) or str(exc.reason)
            raise SyncError(f"Cannot reach {service} at {host}: {reason}.") from None
    try:
        return json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        raise SyncError(
            f"{service} sent a response that is not JSON; nothing was imported."
        ) from None


def _status_message(service: str, status: int) -> str:
    if status in (401, 403):
        return f"{service} refused the API token (HTTP {status}): check it and try again."
    if status == 429:
        return f"{service} is rate-limiting requests (HTTP 429); try again in a minute."
    return f"{service} answered HTTP {status}; nothing was imported."
