"""Which language a delegation's page speaks, and its words and dates in it (the words themselves
are in `scheduler.languages.visitor_words`; the page and the delegations' calendars use them).

Visitors read their programme on a phone abroad: the page opens in their delegation's language (the
one their phone asks for, where the delegation speaks several), with English always one tap away.
Titles, names and places are the plan's own and stay as staff wrote them.
"""

from __future__ import annotations

from datetime import date, datetime

from scheduler.languages.visitor_words import WORDS

DEFAULT = "en"


def languages_for(spoken: tuple[str, ...]) -> list[str]:
    """The page's languages a delegation may choose from: the ones it speaks first, English always."""
    codes = [code.strip().casefold() for code in spoken]
    found = [code for code in dict.fromkeys(codes) if code in WORDS]
    return found + ([DEFAULT] if DEFAULT not in found else [])


def opening_language(spoken: tuple[str, ...], asked: list[str]) -> str:
    """The language the page opens in: the delegation's first, unless the visitor's browser asks for
    another of the delegation's languages (English only when the delegation speaks nothing else)."""
    options = languages_for(spoken)
    return next((code for code in asked if code in options and code != DEFAULT), options[0])


def browser_languages(accept_language: str | None) -> list[str]:
    """The page's languages that a browser asks for (its Accept-Language header), most wanted first:
    "pl-PL,pl;q=0.9,en;q=0.8" gives ["pl", "en"]. A malformed part is skipped, never an error."""
    ranked = []
    for order, part in enumerate((accept_language or "").split(",")):
        tag, *parameters = (piece.strip() for piece in part.split(";"))
        weight = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        code = tag.split("-")[0].casefold()
        if code in WORDS and weight > 0:
            ranked.append((-weight, order, code))
    return list(dict.fromkeys(code for _, _, code in sorted(ranked)))


def word(language: str, key: str, **values: str) -> str:
    text = WORDS.get(language, WORDS[DEFAULT])[key]
    return text.format(**values) if values else text


def day_text(language: str, day: date) -> str:
    words = WORDS.get(language, WORDS[DEFAULT])
    weekday = words["weekdays"].split()[day.weekday()]
    month = words["months"].split()[day.month - 1]
    return words["day"].format(weekday=weekday, day=day.day, month=month, year=day.year)


def moment_text(language: str, moment: datetime) -> str:
    """A date and clock time, e.g. "22 April 2024, 09:15" (the weekday left out)."""
    words = WORDS.get(language, WORDS[DEFAULT])
    month = words["months"].split()[moment.month - 1]
    return words["moment"].format(day=moment.day, month=month, year=moment.year, clock=f"{moment:%H:%M}")


def invitation_text(spoken: tuple[str, ...], page: str, feed: str) -> str:
    """The words staff send with a delegation's links: each line in the language its page opens in,
    then in English (for staff to read what they send) unless that is the same; each link once."""
    languages = list(dict.fromkeys((languages_for(spoken)[0], DEFAULT)))
    intro = "\n".join(word(language, "invite") for language in languages)
    subscribe = "\n".join(word(language, "subscribe") for language in languages)
    return f"{intro}\n{page}\n\n{subscribe}\n{feed}"
