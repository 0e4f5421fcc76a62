"""User text made safe inside Markdown: shown as typed, never as links, images or formatting."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=])")


def plain(text: object) -> str:
    """`text` with every Markdown-significant character escaped and lines joined."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
