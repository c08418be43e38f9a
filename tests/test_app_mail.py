"""The Export page's messages of the last publication, in Streamlit's AppTest against a fresh store."""

from __future__ import annotations

from scheduler.publishing import latest_published, publish_schedule
from scheduler.solver import greedy
from tests.app_support import app, fresh_store, plan_id_of, texts, unescaped

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
