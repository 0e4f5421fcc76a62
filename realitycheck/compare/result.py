"""The result of one comparison as a dataclass; dicts (JSON) only for storing and `--json`."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields

from realitycheck.compare.scoring import METRIC_LABELS

SUMMARY_KEYS = (
    "task",
    "rows",
    "columns_used",
    "columns_dropped",
    "primary_metric",
    "models",
    "difference",
    "verdict",
    "verdict_reason",
    "warnings",
)
SUMMARY_MODEL_KEYS = (
    "metrics",
    "fit_seconds",
    "fold_seconds",
    "predict_ms_p50_1row",
    "predict_ms_per_1000",
    "size_bytes",
    "n_parameters",
)
SUMMARY_DIFFERENCE_KEYS = ("metric", "mean", "ci95", "p_value")
SIGNIFICANCE = 0.05


@dataclass
class ModelReport:
    """Scores per fold and costs of one model."""

    metrics: dict[str, dict]  # metric -> {"mean", "std", "folds"}
    fit_seconds: float
    fold_seconds: float
    predict_ms_p50_1row: float
    predict_ms_p95_1row: float
    predict_ms_per_1000: float
    predict_ms_p95_per_1000: float
    size_bytes: int
    n_parameters: int


@dataclass
class ComparisonResult:
    """Everything a page, the CLI or the run history needs about one comparison."""

    task: str
    rows: int
    columns_used: list[dict]  # {"column", "as": "number" | "category"[, "from": date column]}
    columns_dropped: list[dict]
    primary_metric: str
    models: dict[str, ModelReport]
    difference: dict
    verdict: str
    verdict_reason: str
    warnings: list[dict]
    cost_sentence: str = ""
    notes: list[str] = field(default_factory=list)
    dropped_target_rows: int = 0
    classes: list[str] = field(default_factory=list)
    positive_class: str | None = None
    oof: dict = field(default_factory=dict)
    explanations: dict = field(default_factory=dict)
    settings: dict = field(default_factory=dict)
    dataset: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """JSON-safe dict: the CLI's shape plus the extras the page uses (non-finite -> None)."""
        return json_safe(asdict(self))

    @classmethod
    def from_dict(cls, data: dict) -> ComparisonResult:
        """Rebuild a result saved with to_dict (unknown keys are ignored)."""
        values = _known(cls, data)
        values["models"] = {
            name: ModelReport(**_known(ModelReport, m)) for name, m in data["models"].items()
        }
        return cls(**values)

    def summary(self) -> dict:
        """Exactly the documented CLI JSON shape (a subset of to_dict)."""
        full = self.to_dict()
        out = {key: full[key] for key in SUMMARY_KEYS}
        out["models"] = {
            name: {key: m[key] for key in SUMMARY_MODEL_KEYS} for name, m in full["models"].items()
        }
        out["difference"] = {key: full["difference"][key] for key in SUMMARY_DIFFERENCE_KEYS}
        return out


def _known(cls: type, data: dict) -> dict:
    """The entries of `data` that are fields of the dataclass `cls`."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def json_safe(value: object) -> object:
    """The value with non-finite floats as None, numpy scalars as Python, tuples as lists."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    if hasattr(value, "item"):  # numpy scalar
        return json_safe(value.item())
    return value


def cost_sentence(task: str, difference: dict, models: dict[str, ModelReport]) -> str:
    """One line: the gain, whether it is significant, and what boosting costs for it."""
    base, boost = models["baseline"], models["boosted"]
    p = difference["p_value"]
    significance = "significant" if p < SIGNIFICANCE else "not significant"
    metric = difference["metric"]
    if task == "regression":
        change = "lower" if difference["mean"] >= 0 else "higher"
        gain = f"{METRIC_LABELS[metric]} {_number(abs(difference['mean']))} {change} with boosting"
    else:
        gain = f"{difference['mean']:+.3f} AUC"
    train = _ratio(boost.fit_seconds, base.fit_seconds)
    size = _ratio(boost.size_bytes, base.size_bytes)
    return f"{gain}, {significance} ({_p(p)}), for {train} training time and {size} the size."


def _ratio(a: float, b: float) -> str:
    if b <= 0:
        return "n/a"
    r = a / b
    return f"{r:,.0f}x" if r >= 10 else f"{r:.1f}x"


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def _p(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.2g}"
