"""Free text from a plan (names, titles, notes) shown through Streamlit's Markdown exactly as typed."""

from __future__ import annotations

import re

_MARKUP = re.compile(r"([\\`*_{}\[\]()#+\-.!|$~<>])")


def plain(text: str) -> str:
    """`text` with every character that Markdown (or Streamlit's $...$ maths) would read escaped, so
    that "costs $5 and $10" or "**draft**" show as typed."""
    return _MARKUP.sub(r"\\\1", text)
