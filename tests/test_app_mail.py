"""The Export page's messages of the last publication, in Streamlit's AppTest against a fresh store."""

from __future__ import annotations

import email
from email import policy

from aiosmtpd.controller import Controller

from scheduler.publishing import latest_published, publish_schedule
from scheduler.solver import greedy
from tests.app_support import app, button, free_port, fresh_store, plan_id_of, texts, unescaped
from tests.test_mail_send import Inbox

__all__ = ["fresh_store"]  # the fixture, imported for pytest


def test_after_publishing_the_page_offers_the_messages_and_names_who_has_no_address(fresh_store):
    plan_id = plan_id_of(fresh_store)
    at = app("export_page.py")
    assert not at.exception, at.exception
    assert "Messages of the last publication" not in [s.value for s in at.subheader]  # nothing published

    plan = fresh_store.version(plan_id, 1).plan
    schedule_id = fresh_store.save_schedule(plan_id, 1, greedy(plan))
    publish_schedule(fresh_store, plan_id, schedule_id)
    at = app("export_page.py")
    assert not at.exception, at.exception
    assert "Messages of the last publication" in [s.value for s in at.subheader]
    record = latest_published(fresh_store, plan_id).record
    attending = {who for e in record.events.values() if e.kind in ("meeting", "fixed") for who in e.attendees}
    people = [p for p in (*plan.delegations, *plan.hosts, *plan.interpreters) if p.id in attending]
    with_address = [p for p in people if p.email]
    without = [p for p in people if not p.email]
    assert with_address and without
    assert "Download the messages (.eml in a .zip)" in [d.label for d in at.get("download_button")]
    sentence = next(t for t in texts(at) if t.startswith("Publication 1 changed the programme of "))
    assert f"; {len(with_address)} messages tell them" in sentence
    [missed] = [e for e in at.expander if e.label.endswith("not written to")]
    listed = [unescaped(m.value) for m in missed.markdown]
    for person in without:
        assert f"- {person.name}: no e-mail address in the plan" in listed


def test_with_smtp_settings_the_page_sends_each_message_once_and_retries_only_those_not_reached(fresh_store):
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        plan_id = plan_id_of(fresh_store)
        plan = fresh_store.version(plan_id, 1).plan
        schedule_id = fresh_store.save_schedule(plan_id, 1, greedy(plan))
        publish_schedule(fresh_store, plan_id, schedule_id)
        record = latest_published(fresh_store, plan_id).record
        attending = {who for e in record.events.values() for who in e.attendees}
        addressed = [h for h in plan.hosts if h.email and h.id in attending]
        refused = addressed[0]
        handler.refused = {refused.email}
        at = app("export_page.py")
        at.secrets["smtp"] = {"host": "127.0.0.1", "port": controller.port, "starttls": False,
                              "sender": "Protocol office <protocol@office.test>", "timeout": 10}  # fmt: skip
        at.run()
        button(at, "Send the messages").click().run()
        assert not at.exception, at.exception
        arrived = sorted(recipients[0] for recipients, _ in handler.received)
        assert arrived == sorted(h.email for h in addressed[1:])
        assert f"Sent {len(addressed) - 1} messages from Protocol office <protocol@office.test>." in texts(at)
        assert "1 person not reached:" in texts(at)
        assert any(t.startswith(f"- {refused.name}: the server refused the address (550") for t in texts(at))

        at.run()  # drawing the page again sends nothing
        assert len(handler.received) == len(addressed) - 1
        handler.refused = set()
        button(at, "Send again to the 1 person not reached").click().run()
        assert [recipients for recipients, _ in handler.received[len(addressed) - 1 :]] == [[refused.email]]
        assert f"Sent {len(addressed)} messages from Protocol office <protocol@office.test>." in texts(at)
        assert "1 person not reached:" not in texts(at)
        assert not [b for b in at.button if b.label.startswith("Send")]
        message = email.message_from_bytes(handler.received[-1][1], policy=policy.default)
        assert message["To"].addresses[0].addr_spec == refused.email
    finally:
        controller.stop()


def with_smtp(at, port: int):
    at.secrets["smtp"] = {"host": "127.0.0.1", "port": port, "starttls": False,
                          "sender": "Protocol office <protocol@office.test>", "timeout": 10}  # fmt: skip
    return at.run()


def test_publishing_sends_and_every_session_then_sends_only_to_those_not_reached(fresh_store):
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        plan_id = plan_id_of(fresh_store)
        plan = fresh_store.version(plan_id, 1).plan
        fresh_store.save_schedule(plan_id, 1, greedy(plan))
        at = with_smtp(app("export_page.py"), controller.port)
        button(at, "Publish this programme").click().run()
        question = next(t for t in texts(at) if t.startswith("**Publish this programme now?**"))
        assert " It e-mails the 14 people with an address whose programme changes. " in question
        assert not handler.received  # asked first
        handler.refused = {"karim.benali@example.org"}
        button(at, "Yes, publish").click().run()
        assert not at.exception, at.exception
        assert len(handler.received) == 13
        assert (
            "Published as publication 1: the delegations' pages and calendars show it. E-mailed 13 people; "
            "1 person not reached (below)." in texts(at)
        )
        assert "Sent 13 messages from Protocol office <protocol@office.test>." in texts(at)
        [missed] = [t for t in texts(at) if t.startswith("- Karim Benali: ")]
        assert missed == "- Karim Benali: the server refused the address (550 5.1.1 No such mailbox)"

        other = with_smtp(app("export_page.py"), controller.port)  # another browser, or a reload
        at.run()
        assert len(handler.received) == 13  # drawing the page sends nothing
        assert missed in texts(
            other
        ) and "Sent 13 messages from Protocol office <protocol@office.test>." in texts(other)
        handler.refused = set()
        button(other, "Send again to the 1 person not reached").click().run()
        assert [recipients for recipients, _ in handler.received[13:]] == [["karim.benali@example.org"]]
        assert "Sent 14 messages from Protocol office <protocol@office.test>." in texts(other)

        button(at, "Send again to the 1 person not reached").click().run()  # a page drawn before the retry
        assert len(handler.received) == 14  # nobody twice
        assert not [b for b in at.button if b.label.startswith("Send")]
        assert "Sent 14 messages from Protocol office <protocol@office.test>." in texts(at)
        body = email.message_from_bytes(handler.received[-1][1], policy=policy.default).get_body(("plain",))
        [link] = [line for line in body.get_content().splitlines() if "/?h=" in line]
        assert link.startswith("http://localhost:8501/?h=")  # the address staff reach the app at
        assert fresh_store.resolve_person_link(link.partition("?h=")[2]) == (plan_id, "host", "polbru-cp")
    finally:
        controller.stop()
