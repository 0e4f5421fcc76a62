"""Turn uploaded bytes into a table of text cells: size, encoding, delimiter, header, line numbers."""

from __future__ import annotations

import csv
import io
import itertools
import re
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from realitycheck.timelog.importers.result import ImportFormatError, RowError

MAX_BYTES = 50 * 1024 * 1024  # uploads above this are refused before any parsing
SNIFF_CHARS = 64 * 1024  # how much of the start of a file the cheap checks look at
MAX_HEADER_CHARS = 8 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BAD_LINE = re.compile(r"Skipping line (\d+): expected \d+ fields, saw (\d+)")
_MAGIC = (
    (b"PK\x03\x04", "a ZIP archive or an Excel workbook (.xlsx); save it as CSV"),
    (b"\xd0\xcf\x11\xe0", "an Excel 97 workbook (.xls); save it as CSV"),
    (b"%PDF", "a PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive; unpack it first"),
)


def normalize_name(name: str) -> str:
    """Header name as compared by the parsers: lower case, single spaces, no BOM or quotes."""
    return " ".join(name.replace("\ufeff", "").strip().strip('"').lower().split())


@dataclass
class Decoded:
    """An upload, its encoding, and its first characters as text (the rest decoded on demand)."""

    data: bytes
    encoding: str
    sample: str
    warnings: tuple[str, ...] = ()
    _text: str | None = None

    @property
    def text(self) -> str:
        """The whole upload as text."""
        if self._text is None:
            self._text = self.data.decode(self.encoding)
        return self._text

    def newlines(self) -> int:
        """How many line feeds the file holds."""
        return self.text.count("\n") if self.encoding == "utf-16" else self.data.count(b"\n")


def decode(data: bytes) -> Decoded:
    """Check an upload's size and kind and find its encoding; refuse empty and binary files."""
    if len(data) > MAX_BYTES:
        raise ImportFormatError(
            f"The file is {len(data) / 2**20:.1f} MB; imports are limited to "
            f"{MAX_BYTES // 2**20} MB. Export a shorter date range."
        )
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ImportFormatError(f"This is {what}, not a CSV or JSON time export.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFormatError("The file claims to be UTF-16 text but is not.") from None
        decoded = Decoded(data, "utf-16", text[:SNIFF_CHARS], (), text)
    else:
        decoded = _decode_8bit(data)
    sample = decoded.sample
    if "\x00" in sample or len(_CONTROL.findall(sample)) > max(8, len(sample) // 200):
        raise ImportFormatError("This is a binary file, not a CSV or JSON time export.")
    if not sample.strip() and not decoded.text.strip():
        raise ImportFormatError("The file is empty.")
    return decoded


def _utf8_sample(data: bytes) -> str | None:
    """The start of the file decoded as UTF-8 (a character cut at the end is fine); else None."""
    head = data[:SNIFF_CHARS]
    try:
        return head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if len(data) > SNIFF_CHARS and exc.start >= len(head) - 3:
            return head[: exc.start].decode("utf-8-sig")
        return None


def _decode_8bit(data: bytes) -> Decoded:
    sample = _utf8_sample(data)
    if sample is not None:  # the rest is checked as pandas reads it (see read_table)
        return Decoded(data, "utf-8-sig", sample)
    head = data[:SNIFF_CHARS]
    if b"\x00" in head or len(re.findall(rb"[\x00-\x08\x0e-\x1f]", head)) > len(head) // 200:
        raise ImportFormatError("This is a binary file, not a CSV or JSON time export.")
    return legacy(data)


def legacy(data: bytes) -> Decoded:
    """Read a file that is not UTF-8 as Windows-1252 (or Latin-1), with a warning."""
    note = ("The file is not UTF-8; it was read as Windows-1252 (Western European).",)
    try:
        text = data.decode("cp1252")
        return Decoded(data, "cp1252", text[:SNIFF_CHARS], note, text)
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        return Decoded(data, "latin-1", text[:SNIFF_CHARS], note, text)


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


def split_preamble(text: str) -> tuple[str, int, str | None]:
    """Drop leading blank lines and an Excel `sep=;` line: (text, lines dropped, delimiter)."""
    blank = re.match(r"(?:[ \t]*\r?\n){0,1000}", text[:SNIFF_CHARS])
    skip = blank.group(0).count("\n")
    text = text[blank.end() :] if skip else text
    match = re.match(r"sep=(.)\r?\n", text[:16])
    if not match:
        return text, skip, None
    return text[match.end() :], skip + 1, match.group(1)


def sniff_delimiter(header_line: str) -> str:
    """The delimiter of a header line: the most frequent of , ; tab | outside quotes."""
    unquoted = re.sub(r'"[^"]*"', "", header_line)
    counts = {d: unquoted.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def header_lines(text: str, limit: int = 50) -> list[list[str]]:
    """The first `limit` records of a delimited text, parsed cheaply (for detection)."""
    text, _, named = split_preamble(text[:SNIFF_CHARS])
    first = text.split("\n", 1)[0]
    if len(first) > MAX_HEADER_CHARS:
        raise ImportFormatError(
            "The first line is far too long for a CSV header: not a CSV export."
        )
    delimiter = named or sniff_delimiter(first)
    try:
        return list(itertools.islice(csv.reader(io.StringIO(text), delimiter=delimiter), limit))
    except csv.Error as exc:
        raise ImportFormatError(f"This is not a readable CSV file ({exc}).") from None


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
    body, skip, named = split_preamble(decoded.sample)
    delimiter = named or sniff_delimiter(body[:MAX_HEADER_CHARS].split("\n", 1)[0])
    try:
        raw, bad = _read(decoded, delimiter, skip)
    except UnicodeDecodeError:  # valid UTF-8 at the start only
        decoded = legacy(decoded.data)
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
    table.notes = list(decoded.warnings)
    return table
