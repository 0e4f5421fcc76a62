"""Parse time-tracking exports (Toggl, Clockify, Harvest, Jira/Tempo, WakaTime, any CSV)."""

from __future__ import annotations

from realitycheck.timelog.importers import clockify, generic, harvest, jira, toggl, wakatime
from realitycheck.timelog.importers.detect import EXPECTED, FORMATS, detect_format, detect_text
from realitycheck.timelog.importers.reading import Table, decode, duplicate_note, read_table
from realitycheck.timelog.importers.result import (
    COLUMNS,
    FORMULA_PREFIXES,
    ImportFormatError,
    ParsedExport,
    RowError,
    empty_rows,
    finish,
    looks_like_formula,
)

__all__ = [
    "COLUMNS",
    "EXPECTED",
    "FORMATS",
    "FORMULA_PREFIXES",
    "ImportFormatError",
    "ParsedExport",
    "RowError",
    "detect_format",
    "looks_like_formula",
    "parse_export",
]

_TABLE_MODULES = {"toggl": toggl, "clockify": clockify, "harvest": harvest, "jira": jira}


def _generic(
    table: Table, mapping: dict | None, day_first: bool | None, person: str | None
) -> ParsedExport:
    """The generic CSV: the user's mapping, else a complete guess, else a request for one."""
    suggested = generic.suggest_mapping(table.header)
    notes = []
    if mapping is None and generic.is_complete(suggested):
        mapping = suggested
        pairs = ", ".join(f"{field} ← {column!r}" for field, column in suggested.items())
        notes.append(f"Columns were matched by their names ({pairs}); check them.")
    if mapping is None:
        result = ParsedExport(
            "csv",
            empty_rows(),
            warnings=["Choose which columns hold the date and the duration (or start and end)."],
        )
    else:
        draft = generic.parse(table, mapping, day_first, person)
        draft.warnings[:0] = notes
        result = finish("csv", draft, table.errors)
    result.columns, result.suggested_mapping = table.header, suggested
    return result


def parse_export(
    data: bytes,
    filename: str = "",
    *,
    fmt: str = "auto",
    day_first: bool | None = None,
    mapping: dict | None = None,
    person: str | None = None,
) -> ParsedExport:
    """Parse an export into normalized rows; `fmt="auto"` detects the format from the header."""
    if fmt not in ("auto", *FORMATS):
        raise ImportFormatError(f"Unknown format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    decoded = decode(data, filename)
    fmt = detect_text(decoded.sample) if fmt == "auto" else fmt
    if fmt == "wakatime":
        result = finish(fmt, wakatime.parse(decoded.text, person))
        result.warnings[:0] = decoded.notes
        return result
    table = read_table(decoded)
    if fmt == "csv":
        result = _generic(table, mapping, day_first, person)
    else:
        module = _TABLE_MODULES[fmt]
        result = finish(fmt, module.parse(table, day_first), table.errors)
        result.columns = table.header
    expected = getattr(_TABLE_MODULES.get(fmt), "REPEATED_COLUMNS", ())
    result.warnings[:0] = [*table.notes, *duplicate_note(table.duplicates, expected)]
    return result
