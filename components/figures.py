"""The look every plotly figure shares (fonts, margins, legend); no Streamlit calls here."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

FONT = {"size": 14}


def styled(fig: go.Figure, **layout: Any) -> go.Figure:  # noqa: ANN401
    """Apply the shared layout to `fig` (plus any extra layout settings) and return it."""
    fig.update_layout(
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        font=FONT,
        legend={"orientation": "h", "y": -0.15},
        plot_bgcolor="white",
        **layout,
    )
    return fig
