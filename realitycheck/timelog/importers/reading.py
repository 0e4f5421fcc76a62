"""Turn an upload into a table of text cells, with the line number of every record."""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from realitycheck import uploads
from realitycheck.timelog.importers.result import ImportFormatError, RowError
from realitycheck.uploads import Decoded

ACCEPTS = "a CSV or JSON time export"
_BAD_LINE = re.compile(r"Skipping line (\d+): expected \d+ fields, saw (\d+)")


def normalize_name(name: str) -> str:
    """Header name as compared by the parsers: lower case, single spaces, no BOM or quotes."""
    return " ".join(name.replace("\ufeff", "").strip().strip('"').lower().split())


def decode(data: bytes, filename: str = "") -> Decoded:
    """Check an upload's size and kind and find its encoding; refuse empty and binary files."""
    with uploads.reraise_as(ImportFormatError):
        return uploads.read_text(data, filename, ACCEPTS)


@dataclass
class Table:
    """Data records of a delimited file as text cells, with their source line numbers."""

    frame: pd.DataFrame  # one str column per header name (duplicates renamed `Name (2)`)
    lines: np.ndarray  # 1-based line of each record in the file
    errors: list[RowError] = field(default_factory=list)
    duplicates: dict[str, int] = field(default_factory=dict)  # repeated header name -> count
    notes: list[str] = field(default_factory=list)  # how the file was read (e.g. its encoding)
    _lookup: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def header(self) -> list[str]:
        """Column names as they appear in the file (duplicates renamed)."""
        return list(self.frame.columns)

    def get(self, *names: str) -> pd.Series | None:
        """The first present column among `names` (case-insensitive), stripped; else None."""
        if len(self._lookup) != len(self.frame.columns):
            self._lookup = {normalize_name(c): c for c in reversed(self.frame.columns)}
        lookup = self._lookup
        for name in names:
            if normalize_name(name) in lookup:
                return self.frame[lookup[normalize_name(name)]].str.strip()
        return None

    def text(self, *names: str) -> pd.Series:
        """Like `get`, but an empty text column when none of `names` is present."""
        found = self.get(*names)
        return found if found is not None else pd.Series("", index=self.frame.index, dtype="str")


def header_lines(text: str, limit: int = 50) -> list[list[str]]:
    """The first `limit` records of a delimited text, parsed cheaply (for detection)."""
    with uploads.reraise_as(ImportFormatError):
        body, _, named = uploads.split_preamble(text[: uploads.SNIFF_CHARS])
        delimiter = named or uploads.sniff_delimiter(body) or ","
        return uploads.header_records(body, delimiter, limit)


def _dedupe(names: list[str]) -> tuple[list[str], dict[str, int]]:
    seen: dict[str, int] = {}
    out = []
    for i, raw in enumerate(names):
        name = raw.replace("\ufeff", "").strip() or f"Column {i + 1}"
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out, {name: count for name, count in seen.items() if count > 1}


def duplicate_note(duplicates: dict[str, int], expected: tuple[str, ...] = ()) -> list[str]:
    """Warn about repeated header names, except those a format repeats by design."""
    allowed = {normalize_name(n) for n in expected}
    shown = [f"'{n}' ({k}×)" for n, k in duplicates.items() if normalize_name(n) not in allowed]
    if not shown:
        return []
    return [f"Columns named more than once: {', '.join(shown)}; the first of each is used."]


def _read(decoded: Decoded, delimiter: str, skip: int) -> tuple[pd.DataFrame, list[tuple]]:
    # Bytes are faster to parse than a str; UTF-16 is the exception pandas cannot stream.
    utf16 = decoded.encoding == "utf-16"
    source = io.StringIO(decoded.text) if utf16 else io.BytesIO(decoded.data)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", pd.errors.ParserWarning)
        try:
            raw = pd.read_csv(
                source,
                sep=delimiter,
                header=None,  # the header row comes through as text, so every column is text
                skiprows=skip,
                # pandas drops a UTF-8 byte-order mark itself; "utf-8-sig" would be slower
                encoding=None if utf16 else decoded.encoding.replace("utf-8-sig", "utf-8"),
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=False,
                on_bad_lines="warn",
                engine="c",
            )
        except UnicodeDecodeError:
            raise  # read_table falls back to Windows-1252
        except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
            raise ImportFormatError(f"This is not a readable CSV file: {exc}".strip()) from None
    bad = [
        (int(m.group(1)) - skip, int(m.group(2)))
        for w in caught
        for m in _BAD_LINE.finditer(str(w.message))
    ]
    as_text = {c: "str" for c, dtype in raw.dtypes.items() if dtype != "str"}
    return raw.astype(as_text) if as_text else raw, bad


def _record_lines(frame: pd.DataFrame, newlines: int, bad: list[int]) -> np.ndarray:
    """1-based source line of each record (header included), allowing for quoted newlines."""
    kept = np.ones(len(frame) + len(bad), dtype=bool)
    kept[np.array(bad, dtype="int64") - 1] = False
    records = np.flatnonzero(kept) + 1
    if newlines <= len(kept):  # no record spans lines
        return records
    spans = sum(frame[c].str.count("\n").to_numpy() for c in frame.columns)
    before = np.concatenate([[0], np.cumsum(spans)[:-1]])
    return records + before


def read_table(decoded: Decoded, *, max_bad_share: float = 0.2) -> Table:
    """Parse a decoded delimited file into a Table; badly shaped lines become row errors."""
    body, skip, named = uploads.split_preamble(decoded.sample)
    with uploads.reraise_as(ImportFormatError):
        delimiter = named or uploads.sniff_delimiter(body) or ","
    try:
        raw, bad = _read(decoded, delimiter, skip)
    except UnicodeDecodeError:  # valid UTF-8 at the start only
        decoded = decoded.fallback()
        raw, bad = _read(decoded, delimiter, skip)
    if raw.empty:
        raise ImportFormatError("The file has no header row.")
    lines = _record_lines(raw, decoded.newlines() - skip, [b for b, _ in bad]) + skip
    names, duplicates = _dedupe([str(v) for v in raw.iloc[0]])
    frame = raw.iloc[1:].set_axis(names, axis=1).reset_index(drop=True)
    lines = lines[1:]
    if len(bad) > max(10, max_bad_share * (len(frame) + len(bad))):
        raise ImportFormatError(
            f"{len(bad)} lines have more fields than the header's {len(names)}: "
            "this does not look like a CSV export (wrong delimiter or not a table)."
        )
    errors = [
        RowError(line + skip, f"has {saw} fields, the header has {len(names)}") for line, saw in bad
    ]
    blank = np.logical_and.reduce([(frame[c] == "").to_numpy() for c in frame.columns])
    if blank.any():  # blank lines: dropped, their line numbers kept for the others
        frame, lines = frame[~blank].reset_index(drop=True), lines[~blank]
    table = Table(frame, lines, errors, duplicates)
    table.notes = list(decoded.notes)
    return table
