"""Tables and text of a drift result for people: features, models, target, the CLI report."""

from __future__ import annotations

import pandas as pd

from realitycheck.compare.scoring import LOWER_IS_BETTER, METRIC_LABELS
from realitycheck.drift.features import TEST_LABELS, psi_band
from realitycheck.drift.health import health_messages

MODEL_TITLES = {"baseline": "Baseline (linear)", "boosted": "Boosted (XGBoost)"}


def features_table(result: dict) -> pd.DataFrame:
    """One row per feature: shifted ones first, then by importance in the adversarial model."""
    rows = [
        {
            "feature": f["name"],
            "shifted": "yes" if f["shifted"] else "no",
            "test": TEST_LABELS[f["test"]],
            "value": _number(f["statistic"] if f["p_value"] is None else f["p_value"]),
            "PSI": _number(f["psi"]),
            "PSI reading": psi_band(f["psi"]),
            "importance": f"{f['importance']:.1%}",
            "kind": f["kind"],
        }
        for f in sorted(result["features"], key=lambda f: (not f["shifted"], -f["importance"]))
    ]
    return pd.DataFrame(rows)


def models_table(result: dict) -> pd.DataFrame | None:
    """Each model's cross-validated promise beside its production score, and the change."""
    models = result.get("models")
    if not models:
        return None
    rows = []
    for name, m in models.items():
        change = None if m["production"] is None else m["production"] - m["cv"]
        rows.append(
            {
                "model": MODEL_TITLES.get(name, name),
                "metric": METRIC_LABELS[m["metric"]],
                "cross-validation (training)": _number(m["cv"]),
                "production": _number(m["production"]),
                "change": "n/a" if change is None else f"{change:+.4g}",
            }
        )
    return pd.DataFrame(rows)


def promise_sentences(result: dict) -> list[str]:
    """Per model: cross-validation promised this score; production gave that one."""
    sentences = []
    for name, m in (result.get("models") or {}).items():
        label = METRIC_LABELS[m["metric"]]
        gave = "was undefined" if m["production"] is None else f"gave {_number(m['production'])}"
        sentences.append(
            f"{MODEL_TITLES.get(name, name)}: cross-validation promised {_number(m['cv'])} "
            f"{label}; production {gave}."
        )
    return sentences + _who_suffers(result.get("models") or {})


def _who_suffers(models: dict) -> list[str]:
    """Which model loses more of its promise (lower-is-better metrics count a rise as a loss)."""
    losses = {}
    for name, m in models.items():
        if m["production"] is not None:
            sign = -1 if m["metric"] in LOWER_IS_BETTER else 1
            losses[name] = sign * (m["cv"] - m["production"])
    if len(losses) < 2:
        return []
    worse = max(losses, key=losses.get)
    better = min(losses, key=losses.get)
    if abs(losses[worse] - losses[better]) < 1e-3 * max(1.0, abs(losses[worse])):
        return ["Both models lose about as much on production."]
    return [
        f"{MODEL_TITLES[worse]} loses more of its promise on production than {MODEL_TITLES[better]}."
    ]


def target_sentence(result: dict) -> str | None:
    """Label shift in one line: the target's rate, shares or mean on each side."""
    target = result.get("target")
    if not target:
        return None
    measure = target["measure"]
    if target["task"] == "multiclass":
        parts = [
            f"{k} {target['train'][k]:.1%} -> {target['production'].get(k, 0):.1%}"
            for k in target["train"]
        ]
        return f"Target {target['name']!r}, {measure}: " + ", ".join(parts) + "."
    fmt = "{:.1%}" if target["task"] == "binary" else "{:.4g}"
    return (
        f"Target {target['name']!r}, {measure}: {fmt.format(target['train'])} in training, "
        f"{fmt.format(target['production'])} in production."
    )


def _number(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}"


def text_report(result: object) -> str:
    """A readable plain-text report of one drift check (the CLI's default output)."""
    data = result.to_dict()
    low, high = data["drift_score_ci95"]
    lines = [
        f"Data reality: {data['rows_train']:,} training rows vs {data['rows_production']:,} "
        f"production rows, {len(data['columns_compared'])} features compared",
        "",
        f"Verdict: {data['verdict']} (drift score {data['drift_score']:.3f}, 95% CI "
        f"{low:.3f} to {high:.3f})",
        f"  {data['headline']}",
        "",
        features_table(data).to_string(index=False),
    ]
    extra = [target_sentence(data), *promise_sentences(data)]
    lines += [""] + [line for line in extra if line] if any(extra) else []
    lines += ["", *(f"Health: {m}" for m in health_messages(data["health"]))]
    lines += [f"Warning ({w['column'] or 'run'}): {w['message']}" for w in data["warnings"]]
    return "\n".join(lines).rstrip()
