"""The delegation page's own words in each language it offers, and dates spelled out in them."""

from datetime import date, datetime

import pytest

from scheduler.languages.calendar_words import CALENDAR_WORDS, KEYS, calendar_word, room_text
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
from scheduler.model import Room, Venue

MONDAY = date(2024, 4, 22)


def test_every_language_of_the_page_has_every_word_of_a_calendar_too():
    assert set(CALENDAR_WORDS) == set(WORDS)
    for code, words in CALENDAR_WORDS.items():
        assert len(words) == len(KEYS) and all(words), code
        travel = words[KEYS.index("travel_note")]
        assert "{origin}" in travel and "{place}" in travel, code
        assert "{room}" in words[KEYS.index("room")], code
    assert calendar_word("hu", "room", room="Gothic") == "Gothic terem"
    assert calendar_word("ga", "notes") == "Notes"  # a language without words falls back to English


def test_a_room_reads_as_staff_named_it_or_by_its_id_after_the_word_for_room():
    venue = Venue("v", "City Hall", rooms=(Room("gothic", "Gothic Room"), Room("b2")))
    assert [room_text(venue, "gothic", code) for code in ("en", "fr")] == ["Gothic Room", "Gothic Room"]
    assert [room_text(venue, "b2", code) for code in ("en", "fr", "hu")] == [
        "room b2",
        "salle b2",
        "b2 terem",
    ]
    assert room_text(venue, None, "en") is None
    assert room_text(Venue("w", "Hall", rooms=3), "b2", "en") is None  # alike rooms have no names


def test_every_language_has_every_word_seven_weekdays_and_twelve_months():
    for code, words in WORDS.items():
        assert set(words) == set(WORDS[DEFAULT]), code
        assert len(words["weekdays"].split()) == 7 and len(words["months"].split()) == 12, code


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Monday 22 April 2024"),
        ("fr", "lundi 22 avril 2024"),
        ("nl", "maandag 22 april 2024"),
        ("de", "Montag, 22. April 2024"),
        ("uk", "понеділок, 22 квітня 2024"),
        ("es", "lunes, 22 de abril de 2024"),
        ("it", "lunedì 22 aprile 2024"),
        ("pl", "poniedziałek, 22 kwietnia 2024"),
        ("pt", "segunda-feira, 22 de abril de 2024"),
        ("cs", "pondělí 22. dubna 2024"),
        ("fi", "maanantai 22. huhtikuuta 2024"),
        ("hu", "2024. április 22., hétfő"),
        ("lt", "2024 m. balandžio 22 d., pirmadienis"),
        ("el", "Δευτέρα, 22 Απριλίου 2024"),
        ("xx", "Monday 22 April 2024"),  # a language the page does not speak: English
    ],
)
def test_a_day_is_spelled_out_in_the_language(language, expected):
    assert day_text(language, MONDAY) == expected


def test_a_moment_and_the_words_with_values():
    evening = datetime(2024, 12, 3, 18, 5)
    assert moment_text("en", evening) == "03 December 2024, 18:05"
    assert moment_text("de", evening) == "03. Dezember 2024, 18:05"
    assert moment_text("uk", evening) == "03 грудня 2024, 18:05"
    assert moment_text("es", evening) == "3 de diciembre de 2024, 18:05"
    assert moment_text("pl", evening) == "3 grudnia 2024, 18:05"
    assert word("fr", "travel", place="Hôtel de ville") == "Trajet vers Hôtel de ville"
    assert word("nl", "with", people="FAST, PROS") == "Met FAST, PROS"


def test_the_delegation_chooses_among_its_own_languages_then_english():
    assert languages_for(("uk", "en")) == ["uk", "en"]
    assert languages_for((" DE", "fr", "de")) == ["de", "fr", "en"]
    assert languages_for(("bg",)) == ["bg", "en"]
    assert languages_for(("ga",)) == ["en"]  # no Irish page: English only, no choice shown
    assert languages_for(("lb", "fr", "de", "en")) == ["fr", "de", "en"]
    assert languages_for(("pl", "en")) == ["pl", "en"]
    assert languages_for(()) == ["en"]


def test_the_languages_a_browser_asks_for_in_its_order_of_preference():
    assert browser_languages("pl-PL,pl;q=0.9,en-US;q=0.8,en;q=0.7") == ["pl", "en"]
    assert browser_languages("en;q=0.5, de-AT;q=0.9, fr") == ["fr", "de", "en"]
    assert browser_languages("ga-IE, lb;q=0.9") == []  # languages the page does not speak
    assert browser_languages("de;q=0, nl;q=oops, sv") == ["sv"]  # refused or malformed weights
    assert browser_languages(None) == browser_languages("") == browser_languages(",;,") == []


def test_the_page_opens_in_the_delegations_language_that_the_phone_asks_for():
    luxembourg = ("lb", "fr", "de", "en")
    assert opening_language(luxembourg, []) == "fr"  # its first language the page speaks
    assert opening_language(luxembourg, ["de", "en"]) == "de"
    assert opening_language(luxembourg, ["en", "de"]) == "de"  # English stays one tap away
    assert opening_language(luxembourg, ["pl"]) == "fr"  # not one of the delegation's
    assert opening_language(("uk", "en"), ["en"]) == "uk"
    assert opening_language(("ga",), ["ga", "fr"]) == "en"


def test_the_invitation_speaks_the_page_language_then_english_with_each_link_once():
    text = invitation_text(("uk", "en"), "https://p.example/?d=T", "webcal://p.example/cal/T.ics")
    assert text.splitlines() == [
        "Ваша програма, завжди актуальна:",
        "Your programme, always up to date:",
        "https://p.example/?d=T",
        "",
        word("uk", "subscribe"),
        "Subscribe, so that changes reach your calendar:",
        "webcal://p.example/cal/T.ics",
    ]
    english = invitation_text(("en", "ga"), "P", "F")
    assert (
        english
        == "Your programme, always up to date:\nP\n\nSubscribe, so that changes reach your calendar:\nF"
    )
