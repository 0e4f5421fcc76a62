"""Importers against hostile and broken files: formulas, markup, junk, binary, huge, encodings."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from realitycheck.timelog.importers import (
    ImportFormatError,
    detect_format,
    looks_like_formula,
    parse_export,
)
from realitycheck.uploads import MAX_UPLOAD_BYTES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "timelogs"
TOGGL_HEADER = (
    '"User","Email","Client","Project","Task","Description","Billable","Start date",'
    '"Start time","End date","End time","Duration","Tags"'
)


def toggl_row(description: str = "work", date: str = "2023-03-13", tags: str = "") -> str:
    return (
        f'"Ann","a@example.com","","P","","{description}","No","{date}","09:00:00",'
        f'"{date}","10:00:00","1:00:00","{tags}"'
    )


def test_formulas_and_markup_come_through_as_plain_text():
    result = parse_export((FIXTURES / "toggl_hostile.csv").read_bytes(), "hostile.csv")
    first, second = result.rows.iloc[0], result.rows.iloc[1]
    assert first["person"] == "=cmd|' /C calc'!A0"
    assert first["description"] == "<script>alert('x')</script>"
    assert second["source_project"] == '=HYPERLINK("http://evil.example","click")'
    assert second["description"] == 'He said "hi", then left'
    assert result.formula_cells == [(2, "person"), (3, "source_project"), (3, "tags")]
    assert any("formula" in w for w in result.warnings)


def test_looks_like_formula():
    import pandas as pd

    cells = pd.Series(["=1+1", "+SUM(A1)", "-2", "@x", "\tx", "plain", "a=b", ""])
    assert looks_like_formula(cells).tolist() == [True] * 5 + [False] * 3


def test_rows_with_problems_are_reported_and_the_rest_imported():
    result = parse_export((FIXTURES / "toggl_hostile.csv").read_bytes(), "hostile.csv")
    assert [e.row for e in result.errors] == [4, 5, 6]
    assert str(result.errors[1]) == "row 5: impossible date '2023-02-30'"
    assert len(result.rows) == 2


def junk_bytes(size: int) -> bytes:
    return random.Random(0).randbytes(size)


def junk_text(size: int, alphabet: bytes, seed: int = 1) -> bytes:
    table = bytes(alphabet[i % len(alphabet)] for i in range(256))
    return random.Random(seed).randbytes(size).translate(table)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: junk_bytes(10 * 2**20), "binary"),
        (lambda: b"\x00" * 1000 + b"a,b\n", "binary"),
        (lambda: junk_text(10 * 2**20, b"abcdefgh "), "far too long"),
        (lambda: junk_text(10 * 2**20, b"ab,,\n\n;|\t\"'=<>"), "not"),
        (lambda: b"ab,ba\n" + junk_text(10 * 2**20, b"abcd,,,\n", seed=2), "number of fields"),
        (lambda: b"Date,Hours\n" + junk_text(10 * 2**20, b"ab\x01,\n"), "binary"),
        (lambda: b"x" * (MAX_UPLOAD_BYTES + 1), "limited to 50 MiB"),
    ],
)
def test_junk_gets_a_clear_error_fast(make, message):
    data = make()
    started = time.perf_counter()
    with pytest.raises(ImportFormatError, match=message):
        parse_export(data, "junk.csv")
    assert time.perf_counter() - started < 3.0


def test_long_hostile_cells_do_not_make_the_parsers_backtrack():
    spaces = " " * 200_000
    rows = [
        toggl_row(description="a" * 200_000, tags="," * 100_000),
        toggl_row(date="2023-03-13" + spaces + "x"),
        toggl_row(date="1" * 100_000),
    ]
    data = "\n".join([TOGGL_HEADER, *rows]).encode()
    started = time.perf_counter()
    result = parse_export(data, "long.csv")
    assert time.perf_counter() - started < 3.0
    assert len(result.rows) == 1
    assert [e.row for e in result.errors] == [3, 4]


def test_utf16_export_with_tabs_is_read():
    text = (TOGGL_HEADER + "\r\n" + toggl_row("Ærlig")).replace(",", "\t").replace('"', "")
    result = parse_export(text.encode("utf-16"), "excel.txt")
    assert result.format == "toggl"
    assert result.rows["description"].tolist() == ["Ærlig"]


def test_windows_1252_export_is_read_with_a_warning():
    data = (TOGGL_HEADER + "\n" + toggl_row("Café crème")).encode("cp1252")
    result = parse_export(data, "old.csv")
    assert result.rows["description"].tolist() == ["Café crème"]
    assert any("Windows-1252" in w for w in result.warnings)


def test_non_utf8_bytes_after_the_first_64_kb_fall_back_to_windows_1252():
    filler = [toggl_row(f"entry {i}") for i in range(800)]
    data = "\n".join([TOGGL_HEADER, *filler, toggl_row("Café")]).encode("cp1252")
    assert len(data) > 64 * 1024
    assert b"Caf\xe9" in data
    result = parse_export(data, "late.csv")
    assert result.rows["description"].iloc[-1] == "Café"
    assert any("Windows-1252" in w for w in result.warnings)


def test_leading_blank_lines_are_skipped():
    data = ("\r\n\n" + TOGGL_HEADER + "\n" + toggl_row(date="bad")).encode()
    result = parse_export(data, "blank-start.csv")
    assert result.format == "toggl"
    assert [e.row for e in result.errors] == [4]


def test_excel_sep_line_and_semicolons():
    body = TOGGL_HEADER + "\n" + toggl_row() + "\n" + toggl_row(date="2023-02-30")
    data = ("sep=;\n" + body.replace('","', '";"')).encode()
    result = parse_export(data, "excel.csv")
    assert len(result.rows) == 1
    assert result.rows["row"].tolist() == [3]
    assert [e.row for e in result.errors] == [4]


def test_row_numbers_count_newlines_inside_quoted_fields():
    data = "\n".join(
        [TOGGL_HEADER, toggl_row("line one\nline two\nline three"), toggl_row(date="bad")]
    ).encode()
    result = parse_export(data, "multiline.csv")
    assert result.rows["description"].tolist() == ["line one\nline two\nline three"]
    assert [e.row for e in result.errors] == [5]


def test_blank_lines_are_ignored_and_keep_line_numbers():
    data = "\n".join([TOGGL_HEADER, "", toggl_row(), "", "", toggl_row(date="x")]).encode()
    result = parse_export(data, "blank.csv")
    assert result.rows["row"].tolist() == [3]
    assert [e.row for e in result.errors] == [6]


def test_unclosed_quote_is_a_clear_error():
    data = (TOGGL_HEADER + '\n"Ann","a@example.com","' + "x" * 100).encode()
    with pytest.raises(ImportFormatError, match="not a readable CSV"):
        parse_export(data, "broken.csv")


def test_many_overlong_rows_mean_not_a_table():
    data = "\n".join([TOGGL_HEADER] + [toggl_row() + ',"x"'] * 50).encode()
    with pytest.raises(ImportFormatError, match="header's number of fields"):
        parse_export(data, "wrong.csv")
    with pytest.raises(ImportFormatError, match="more fields than the header"):
        parse_export(data, "wrong.csv", fmt="toggl")  # past detection, the reader checks too


def test_detect_ignores_the_file_name():
    data = (FIXTURES / "toggl_2023.csv").read_bytes()
    assert detect_format(data, "report.xlsx") == "toggl"
