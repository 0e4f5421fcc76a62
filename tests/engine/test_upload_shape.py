"""An upload's shape is checked on its header, before any parsing: one file cannot take the server."""

import time

import pandas as pd
import pytest

from realitycheck.compare import datasets
from realitycheck.compare.datasets import DatasetError, read_table


@pytest.fixture
def no_parsing(monkeypatch):
    """Fail loudly if the whole file reaches pandas."""

    def parse(*args, **kwargs):
        raise AssertionError("the file was parsed before its shape was checked")

    monkeypatch.setattr(datasets.pd, "read_csv", parse)


def test_five_million_column_header_is_refused_before_parsing(no_parsing):
    header = ",".join(f"c{i}" for i in range(5_000_000)).encode()
    data = header + b"\n" + b",".join([b"1"] * 10) + b"\n"
    started = time.perf_counter()
    with pytest.raises(DatasetError, match="too long|limit") as caught:
        read_table(data, "wide.csv")
    assert time.perf_counter() - started < 5
    assert "\n" not in str(caught.value)


def test_a_few_hundred_columns_too_many_is_refused_before_parsing(no_parsing):
    data = (",".join(f"c{i}" for i in range(501)) + "\n" + ",".join("1" * 501) + "\n").encode()
    with pytest.raises(DatasetError, match="501 columns; the limit is 500"):
        read_table(data, "wide.csv", sep=",")


def test_a_header_without_an_end_is_refused(no_parsing):
    with pytest.raises(DatasetError, match="header|too long"):
        read_table(b"a," * 400_000, "endless.csv", sep=",")


def test_wide_utf16_header_is_refused_too(no_parsing):
    data = (",".join(f"c{i}" for i in range(600)) + "\n1\n").encode("utf-16")
    with pytest.raises(DatasetError, match="600 columns"):
        read_table(data, "wide16.csv")


def test_a_normal_file_still_reads():
    frame = read_table(b"a,b,y\n1,2,0\n3,4,1\n", "ok.csv")
    assert frame.shape == (2, 3)
    assert isinstance(frame, pd.DataFrame)
