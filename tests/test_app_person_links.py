"""Staff's side of the hosts' and interpreters' links and answers, in AppTest: links made, shown once and
revoked after a question; answers per meeting on the Programme page (and in the section the Export page
shows); declines the plan does not hold yet, recorded by a button."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from streamlit.testing.v1 import AppTest

from scheduler.answers import answer_meeting
from scheduler.solver import greedy
from tests.app_support import app, button, fresh_store, plan_id_of, texts

__all__ = ["fresh_store"]  # the fixture, imported for pytest


def built(store):
    plan_id = plan_id_of(store)
    plan = store.latest(plan_id).plan
    schedule = greedy(plan)
    store.save_schedule(plan_id, 1, schedule)
    return plan_id, plan, schedule


def test_staff_make_show_once_and_revoke_a_hosts_links(fresh_store):
    plan_id = plan_id_of(fresh_store)
    key = f"{plan_id}/host/fast"
    at = app("links_page.py")
    assert not at.exception, at.exception
    assert not [b for b in at.button if b.key and b.key.startswith("person-")]  # delegations first
    at.segmented_control(key="links_for").set_value("Hosts and interpreters").run()
    assert [s.value for s in at.subheader if s.value.startswith(("Hosts", "Interpreters"))] == [
        "Hosts (0 of 16 with a link)",
        "Interpreters (0 of 2 with a link)",
    ]
    at.button(key=f"person-make-{key}").click().run()
    [shown] = [c.value for c in at.code if "?h=" in c.value]
    token = parse_qs(urlsplit(shown).query)["h"][0]
    assert fresh_store.resolve_person_link(token) == (plan_id, "host", "fast")
    mail = [b for b in at.get("link_button") if b.proto.label.startswith("Write to Koen Derycke")]
    assert len(mail) == 1 and "%3Fh%3D" + token in mail[0].proto.url
    at.button(key=f"person-make-{key}").click().run()  # a second link leaves the first working
    assert fresh_store.person_link_counts(plan_id) == {("host", "fast"): 2}
    assert fresh_store.resolve_person_link(token) is not None
    assert "2 links active; a new one leaves them working." in texts(at)

    at = app("links_page.py")  # a new session: the links are not shown again
    at.segmented_control(key="links_for").set_value("Hosts and interpreters").run()
    assert "Hosts (1 of 16 with a link)" in [s.value for s in at.subheader]
    assert not [c for c in at.code if "?h=" in c.value]
    at.button(key=f"person-revoke-{key}").click().run()
    assert any(t.startswith("Revoke all 2 links of Koen Derycke?") for t in texts(at))
    at.button(key=f"person-revoke-no-{key}").click().run()
    assert fresh_store.has_person_link(plan_id, "host", "fast")
    at.button(key=f"person-revoke-{key}").click().run()
    at.button(key=f"person-revoke-yes-{key}").click().run()
    assert not fresh_store.has_person_link(plan_id, "host", "fast")
    assert fresh_store.resolve_person_link(token) is None


def _rows(at) -> list[dict]:
    [frame] = [f for f in at.dataframe if "Answer" in f.value.columns]
    return frame.value.to_dict("records")


def test_the_programme_page_shows_each_answer_per_meeting(fresh_store):
    plan_id, plan, schedule = built(fresh_store)
    fast = schedule.meeting("ua-fast")
    answer_meeting(fresh_store, plan_id, "host", "fast", "ua-fast", fast.start, "declined", "On a mission")
    survey = schedule.meeting("ua-survey")
    answer_meeting(fresh_store, plan_id, "host", "survey", "ua-survey", survey.start, "accepted")
    at = app("programme_page.py")
    assert not at.exception, at.exception
    rows = {(r["Who"], r["Meeting"]): r for r in _rows(at)}
    declined = rows[("Koen Derycke", plan.request("ua-fast").title)]
    assert (declined["Answer"], declined["Reason"], declined["As"]) == ("declined", "On a mission", "host")
    assert rows[("Nathalie Gillard", plan.request("ua-survey").title)]["Answer"] == "accepted"
    assert sum(r["Answer"] == "no answer" for r in rows.values()) == len(rows) - 2
    assert any(t.startswith("1 accepted, 1 declined, ") for t in texts(at))


def export_section():
    """What the Export page draws with its one call (the function under test, on the seeded plan)."""
    from ui.answers import answers_section
    from ui.services import store

    plan_id = store().plan_ids()[0]
    latest = store().latest_schedule(plan_id)
    answers_section(plan_id, store().version(plan_id, latest.plan_version).plan, latest.schedule)


def test_a_decline_the_plan_does_not_hold_is_offered_to_record(fresh_store):
    plan_id, _plan, schedule = built(fresh_store)
    fast = schedule.meeting("ua-fast")
    away = (fast.start, fast.end)
    author = "Host: Koen Derycke (private link)"
    fresh_store.record_answer(
        plan_id, "host", "fast", "ua-fast", fast.start, "declined", "ill", away=away, author=author
    )
    at = AppTest.from_function(export_section, default_timeout=60).run()
    assert not at.exception, at.exception
    assert any(w.value.startswith("1 decline not yet in the plan") for w in at.warning)
    button(at, "Record them in the plan").click().run()
    assert (fresh_store.latest(plan_id).version, fresh_store.latest(plan_id).author) == (2, author)
    assert not at.warning
    assert [r["Reason"] for r in _rows(at) if r["Answer"] == "declined"] == ["ill"]


def test_the_export_page_shows_the_answers_before_publishing(fresh_store):
    plan_id, plan, schedule = built(fresh_store)
    fast = schedule.meeting("ua-fast")
    answer_meeting(fresh_store, plan_id, "host", "fast", "ua-fast", fast.start, "declined", "On a mission")
    at = app("export_page.py")
    assert not at.exception, at.exception
    headings = [s.value for s in at.subheader]
    answers = headings.index("Answers from hosts and interpreters")
    assert answers < headings.index("Publish to the delegations")
    rows = {(r["Who"], r["Meeting"]): r for r in _rows(at)}
    assert rows[("Koen Derycke", plan.request("ua-fast").title)]["Answer"] == "declined"
