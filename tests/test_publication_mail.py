"""A publication's messages sent to a real SMTP server (aiosmtpd) from a real store (SQLite, PostgreSQL):
each reaches each person once, whoever sends and however often; a server that refuses, closes or is
down loses nobody; someone a message missed hears of it in the next one."""

import email
import threading
from dataclasses import replace
from email import policy

import pytest
from aiosmtpd.controller import Controller

from scheduler.export.mail_send import SmtpSettings
from scheduler.export.mail_words import ANSWER
from scheduler.io.load import load_plan_file
from scheduler.languages import WORDS, languages_for
from scheduler.model import Unscheduled
from scheduler.publication_mail import mail_delivery, send_publication
from scheduler.publishing import latest_published, publish_schedule
from scheduler.solver import greedy
from scheduler.store import Store
from tests.app_support import free_port
from tests.store_support import store, url

__all__ = ["store", "url"]  # the fixtures, imported for pytest

SAMPLE = "data/ukraine-prosecutors-2024.json"
SENDER = "Protocol office <protocol@office.test>"


class Inbox:
    """Keeps what it receives; refuses the addresses in `refused`; with `close_after`, drops the
    connection on the message after that many."""

    def __init__(self) -> None:
        self.received: list[tuple[str, bytes]] = []
        self.refused: set[str] = set()
        self.close_after: int | None = None
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.close_after is not None and len(self.received) >= self.close_after:
                server.transport.close()
                return "421 4.3.2 Closing"
            self.received += [(address, envelope.content) for address in envelope.rcpt_tos]
        return "250 Message accepted"

    def addresses(self) -> list[str]:
        return [address for address, _ in self.received]


@pytest.fixture
def inbox():
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield handler, SmtpSettings("127.0.0.1", SENDER, controller.port, starttls=False, timeout=10)
    finally:
        controller.stop()


def published(store: Store):
    plan, problems = load_plan_file(SAMPLE)
    assert plan is not None, problems
    plan_id = store.create_plan(plan).plan_id
    schedule = greedy(plan)
    publish_schedule(store, plan_id, store.save_schedule(plan_id, 1, schedule))
    return plan_id, plan, schedule


def told(store: Store, plan_id: int, plan) -> dict[str, str]:
    """Host id -> address, of every host with an address in a meeting or fixed event of the latest
    publication (all of them new in a first one)."""
    record = latest_published(store, plan_id).record
    events = [e for e in record.events.values() if e.kind in ("meeting", "fixed") and not e.cancelled]
    attending = {who for event in events for who in event.attendees}
    return {h.id: h.email for h in plan.hosts if h.email and h.id in attending}


def test_each_person_is_written_to_once_whoever_sends_and_however_often(store, inbox, url):
    handler, settings = inbox
    plan_id, plan, _schedule = published(store)
    hosts = told(store, plan_id, plan)
    refused = next(iter(hosts))
    handler.refused = {hosts[refused]}

    delivery = send_publication(store, plan_id, settings)
    assert sorted(handler.addresses()) == sorted(a for h, a in hosts.items() if h != refused)
    assert sorted(delivery.sent) == sorted(h for h in hosts if h != refused)
    assert delivery.not_reached == {refused: "the server refused the address (550 5.1.1 No such mailbox)"}
    assert delivery.to_send == (refused,)
    without = {notice.person: why for notice, why in delivery.unreachable}
    assert without == {"ua": "no e-mail address in the plan"} | {
        i.id: "no e-mail address in the plan" for i in plan.interpreters if i.id in without
    }

    other = Store(url)  # another browser, another process: the same record
    try:
        assert send_publication(other, plan_id, settings).not_reached == delivery.not_reached
        assert len(handler.received) == len(hosts) - 1  # nobody twice
        handler.refused = set()
        after = send_publication(other, plan_id, settings)
    finally:
        other.engine.dispose()
    assert handler.addresses()[len(hosts) - 1 :] == [hosts[refused]]
    assert (sorted(after.sent), after.not_reached, after.to_send) == (sorted(hosts), {}, ())
    message = email.message_from_bytes(handler.received[-1][1], policy=policy.default)
    assert message["To"].addresses[0].addr_spec == hosts[refused]
    assert [part.get_content_type() for part in message.iter_attachments()] == ["text/calendar"]
    assert send_publication(store, plan_id, settings).sent == after.sent
    assert len(handler.received) == len(hosts)


def test_two_sends_at_once_write_to_each_person_once(url, inbox):
    handler, settings = inbox
    senders = [Store(url) for _ in range(3)]
    plan_id, plan, _schedule = published(senders[0])
    start = threading.Barrier(len(senders))

    def send(sender: Store) -> None:
        start.wait()
        send_publication(sender, plan_id, settings)

    threads = [threading.Thread(target=send, args=(sender,)) for sender in senders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(handler.addresses()) == sorted(told(senders[0], plan_id, plan).values())
    assert mail_delivery(senders[0], plan_id).to_send == ()
    for sender in senders:
        sender.engine.dispose()


def test_a_server_that_closes_midway_loses_nobody_and_the_retry_sends_only_the_rest(store, inbox):
    handler, settings = inbox
    plan_id, plan, _schedule = published(store)
    hosts = told(store, plan_id, plan)
    handler.close_after = 3

    delivery = send_publication(store, plan_id, settings)
    assert len(delivery.sent) == 3 and len(handler.received) == 3
    assert set(delivery.not_reached) == set(hosts) - set(delivery.sent)
    closed = f"the server 127.0.0.1:{settings.port} closed the connection or timed out ("
    assert all(why.startswith(closed) for why in delivery.not_reached.values())

    handler.close_after = None
    again = send_publication(store, plan_id, settings, only=delivery.not_reached)
    assert sorted(handler.addresses()) == sorted(hosts.values())  # the first three once, the rest once
    assert again.not_reached == {}


def test_a_server_down_when_publishing_leaves_everyone_to_send_later(store, inbox):
    handler, settings = inbox
    plan_id, plan, _schedule = published(store)
    down = replace(settings, port=free_port(), timeout=2)
    delivery = send_publication(store, plan_id, down)
    assert delivery.sent == ()
    assert set(delivery.not_reached) == set(told(store, plan_id, plan))
    reason = f"the server 127.0.0.1:{down.port} could not be reached ("
    assert all(why.startswith(reason) for why in delivery.not_reached.values())
    assert len(store.latest_publication(plan_id).record) > 0  # the publication happened all the same

    assert send_publication(store, plan_id, settings).not_reached == {}
    assert sorted(handler.addresses()) == sorted(told(store, plan_id, plan).values())


def test_someone_a_message_missed_is_told_everything_since_the_last_they_heard_of(store, inbox):
    handler, settings = inbox
    plan_id, plan, schedule = published(store)
    hosts = told(store, plan_id, plan)
    missed = next(iter(hosts))
    handler.refused = {hosts[missed]}
    send_publication(store, plan_id, settings)
    handler.refused, handler.received = set(), []

    # The second publication cancels one meeting the missed host is not in.
    gone = next(
        m for m in schedule.meetings if missed not in (*plan.request(m.request).hosts, *m.optional_hosts)
    )
    second = replace(
        schedule,
        meetings=tuple(m for m in schedule.meetings if m is not gone),
        unscheduled=(*schedule.unscheduled, Unscheduled(gone.request, ("taken out",))),
    )
    publish_schedule(store, plan_id, store.save_schedule(plan_id, 1, second))
    delivery = send_publication(store, plan_id, settings)

    cancelled_for = {*plan.request(gone.request).hosts, *gone.optional_hosts} & set(hosts)
    assert sorted(handler.addresses()) == sorted({hosts[h] for h in cancelled_for | {missed}})
    assert delivery.carried == {missed: 1}
    body = {
        address: email.message_from_bytes(content, policy=policy.default).get_body(("plain",)).get_content()
        for address, content in handler.received
    }
    own = [e for e in latest_published(store, plan_id).record.events.values()
           if missed in e.attendees and e.kind in ("meeting", "fixed") and not e.cancelled]  # fmt: skip
    news = [
        line for line in body[hosts[missed]].splitlines() if line.startswith(("New:", "Nieuw:", "Nouveau"))
    ]
    assert len(news) == len(own)  # everything of the first publication, which never reached them
    assert store.mail_missed(plan_id, 3) == {}


def test_hosts_and_interpreters_get_a_private_link_of_their_own_and_delegations_none(store, inbox):
    handler, settings = inbox
    plan, problems = load_plan_file(SAMPLE)
    assert plan is not None, problems
    plan = replace(
        plan,
        delegations=tuple(replace(d, email=f"{d.id}@delegation.test") for d in plan.delegations),
        interpreters=tuple(replace(i, email=f"{i.id}@interpreters.test") for i in plan.interpreters),
    )
    plan_id = store.create_plan(plan).plan_id
    publish_schedule(store, plan_id, store.save_schedule(plan_id, 1, greedy(plan)))
    handler.refused = {"karim.benali@example.org"}  # a host, tried twice

    send_publication(store, plan_id, settings, page_address="https://protocol.example.org/")
    handler.refused = set()
    send_publication(store, plan_id, settings, page_address="https://protocol.example.org/")

    kinds = {h.id: "host" for h in plan.hosts} | {i.id: "interpreter" for i in plan.interpreters}
    people = {p.email: p for p in (*plan.delegations, *plan.hosts, *plan.interpreters) if p.email}
    tokens = []
    for address, content in handler.received:
        person = people[address]
        body = email.message_from_bytes(content, policy=policy.default).get_body(("plain",)).get_content()
        links = [line for line in body.splitlines() if line.startswith("https://protocol.example.org/?h=")]
        if person.id not in kinds:
            assert links == [] and "?h=" not in body  # a delegation has its own page, not this one
            continue
        [link] = links
        token = link.removeprefix("https://protocol.example.org/?h=")
        assert store.resolve_person_link(token) == (plan_id, kinds[person.id], person.id)
        above = body.splitlines()[body.splitlines().index(link) - 1]
        language = "en" if kinds[person.id] == "interpreter" else languages_for(person.languages)[0]
        assert above == ANSWER[language]
        tokens.append(token)
    assert {people[a].id for a, _ in handler.received} >= {"ua", "ip-uk-nl", "polbru-cp"}
    assert len(set(tokens)) == len(tokens)  # a new link in every message


def test_the_line_above_the_link_is_written_in_every_language_the_pages_speak():
    assert list(ANSWER) == list(WORDS)
