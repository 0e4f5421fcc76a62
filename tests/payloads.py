"""Hostile strings a hosted app meets in names, notes and imported rows (issue: safe to host)."""

LONG = "A" * 100_000
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![x](http://127.0.0.1:9/b.png)",
    "**bold**",
    "$x^2$",
    ":red[x] :material/home:",
    "=cmd|' /C calc'!A0",
    "+1+1",
    "@SUM(1)",
    "-2+3",
    LONG,
    "nul\x00byte",
    "right\u202eto left",
    "party 🎉 emoji",
    "line one\nline two",
]
# The ones Markdown, HTML or Streamlit would interpret if shown raw.
MARKUP = PAYLOADS[:7]
# A name that makes a reader's browser fetch an address when rendered as Markdown.
BEACON = "![x](http://127.0.0.1:9/b.png)"
# What a spreadsheet would run as a formula.
FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "@SUM(1)", "-2+3"]
