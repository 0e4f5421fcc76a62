"""How each fitted model decides: standardized linear coefficients beside XGBoost contributions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from sklearn.compose import ColumnTransformer
    from sklearn.pipeline import Pipeline

TOP_TERMS = 25


def explain(
    fitted: dict[str, Pipeline],
    X: pd.DataFrame,
    numeric: Sequence[str],
    categorical: Sequence[str],
    task: str,
    seed: int,
    rows: int,
) -> dict:
    """Standardized baseline coefficients beside mean |XGBoost contributions| on a row sample."""
    picked = np.random.default_rng(seed).permutation(len(X))[:rows]
    sample = X.iloc[np.sort(picked)]
    per_feature, terms = baseline_weights(fitted["baseline"], sample, numeric, categorical)
    units = "target units" if task == "regression" else "log-odds"
    return {
        "baseline": per_feature,
        "baseline_terms": terms,
        "boosted": boosted_contributions(fitted["boosted"], sample),
        "baseline_units": f"|coefficient x term SD| summed per feature ({units})",
        "boosted_units": f"mean |pred_contribs| per feature ({units})",
        "rows": int(len(sample)),
    }


def baseline_weights(
    model: Pipeline, X: pd.DataFrame, numeric: Sequence[str], categorical: Sequence[str]
) -> tuple[list[dict], list[dict]]:
    """Per feature: sum of |coefficient x term SD|; and the top signed standardized terms."""
    prep, linear = model["prep"], model["model"]
    Z = prep.transform(X)
    Z = Z.toarray() if hasattr(Z, "toarray") else np.asarray(Z)
    coef = np.atleast_2d(linear.coef_)
    signed = coef[0] if coef.shape[0] == 1 else np.abs(coef).mean(axis=0)
    standardized = signed * Z.std(axis=0)
    terms = _term_names(prep, numeric, categorical)
    if len(terms) != standardized.size:  # unexpected layout: name terms by position
        terms = [(f"term {i}", f"term {i}") for i in range(standardized.size)]
    per_feature: dict[str, float] = {}
    for (feature, _), value in zip(terms, standardized, strict=True):
        per_feature[feature] = per_feature.get(feature, 0.0) + abs(float(value))
    order = np.argsort(-np.abs(standardized))[:TOP_TERMS]
    top = [
        {"term": terms[i][1], "feature": terms[i][0], "coefficient": float(standardized[i])}
        for i in order
    ]
    return _ranked(per_feature), top


def _term_names(
    prep: ColumnTransformer, numeric: Sequence[str], categorical: Sequence[str]
) -> list[tuple[str, str]]:
    """(feature, term) for every column the ColumnTransformer outputs, in output order."""
    terms = []
    if numeric:
        imputer = prep.named_transformers_["num"]["impute"]
        terms += [(c, c) for c in numeric]
        indicator = getattr(imputer, "indicator_", None)
        if indicator is not None:
            terms += [(numeric[i], f"{numeric[i]} is missing") for i in indicator.features_]
    if categorical:
        onehot = prep.named_transformers_["cat"]["onehot"]
        rare_sets = getattr(onehot, "infrequent_categories_", None) or [None] * len(categorical)
        for col, levels, rare in zip(categorical, onehot.categories_, rare_sets, strict=True):
            rare_set = set(rare) if rare is not None else set()
            terms += [(col, f"{col} = {lvl}") for lvl in levels if lvl not in rare_set]
            if rare_set:
                terms.append((col, f"{col} = (rare levels)"))
    return terms


def boosted_contributions(model: Pipeline, X: pd.DataFrame) -> list[dict]:
    """Per feature: mean |contribution| to the margin, from XGBoost's pred_contribs."""
    from xgboost import DMatrix

    booster = model[-1].get_booster()
    contribs = booster.predict(DMatrix(X, enable_categorical=True), pred_contribs=True)
    contribs = np.abs(np.asarray(contribs))
    per_feature = contribs.mean(axis=tuple(range(contribs.ndim - 1)))[:-1]  # last: bias
    return _ranked(dict(zip(X.columns, map(float, per_feature), strict=True)))


def _ranked(values: dict[str, float]) -> list[dict]:
    return [
        {"feature": str(k), "value": v}
        for k, v in sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
