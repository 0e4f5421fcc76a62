"""The shapes the page overlays: training vs production shares for the top shifted features."""

from __future__ import annotations

import numpy as np
import pandas as pd

TOP_FEATURES = 4
BINS = 30
TAIL = 0.005  # histograms span the 0.5%-99.5% range of both samples (outliers fall in the ends)
TOP_LEVELS = 12
OTHER = "(other)"


def distributions(
    X: pd.DataFrame, origin: np.ndarray, features: list[dict], categorical: list[str]
) -> dict:
    """Histogram or level shares per sample for the most important shifted features.

    When no feature shifted, the most important ones are drawn instead (for context).
    """
    shifted = [f["name"] for f in features if f["shifted"]]
    chosen = (shifted or [f["name"] for f in features])[:TOP_FEATURES]
    out = {}
    for name in chosen:
        values = X[name]
        if name in categorical:
            out[name] = _levels(values, origin)
        elif values.notna().any():
            out[name] = _histogram(values.to_numpy(dtype="float64"), origin)
    return out


def _histogram(values: np.ndarray, origin: np.ndarray) -> dict:
    present = values[~np.isnan(values)]
    low, high = np.quantile(present, [TAIL, 1 - TAIL])
    if low == high:
        low, high = present.min(), present.max()
    edges = np.histogram_bin_edges(np.clip(present, low, high), bins=BINS, range=(low, high))
    shares = {}
    for side, key in ((0, "train"), (1, "production")):
        v = values[(origin == side) & ~np.isnan(values)]
        counts, _ = np.histogram(np.clip(v, low, high), bins=edges)
        shares[key] = (counts / max(len(v), 1)).round(5).tolist()
    return {"kind": "numeric", "edges": edges.round(6).tolist(), **shares}


def _levels(values: pd.Series, origin: np.ndarray) -> dict:
    codes = values.cat.codes.to_numpy()
    names = [str(c) for c in values.cat.categories]
    counts = np.vstack(
        [np.bincount(codes[(origin == k) & (codes >= 0)], minlength=len(names)) for k in (0, 1)]
    ).astype("float64")
    shares = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    order = np.argsort(-shares.sum(axis=0), kind="stable")
    top, rest = order[:TOP_LEVELS], order[TOP_LEVELS:]
    levels = [names[k] for k in top]
    train, prod = shares[0, top].tolist(), shares[1, top].tolist()
    if len(rest):
        levels.append(OTHER)
        train.append(float(shares[0, rest].sum()))
        prod.append(float(shares[1, rest].sum()))
    return {
        "kind": "categorical",
        "levels": levels,
        "train": np.round(train, 5).tolist(),
        "production": np.round(prod, 5).tolist(),
    }
