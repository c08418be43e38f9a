"""The hosts' and interpreters' answers as staff see them, on the Programme and Export pages: per meeting of
the programme shown, each person's answer (accepted, declined with the reason, can no longer make the
time, no answer yet); answers to times the programme no longer has; declines the plan does not hold yet,
with a button that records them."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import streamlit as st

from scheduler import (
    Conflict,
    Plan,
    Schedule,
    answers_by_meeting,
    answers_elsewhere,
    counted,
    pending_answers,
    sync_answer,
)
from ui.plain import plain
from ui.services import store

WORDS = {"accepted": "accepted", "declined": "declined", "cannot": "cannot make this time", None: "no answer"}


def _record(plan_id: int) -> None:
    """Records the declines the plan does not hold yet (a button callback)."""
    for answer in pending_answers(store().latest(plan_id).plan, store().answers(plan_id)):
        try:
            sync_answer(store(), plan_id, answer)
        except Conflict as refused:  # the plan was deleted meanwhile
            st.error(plain(str(refused)))
            return


def answers_section(plan_id: int, plan: Plan, schedule: Schedule) -> None:
    """Draws the answers to `schedule` (built for `plan`, the version the page shows)."""
    st.subheader("Answers from hosts and interpreters")
    given = store().answers(plan_id)
    rows = answers_by_meeting(plan, schedule, given)
    if not rows:
        st.caption("No meeting of this programme has a host or an interpreter to answer.")
        return
    zone = ZoneInfo(plan.timezone)
    titles = {r.id: r.title or r.id for r in plan.requests}
    said = [r.answer.answer if r.answer else None for r in rows]
    told = ", ".join(f"{said.count(key)} {word}" for key, word in WORDS.items() if said.count(key))
    st.write(
        f"{told} (of {counted(len(rows), 'place')} of hosts and interpreters in meetings). They answer "
        "through their private links (Delegation links page)."
    )
    table = [
        {
            "When": f"{r.start.astimezone(zone):%a %d %b %H:%M}",
            "Meeting": titles.get(r.request, r.request),
            "Who": r.name,
            "As": r.role,
            "Answer": WORDS[r.answer.answer if r.answer else None],
            "Reason": r.answer.reason if r.answer else "",
            "Answered": f"{r.answer.answered_at.astimezone(zone):%d %b %H:%M}" if r.answer else "",
        }
        for r in rows
    ]
    st.dataframe(table, hide_index=True, width="stretch")
    names = {("host", p.id): p.name for p in plan.hosts} | {
        ("interpreter", p.id): p.name for p in plan.interpreters
    }
    earlier = [a for a in answers_elsewhere(plan, schedule, given) if a.answer != "accepted"]
    if earlier:
        with st.expander(f"{counted(len(earlier), 'answer')} to a time this programme no longer has"):
            for a in earlier:
                who = names.get((a.kind, a.person), a.person)
                why = f": “{a.reason}”" if a.reason else ""
                when = f"{a.start.astimezone(zone):%a %d %b %H:%M}"
                line = f"{who} {WORDS[a.answer]} {titles.get(a.request, a.request)} at {when}{why}"
                st.write(f"- {plain(line)}")
    waiting = pending_answers(store().latest(plan_id).plan, given)
    if waiting:
        st.warning(
            f"{counted(len(waiting), 'decline')} not yet in the plan (it changed too often at that moment, "
            "or the time was taken out of the person's unavailability since).",
            icon=":material/pending_actions:",
        )
        st.button("Record them in the plan", on_click=_record, args=(plan_id,), key="record-answers")
