"""Day/month order inferred harder: the reading whose dates span far less wins; AM/PM and USD
are evidence of month first; the page and CLI ask only when still ambiguous, and say why."""

import pandas as pd
import pytest

from realitycheck.dates import parse_dates
from realitycheck.timelog.importers import parse_export

CLOCKIFY = (
    '"Project","Client","Description","Task","User","Group","Email","Tags","Billable",'
    '"Start Date","Start Time","End Date","End Time","Duration (h)","Duration (decimal)"'
)


def clockify(days: list[str], clock: str = "09:00:00", end: str = "10:00:00", header=CLOCKIFY):
    rows = [
        f'"P","","Work","","Dee","","d@x","","No","{d}","{clock}","{d}","{end}","01:00:00","1.00"'
        for d in days
    ]
    return "\r\n".join([header, *rows]).encode()


def test_twelve_consecutive_days_beat_twelve_months():
    days = [f"04/{d:02d}/2024" for d in range(1, 13)]  # April 1-12, or the 4th of 12 months
    parsed = parse_dates(pd.Series(days), weigh_span=True)  # as the time log reads dates
    assert (parsed.day_first, parsed.ambiguous) == (False, False)
    assert "12 days" in parsed.evidence
    assert "11 months" in parsed.evidence
    result = parse_export(clockify(days), "c.csv")
    assert not result.ambiguous_dates
    assert str(result.rows["date"].min()) == "2024-04-01"
    assert any("12 days" in w for w in result.warnings)


def test_a_twelve_hour_clock_is_evidence_of_month_first():
    days = ["03/04/2024", "04/03/2024"]  # both readings span about a month
    result = parse_export(clockify(days, "09:00 AM", "10:00 AM"), "c.csv")
    assert not result.ambiguous_dates
    assert result.day_first is False
    assert any("12-hour clock" in w for w in result.warnings)


def test_a_usd_column_is_evidence_of_month_first():
    header = CLOCKIFY + ',"Billable Rate (USD)"'
    rows = clockify(["03/04/2024", "04/03/2024"], header=header).decode().split("\r\n")
    data = "\r\n".join([rows[0], *(r + ',"0.00"' for r in rows[1:])]).encode()
    result = parse_export(data, "c.csv")
    assert (result.ambiguous_dates, result.day_first) == (False, False)
    assert any("USD" in w for w in result.warnings)


@pytest.mark.parametrize("days", [["03/04/2024", "04/03/2024"], ["01/02/2024", "02/01/2024"]])
def test_still_ambiguous_asks(days):
    result = parse_export(clockify(days), "c.csv")
    assert result.ambiguous_dates


def test_the_usd_fixture_reads_month_first_and_says_why():
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "fixtures" / "timelogs" / "clockify_ambiguous.csv"
    result = parse_export(path.read_bytes(), "c.csv")
    assert (result.ambiguous_dates, result.day_first) == (False, False)
    assert [str(d) for d in result.rows["date"]] == ["2024-03-04", "2024-05-04"]
    assert any("USD" in w for w in result.warnings)
