"""A host's or interpreter's private page in AppTest: their meetings, their answers, and the plan version
a decline makes; a wrong link gets one plain sentence."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from scheduler.publishing import publish_schedule
from scheduler.solver import greedy
from tests.app_support import app, button, fresh_store, plan_id_of, texts

__all__ = ["fresh_store"]  # the fixture, imported for pytest


def _only_text(at) -> list[str]:
    assert not at.exception, at.exception
    return [str(getattr(e, "value", "")) for e in at.main if getattr(e, "value", "")]


def programme(store):
    """The sample plan with a programme built (not published) and a link for the FAST host."""
    plan_id = plan_id_of(store)
    plan = store.latest(plan_id).plan
    schedule = greedy(plan)
    schedule_id = store.save_schedule(plan_id, 1, schedule)
    return plan_id, plan, schedule, schedule_id, store.issue_person_link(plan_id, "host", "fast")


def test_a_wrong_or_revoked_link_says_only_that_it_is_not_valid(fresh_store):
    plan_id = plan_id_of(fresh_store)
    revoked = fresh_store.issue_person_link(plan_id, "host", "fast")
    fresh_store.revoke_person_links(plan_id, "host", "fast")
    delegations = fresh_store.issue_link(plan_id, "ua")  # a delegation's token is not a host's
    for token in ("nonsense", "x" * 43, revoked, delegations, ""):
        at = app(query={"h": token})
        assert _only_text(at) == ["This link is not valid."], token
        assert not at.button and not at.subheader


def test_before_the_first_programme_the_page_says_so(fresh_store):
    token = fresh_store.issue_person_link(plan_id_of(fresh_store), "interpreter", "ip-uk-fr")
    at = app(query={"h": token})
    assert not at.exception
    assert "No meeting of yours as interpreter is in the programme yet. Please come back later." in texts(at)


def test_a_host_sees_their_meetings_and_declines_one_with_a_reason(fresh_store):
    plan_id, plan, schedule, _id, token = programme(fresh_store)
    held = schedule.meeting("ua-fast")
    at = app(query={"h": token})
    shown = texts(at)
    assert [s.value for s in at.subheader][:2] == ["Koen Derycke", f"{held.start:%A %-d %B %Y}"]
    title = plan.request("ua-fast").title
    assert f"**{held.start:%H:%M}–{held.end:%H:%M}** {title} :orange-badge[Proposed]" in shown
    assert f"With {plan.delegation('ua').name}; you attend as host" in shown
    assert any(s.startswith("Language: ") for s in shown)
    assert len([b for b in at.button if b.label == "Decline"]) == 1  # one meeting: ua-fast

    button(at, "Decline").click().run()
    button(at, "Send my decline").click().run()  # no reason
    assert "A decline needs a short reason, for the protocol office." in texts(at)
    assert fresh_store.answer_history(plan_id) == []
    at.text_input[0].input("On a mission abroad that day")  # typed, then sent with the form
    button(at, "Send my decline").click().run()
    assert not at.exception, at.exception
    assert "Thank you: your answer is recorded; the protocol office sees it at once." in texts(at)
    said = [s for s in texts(at) if "You declined this meeting" in s]
    assert len(said) == 1 and said[0].endswith(": “On a mission abroad that day”")
    latest = fresh_store.latest(plan_id)
    assert (latest.version, latest.author) == (2, "Host: Koen Derycke (private link)")
    assert "On a mission abroad that day" in latest.note
    away = latest.plan.host("fast").unavailable
    assert away[-1].start == held.start.replace(tzinfo=None)

    button(at, "Accept").click().run()  # changing the answer frees the time again
    assert fresh_store.latest(plan_id).plan.host("fast").unavailable == plan.host("fast").unavailable
    assert button(at, "Accept").disabled
    assert [a.answer for a in fresh_store.answer_history(plan_id)] == ["declined", "accepted"]


def test_an_answer_to_a_meeting_that_moved_meanwhile_is_refused(fresh_store):
    plan_id, _plan, schedule, _id, token = programme(fresh_store)
    at = app(query={"h": token})
    held = schedule.meeting("ua-fast")
    later = timedelta(minutes=30)
    moved = tuple(
        replace(m, start=m.start + later, end=m.end + later) if m.request == "ua-fast" else m
        for m in schedule.meetings
    )
    fresh_store.save_schedule(plan_id, 1, replace(schedule, meetings=moved))
    button(at, "Accept").click().run()
    assert any(t.startswith("This meeting is no longer in the programme at that time") for t in texts(at))
    assert fresh_store.answer_history(plan_id) == []
    at.run()  # drawn again: the meeting at its new time, nothing answered
    assert any(f"**{held.start + later:%H:%M}–" in t for t in texts(at))


def test_a_published_meeting_is_marked_and_the_optional_host_sees_theirs(fresh_store):
    plan_id, _plan, _schedule, schedule_id, _token = programme(fresh_store)
    publish_schedule(fresh_store, plan_id, schedule_id)
    schedule = fresh_store.schedule(schedule_id).schedule
    optional = [m for m in schedule.meetings if m.optional_hosts]
    host = optional[0].optional_hosts[0] if optional else "fast"
    at = app(query={"h": fresh_store.issue_person_link(plan_id, "host", host)})
    assert any(t.endswith(":green-badge[Published]") for t in texts(at))
    if optional:
        assert "you attend as optional host" in " ".join(texts(at))


def test_the_plans_text_is_shown_as_typed(fresh_store):
    plan_id, plan, _schedule, _id, token = programme(fresh_store)
    odd = "**Koen** :material/warning: [x](http://e.example) $5"
    fast = replace(plan.host("fast"), name=odd)
    fresh_store.save(
        plan_id, replace(plan, hosts=tuple(fast if h.id == "fast" else h for h in plan.hosts)), 1
    )
    at = app(query={"h": token})
    assert [s for s in texts(at) if "Koen" in s] == [odd]
