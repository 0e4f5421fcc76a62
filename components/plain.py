"""User text (names, notes) inside Markdown messages, escaped so it shows as typed."""

from __future__ import annotations

import re

# Everything Streamlit's Markdown gives a meaning to: emphasis, links and images, code, maths,
# colour and icon directives, HTML, headings, lists, quotes, tables.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|:$~=])")


def escape(text: str) -> str:
    """`text` with every Markdown special character backslash-escaped (shown literally)."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
