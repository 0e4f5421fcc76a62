"""What parsing an export returns: normalized rows with source keys, per-row errors, warnings."""

from __future__ import annotations

import binascii
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

try:  # pandas 3 stores text in Arrow when pyarrow is installed (Streamlit requires it)
    import pyarrow as pa
    import pyarrow.compute as pc
except ImportError:  # pragma: no cover - the pure-pandas fallbacks below still work
    pa = pc = None

COLUMNS = (
    "row",
    "date",
    "person",
    "seconds",
    "description",
    "source_project",
    "task",
    "tags",
    "source",
    "source_key",
    "content_key",
)
TEXT_COLUMNS = ("person", "description", "source_project", "task", "tags")
# What a format parser hands over: the text columns plus the raw pieces still to be checked.
DRAFT_COLUMNS = ("row", "date", "start", "seconds", *TEXT_COLUMNS, "error")
# Spreadsheet programs evaluate a cell starting with one of these (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_KEY_SEPARATOR = "\x1f"
MAX_ENTRY_SECONDS = 24 * 3600  # longer entries import as the source says, with a warning


class ImportFormatError(ValueError):
    """The upload is not an export we can read; the message says what was expected."""


@dataclass(frozen=True)
class RowError:
    """One source row that could not be imported, and why."""

    row: int
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.message}"


@dataclass
class Draft:
    """A format parser's output: DRAFT_COLUMNS (`error` empty when the row is fine) plus notes."""

    frame: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    ambiguous_dates: bool = False
    day_first: bool | None = None


@dataclass
class ParsedExport:
    """Normalized rows of one export, ready for a preview and an idempotent commit."""

    format: str
    rows: pd.DataFrame
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ambiguous_dates: bool = False
    day_first: bool | None = None
    columns: list[str] = field(default_factory=list)
    suggested_mapping: dict[str, str] = field(default_factory=dict)
    formula_cells: list[tuple[int, str]] = field(default_factory=list)  # (row, column)

    @property
    def total_seconds(self) -> int:
        """Sum of the imported rows' durations, in whole seconds."""
        return int(self.rows["seconds"].sum())


def empty_rows() -> pd.DataFrame:
    """A `rows` frame with the right columns and no entries."""
    text = {name: pd.Series([], dtype="str") for name in COLUMNS}
    text.update(row=pd.Series([], dtype="int64"), seconds=pd.Series([], dtype="int64"))
    text["date"] = pd.Series([], dtype=object)
    return pd.DataFrame(text, columns=list(COLUMNS))


def looks_like_formula(values: pd.Series) -> pd.Series:
    """True where a text cell would be evaluated as a formula by a spreadsheet program."""
    if values.dtype != "str":
        values = values.fillna("").astype("str")
    return values.str.slice(0, 1).isin(FORMULA_PREFIXES)


def _joined(columns: list[pd.Series], sep: str) -> list[bytes]:
    """Each row's cells joined by `sep`, as UTF-8 bytes (one C-level pass with pyarrow)."""
    if pa is None:  # pandas without pyarrow: same bytes, slower
        text = columns[0].astype("str")
        for column in columns[1:]:
            text = text + sep + column.astype("str")
        return [t.encode("utf-8") for t in text.tolist()]
    arrays = [pa.array(c).cast(pa.large_string()) for c in columns]  # numbers cast in Arrow
    joined = pc.binary_join_element_wise(*arrays, pa.scalar(sep, pa.large_string()))
    return joined.cast(pa.large_binary()).to_pylist()


def _hex(digests: list[bytes]) -> pd.Series:
    """16-byte digests as 32-character hex strings, converted in bulk."""
    if pa is None:
        return pd.Series([d.hex() for d in digests], dtype="str")
    blob = pa.py_buffer(binascii.hexlify(b"".join(digests)))
    hexes = pa.Array.from_buffers(pa.binary(32), len(digests), [None, blob])
    return pd.Series(hexes.cast(pa.large_binary()).cast(pa.large_string()), dtype="str")


def _numbered(
    contents: list[bytes], sort_keys: Callable[[list[int]], list] | None = None
) -> list[bytes]:
    """16-byte BLAKE2b digests of `contents`; the n-th repeat (n >= 1) gets `U+001F n` appended.

    Repeats are numbered in file order, or in the order of `sort_keys(positions)` (a sort key
    for each of those positions, asked only for the repeated ones), so equal contents stay
    distinct.
    """
    blake = hashlib.blake2b  # default parameters: keyword arguments cost more than hashing
    digests = [blake(c).digest()[:16] for c in contents]
    if len(set(digests)) == len(digests):
        return digests
    repeated = pd.Series(digests, dtype=object).duplicated(keep=False).to_numpy()
    positions = np.flatnonzero(repeated).tolist()  # only repeats get a number
    if sort_keys is not None:
        positions = [i for _, i in sorted(zip(sort_keys(positions), positions, strict=True))]
    seen: dict[bytes, int] = {}
    for i in positions:
        seen[digests[i]] = count = seen.get(digests[i], -1) + 1
        if count:
            digests[i] = blake(contents[i] + f"{_KEY_SEPARATOR}{count}".encode()).digest()[:16]
    return digests


def _content(fmt: str, frame: pd.DataFrame) -> list[bytes]:
    parts = ["person", "start", "seconds", "description", "source_project", "task"]
    columns = [frame[p] if p != "seconds" else frame[p].astype("int64") for p in parts]
    fmt_column = _constant(fmt, len(frame)).set_axis(frame.index)
    return _joined([fmt_column, *columns], _KEY_SEPARATOR)


def content_keys(fmt: str, frame: pd.DataFrame) -> pd.Series:
    """Hex key per entry from its own content, with a counter for identical entries.

    Key = the first 16 bytes of BLAKE2b-512 over format, person, start, seconds, description,
    source project and task joined by U+001F (UTF-8); the n-th repeat (n >= 1) of an
    identical entry in the same file gets `U+001F n` appended, so genuine repeats are kept.
    The key of entries without a start time, and of every entry stored before identity keys.
    """
    return _hex(_numbered(_content(fmt, frame))).set_axis(frame.index)


def identity_key(source: str, person: str, start: int) -> str:
    """The key of one entry that started at `start` (seconds since 1970, wall clock)."""
    content = _KEY_SEPARATOR.join([source, person, f"T{start}"]).encode()
    return hashlib.blake2b(content).hexdigest()[:32]


def source_keys(fmt: str, frame: pd.DataFrame, content: pd.Series | None = None) -> pd.Series:
    """Stable hex key per entry: its identity where it has a start time, else its content.

    A timed entry (`start` is `T<epoch seconds>`) is its format, person and start instant:
    seen again with another duration, description, project or tags, it is the same entry.
    Rows sharing all three are numbered in the order of their content, so the file's row
    order does not matter. Date-only rows (`D<epoch days>`) keep `content_keys` (`content`,
    when already computed).
    """
    timed = frame["start"].str.startswith("T").to_numpy(dtype=bool)
    keys = None
    if not timed.all():
        keys = content_keys(fmt, frame) if content is None else content
    if not timed.any():
        return keys
    part = frame if keys is None else frame[timed]
    fmt_column = _constant(fmt, len(part)).set_axis(part.index)
    who = _joined([fmt_column, part["person"], part["start"]], _KEY_SEPARATOR)
    # Shared starts are numbered by content, not file order.
    ids = _hex(_numbered(who, lambda rows: _content(fmt, part.iloc[rows]))).set_axis(part.index)
    if keys is None:
        return ids
    return keys.mask(pd.Series(timed, index=frame.index), ids)


def _as_dates(values: pd.Series) -> pd.Series:
    codes, uniques = pd.factorize(values)
    objects = np.array([ts.date() for ts in uniques], dtype=object)
    return pd.Series(objects[codes], index=values.index, dtype=object)


def _row_errors(frame: pd.DataFrame, ok: np.ndarray) -> list[RowError]:
    if ok.all():
        return []
    bad = frame.loc[~ok, ["row", "error"]]
    return [RowError(int(r), str(m)) for r, m in zip(bad["row"], bad["error"], strict=True)]


def _formula_cells(rows: pd.DataFrame) -> list[tuple[int, str]]:
    cells = []
    for column in TEXT_COLUMNS:
        hits = rows.loc[looks_like_formula(rows[column]), "row"]
        cells.extend((int(r), column) for r in hits)
    return sorted(cells)


def _zero_warning(zero: pd.DataFrame | None) -> list[str]:
    if zero is None or zero.empty:
        return []
    shown = ", ".join(str(r) for r in zero["row"].head(10)) + ("…" if len(zero) > 10 else "")
    if len(zero) == 1:
        return [f"Skipped 1 zero-length entry (row {shown})."]
    return [f"Skipped {len(zero)} zero-length entries (rows {shown})."]


def _long_warning(rows: pd.DataFrame) -> list[str]:
    """Name the entries longer than 24 h (imported as the source says: a timer left running?)."""
    long = rows.loc[rows["seconds"] > MAX_ENTRY_SECONDS, ["row", "seconds"]]
    if long.empty:
        return []
    shown = ", ".join(f"row {r} ({s / 3600:.1f} h)" for r, s in long.head(10).itertuples(False))
    more = f" and {len(long) - 10} more" if len(long) > 10 else ""
    return [
        f"{len(long)} entries are longer than 24 h: {shown}{more}. They were imported as the "
        "source says; check for a timer left running."
    ]


def _constant(value: str, n: int) -> pd.Series:
    """A str column holding `value` n times (taken from one cell: no n-element conversion)."""
    return pd.Series(pd.array([value], dtype="str")).take(np.zeros(n, dtype="int64"))


def _rows(fmt: str, good: pd.DataFrame) -> pd.DataFrame:
    content = content_keys(fmt, good)
    columns = {
        "row": good["row"].to_numpy(dtype="int64"),
        "date": _as_dates(good["date"]).to_numpy(),
        **{name: good[name].array for name in TEXT_COLUMNS},
        "seconds": np.rint(good["seconds"].to_numpy(dtype="float64")).astype("int64"),
        "source": _constant(fmt, len(good)).array,
        "source_key": source_keys(fmt, good, content).array,
        "content_key": content.array,
    }
    return pd.DataFrame({name: columns[name] for name in COLUMNS})


def finish(fmt: str, draft: Draft, errors: list[RowError] | None = None) -> ParsedExport:
    """Check the draft's rows, drop zero-length ones, and add source keys."""
    frame = draft.frame
    ok = (frame["error"] == "").to_numpy()
    zero = ok & (frame["seconds"] == 0).to_numpy()
    keep = ok & ~zero
    good = frame if keep.all() else frame[keep]
    rows = _rows(fmt, good) if len(good) else empty_rows()
    cells = _formula_cells(rows)
    notes = [*draft.warnings, *_zero_warning(frame.loc[zero, ["row"]] if zero.any() else None)]
    notes += _long_warning(rows)
    if frame.empty:
        notes.append("The file holds no time entries.")
    if cells:
        notes.append(
            f"{len(cells)} cells start with a formula character (= + - @); they are kept "
            "as plain text and must be neutralized when exported to CSV."
        )
    return ParsedExport(
        format=fmt,
        rows=rows,
        errors=sorted([*(errors or []), *_row_errors(frame, ok)], key=lambda e: e.row),
        warnings=notes,
        ambiguous_dates=draft.ambiguous_dates,
        day_first=draft.day_first,
        formula_cells=cells,
    )
