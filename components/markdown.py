"""User text made safe inside Markdown: shown exactly as typed, never as links, images or formatting.

Every element that renders Markdown (captions, headings, alerts, toasts, expander labels,
`st.markdown`, `st.write`) gets a user's string only through `plain()`. A name such as
`![x](http://host/b.png)` would otherwise make every reader's browser fetch that address.
"""

from __future__ import annotations

import re

# ASCII punctuation that can start or end a Markdown, GFM or Streamlit construct (links,
# images, emphasis, HTML, `$math$`, `:red[...]`, `:material/icon:`, headings, lists, tables,
# autolinks, "->" arrows). Left as typed: , ; % ' " ? / (nothing starts with them once `:`
# is escaped, so messages stay readable).
_PUNCTUATION = re.compile(r"[!#$&()*+\-.:<=>@\[\\\]^_`{|}~]")
# An invisible WORD JOINER beside the characters that text-level passes look for: autolinks
# (`http://`, `www.`, `a@b.co`), emoji shortcodes (`:smile:`) and typography (`->` to an arrow)
# run on the decoded text, after character references are resolved. Only there, so names and
# file names copy out of the page as typed.
_JOINER = "\u2060"
_JOINED = frozenset(":@-<>~=")
_WWW_DOT = re.compile(r"(?i)(?<=www)&#46;")
# Control characters (NUL...) and bidirectional overrides (U+202E reverses what follows).
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
MAX_SHOWN = 300  # characters of one user string shown inline (the rest becomes "…")


def plain(value: object, limit: int = MAX_SHOWN) -> str:
    """`value` as Markdown that renders as exactly its text, on one line, at most `limit` long."""
    text = _INVISIBLE.sub("", " ".join(str(value).split()))
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    escaped = _PUNCTUATION.sub(_reference, text)
    return _WWW_DOT.sub(f"{_JOINER}&#46;", escaped)


def _reference(match: re.Match) -> str:
    """A character as a numeric reference, with joiners where a text-level pass could match."""
    char = match.group()
    reference = f"&#{ord(char)};"
    return f"{_JOINER}{reference}{_JOINER}" if char in _JOINED else reference


def shown(markdown: str) -> str:
    """The text a reader sees for `markdown` made by `plain()` (for tests and logs)."""
    decoded = re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), markdown)
    return decoded.replace(_JOINER, "")


def plural(count: int, noun: str) -> str:
    """'1 entry', '2 entries', '3 changes'."""
    if count == 1:
        return f"1 {noun}"
    return f"{count:,} {noun[:-1]}ies" if noun.endswith("y") else f"{count:,} {noun}s"
