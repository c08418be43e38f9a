"""Languages: the ISO 639-1 codes a plan may use, and the words of a delegation's page and calendar in each
language the page speaks."""

from scheduler.languages.calendar_words import calendar_word, room_text
from scheduler.languages.codes import LANGUAGES, is_language, language_code, language_name
from scheduler.languages.visitor import (
    DEFAULT,
    WORDS,
    browser_languages,
    day_text,
    invitation_text,
    languages_for,
    moment_text,
    opening_language,
    word,
)

__all__ = [
    "DEFAULT",
    "LANGUAGES",
    "WORDS",
    "browser_languages",
    "calendar_word",
    "day_text",
    "invitation_text",
    "is_language",
    "language_code",
    "language_name",
    "languages_for",
    "moment_text",
    "opening_language",
    "room_text",
    "word",
]
