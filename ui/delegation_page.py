"""A delegation's private page: only its own published programme, readable on a phone, with its calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import groupby
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

import streamlit as st

from scheduler import (
    WORDS,
    Plan,
    browser_languages,
    calendar_word,
    day_text,
    days_gone_by,
    delegation_calendar,
    delegation_entries,
    languages_for,
    marked_changes,
    moment_text,
    opening_language,
    resolve_delegation,
    room_text,
    word,
)
from scheduler import AgendaEntry as Entry
from ui.plain import plain
from ui.services import store

KIND_ICONS = {
    "meeting": ":material/handshake:",
    "fixed": ":material/event:",
    "lunch": ":material/restaurant:",
    "travel": ":material/directions_bus:",
}
PLACE, CANCELLED = ":material/location_on:", ":material/cancel:"


def _feed_urls(token: str) -> tuple[str, str]:
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    https = f"{parts.scheme}://{parts.netloc}/cal/{quote(token)}.ics"
    return https, "webcal://" + https.split("://", 1)[1]


def _venue(plan, venue_id: str | None):
    return next((v for v in plan.venues if v.id == venue_id), None)


def _venue_text(venue, room_id: str | None, language: str) -> str:
    room = room_text(venue, room_id, language)
    room = f", {room}" if room else ""
    address = f" — {venue.address}" if venue.address else ""
    return f"{venue.name}{room}{address}"


def _map_url(venue) -> str | None:
    """Where a phone opens the venue in its maps app (the Maps URL form that needs no key): by its
    coordinates when the plan has them, else by its address."""
    if venue.lat is not None and venue.lon is not None:
        query = f"{venue.lat},{venue.lon}"
    elif venue.address:
        query = f"{venue.name}, {venue.address}"
    else:
        return None
    return f"https://www.google.com/maps/search/?api=1&query={quote(query, safe='')}"


def _place_of(timezone: str) -> str:
    """The city a time zone is named after: "Europe/Brussels" -> "Brussels"."""
    return timezone.rsplit("/", 1)[-1].replace("_", " ")


def _notes(plan, entry) -> str:
    """The staff's notes on a meeting or fixed event, as its calendar event carries them."""
    sources = plan.requests if entry.kind == "meeting" else plan.fixed if entry.kind == "fixed" else ()
    source = next((s for s in sources if s.id == entry.key), None)
    return (getattr(source, "notes", None) or "").strip()


def _people(plan, entry, delegation: str) -> str:
    names = {p.id: p.name for p in (*plan.hosts, *plan.interpreters, *plan.delegations)}
    return ", ".join(names.get(who, who) for who in entry.attendees if who != delegation)


def _asked() -> list[str]:
    """The page's languages the visitor's browser asks for, most wanted first."""
    return browser_languages(st.context.headers.get("Accept-Language"))


def _language(delegation) -> str:
    """The visitors' language for this page: theirs by default (the one their phone asks for where
    the delegation speaks several), English or another they speak one tap away."""
    options = languages_for(delegation.languages)
    if len(options) == 1:
        return options[0]
    default = opening_language(delegation.languages, _asked())
    chosen = st.segmented_control(
        "Language",
        options,
        format_func=lambda code: WORDS[code]["name"],
        default=default,
        key=f"language-{delegation.id}",
        label_visibility="collapsed",
    )
    return chosen or default  # tapping the chosen one again clears it: keep a language


def _their_language_and_english(token: str, delegation_id: str) -> list[str]:
    """Before anything is published: the delegation's first language the page speaks, then English."""
    found = store().resolve_link(token)
    try:
        plan = store().latest(found[0]).plan if found else None
        spoken = plan.delegation(delegation_id).languages if plan else ()
    except KeyError:  # the plan or the delegation went away meanwhile
        spoken = ()
    first = languages_for(spoken)[0]
    return [first] if first == "en" else [first, "en"]


def _title(plan, entry: Entry, language: str) -> str:
    """Lunch and travel blocks in the page's language; meetings and events keep the plan's titles."""
    if entry.kind == "lunch":
        return word(language, "lunch")
    if entry.kind == "travel":
        venue = _venue(plan, entry.venue)
        return word(language, "travel", place=venue.name if venue else entry.venue or "")
    return entry.title


MARKS = {"new": "green", "changed": "orange"}


@dataclass(frozen=True)
class _View:
    """One delegation's programme as its page shows it, in one language, with the latest changes."""

    plan: Plan
    delegation: str
    language: str
    marks: dict[str, str]  # key -> "new" | "changed"
    cancelled: list[Entry]

    def day(self, day, day_entries: list[Entry]) -> None:
        st.subheader(day_text(self.language, day))
        for entry in day_entries:
            if entry in self.cancelled:
                self._cancelled(entry)
            else:
                self._entry(entry)

    def _entry(self, entry: Entry) -> None:
        plan, language, mark = self.plan, self.language, self.marks.get(entry.key)
        with st.container(border=entry.kind in ("meeting", "fixed")):
            icon = KIND_ICONS.get(entry.kind, "")
            title = plain(_title(plan, entry, language))
            badge = f" :{MARKS[mark]}-badge[{word(language, mark)}]" if mark else ""
            st.markdown(f"**{entry.start:%H:%M}–{entry.end:%H:%M}** {icon} {title}{badge}")
            venue = _venue(plan, entry.venue)
            if venue is not None and entry.kind in ("meeting", "fixed"):
                place, where = plain(_venue_text(venue, entry.room, language)), _map_url(venue)
                st.caption(f"{PLACE} [{place}]({where})" if where else f"{PLACE} {place}")
            people = _people(plan, entry, self.delegation)
            if people and entry.kind == "meeting":
                st.caption(word(language, "with", people=plain(people)))
            notes = _notes(plan, entry)
            if notes:
                st.caption(f"{calendar_word(language, 'notes')}: {plain(notes)}")

    def _cancelled(self, entry: Entry) -> None:
        """A meeting or event the latest publication took out of the programme, at its former time."""
        with st.container(border=True):
            title = word(self.language, "cancelled", title=_title(self.plan, entry, self.language))
            st.markdown(f"~~{entry.start:%H:%M}–{entry.end:%H:%M}~~ {CANCELLED} {plain(title)}")


def show(token: str) -> None:
    found = resolve_delegation(store(), token) if token else None
    if found is None:
        # A wrong link names no delegation: English, and the language the visitor's phone asks for.
        st.write(word("en", "not_valid"))
        asked = next((code for code in _asked() if code != "en"), None)
        if asked:
            st.write(word(asked, "not_valid"))
        st.stop()
    programme, delegation_id = found
    if programme is None or delegation_id not in {d.id for d in programme.plan.delegations}:
        for language in _their_language_and_english(token, delegation_id):
            st.write(word(language, "not_published"))
        st.stop()
    plan = programme.plan
    delegation = plan.delegation(delegation_id)
    language = _language(delegation)
    st.subheader(plain(delegation.name))  # a title would fill a phone's first screen
    published = programme.published_at.astimezone(ZoneInfo(plan.timezone))  # the visit's clock
    st.caption(f"{plain(plan.name)} · {word(language, 'published', when=moment_text(language, published))}")
    # the page keeps the visit's clock, where a phone still on home time would show another
    st.caption(word(language, "local_time", zone=_place_of(plan.timezone)))
    link = store().resolve_link(token)  # the plan, for the publications before the latest
    marks, cancelled = (
        marked_changes(store(), link[0], programme, delegation_id, datetime.now(UTC)) if link else ({}, [])
    )
    view = _View(plan, delegation_id, language, marks, cancelled)
    shown = sorted(delegation_entries(programme, delegation_id) + cancelled, key=lambda e: (e.start, e.key))
    by_day = {day: list(group) for day, group in groupby(shown, key=lambda e: e.start.date())}
    today = datetime.now(ZoneInfo(plan.timezone)).date()
    gone = days_gone_by(list(by_day), today)
    if gone:  # during the visit, today comes first on the phone's screen
        with st.expander(word(language, "earlier_days")):
            for day in gone:
                view.day(day, by_day.pop(day))
    for day, day_entries in by_day.items():
        view.day(day, day_entries)
    calendar = delegation_calendar(programme, delegation_id)
    assert calendar is not None  # the delegation is in the published plan: plan.delegation found it
    st.divider()
    st.download_button(
        word(language, "download"),
        calendar,
        file_name=f"{delegation_id}.ics",
        mime="text/calendar",
        type="primary",
        width="stretch",
    )
    https, webcal = _feed_urls(token)
    st.markdown(f"{word(language, 'subscribe')} [{webcal}]({webcal})")
    st.code(https, language=None)


show(st.query_params.get("d", ""))
