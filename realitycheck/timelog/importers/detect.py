"""Tell which export an upload is from its header row (or its JSON shape)."""

from __future__ import annotations

from realitycheck.timelog.importers import jira, wakatime
from realitycheck.timelog.importers.reading import decode, header_lines, normalize_name
from realitycheck.timelog.importers.result import ImportFormatError

FORMATS = ("toggl", "clockify", "harvest", "jira", "wakatime", "csv")
EXPECTED = (
    "Expected a detailed report from Toggl Track, Clockify or Harvest, a Jira/Tempo worklog "
    "export, a WakaTime JSON dump, or a CSV with a header row and at least a date and a "
    "duration column."
)
_SUMMARY = (
    "This is a Clockify summary report; it has totals only. Export the detailed report "
    "(Reports > Detailed > Export > CSV) instead."
)
_MAX_NAME = 100


def classify_header(names: set[str]) -> str | None:
    """The format whose signature columns are all in `names` (normalized), else None."""
    if {"start date", "start time"} <= names and names & {"duration (h)", "duration (decimal)"}:
        return "clockify"
    if {"start date", "duration"} <= names and names & {"user", "member", "email"}:
        return "toggl"
    if {"date", "hours", "first name", "last name"} <= names:
        return "harvest"
    if {"issue key", "hours", "work date"} <= names or jira.is_rest(names):
        return "jira"
    if "issue key" in names and any(n.startswith("log work") for n in names):
        return "jira"
    return None


def _is_summary(records: list[list[str]]) -> bool:
    for record in records[:20]:
        names = {normalize_name(c) for c in record}
        if names & {"time (h)", "time (decimal)"} and "start date" not in names:
            return True
    return False


def _check_table(records: list[list[str]]) -> None:
    """Refuse text that is not a table with a header row of plausible column names."""
    header = records[0] if records else []
    named = [c for c in header if c.strip()]
    if len(header) < 2 or len(named) < 2:
        raise ImportFormatError(f"This file is not a table of time entries. {EXPECTED}")
    if (
        any(len(c) > _MAX_NAME for c in header)
        or sum(any(ch.isalpha() for ch in c) for c in named) < len(named) / 2
    ):
        raise ImportFormatError(f"The first row is not a header row. {EXPECTED}")
    widths = [len(r) for r in records[1:] if any(c.strip() for c in r)]
    longer = sum(w > len(header) for w in widths)
    differ = sum(w != len(header) for w in widths)
    if longer > len(widths) / 5 or differ > max(2, len(widths) / 2):
        raise ImportFormatError(
            "The rows do not have the header's number of fields (wrong delimiter, or not "
            "a table). " + EXPECTED
        )


def detect_text(text: str) -> str:
    """The format of the decoded start of an upload (see `detect_format`)."""
    if text.lstrip()[:1] in ("{", "["):
        return "wakatime"  # parse_export checks the JSON itself
    records = header_lines(text)
    if _is_summary(records):
        raise ImportFormatError(_SUMMARY)
    _check_table(records)
    return classify_header({normalize_name(c) for c in records[0]}) or "csv"


def detect_format(data: bytes, filename: str = "") -> str:
    """Detect the export format of an upload from its header row: one of FORMATS."""
    decoded = decode(data, filename)  # the content decides the format: exports are often renamed
    found = detect_text(decoded.sample)
    if found == "wakatime":
        wakatime.load(decoded.text)
    return found
