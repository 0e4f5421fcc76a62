"""The result of one drift check as plain data: the CLI's JSON shape plus what the page draws."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

from realitycheck.compare.result import json_safe

SUMMARY_KEYS = (
    "rows_train",
    "rows_production",
    "columns_compared",
    "drift_score",
    "adversarial_auc",
    "adversarial_auc_ci95",
    "verdict",
    "features",
    "health",
    "target",
    "models",
    "warnings",
)
FEATURE_KEYS = ("name", "kind", "test", "statistic", "p_value", "psi", "shifted", "importance")


@dataclass
class DriftResult:
    """Everything a page, the CLI or the run history needs about one drift check."""

    rows_train: int
    rows_production: int
    columns_compared: list[str]
    drift_score: float
    adversarial_auc: float
    adversarial_auc_ci95: list[float]
    verdict: str
    features: list[dict]  # FEATURE_KEYS each, the adversarial model's most important first
    health: dict
    target: dict | None
    models: dict | None
    warnings: list[dict]  # {"column", "message"}
    drift_score_ci95: list[float] = field(default_factory=list)
    headline: str = ""
    distributions: dict = field(default_factory=dict)  # feature -> histogram or level shares
    samples: dict = field(default_factory=dict)  # names, fingerprints, input rows, split
    settings: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """JSON-safe dict: the CLI's keys plus the extras the page uses (non-finite -> None)."""
        return json_safe(asdict(self))

    @classmethod
    def from_dict(cls, data: dict) -> DriftResult:
        """Rebuild a result saved with to_dict (unknown keys are ignored)."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def summary(self) -> dict:
        """Exactly the documented CLI JSON shape (a subset of to_dict)."""
        full = self.to_dict()
        out = {key: full[key] for key in SUMMARY_KEYS}
        out["features"] = [{key: f[key] for key in FEATURE_KEYS} for f in full["features"]]
        return out
