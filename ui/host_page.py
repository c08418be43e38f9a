"""A host's or interpreter's private page: their meetings in the programme as proposed or published, each
to accept, decline (with a short reason) or mark as a time they can no longer make. No sign-in: the link
is the key. In English (hosts are the receiving side); the plan's own words stay as staff typed them."""

from __future__ import annotations

from datetime import datetime
from itertools import groupby
from urllib.parse import quote
from zoneinfo import ZoneInfo

import streamlit as st

from scheduler import (
    REASON_CHARS,
    Answer,
    AnswerRefused,
    Conflict,
    PersonMeeting,
    PersonProgramme,
    answer_meeting,
    browser_languages,
    day_text,
    person_programme,
    word,
)
from ui import state
from ui.plain import plain
from ui.services import store

ASKING = "host_page_asking"  # (meeting key, "declined" | "cannot") while the reason form is open
NOTICE = "host_page_notice"  # (meeting key, "success" | "error", text): the outcome of the last answer
PLACE = ":material/location_on:"
SAID = {
    "accepted": ":material/check_circle: You accepted this meeting",
    "declined": ":material/cancel: You declined this meeting",
    "cannot": ":material/event_busy: You can no longer make this time",
}


def _key(meeting: PersonMeeting) -> str:
    return f"{meeting.request}@{meeting.start.isoformat()}"


def _map_url(venue) -> str | None:
    """The venue in the phone's maps app: by its coordinates, else by its address."""
    if venue.lat is not None and venue.lon is not None:
        query = f"{venue.lat},{venue.lon}"
    elif venue.address:
        query = f"{venue.name}, {venue.address}"
    else:
        return None
    return f"https://www.google.com/maps/search/?api=1&query={quote(query, safe='')}"


def _answer(token: str, meeting: PersonMeeting, answer: str) -> None:
    """Records an answer (a button callback: it runs before the page is drawn again)."""
    key = _key(meeting)
    found = store().resolve_person_link(token)
    if found is None:  # revoked while the page was open
        state.put(NOTICE, (key, "error", word("en", "not_valid")))
        return
    plan_id, kind, person = found
    reason = str(state.get(f"reason-{key}", "") or "")
    all_day = bool(state.get(f"all-day-{key}", False))
    try:
        answer_meeting(
            store(), plan_id, kind, person, meeting.request, meeting.start, answer, reason, all_day
        )
    except (AnswerRefused, Conflict) as refused:  # the meeting moved, a reason is missing, the plan is gone
        text = str(refused)
        state.put(NOTICE, (key, "error", text[:1].upper() + text[1:] + "."))
        return
    state.drop(ASKING)
    thanks = "Thank you: your answer is recorded; the protocol office sees it at once."
    state.put(NOTICE, (key, "success", thanks))


def _given(answer: Answer, zone: ZoneInfo) -> None:
    when = answer.answered_at.astimezone(zone)
    text = SAID[answer.answer]
    if answer.answer == "cannot" and answer.away:
        hours = (answer.away[1] - answer.away[0]).total_seconds() / 3600
        text += ", all of that day" if hours >= 23 else ""
    text += f" ({when:%-d %B, %H:%M})"
    st.markdown(text + (f": “{plain(answer.reason)}”" if answer.reason else "."))


def _asking(token: str, meeting: PersonMeeting, answer: str) -> None:
    """The short form a decline (reason required) or a time they cannot make (reason optional) needs."""
    key = _key(meeting)
    with st.form(f"form-{key}", border=False):
        label = "Why? (required)" if answer == "declined" else "Anything the protocol office should know?"
        st.text_input(
            label, max_chars=REASON_CHARS, key=f"reason-{key}", placeholder="e.g. on leave that week"
        )
        if answer == "cannot":
            st.checkbox("I am away all of that day", key=f"all-day-{key}")
        send = "Send my decline" if answer == "declined" else "Send"
        left, right = st.columns(2)
        left.form_submit_button(send, type="primary", on_click=_answer, args=(token, meeting, answer))
        right.form_submit_button("Cancel", on_click=state.drop, args=(ASKING,))


def _meeting(token: str, shown: PersonProgramme, meeting: PersonMeeting, zone: ZoneInfo) -> None:
    key = _key(meeting)
    with st.container(border=True):
        badge = ":green-badge[Published]" if meeting.published else ":orange-badge[Proposed]"
        st.markdown(f"**{meeting.start:%H:%M}–{meeting.end:%H:%M}** {plain(meeting.title)} {badge}")
        if meeting.venue is not None:
            room = f", {meeting.room}" if meeting.room else ""
            address = f" — {meeting.venue.address}" if meeting.venue.address else ""
            place, where = plain(f"{meeting.venue.name}{room}{address}"), _map_url(meeting.venue)
            st.caption(f"{PLACE} [{place}]({where})" if where else f"{PLACE} {place}")
        with_whom = ", ".join(meeting.delegations) or "no delegation (a hosts' meeting)"
        st.caption(plain(f"With {with_whom}; you attend as {meeting.role}"))
        if meeting.language:
            st.caption(plain(f"Language: {meeting.language}"))
        if meeting.others:
            st.caption(plain(f"Also there: {', '.join(meeting.others)}"))
        if meeting.notes:
            st.caption(plain(f"Notes: {meeting.notes}"))
        given = shown.answers.get(meeting.key)
        if given is not None:
            _given(given, zone)
        notice = state.get(NOTICE)
        if notice and notice[0] == key:
            (st.success if notice[1] == "success" else st.error)(plain(notice[2]))
        if state.get(ASKING) in ((key, "declined"), (key, "cannot")):
            _asking(token, meeting, state.get(ASKING)[1])
            return
        accepted = given is not None and given.answer == "accepted"
        accept, decline, cannot = st.columns(3)
        accept.button(
            "Accept",
            key=f"accept-{key}",
            disabled=accepted,
            on_click=_answer,
            args=(token, meeting, "accepted"),
        )
        decline.button("Decline", key=f"decline-{key}", on_click=state.put, args=(ASKING, (key, "declined")))
        cannot.button(
            "I can no longer make this time",
            key=f"cannot-{key}",
            on_click=state.put,
            args=(ASKING, (key, "cannot")),
        )


def show(token: str) -> None:
    shown = person_programme(store(), token) if token else None
    if shown is None:  # the same words as a delegation's wrong link: English, and the phone's language
        st.write(word("en", "not_valid"))
        asked = browser_languages(st.context.headers.get("Accept-Language"))
        other = next((code for code in asked if code != "en"), None)
        if other:
            st.write(word(other, "not_valid"))
        st.stop()
    st.subheader(plain(shown.name))
    role = "host" if shown.kind == "host" else "interpreter"
    if shown.plan is None or not shown.meetings:
        st.write(f"No meeting of yours as {role} is in the programme yet. Please come back later.")
        st.stop()
    plan = shown.plan
    zone = ZoneInfo(plan.timezone)
    st.caption(plain(plan.name))
    st.write(
        f"Your meetings as {role}. Please accept each one, decline it with a short reason, or tell us you "
        "can no longer make its time: the protocol office sees your answer at once and plans around it."
    )
    st.caption(f"Local time: {plan.timezone.rsplit('/', 1)[-1].replace('_', ' ')}")
    notice = state.get(NOTICE)
    if notice and notice[0] not in {_key(m) for m in shown.meetings}:  # about a meeting no longer shown
        (st.success if notice[1] == "success" else st.error)(plain(notice[2]))
    today = datetime.now(zone).date()
    for day, meetings in groupby(shown.meetings, key=lambda m: m.start.date()):
        st.subheader(day_text("en", day) + (" (today)" if day == today else ""))
        for meeting in meetings:
            _meeting(token, shown, meeting, zone)


show(st.query_params.get("h", ""))
