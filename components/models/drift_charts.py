"""Plotly figures for the data-reality page, built from a result dict (no Streamlit calls)."""

from __future__ import annotations

import html

import plotly.graph_objects as go

from components.figures import styled

SIDES = {"train": ("Training", "#3E7CB1"), "production": ("Production", "#E8743B")}
HEIGHT = 320


def distribution_figure(name: str, dist: dict) -> go.Figure:
    """Training vs production shares of one feature: overlaid histogram, or bars per level."""
    if dist["kind"] == "numeric":
        edges = dist["edges"]
        centers = [(a + b) / 2 for a, b in zip(edges[:-1], edges[1:], strict=True)]
        widths = [b - a for a, b in zip(edges[:-1], edges[1:], strict=True)]
        traces = [_bars(side, centers, dist[side], width=widths, opacity=0.55) for side in SIDES]
        barmode = "overlay"
    else:
        levels = [html.escape(level) for level in dist["levels"]]
        traces = [_bars(side, levels, dist[side]) for side in SIDES]
        barmode = "group"
    fig = go.Figure(traces)
    return styled(
        fig,
        title=html.escape(name),
        barmode=barmode,
        bargap=0.05,
        yaxis_title="share of the sample",
        yaxis_tickformat=".0%",
        height=HEIGHT,
    )


def _bars(side: str, x: list, y: list, **extra: object) -> go.Bar:
    label, color = SIDES[side]
    return go.Bar(x=x, y=y, name=label, marker_color=color, **extra)


def importance_figure(features: list[dict], top: int = 12) -> go.Figure:
    """What the adversarial classifier leaned on: each feature's share of its total gain."""
    chosen = features[:top][::-1]
    colors = [SIDES["production" if f["shifted"] else "train"][1] for f in chosen]
    bar = go.Bar(
        y=[html.escape(f["name"]) for f in chosen],
        x=[f["importance"] for f in chosen],
        orientation="h",
        marker_color=colors,
        showlegend=False,
    )
    return styled(
        go.Figure([bar]),
        title="What tells the samples apart",
        xaxis_tickformat=".0%",
        height=max(HEIGHT, 26 * len(chosen) + 80),
    )
