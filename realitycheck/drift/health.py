"""Data health of each sample, and what production holds that training never showed."""

from __future__ import annotations

import numpy as np
import pandas as pd

EXAMPLES = 5  # unseen categories named per column
MESSAGE_SHARE = 0.01  # production shares below this are listed in health but not warned about


def sample_health(frame: pd.DataFrame) -> dict:
    """Rows, duplicate rows, missing share per column (only columns with any), constant columns."""
    missing = frame.isna().mean()
    # Rows hashed to 64 bits, then compared: a quarter of DataFrame.duplicated's time.
    hashed = pd.util.hash_pandas_object(frame, index=False)
    return {
        "rows": int(len(frame)),
        "duplicate_rows": int(hashed.duplicated().sum()),
        "missing": {str(c): round(float(s), 4) for c, s in missing.items() if s > 0},
        "constant": [str(c) for c in frame.columns if _constant(frame[c])],
    }


def _constant(column: pd.Series) -> bool:
    """At most one distinct value besides missing ones (one comparison, no hashing)."""
    present = column.dropna()
    return present.empty or bool((present == present.iloc[0]).all())


def unseen_categories(X: pd.DataFrame, origin: np.ndarray, categorical: list[str]) -> list[dict]:
    """Per categorical feature: levels production has and training lacks, and their rows."""
    found = []
    for col in categorical:
        codes = X[col].cat.codes.to_numpy()
        size = len(X[col].cat.categories)
        in_train = np.bincount(codes[(origin == 0) & (codes >= 0)], minlength=size)
        in_prod = np.bincount(codes[(origin == 1) & (codes >= 0)], minlength=size)
        new = np.flatnonzero((in_train == 0) & (in_prod > 0))
        if len(new):
            rows = int(in_prod[new].sum())
            order = new[np.argsort(-in_prod[new], kind="stable")][:EXAMPLES]
            found.append(
                {
                    "column": col,
                    "levels": len(new),
                    "rows": rows,
                    "share": rows / max(int((origin == 1).sum()), 1),
                    "examples": [str(X[col].cat.categories[k]) for k in order],
                }
            )
    return found


def out_of_range(X: pd.DataFrame, origin: np.ndarray, numeric: list[str]) -> list[dict]:
    """Per numeric feature: production values below the training minimum or above its maximum."""
    found = []
    for col in numeric:
        values = X[col].to_numpy()
        train, prod = values[origin == 0], values[origin == 1]
        if np.isnan(train).all():
            continue
        low, high = float(np.nanmin(train)), float(np.nanmax(train))
        below, above = int(np.sum(prod < low)), int(np.sum(prod > high))
        if below or above:
            present = max(int(np.sum(~np.isnan(prod))), 1)
            found.append(
                {
                    "column": col,
                    "below": below,
                    "above": above,
                    "share": (below + above) / present,
                    "train_min": low,
                    "train_max": high,
                }
            )
    return found


def health_messages(health: dict) -> list[str]:
    """One sentence per problem worth a look, most serious first."""
    messages = []
    for item in health.get("unseen_categories", []):
        if item["share"] >= MESSAGE_SHARE:
            shown = ", ".join(item["examples"])
            messages.append(
                f"{item['share']:.1%} of production rows have a {item['column']} value training "
                f"never had ({item['levels']:,} new: {shown})."
            )
    for item in health.get("out_of_range", []):
        if item["share"] >= MESSAGE_SHARE:
            messages.append(
                f"{item['share']:.1%} of production values of {item['column']} fall outside the "
                f"training range [{item['train_min']:g}, {item['train_max']:g}]."
            )
    for side, label in (("train", "Training"), ("production", "Production")):
        messages += _sample_messages(health.get(side, {}), label)
    if health.get("id_like"):
        messages.append(f"ID-like columns not compared: {', '.join(health['id_like'])}.")
    return messages


def _sample_messages(sample: dict, label: str) -> list[str]:
    messages = []
    if sample.get("duplicate_rows"):
        share = sample["duplicate_rows"] / max(sample["rows"], 1)
        messages.append(
            f"{label} has {sample['duplicate_rows']:,} duplicate rows ({share:.1%} of it)."
        )
    mostly_missing = [c for c, s in sample.get("missing", {}).items() if s >= 0.5]
    if mostly_missing:
        messages.append(f"{label}: half or more missing in {', '.join(mostly_missing)}.")
    if sample.get("constant"):
        messages.append(f"{label}: constant columns {', '.join(sample['constant'])}.")
    return messages
