"""Published figures on where data scientists' time goes, read from data/ with their citations."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from realitycheck.config import DATA_DIR
from realitycheck.timelog.categories import GROUPS

FIGURES_PATH = DATA_DIR / "published_figures.json"


@dataclass(frozen=True)
class Reference:
    """One published survey: its label, citation, and share per activity group."""

    key: str
    label: str
    citation: str
    mapping_note: str
    group_shares: dict[str, float]
    items: list[dict]


def load_references(path: Path = FIGURES_PATH) -> list[Reference]:
    """The published figures, with each survey's items summed per group."""
    sources = json.loads(path.read_text(encoding="utf-8"))["sources"]
    return [
        Reference(
            key=s["key"],
            label=s["label"],
            citation=s["citation"],
            mapping_note=s.get("mapping_note", ""),
            group_shares={
                g: round(sum(i["share"] for i in s["items"] if i["group"] == g), 4) for g in GROUPS
            },
            items=s["items"],
        )
        for s in sources
    ]
