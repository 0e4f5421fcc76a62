"""The look every plotly figure shares (fonts, margins, legend); no Streamlit calls here."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

TEXT_COLOR = "#0B0F14"  # the theme's text colour: tick labels at 4.5:1 or better, not grey
FONT = {"size": 14, "color": TEXT_COLOR}
# No plotly mode bar: on a phone it covered every chart's title, and nobody zooms a bar chart.
CONFIG = {"displayModeBar": False}


def styled(fig: go.Figure, font_size: int = FONT["size"], **layout: Any) -> go.Figure:  # noqa: ANN401
    """Apply the shared layout to `fig` (plus any extra layout settings) and return it."""
    fig.update_layout(
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        font=FONT | {"size": font_size},
        legend={"orientation": "h", "y": -0.15},
        plot_bgcolor="white",
        **layout,
    )
    ticks = {
        "tickfont_color": TEXT_COLOR,
        "tickfont_size": font_size,
        "title_font_color": TEXT_COLOR,
    }
    fig.update_xaxes(**ticks)
    fig.update_yaxes(**ticks)
    return fig
