"""The one reader of uploaded bytes: size limit, magic bytes, encodings, delimiters, header."""

import time
import tomllib
from pathlib import Path

import pytest

from realitycheck import uploads
from realitycheck.compare.datasets import DatasetError, read_table
from realitycheck.timelog.importers import ImportFormatError, parse_export
from realitycheck.uploads import UploadError

ROOT = Path(__file__).resolve().parents[2]


def test_size_limit_is_the_one_streamlit_is_configured_with():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    # Streamlit multiplies server.maxUploadSize by 1024 * 1024 (MiB, though it says "MB").
    assert config["server"]["maxUploadSize"] == uploads.MAX_UPLOAD_MIB
    assert config["server"]["maxUploadSize"] * 2**20 == uploads.MAX_UPLOAD_BYTES


def test_size_is_checked_before_anything_is_read():
    uploads.check_size(uploads.MAX_UPLOAD_BYTES)
    with pytest.raises(UploadError, match=r"^'big.csv' is 50.0 MiB; uploads are limited to 50 MiB"):
        uploads.check_size(uploads.MAX_UPLOAD_BYTES + 1, "big.csv")
    data = b"\x00" * (uploads.MAX_UPLOAD_BYTES + 1)  # binary too, but the size is said first
    with pytest.raises(UploadError, match="limited to 50 MiB. Sample it"):
        uploads.check_size(len(data), "x", "Sample it first.")
    with pytest.raises(DatasetError, match="limited to 50 MiB"):
        read_table(data, "x.csv")
    with pytest.raises(ImportFormatError, match="limited to 50 MiB"):
        parse_export(data, "x.csv")


@pytest.mark.parametrize(
    ("head", "what"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00", "Excel workbook (.xlsx): save the sheet as CSV"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Excel workbook (.xls)"),
        (b"\x1f\x8b\x08\x00", "gzip archive: decompress it first"),
        (b"BZh91AY&SY", "bzip2 archive"),
        (b"\xfd7zXZ\x00\x00", "xz archive"),
        (b"7z\xbc\xaf\x27\x1c\x00\x04", "7-Zip archive"),
        (b"Rar!\x1a\x07\x01\x00", "RAR archive"),
        (b"%PDF-1.7\n", "PDF document"),
        (b"{\\rtf1\\ansi a,b", "RTF document"),
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xff\xd8\xff\xe0", "JPEG image"),
        (b"GIF89a", "GIF image"),
        (b"SQLite format 3\x00", "SQLite database"),
        (b"\x7fELF\x02\x01", "a program"),
        (b"PAR1\x15\x04", "a Parquet file"),
    ],
)
def test_known_binary_formats_are_named(head, what):
    data = head + b"\x00" * 64
    with pytest.raises(UploadError, match="not a CSV file") as info:
        uploads.read_text(data, "upload.csv")
    assert what in str(info.value)
    assert str(info.value).startswith("'upload.csv' is ")


def test_parquet_is_accepted_only_where_the_caller_reads_it():
    assert uploads.check_bytes(b"PAR1\x15", parquet=True) == "parquet"
    with pytest.raises(ImportFormatError, match="Parquet file, not a CSV or JSON time export"):
        parse_export(b"PAR1\x15\x04", "t.parquet")


@pytest.mark.parametrize(
    "data",
    [
        b"a,b\n1,\x002\n",
        bytes(range(256)) * 4,
        b"Date,Hours\n" + b"\x01\x02\x03" * 100,
        "a,b\n\x00\x01,2\n".encode("utf-16"),  # controls in UTF-16 text are binary too
    ],
)
def test_nul_bytes_and_control_characters_are_binary(data):
    with pytest.raises(UploadError, match="looks like binary data"):
        uploads.read_text(data, "b.csv")


@pytest.mark.parametrize(
    ("data", "encoding", "notes"),
    [
        ("a,b\nJosé,1\n".encode(), "utf-8-sig", 0),
        ("\ufeffa,b\nJosé,1\n".encode(), "utf-8-sig", 0),
        ("a,b\nJosé,1\n".encode("utf-16-le"), None, 0),  # no BOM: refused, not guessed
        ("a,b\nJosé,1\n".encode("utf-16"), "utf-16", 0),
        (b"\xfe\xff" + "a,b\nJosé,1\n".encode("utf-16-be"), "utf-16", 0),
        ("a,b\nJosé,5 €\n".encode("cp1252"), "cp1252", 1),
        (b"a,b\nab\x81c,1\n", "latin-1", 1),  # 0x81 is undefined in Windows-1252
    ],
)
def test_encodings(data, encoding, notes):
    if encoding is None:
        with pytest.raises(UploadError, match="binary"):
            uploads.read_text(data)
        return
    decoded = uploads.read_text(data)
    assert decoded.text.splitlines()[0] in ("a,b", "\ufeffa,b")
    assert (decoded.encoding, len(decoded.notes)) == (encoding, notes)


def test_a_late_non_utf8_byte_falls_back_with_a_note():
    data = b"a,b\n" + b"x,1\n" * 20_000 + "Café,2\n".encode("cp1252")
    decoded = uploads.read_text(data)
    assert decoded.encoding == "utf-8-sig"  # the first 64 KiB are UTF-8
    assert decoded.text.endswith("Café,2\n")
    assert decoded.encoding == "cp1252"
    assert decoded.notes


def test_a_chosen_encoding_is_strict():
    assert uploads.read_text(b"a;b\n1;2\n", encoding="ascii").encoding == "ascii"
    with pytest.raises(UploadError, match="Unknown text encoding 'klingon'"):
        uploads.read_text(b"a,b\n", encoding="klingon")
    with pytest.raises(UploadError, match=r"not valid utf-8 text \(byte 4\)"):
        uploads.read_text(b"a,b\n\xe9,1\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1,5;2;3\n2,5;3;4\n", ";"),  # decimal commas in a ; file
        ("a\tb\n1\t2\n", "\t"),
        ("a|b\n1|2\n", "|"),
        ('"a";"b, c";"d"\n1;2;3\n', ";"),  # a comma inside a quoted header name
        ('a,b\n"1\n2",3\n4,5\n', ","),  # a quoted newline inside a record
        ("a,b,c\n1,2,3\n4,5,6,7\n8,9,10,11\n", ","),  # ragged rows: the header decides
        ("only\n1\n2\n", None),
    ],
)
def test_sniff_delimiter(text, delimiter):
    assert uploads.sniff_delimiter(text) == delimiter


def test_preamble_and_excel_sep_line():
    assert uploads.split_preamble("\n\r\n  \nsep=;\na;b\n") == ("a;b\n", 4, ";")
    frame = read_table(b"sep=;\na;b\n1,5;2\n", "excel.csv")
    assert list(frame.columns) == ["a", "b"]
    assert frame["a"].tolist() == ["1,5"]


def test_a_header_over_the_column_cap_is_refused_before_parsing():
    header = ",".join(f"c{i}" for i in range(5_000))
    data = (header + "\n" + "1," * 4_999 + "1\n").encode() * 1
    data += b"x" * (20 * 2**20)  # a body pandas would take a while over
    started = time.perf_counter()
    with pytest.raises(DatasetError, match="5,000 columns; the limit is 500"):
        read_table(data, "wide.csv")
    assert time.perf_counter() - started < 1.0


def test_a_first_line_too_long_for_a_header():
    with pytest.raises(UploadError, match="far too long for a CSV header"):
        uploads.first_line("a" * (uploads.MAX_HEADER_CHARS + 1))
    assert uploads.first_line("a,b\n1,2") == "a,b"


def test_errors_become_the_callers_own_type():
    with pytest.raises(DatasetError), uploads.reraise_as(DatasetError):
        raise UploadError("x")
