"""The words of a calendar event: title, place and description, as each reader of the calendar needs them.

A delegation reads who it meets, a host reads which delegation comes, staff read both; the
event's time and identity are the same in every calendar, only these words differ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scheduler.export.agenda import FIXED, LUNCH, MEETING, TRAVEL
from scheduler.export.publication import Published
from scheduler.languages.calendar_words import calendar_word, room_text
from scheduler.languages.visitor import DEFAULT, languages_for, word
from scheduler.model import Plan, Venue

KINDS = (MEETING, FIXED, LUNCH, TRAVEL)  # each named by its calendar_words key, as a category


@dataclass(frozen=True)
class Words:
    location: str | None
    description: str
    categories: tuple[str, ...]


class Wording:
    """Looks up names once per export; `summary(event, reader)` gives the title one reader sees."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.requests = {r.id: r for r in plan.requests}
        self.fixed = {f.id: f for f in plan.fixed}
        self.venues = {v.id: v for v in plan.venues}
        self.hosts = {h.id: h for h in plan.hosts}
        self.delegations = {d.id: d for d in plan.delegations}
        self.interpreters = {i.id: i for i in plan.interpreters}

    def summary(self, event: Published, reader: str, cancelled: bool) -> str:
        summary = self._summary(event, reader)
        if cancelled:  # in a delegation's calendar, in its language
            summary = word(self.voice(reader) or DEFAULT, "cancelled", title=summary)
        return one_line(summary)  # a title with a line break (Alt+Enter in Excel) is lost by calcurse

    def words(self, event: Published, cancelled: bool, voice: str | None = None) -> Words:
        """Place, description and tags of an event. `voice` None: for hosts and staff, in English and
        with each delegation's size; else a delegation's language (see `voice`), sizes left out."""
        language = voice or DEFAULT
        venue = self.venues.get(event.venue or "")
        lines = self._who(event, language, sized=voice is None) + self._notes(event, language)
        if cancelled:
            lines.insert(0, calendar_word(language, "cancelled_note"))
        location = self._location(event, venue, language)
        return Words(
            one_line(location or "") or None,
            clean_text("\n".join(lines)),
            self._categories(event, language),
        )

    def geo(self, event: Published) -> tuple[float, float] | None:
        """The venue's coordinates, the same for every reader."""
        venue = self.venues.get(event.venue or "")
        if venue is None or venue.lat is None or venue.lon is None:
            return None
        return venue.lat, venue.lon

    def voice(self, reader: str) -> str | None:
        """The language of a delegation's calendar (its page's first), None for anyone else's."""
        delegation = self.delegations.get(reader)
        return languages_for(delegation.languages)[0] if delegation else None

    def name(self, participant: str) -> str:
        for table in (self.delegations, self.hosts, self.interpreters):
            if participant in table:
                return table[participant].name
        return participant

    def _summary(self, event: Published, viewer: str) -> str:
        if event.kind in (LUNCH, TRAVEL) and viewer in self.delegations:
            return self._in_their_language(event, self.delegations[viewer])
        if event.kind != MEETING:
            return event.title
        delegations = [p for p in event.attendees if p in self.delegations]
        hosts = [p for p in event.attendees if p in self.hosts]
        if viewer in self.delegations:
            others = hosts or [d for d in delegations if d != viewer]
        elif viewer in self.hosts:
            others = delegations or [h for h in hosts if h != viewer]
        else:
            counterpart = self._names(delegations)
            if delegations and hosts:
                counterpart += " with " + self._names(hosts)
            return f"{event.title} – {counterpart or self._names(hosts)}"
        return f"{event.title} – {self._names(others)}" if others else event.title

    def _in_their_language(self, event: Published, delegation) -> str:
        """A delegation's own lunch and travel blocks, titled in the language its page opens in (the
        plan's titles and names stay as staff wrote them)."""
        language = self.voice(delegation.id) or DEFAULT
        if event.kind == LUNCH:
            return word(language, "lunch")
        return word(language, "travel", place=self._place(event.venue))

    def _names(self, participants: list[str]) -> str:
        return ", ".join(self._named(p) for p in participants)

    def _named(self, participant: str) -> str:
        host = self.hosts.get(participant)
        organisation = clean_text(host.organisation or "") if host else ""
        if host and organisation and organisation != host.name:
            return f"{host.name} ({organisation})"
        return self.name(participant)

    def _who(self, event: Published, language: str, sized: bool) -> list[str]:
        if event.kind == LUNCH:
            return [calendar_word(language, "lunch_note")]
        if event.kind == TRAVEL:
            origin = self.venues.get(event.origin or "")
            start = origin.name if origin else (event.origin or "")
            return [calendar_word(language, "travel_note", origin=start, place=self._place(event.venue))]
        request = self.requests.get(event.key)
        optional = set(request.optional_hosts) if request else set()
        groups: dict[str, list[str]] = {"delegation": [], "hosts": [], "also": [], "interpreter": []}
        for person in event.attendees:
            if person in self.delegations:
                groups["delegation"].append(self._delegation(person, sized))
            elif person in self.hosts:
                groups["also" if person in optional else "hosts"].append(self._named(person))
            else:
                groups["interpreter"].append(self.name(person))
        lines = [f"{calendar_word(language, k)}: {'; '.join(found)}" for k, found in groups.items() if found]
        contacts = [f"{self.hosts[p].name} <{self.hosts[p].email}>" for p in event.attendees
                    if p in self.hosts and self.hosts[p].email]  # fmt: skip
        if contacts:
            lines.append(f"{calendar_word(language, 'contact')}: {'; '.join(contacts)}")
        return lines

    def _delegation(self, delegation_id: str, sized: bool) -> str:
        """A delegation's name and country, and its size for those who receive it."""
        delegation = self.delegations[delegation_id]
        country = f", {delegation.country}" if delegation.country else ""
        size = f" ({delegation.size} persons)" if sized else ""
        return f"{delegation.name}{country}{size}"

    def _notes(self, event: Published, language: str) -> list[str]:
        source = self.requests.get(event.key) if event.kind == MEETING else self.fixed.get(event.key)
        notes = clean_text(getattr(source, "notes", None) or "")
        return [f"{calendar_word(language, 'notes')}: {notes}"] if notes else []

    def _location(self, event: Published, venue: Venue | None, language: str) -> str | None:
        if venue is None:
            return event.venue
        name = venue.name
        room = room_text(venue, event.room, language)
        if room:
            name += f", {room}"
        return f"{name}, {venue.address}" if venue.address else name

    def _place(self, venue_id: str | None) -> str:
        venue = self.venues.get(venue_id or "")
        return venue.name if venue else (venue_id or "")

    def _categories(self, event: Published, language: str) -> tuple[str, ...]:
        organisations = {
            clean_text(self.hosts[p].organisation or "") for p in event.attendees if p in self.hosts
        }
        kind = calendar_word(language, event.kind) if event.kind in KINDS else event.kind
        return (kind, *sorted(organisations - {""}))


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")  # embeddings, overrides, isolates


def clean_text(text: str) -> str:
    """Free text as RFC 5545 allows it: line breaks as one newline, no other control characters, no
    bidirectional overrides (which make a name read backwards), and no white space at either end
    (readers drop it from the end of a value)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return _CONTROL.sub("", BIDI_CONTROLS.sub("", text)).strip()


def one_line(text: str) -> str:
    """Text for a one-line field (a title, a calendar's name, a parameter): each run of line breaks
    and the white space around it becomes one space."""
    return re.sub(r"\s*\n\s*", " ", clean_text(text))
