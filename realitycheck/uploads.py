"""The one reader of uploaded bytes: size, kind, encoding, delimiter and header, before any parse."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

# Streamlit's `server.maxUploadSize` in .streamlit/config.toml, which it counts in MiB (2**20 bytes,
# though its docs say "megabytes"); a test keeps the two equal.
MAX_UPLOAD_MIB = 50
MAX_UPLOAD_BYTES = MAX_UPLOAD_MIB * 2**20
SNIFF_CHARS = 64 * 1024  # how much of the start of a file the cheap checks look at
MAX_HEADER_CHARS = 32 * 1024  # a longer first line is not a CSV header
DELIMITERS = (",", ";", "\t", "|")  # in order of preference when two fit equally well
_SNIFF_RECORDS = 50
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_PARQUET = b"PAR1"
_MAGIC = (
    (b"PK\x03\x04", "a ZIP archive or an Excel workbook (.xlsx): save the sheet as CSV"),
    (b"\xd0\xcf\x11\xe0", "an old Excel workbook (.xls): save the sheet as CSV"),
    (b"\x1f\x8b", "a gzip archive: decompress it first"),
    (b"BZh", "a bzip2 archive: decompress it first"),
    (b"\xfd7zXZ\x00", "an xz archive: decompress it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive: extract the file first"),
    (b"Rar!\x1a\x07", "a RAR archive: extract the file first"),
    (b"%PDF", "a PDF document"),
    (b"{\\rtf", "an RTF document: save it as plain CSV"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"SQLite format 3\x00", "an SQLite database: export a table as CSV"),
    (b"\x7fELF", "a program, not data"),
    (_PARQUET, "a Parquet file"),
)
_LEGACY_NOTE = "The file is not UTF-8; it was read as Windows-1252 (Western European)."


class UploadError(ValueError):
    """An upload that cannot be read; the message is one line, written for the user."""


@contextmanager
def reraise_as(error: type[ValueError]) -> Iterator[None]:
    """Turn an UploadError raised inside the block into the caller's own error type."""
    try:
        yield
    except UploadError as exc:
        raise error(str(exc)) from None


def label(name: str) -> str:
    """How messages name an upload: `'name.csv'`, or `The file` when it has no name."""
    return f"'{name}'" if name else "The file"


def check_size(size: int, name: str = "", advice: str = "Upload a smaller file.") -> None:
    """Refuse more than MAX_UPLOAD_BYTES, before anything is read or parsed."""
    if size > MAX_UPLOAD_BYTES:
        raise UploadError(
            f"{label(name)} is {size / 2**20:,.1f} MiB; uploads are limited to "
            f"{MAX_UPLOAD_MIB} MiB. {advice}"
        )


def check_bytes(
    data: bytes, name: str = "", accepts: str = "a CSV file", *, parquet: bool = False
) -> str:
    """Check size, emptiness and magic bytes: `"parquet"` (when accepted) or `"text"`."""
    check_size(len(data), name)
    if not data.strip():
        raise UploadError(f"{label(name)} is empty.")
    if parquet and data.startswith(_PARQUET):
        return "parquet"
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise UploadError(f"{label(name)} is {what}, not {accepts}.")
    return "text"


@dataclass
class Decoded:
    """An upload, its encoding, and its first characters as text (the rest decoded on demand)."""

    data: bytes
    encoding: str
    sample: str
    notes: tuple[str, ...] = ()  # how the file was read, for the user (e.g. its encoding)
    chosen: bool = False  # the user named the encoding: no fallback
    _text: str | None = None

    @property
    def text(self) -> str:
        """The whole upload as text; a guessed UTF-8 that fails later falls back to Windows-1252."""
        if self._text is None:
            try:
                self._text = self.data.decode(self.encoding)
            except UnicodeDecodeError:
                if self.chosen:
                    raise
                other = legacy(self.data)
                self.encoding, self.notes, self._text = other.encoding, other.notes, other.text
        return self._text

    def fallback(self) -> Decoded:
        """The same bytes read as Windows-1252 (or Latin-1), for a guess that proved wrong."""
        return legacy(self.data)

    def newlines(self) -> int:
        """How many line feeds the file holds."""
        return self.text.count("\n") if self.encoding == "utf-16" else self.data.count(b"\n")


def read_text(
    data: bytes, name: str = "", accepts: str = "a CSV file", encoding: str | None = None
) -> Decoded:
    """Check an upload (see `check_bytes`) and find its encoding; refuse binary and empty files.

    UTF-16 needs its byte-order mark; UTF-8 (with or without one) is checked on the first 64 KiB
    and, if a later byte is not UTF-8, the file is read as Windows-1252 (or Latin-1) instead.
    """
    check_bytes(data, name, accepts)
    if encoding:
        decoded = _chosen(data, encoding)
    elif data.startswith(_UTF16_BOMS):
        decoded = _utf16(data)
    else:
        _check_not_binary(_CONTROL_BYTES, data[:SNIFF_CHARS], b"\x00", name, accepts)
        sample = _utf8_sample(data)
        decoded = Decoded(data, "utf-8-sig", sample) if sample is not None else legacy(data)
    _check_not_binary(_CONTROL, decoded.sample, "\x00", name, accepts)
    if not decoded.sample.strip() and not decoded.text.strip():
        raise UploadError(f"{label(name)} is empty.")
    return decoded


def _check_not_binary(control: re.Pattern, head: str | bytes, nul: str | bytes, *what: str) -> None:
    if nul in head or len(control.findall(head)) > max(8, len(head) // 200):
        raise UploadError(f"{label(what[0])} looks like binary data, not {what[1]}.")


def _chosen(data: bytes, encoding: str) -> Decoded:
    try:
        codecs.lookup(encoding)
        text = data.decode(encoding)
    except LookupError:
        raise UploadError(f"Unknown text encoding {encoding!r}.") from None
    except UnicodeDecodeError as exc:
        raise UploadError(
            f"The file is not valid {encoding} text (byte {exc.start}): choose another encoding."
        ) from None
    return Decoded(data, encoding, text[:SNIFF_CHARS], (), True, text)


def _utf16(data: bytes) -> Decoded:
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError:
        raise UploadError("The file claims to be UTF-16 text but is not.") from None
    return Decoded(data, "utf-16", text[:SNIFF_CHARS], (), False, text)


def _utf8_sample(data: bytes) -> str | None:
    """The start of the file decoded as UTF-8 (a character cut at the end is fine); else None."""
    head = data[:SNIFF_CHARS]
    try:
        return head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if len(data) > SNIFF_CHARS and exc.start >= len(head) - 3:
            return head[: exc.start].decode("utf-8-sig")
        return None


def legacy(data: bytes) -> Decoded:
    """Read a file that is not UTF-8 as Windows-1252 (or Latin-1, which takes any byte)."""
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
    return Decoded(data, encoding, text[:SNIFF_CHARS], (_LEGACY_NOTE,), False, text)


def split_preamble(text: str) -> tuple[str, int, str | None]:
    """Drop leading blank lines and an Excel `sep=;` line: (text, lines dropped, delimiter)."""
    blank = re.match(r"(?:[ \t]*\r?\n){0,1000}", text[:SNIFF_CHARS])
    skip = blank.group(0).count("\n")
    text = text[blank.end() :] if skip else text
    match = re.match(r"sep=(.)\r?\n", text[:16])
    if not match:
        return text, skip, None
    return text[match.end() :], skip + 1, match.group(1)


def first_line(body: str) -> str:
    """The header line of a text with its preamble split off; refuse one too long for a header."""
    line = body[: MAX_HEADER_CHARS + 1].split("\n", 1)[0]
    if len(line) > MAX_HEADER_CHARS:
        raise UploadError("The first line is far too long for a CSV header: not a CSV file.")
    return line


def sniff_delimiter(body: str) -> str | None:
    """The delimiter of a text (preamble split off): the one whose rows agree with the header.

    Each of , ; tab | is tried on the first records; the one giving the widest header that most
    rows match wins. If none gives rows that agree, the most frequent one in the header line
    (outside quotes) does; None when the header holds none of them (a single column).
    """
    records = body[:SNIFF_CHARS]
    widths = {d: _consistent_width(records, d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: widths[d])
    if widths[best] > 1:
        return best
    unquoted = re.sub(r'"[^"]*"', "", first_line(body))
    counts = {d: unquoted.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else None


def _consistent_width(text: str, delimiter: str) -> int:
    """Number of fields if the header and most records agree on it, else 0."""
    try:
        rows = list(itertools.islice(csv.reader(io.StringIO(text), delimiter=delimiter), 50))
    except csv.Error:
        return 0
    rows = [r for r in rows[:-1] or rows if r]  # the last record may be cut by the sample
    if not rows:
        return 0
    agree = sum(1 for r in rows if len(r) == len(rows[0]))
    return len(rows[0]) if agree >= 0.8 * len(rows) else 0


def header_records(body: str, delimiter: str, limit: int = _SNIFF_RECORDS) -> list[list[str]]:
    """The first `limit` records of a text (preamble split off), parsed cheaply for checks."""
    first_line(body)
    try:
        return list(itertools.islice(csv.reader(io.StringIO(body), delimiter=delimiter), limit))
    except csv.Error as exc:
        raise UploadError(f"This is not a readable CSV file ({exc}).") from None


def check_columns(header: list[str], max_columns: int, name: str = "") -> None:
    """Refuse a header with more columns than `max_columns`, before the body is parsed."""
    if len(header) > max_columns:
        raise UploadError(
            f"{label(name)} has {len(header):,} columns; the limit is {max_columns:,}."
        )


RENAMED = "renamed_columns"  # DataFrame.attrs key: [{"column", "was"}] for repeated header names


def unique_names(names: Sequence[object]) -> tuple[list[str], list[dict]]:
    """Header names made unique, as a spreadsheet export needs: a repeated 'a' becomes 'a (2)'.

    Returns the names (stripped; blanks named like pandas does) and one {"column", "was"} per
    renamed column, so that whoever reads the table can say what was renamed.
    """
    stripped = [str(n).strip() or f"Unnamed: {i}" for i, n in enumerate(names)]
    taken, out, renamed = set(stripped), [], []
    seen: set[str] = set()
    for name in stripped:
        new, k = name, 1
        while new in seen or (new != name and new in taken):
            k += 1
            new = f"{name} ({k})"
        seen.add(new)
        out.append(new)
        if new != name:
            renamed.append({"column": new, "was": name})
    return out, renamed
