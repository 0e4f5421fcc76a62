"""Suggestions learned from the team: a text model over what the project already sorted.

TF-IDF over field-tagged words and character n-grams of project, task, tags and description,
into a logistic regression, a linear classifier whose probabilities are calibrated by its log
loss (scikit-learn, imported only when a model is trained).
Trained on the project's own sorted entries, so the team's jargon ("Prodigy session",
"Dagster job") counts; a suggestion is applied only when someone accepts it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from realitycheck.timelog.rules import fold

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

MIN_EXAMPLES = 3  # distinct sorted texts a category needs before it is suggested
HOLDOUT = 0.2
DEFAULT_MIN_CONFIDENCE = 0.8
_WORD = re.compile(r"[^\W_]+")
_NUMBER = re.compile(r"\d+")
TEXT_FIELDS = ["note", "source_project", "task", "tags"]
_FIELDS = (("source_project", "p"), ("task", "t"), ("tags", "g"), ("note", ""))


def _texts(rows: pd.DataFrame) -> pd.DataFrame:
    """Two texts per row: field-tagged words (`p_acme t_review`) and the plain folded text."""
    tagged, plain = [], []
    columns = [rows[c].fillna("").astype(str).tolist() for c, _ in _FIELDS]
    for values in zip(*columns, strict=True):
        words, parts = [], []
        for (_, prefix), value in zip(_FIELDS, values, strict=True):
            folded = _NUMBER.sub("0", fold(value))
            parts.append(folded)
            tokens = _WORD.findall(folded)
            words += [f"{prefix}_{w}" for w in tokens] if prefix else tokens
        tagged.append(" ".join(words))
        plain.append(" | ".join(parts))
    return pd.DataFrame({"tagged": tagged, "plain": plain})


def _pipeline(seed: int) -> Pipeline:
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    features = ColumnTransformer(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), "tagged"),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, max_features=50_000
                ),
                "plain",
            ),
        ]
    )
    # Logistic regression's probabilities are calibrated by its own log loss (scikit-learn's
    # calibration guide); a LinearSVC wrapped in CalibratedClassifierCV took 3-4 s per fit
    # here, as conflicting weighted examples ("code review" in every category) slow liblinear.
    classifier = LogisticRegression(C=10.0, max_iter=300, random_state=seed)
    return Pipeline([("features", features), ("classify", classifier)])


@dataclass
class Suggester:
    """A fitted suggestion model and how often it was right on held-out sorted entries."""

    model: Pipeline = field(repr=False)
    categories: list[str]
    trained_on: int  # sorted entries
    precision: float | None  # held-out: right among the suggestions at `threshold` or above
    coverage: float | None  # held-out: share of entries that got such a suggestion
    threshold: float = DEFAULT_MIN_CONFIDENCE

    def predict(self, rows: pd.DataFrame) -> pd.DataFrame:
        """Per row: `suggestion` (a category) and its `confidence` (a calibrated probability)."""
        if rows.empty:
            return pd.DataFrame({"suggestion": [], "confidence": []}, index=rows.index)
        proba = self.model.predict_proba(_texts(rows))
        best = proba.argmax(axis=1)
        classes = np.asarray(self.model.classes_, dtype=object)
        return pd.DataFrame(
            {"suggestion": classes[best], "confidence": proba[np.arange(len(best)), best]},
            index=rows.index,
        )

    def summary(self) -> str:
        """One sentence on how often suggestions were right on held-out sorted entries."""
        if self.precision is None:
            return f"Learned from {self.trained_on:,} sorted entries (too few to hold some out)."
        return (
            f"On sorted entries held out from training, {self.coverage:.0%} got a suggestion "
            f"at {self.threshold:.0%} confidence or more, and {self.precision:.0%} of those "
            f"were right (learned from {self.trained_on:,} sorted entries)."
        )


def _collapse(examples: pd.DataFrame) -> pd.DataFrame:
    """Examples that differ only in their numbers ("batch 7", "#123") as one, counts summed.

    Numbers say which batch, rarely what kind of work: this keeps the model's input to the
    team's distinct phrasings, so training stays fast at 50,000 sorted entries.
    """
    # A pattern string, not the compiled `_NUMBER`: pandas hands a string to Arrow's regex
    # engine (about 4x faster here; it counts ASCII digits, enough to group "batch 7"s).
    numbers = {
        c: examples[c].fillna("").astype(str).str.replace(_NUMBER.pattern, "0", regex=True)
        for c in TEXT_FIELDS
    }
    collapsed = examples.assign(**numbers)
    return collapsed.groupby([*TEXT_FIELDS, "category"], as_index=False, sort=False)[
        "entries"
    ].sum()


def _augmented(examples: pd.DataFrame) -> pd.DataFrame:
    """The examples, plus a copy without tags of each tagged one (tag dropout).

    A history sorted by its tags would otherwise teach the model to read only the tags,
    and an untagged export in the same words would get no confident suggestion.
    """
    tagged = examples[examples["tags"].fillna("").astype(str) != ""]
    if tagged.empty:
        return examples
    return pd.concat([examples, tagged.assign(tags="")], ignore_index=True)


def _fit(examples: pd.DataFrame, seed: int) -> Pipeline:
    """Fit the pipeline on examples (and their tag-dropout copies), weighted by entries."""
    data = _augmented(examples)
    return _pipeline(seed).fit(
        _texts(data), data["category"], classify__sample_weight=data["entries"].to_numpy()
    )


def _usable(examples: pd.DataFrame) -> pd.DataFrame:
    """The examples of categories with at least MIN_EXAMPLES distinct texts."""
    counts = examples["category"].value_counts()
    return examples[examples["category"].isin(counts[counts >= MIN_EXAMPLES].index)]


def _holdout_scores(
    examples: pd.DataFrame, seed: int, threshold: float
) -> tuple[float | None, float | None]:
    """Fit on 80% of the distinct texts, score the other 20% (weighted by entries)."""
    rng = np.random.default_rng(seed)
    test = rng.random(len(examples)) < HOLDOUT
    train = _usable(examples[~test])
    held = examples[test & examples["category"].isin(train["category"]).to_numpy()]
    if held.empty or train["category"].nunique() < 2:
        return None, None
    model = _fit(train, seed)
    # Scored as an untagged entry would look: a tagged history's tags give its answers away.
    proba = model.predict_proba(_texts(held.assign(tags="")))
    confident = proba.max(axis=1) >= threshold
    right = np.asarray(model.classes_)[proba.argmax(axis=1)] == held["category"].to_numpy()
    weight = held["entries"].to_numpy()
    coverage = weight[confident].sum() / weight.sum()
    precision = (
        (weight[confident & right].sum() / weight[confident].sum()) if confident.any() else None
    )
    return precision, float(coverage)


def train(
    examples: pd.DataFrame, *, seed: int = 0, threshold: float = DEFAULT_MIN_CONFIDENCE
) -> Suggester | None:
    """Fit a suggester on distinct sorted texts (`Store.sorted_examples`); None if too few.

    `examples` has note, source_project, task, tags, category and entries (the count).
    """
    from threadpoolctl import threadpool_limits  # a scikit-learn dependency

    usable = _usable(_collapse(examples))
    if usable["category"].nunique() < 2:
        return None
    # One BLAS thread: on a shared 2-core host, threads made each fit 7x slower (0.8 -> 5.5 s).
    with threadpool_limits(limits=1):
        precision, coverage = _holdout_scores(usable, seed, threshold)
        model = _fit(usable, seed)
    return Suggester(
        model=model,
        categories=sorted(usable["category"].unique()),
        trained_on=int(examples["entries"].sum()),
        precision=None if precision is None else float(precision),
        coverage=coverage,
        threshold=threshold,
    )


def suggest_groups(
    suggester: Suggester | None, groups: pd.DataFrame, entries: pd.DataFrame
) -> pd.DataFrame:
    """Add `suggestion` and `confidence` to each group (`sorting.group_unsorted` output).

    Each distinct entry of a group is predicted; the group's suggestion is the category with
    the highest hours-weighted mean probability, and that mean is its confidence.
    """
    if suggester is None or groups.empty:
        return groups.assign(suggestion=None, confidence=np.nan)
    from threadpoolctl import threadpool_limits

    distinct = entries.drop_duplicates(TEXT_FIELDS)
    with threadpool_limits(limits=1):
        proba = suggester.model.predict_proba(_texts(distinct))
    classes = np.asarray(suggester.model.classes_, dtype=object)
    by_text = {
        key: row
        for key, row in zip(
            distinct[["note", "source_project", "task", "tags"]].itertuples(index=False, name=None),
            proba,
            strict=True,
        )
    }
    lookup = entries.set_index("id")
    suggestion, confidence = [], []
    for ids in groups["ids"]:
        part = lookup.loc[ids]
        keys = part[["note", "source_project", "task", "tags"]].itertuples(index=False, name=None)
        rows = np.vstack([by_text[k] for k in keys])
        mean = np.average(rows, axis=0, weights=part["seconds"].to_numpy() + 1)
        best = int(mean.argmax())
        suggestion.append(classes[best])
        confidence.append(float(mean[best]))
    return groups.assign(suggestion=suggestion, confidence=confidence)
