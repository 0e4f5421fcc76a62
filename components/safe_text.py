"""User text made safe for Streamlit's Markdown: shown exactly as typed, never interpreted.

Every element that renders Markdown (captions, headings, alerts, toasts, expander labels,
`st.markdown`, `st.write`) gets a user's string only through `md()`. A name such as
`![x](http://host/b.png)` would otherwise make every reader's browser fetch that address.
"""

from __future__ import annotations

import re

# ASCII punctuation that can start or end a Markdown, GFM or Streamlit construct (links,
# images, emphasis, HTML, `$math$`, `:red[...]`, `:material/icon:`, headings, lists, tables,
# autolinks, "->" arrows). Left as typed: , ; % ' " ? / (nothing starts with them once `:`
# is escaped, so messages stay readable).
_PUNCTUATION = re.compile(r"[!#$&()*+\-.:<=>@\[\\\]^_`{|}~]")
# Invisible WORD JOINER around each escaped character: the autolink, emoji-shortcode and
# typographic ("->" to an arrow) passes run on the decoded text, after character references
# are resolved; the joiner keeps `http://`, `www.`, `a@b.co` and `:smile:` from matching.
_JOINER = "\u2060"
# Control characters (NUL...) and bidirectional overrides (U+202E reverses what follows).
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
MAX_SHOWN = 300  # characters of one user string shown inline (the rest becomes "…")


def md(value: object, limit: int = MAX_SHOWN) -> str:
    """`value` as Markdown that renders as exactly its text, on one line, at most `limit` long."""
    text = _INVISIBLE.sub("", " ".join(str(value).split()))
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _PUNCTUATION.sub(lambda m: f"{_JOINER}&#{ord(m.group())};{_JOINER}", text)


def shown(markdown: str) -> str:
    """The text a reader sees for `markdown` made by `md()` (for tests and logs)."""
    decoded = re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), markdown)
    return decoded.replace(_JOINER, "")
