"""Plotly figures for the time log, built from plain data (no Streamlit calls here)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.figures import FONT, styled
from realitycheck.timelog.categories import GROUP_LABELS, GROUPS, UNSORTED
from realitycheck.timelog.summary import Summary

GROUP_COLORS = {
    "data_work": "#D2642C",
    "modeling": "#3E7CB1",
    "other": "#9AA5B1",
    UNSORTED: "#E4E7EB",
}
EXPECTED_COLOR = "#CBD2D9"


def expected_vs_actual(summary: Summary, font_size: int = FONT["size"]) -> go.Figure:
    """Grouped bars: expected share and actual share for each activity group."""
    labels = [GROUP_LABELS[g] for g in GROUPS]
    expected = [summary.groups[g].expected_share for g in GROUPS]
    actual = [summary.groups[g].share for g in GROUPS]
    fig = go.Figure(
        [
            go.Bar(name="Expected", x=labels, y=expected, marker_color=EXPECTED_COLOR),
            go.Bar(
                name="Actual",
                x=labels,
                y=actual,
                marker_color=[GROUP_COLORS[g] for g in GROUPS],
                text=[f"{a:.0%}" for a in actual],
                textposition="outside",
            ),
        ]
    )
    return styled(
        fig,
        font_size,
        barmode="group",
        title="Expected vs actual share",
        yaxis_tickformat=".0%",
    )


PARTIAL_OPACITY = 0.4
MIN_LABELLED_SHARE = 0.06  # a label in a narrower bar segment is unreadable: leave it out


WEEK_MS = 7 * 24 * 3600 * 1000
MAX_WEEK_TICKS = 12


def weekly_trend(weekly: pd.DataFrame) -> go.Figure:
    """Stacked bars of hours per week by group (`week`, `group`, `hours`, `partial`).

    Weeks the date range covers only in part are drawn pale, so they do not read as drops.
    """
    bars = []
    shown = [*GROUPS, *([UNSORTED] if (weekly["group"] == UNSORTED).any() else [])]
    for g in shown:
        rows = weekly.loc[weekly["group"] == g]
        partial = rows["partial"].astype(bool) if "partial" in rows else pd.Series(False)
        bars.append(
            go.Bar(
                name=GROUP_LABELS[g],
                x=rows["week"],
                y=rows["hours"],
                marker={"color": GROUP_COLORS[g], "opacity": partial.map(_opacity).tolist()},
                customdata=partial.map({True: " (partial week)", False: ""}).tolist(),
                hovertemplate="week of %{x|%d %b %Y}%{customdata}: %{y:.1f} h",
            )
        )
    fig = go.Figure(bars)
    # A tick per week (every few weeks on a long range), labelled with its Monday: left to
    # itself, plotly labelled a single week "00:00:00 Mar 4, 2024" and put hours between weeks.
    weeks = weekly["week"].nunique()
    if weeks:
        step = max(1, -(-weeks // MAX_WEEK_TICKS))
        fig.update_xaxes(
            type="date",
            dtick=step * WEEK_MS,
            tick0=str(weekly["week"].min()),
            tickformat="%d %b %Y" if weeks == 1 else "%d %b",
        )
    title = "Hours per week (weeks start on Monday; pale: partial week)"
    return styled(fig, barmode="stack", title=title, yaxis_title="hours")


def _opacity(partial: bool) -> float:
    return PARTIAL_OPACITY if partial else 1.0


def category_breakdown(by_category: pd.DataFrame) -> go.Figure:
    """Horizontal bars of hours per category, coloured by group."""
    shown = by_category[(by_category["group"] != UNSORTED) | (by_category["seconds"] > 0)]
    frame = shown.assign(hours=shown["seconds"] / 3600).iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=frame["hours"],
            y=frame["category"],
            orientation="h",
            marker_color=[GROUP_COLORS[g] for g in frame["group"]],
            text=[f"{h:,.1f} h" for h in frame["hours"]],
            textposition="outside",  # inside a short bar the label shrank to a few pixels
            cliponaxis=False,
        )
    )
    fig.update_xaxes(range=[0, frame["hours"].max() * 1.3 if len(frame) else 1])
    return styled(fig, title="Hours by category", xaxis_title="hours", height=420)


def versus_published(summary: Summary, references: list) -> go.Figure:
    """100%-stacked bars: the team's split beside each published survey's split."""
    names = ["Your team", *[r.label for r in references]]
    shares = [{g: summary.groups[g].share for g in GROUPS}] + [r.group_shares for r in references]
    fig = go.Figure(
        [
            go.Bar(
                name=GROUP_LABELS[g],
                y=names,
                x=[s[g] for s in shares],
                orientation="h",
                marker_color=GROUP_COLORS[g],
                text=[f"{s[g]:.0%}" if s[g] >= MIN_LABELLED_SHARE else "" for s in shares],
                textposition="inside",
            )
            for g in GROUPS
        ]
    )
    return styled(
        fig, barmode="stack", title="Your split beside published figures", xaxis_tickformat=".0%"
    )
