"""Upload parsing (delimiters, encodings, Parquet, bad bytes) and the bundled dataset registry."""

import io
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from realitycheck import uploads
from realitycheck.compare import datasets
from realitycheck.compare.datasets import (
    BUNDLED,
    DATA_DIR,
    DatasetError,
    bundled_fingerprint,
    detect_format,
    fingerprint_bytes,
    load_bundled,
    read_table,
)
from realitycheck.compare.target import detect_task

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "tabular"


@pytest.mark.parametrize(
    ("text", "sep"),
    [
        ("a,b,c\n1,2,x\n3,4,y\n", ","),
        ("a;b;c\n1;2;x\n3;4;y\n", ";"),
        ("a\tb\tc\n1\t2\tx\n3\t4\ty\n", "\t"),
        ("a|b|c\n1|2|x\n3|4|y\n", "|"),
        ('a,b,c\n1,"2,5",x\n3,"4,5",y\n', ","),  # the decimal comma sits inside quotes
        ('"a";"b";"c"\n1,5;2;"x, y"\n3,5;4;"z"\n', ";"),  # commas in cells, ; between them
    ],
)
def test_delimiter_is_detected(text, sep):
    assert detect_format(text.encode()).sep == sep
    frame = read_table(text.encode(), "t.csv")
    assert list(frame.columns) == ["a", "b", "c"]
    assert len(frame) == 2


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("name,city\nJosé,Zürich\nAnn,Köln\n".encode(), "utf-8-sig"),
        (b"\xef\xbb\xbf" + "name,city\nJosé,Zürich\nAnn,Köln\n".encode(), "utf-8-sig"),
        ("name,price\nJosé,5 €\nAnn,3 €\n".encode("cp1252"), "cp1252"),
        ("name,city\nJosé,Zürich\nAnn,Köln\n".encode("utf-16"), "utf-16"),
        (b"name,code\nab\x81c,1\nd,2\n", "latin-1"),  # 0x81 is undefined in cp1252
    ],
)
def test_encoding_is_detected(data, encoding):
    assert detect_format(data).encoding == encoding
    frame = read_table(data, "t.csv")
    assert list(frame.columns)[0] == "name"
    assert frame.shape == (2, 2)
    if encoding != "latin-1":
        assert frame.iloc[0, 0] == "José"


def test_chosen_sep_and_encoding_win():
    data = "a;b\n1,5;x\n2,5;y\n".encode("cp1252")
    frame = read_table(data, "t.csv", sep=";", encoding="cp1252")
    assert list(frame["a"]) == ["1,5", "2,5"]
    with pytest.raises(DatasetError, match="not valid utf-8"):
        read_table("a,b\né,1\n".encode("cp1252"), "t.csv", encoding="utf-8")
    with pytest.raises(DatasetError, match="Unknown text encoding"):
        read_table(b"a,b\n1,2\n", "t.csv", encoding="klingon")


def test_whitespace_and_question_marks_are_cleaned():
    data = b"age, work , Y\n39, State-gov, <=50K\n50, ?, >50K \n"
    frame = read_table(data, "adult.csv")
    assert list(frame.columns) == ["age", "work", "Y"]
    assert frame["work"].iloc[0] == "State-gov"
    assert pd.isna(frame["work"].iloc[1])
    assert list(frame["Y"]) == ["<=50K", ">50K"]
    assert frame["age"].dtype.kind in "if"


def test_parquet_round_trip():
    pytest.importorskip("pyarrow")
    frame = pd.DataFrame({"x": [1.0, 2.0, np.nan], "city": [" Oslo", "Rome ", None]})
    buffer = io.BytesIO()
    frame.to_parquet(buffer)
    read = read_table(buffer.getvalue(), "upload.bin")
    assert detect_format(buffer.getvalue()).kind == "parquet"
    assert list(read["city"].iloc[:2]) == ["Oslo", "Rome"]
    assert read["x"].isna().sum() == 1


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "e.csv", "is empty"),
        (b"  \n\n ", "e.csv", "is empty"),
        (b"only\n1\n2\n3\n", "one.csv", "Only one column"),
        (b"a,b,c\n", "h.csv", "no data rows"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "p.csv", "PNG image"),
        (b"PK\x03\x04\x14\x00\x06\x00", "book.xlsx", "save the sheet as CSV"),
        (b"\x1f\x8b\x08\x00", "t.csv.gz", "decompress"),
        (bytes(range(256)) * 4, "blob.csv", "binary data"),
        (b"a,b\n1,2\n", "t.parquet", "not a Parquet file"),
        (b"PAR1not really parquet", "t.parquet", "not a readable Parquet file"),
        (b"a,b\n1,2\n3,4,5,6\n", "ragged.csv", "could not be read"),
    ],
)
def test_bad_files_get_a_clear_message(data, filename, message):
    with pytest.raises(DatasetError, match=message) as info:
        read_table(data, filename)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("data", "names", "renamed"),
    [
        (b"a,b,a\n1,2,3\n", ["a", "b", "a (2)"], [("a (2)", "a")]),
        (b"a, b,a ,a\n1,2,3,4\n", ["a", "b", "a (2)", "a (3)"], [("a (2)", "a"), ("a (3)", "a")]),
        (b"a,a (2),a\n1,2,3\n", ["a", "a (2)", "a (3)"], [("a (3)", "a")]),
        (b",x,\n1,2,3\n", ["Unnamed: 0", "x", "Unnamed: 2"], []),
    ],
)
def test_repeated_names_are_renamed_and_recorded(data, names, renamed):
    frame = read_table(data, "d.csv")
    assert list(frame.columns) == names
    assert [(r["column"], r["was"]) for r in frame.attrs[uploads.RENAMED]] == renamed
    assert frame.iloc[0].tolist()[: len(names)] == list(range(1, len(names) + 1))


def test_repeated_names_in_parquet_are_renamed():
    import pyarrow as pa
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(pa.table([[1, 2], [3, 4]], names=["a", "a"]), buffer)
    frame = read_table(buffer.getvalue(), "t.parquet")
    assert list(frame.columns) == ["a", "a (2)"]
    assert frame["a (2)"].tolist() == [3, 4]


def test_caps(monkeypatch):
    wide = ",".join(f"c{i}" for i in range(datasets.MAX_COLUMNS + 1))
    with pytest.raises(DatasetError, match="columns; the limit is"):
        read_table(f"{wide}\n{wide}\n".encode(), "wide.csv")
    monkeypatch.setattr(datasets, "MAX_ROWS", 3)
    with pytest.raises(DatasetError, match="more than 3 rows; the limit is 3"):
        read_table(b"a,b\n1,2\n1,2\n1,2\n1,2\n", "long.csv")
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 10)
    with pytest.raises(DatasetError, match="MiB; uploads are limited to 50 MiB"):
        read_table(b"a,b\n1,2\n1,2\n1,2\n", "big.csv")


def test_fingerprints():
    assert fingerprint_bytes(b"abc") == fingerprint_bytes(b"abc")
    assert fingerprint_bytes(b"abc") != fingerprint_bytes(b"abd")
    assert len(fingerprint_bytes(b"")) == 64
    prints = {name: bundled_fingerprint(name) for name in BUNDLED}
    assert len(set(prints.values())) == len(BUNDLED)
    assert bundled_fingerprint("breast_cancer") == prints["breast_cancer"]


@pytest.mark.parametrize("name", list(BUNDLED))
def test_bundled_dataset_loads_and_matches_its_entry(name):
    info = BUNDLED[name]
    frame = load_bundled(name)
    assert info.target in frame.columns
    assert frame.shape[1] >= 5
    assert len(frame) >= 300
    assert detect_task(frame[info.target].dropna()) == info.task
    assert info.licence
    assert info.source
    assert info.expect


def test_bundled_files_are_small_and_documented():
    files = {info.file for info in BUNDLED.values() if info.file}
    assert all((DATA_DIR / f).is_file() for f in files)
    assert sum((DATA_DIR / f).stat().st_size for f in files) < 5 * 2**20
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    for info in BUNDLED.values():
        assert f"`{info.name}`" in readme
        assert info.file is None or info.file in readme
    assert "licen" in readme.lower()


def test_unknown_bundled_name():
    with pytest.raises(DatasetError, match="Unknown bundled dataset 'iris'"):
        load_bundled("iris")


@pytest.mark.parametrize(
    ("folder", "name", "shape", "sep"),
    [
        (DATA_DIR, "adult.csv", (10000, 15), ","),
        (FIXTURES, "bank_additional.csv", (500, 21), ";"),
        (DATA_DIR, "german_credit.csv", (1000, 21), ","),
        (DATA_DIR, "telco_customer_churn.csv", (7043, 21), ","),
        (DATA_DIR, "california_housing.csv", (20640, 10), ","),
        (DATA_DIR, "penguins.csv", (344, 7), ","),
    ],
)
def test_real_samples_read(folder, name, shape, sep):
    data = (folder / name).read_bytes()
    assert detect_format(data, name).sep == sep
    frame = read_table(data, name)
    assert frame.shape == shape
    assert all(c == c.strip() for c in frame.columns)


def test_adult_quirks_are_cleaned():
    frame = read_table((DATA_DIR / "adult.csv").read_bytes(), "adult.csv")
    assert set(frame["Y"].unique()) == {"<=50K", ">50K"}
    assert frame["workclass"].isna().sum() == 557  # " ?" became missing
    assert not frame["occupation"].dropna().str.startswith(" ").any()
    assert math.isclose(frame["Y"].eq(">50K").mean(), 0.2408, abs_tol=1e-3)
