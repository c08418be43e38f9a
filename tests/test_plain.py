"""Free text through Streamlit's Markdown: ui.plain escapes what Markdown or $...$ maths would read."""

import re

import pytest

from ui.plain import plain, shown


@pytest.mark.parametrize(
    "text",
    [
        "Bring $5 and $10 in cash",
        "**draft** _not_ final",
        "# 3 · room [B] (first floor)",
        "1. Opening",
        "- bring passports",
        "a\\b `code` <b>bold</b> ~strike~ |pipe| {x} !+",
        "Прокуратура м. Києва",
    ],
)
def test_every_markup_character_is_escaped_and_nothing_else_changes(text):
    escaped = plain(text)
    # every ASCII punctuation character Markdown could read is preceded by a backslash ...
    assert not re.search(r"(?<!\\)[*_`$#\[\]<>~|]", escaped.replace("\\\\", ""))
    # ... and removing the escapes, as Markdown does when it renders, gives the text back
    assert shown(escaped) == text
