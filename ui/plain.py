"""Free text from a plan (names, titles, notes, file names, values in messages) shown through Streamlit's
Markdown exactly as typed: no emphasis, headings, links, images, maths, colours or icons."""

from __future__ import annotations

import re

_MARKUP = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character: CommonMark escapes each
_JOINER = "\u2060"  # WORD JOINER: invisible, and a word character to none of the patterns below
# where a code or an address could start: a colon before a word, "/", "+" or "-"; an "@" between words;
# "www" before its dot
_CODE_START = re.compile(r"(?<=:)(?=[\w+/-])|(?<=[\w.+-]@)(?=\w)|(?i:(?<=\bwww)(?=\.))")


def plain(text: str) -> str:
    """`text` with every character that Markdown (or Streamlit's $...$ maths) would read escaped, so
    that "costs $5 and $10" or "**draft**" show as typed.

    Escapes are not enough for what Streamlit finds in the text after Markdown has read it: its icon
    and emoji codes (":material/warning:", ":smile:"), and the bare addresses and e-mail addresses that
    GitHub-flavoured Markdown turns into links. An invisible word joiner where one could start (after
    a colon before a word, in an e-mail address after its "@", between "www" and its dot) keeps those
    from matching; the text reads and prints the same."""
    return _MARKUP.sub(r"\\\1", _CODE_START.sub(_JOINER, text))


def shown(markdown: str) -> str:
    """What `plain` text reads as once rendered: escapes and word joiners removed (for tests and checks)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace(_JOINER, "")
