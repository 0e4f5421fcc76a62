"""Form pieces of the Settings page."""

from __future__ import annotations

import streamlit as st

from realitycheck.timelog.categories import GROUP_LABELS, GROUPS


def expected_split_inputs(expected: dict[str, float], key: str) -> dict[str, float]:
    """Three percentage inputs (one per group); returns shares as fractions."""
    cols = st.columns(3)
    shares = {
        group: column.number_input(
            f"{GROUP_LABELS[group]} %",
            min_value=0,
            max_value=100,
            step=5,
            value=round(expected[group] * 100),
            key=f"expected_{key}_{group}",
        )
        / 100
        for column, group in zip(cols, GROUPS, strict=True)
    }
    total = sum(shares.values())
    if abs(total - 1) > 0.005:
        st.caption(f":red[The expected split adds up to {total:.0%}; it must add up to 100%.]")
    return shares
