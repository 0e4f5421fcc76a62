"""`import`: bring a time-tracking export into a project, idempotently."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from realitycheck import uploads
from realitycheck.cli import CliError, Subparsers, add_db_option
from realitycheck.commands import open_store, require_project
from realitycheck.store import StoreError
from realitycheck.timelog.importers import FORMATS, ImportFormatError, ParsedExport, parse_export
from realitycheck.timelog.importers.generic import MAPPING_FIELDS
from realitycheck.timelog.importers.plan import plan_rows, report, store_rows
from realitycheck.timelog.rules import Rule


def register(sub: Subparsers) -> None:
    """Add the `import` subcommand."""
    parser = sub.add_parser(
        "import", help="import a Toggl/Clockify/Harvest/Jira/WakaTime/CSV export"
    )
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--project", required=True)
    parser.add_argument("--format", choices=["auto", *FORMATS], default="auto")
    parser.add_argument("--day-first", choices=["auto", "yes", "no"], default="auto",
                        help="dates like 03/04/2024: day first (yes) or month first (no)")  # fmt: skip
    parser.add_argument("--person", help="name for rows without one (WakaTime, single-user CSV)")
    parser.add_argument("--unmapped", metavar="CATEGORY",
                        help='category for rows no rule maps (default: "Unsorted", to sort later)')  # fmt: skip
    parser.add_argument("--map", metavar="FIELD=COLUMN,...",
                        help="a CSV's columns, e.g. date=When,duration=Spent,description=What "
                        "(fields: " + ", ".join(MAPPING_FIELDS) + ", duration_unit)")  # fmt: skip
    parser.add_argument("--dry-run", action="store_true", help="parse and map, write nothing")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    add_db_option(parser)
    parser.set_defaults(func=run)


def _read(path: str) -> bytes:
    file = Path(path)
    try:
        uploads.check_size(file.stat().st_size, file.name, "Export a shorter date range.")
        return file.read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}") from exc
    except uploads.UploadError as exc:
        raise CliError(str(exc)) from None


def parse_map(text: str | None) -> dict[str, str] | None:
    """Parse `--map date=When,duration=Spent` (column names as the file writes them)."""
    if not text:
        return None
    mapping = {}
    for part in text.split(","):
        field, sep, column = part.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise CliError(f"--map wants FIELD=COLUMN pairs separated by commas, not '{part}'")
        mapping[field.strip()] = column.strip()
    return mapping


def run(args: argparse.Namespace) -> int:
    """Parse, map, and (unless --dry-run) write in one transaction."""
    store = open_store(args)
    project = require_project(store, args.project)
    day_first = {"auto": None, "yes": True, "no": False}[args.day_first]
    mapping = parse_map(args.map)
    fmt = "csv" if mapping and args.format == "auto" else args.format
    try:
        parsed = parse_export(_read(args.file), Path(args.file).name, fmt=fmt,
                              day_first=day_first, person=args.person, mapping=mapping)  # fmt: skip
    except ImportFormatError as exc:
        raise CliError(str(exc)) from exc
    if parsed.ambiguous_dates and day_first is None:
        raise CliError("dates like 03/04 could be day or month first: pass --day-first yes|no")
    categories = [c.name for c in store.list_categories()]
    if args.unmapped and args.unmapped not in categories:
        raise CliError(f"--unmapped: unknown category '{args.unmapped}'")
    rules = [Rule.from_dict(r) for r in store.get_rules(project.id)]
    planned = plan_rows(parsed, rules, default_person=args.person, unmapped_category=args.unmapped)
    writable = store_rows(planned)
    if writable.empty:
        raise CliError(_nothing_message(parsed))
    outcome = None
    if not args.dry_run:
        try:
            outcome = store.import_entries(project.id, writable)
        except StoreError as exc:
            raise CliError(str(exc)) from exc
    result = report(parsed, planned, outcome)
    print(json.dumps(result) if args.json else _text(result, args.dry_run, len(writable)))
    if outcome is not None and outcome.shortened:
        print(
            f"note: {outcome.shortened:,} rows had a person name over 200 or a note over 2,000 "
            "characters; they were shortened to fit.",
            file=sys.stderr,
        )
    return 0


def _nothing_message(parsed: ParsedExport) -> str:
    first = f" (first: {parsed.errors[0]})" if parsed.errors else ""
    return f"nothing in the file can be imported: {len(parsed.errors)} rows with errors{first}"


def _text(result: dict, dry_run: bool, writable: int) -> str:
    lines = [f"{result['format']}: {result['rows']} rows"]
    if dry_run:
        lines.append(f"dry run: {writable} rows would be imported, nothing written")
    else:
        lines.append(
            f"imported {result['imported']} ({result['hours_imported']:.2f} h), "
            f"{result['duplicates']} already there"
        )
    if result["updated"]:
        lines.append(f"updated {result['updated']} entries edited since the last import")
    if result["unmapped"]:
        lines.append(
            f"{result['unmapped']} rows matched no rule: {result['hours_unsorted']:.2f} h stored "
            "as Unsorted (see `unsorted --project P`)"
        )
    lines += [f"row {e['row']}: {e['message']}" for e in result["errors"][:20]]
    lines += [f"note: {w}" for w in result["warnings"]]
    return "\n".join(lines)
