"""The benchmark's export generator: deterministic, and parsed back to its own totals.

Speed itself is measured in bench/bench_import.py, not asserted in a timed test.
"""

from __future__ import annotations

import io

import pandas as pd

from bench.make_toggl_export import make_toggl_export
from realitycheck.timelog.importers import parse_export


def test_generator_is_deterministic_and_parses_to_its_own_totals():
    data = make_toggl_export(2_000, seed=7)
    assert data == make_toggl_export(2_000, seed=7)
    raw = pd.read_csv(io.BytesIO(data), dtype=str)
    parts = raw["Duration"].str.split(":", expand=True).astype(int)
    expected = int((parts[0] * 3600 + parts[1] * 60 + parts[2]).sum())
    result = parse_export(data, "gen.csv")
    assert result.total_seconds == expected
    assert not result.errors
    assert len(result.rows) == (parts.sum(axis=1) > 0).sum()
