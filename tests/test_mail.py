"""The messages a publication sends: one per person whose programme changed, read back with the e-mail
parser, their calendars with libical."""

import email
import io
import json
import subprocess
import zipfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email import policy
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scheduler.export import publish
from scheduler.export.mail import mail_files, mail_zip, messages
from scheduler.io.load import load_plan_file
from scheduler.io.plan_json import plan_from_data
from scheduler.io.workbook import plan_to_workbook, workbook_to_data
from scheduler.solver import greedy

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "data/conference-2024.json"
FIRST = datetime(2024, 6, 1, 9, 0, tzinfo=UTC)
SECOND = datetime(2024, 6, 3, 15, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def setting():
    plan, problems = load_plan_file(str(SAMPLE))
    assert plan is not None, problems
    delegations = tuple(replace(d, email=f"{d.id.lower()}@delegation.test") for d in plan.delegations)
    interpreters = tuple(replace(i, email=f"{i.id}@interpreters.test") for i in plan.interpreters)
    plan = replace(plan, delegations=delegations, interpreters=interpreters)
    schedule = greedy(plan)
    return plan, schedule


def french_meetings(plan, schedule):
    """Three meetings of the French delegation (which speaks only French)."""
    own = [m for m in schedule.meetings if "FR" in plan.request(m.request).delegations]
    assert len(own) >= 3
    return own[:3]


def parsed(content: bytes):
    return email.message_from_bytes(content, policy=policy.default)


def read_with_libical(tmp_path: Path, content: bytes) -> dict:
    probe = subprocess.run(["/usr/bin/python3", "-c", "import gi; gi.require_version('ICalGLib', '3.0')"],
                           capture_output=True)  # fmt: skip
    if probe.returncode != 0:
        pytest.skip("libical through GObject is missing: apt-get install python3-gi gir1.2-ical-3.0")
    path = tmp_path / "attached.ics"
    path.write_bytes(content)
    done = subprocess.run(["/usr/bin/python3", str(ROOT / "tests/libical_read.py"), str(path)],
                          capture_output=True, check=True)  # fmt: skip
    return json.loads(done.stdout)[str(path)]


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_second_publication_tells_each_person_what_was_added_moved_and_cancelled(setting, tmp_path):
    plan, schedule = setting
    moved, cancelled, added = french_meetings(plan, schedule)
    before = replace(schedule, meetings=tuple(m for m in schedule.meetings if m != added))
    first = publish(plan, before, None, FIRST)
    shifted = replace(moved, start=moved.start + timedelta(hours=1), end=moved.end + timedelta(hours=1))
    after = tuple(shifted if m == moved else m for m in schedule.meetings if m != cancelled)
    now = replace(schedule, meetings=after)
    second = publish(plan, now, first, SECOND)

    files = mail_files(plan, now, first, second, sender="Protocol office <protocol@office.test>")
    message = parsed(files["mail/FR.eml"])
    assert message["To"].addresses[0].addr_spec == "fr@delegation.test"
    assert message["From"].addresses[0].addr_spec == "protocol@office.test"
    assert message.get_body(("plain",))["Content-Language"] == "fr"
    assert "publié le 03 juin 2024, 17:30" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    title = {m.request: plan.request(m.request).title for m in (moved, cancelled, added)}
    assert f"Nouveau: {title[added.request]}" in body
    assert f"Annulé : {title[cancelled.request]}" in body
    assert f"Modifié: {title[moved.request]}" in body
    old, new = moved.start.astimezone(plan_zone(plan)), shifted.start.astimezone(plan_zone(plan))
    assert f"{old:%H:%M}-{moved.end.astimezone(plan_zone(plan)):%H:%M} -> " in body
    assert f", {new:%H:%M}-" in body
    unchanged = [
        m for m in after if "FR" in plan.request(m.request).delegations and m not in (shifted, added)
    ]
    for meeting in unchanged:
        assert plan.request(meeting.request).title not in body

    attachments = list(message.iter_attachments())
    assert [a.get_content_type() for a in attachments] == ["text/calendar"]
    assert attachments[0].get_filename() == "FR.ics"
    calendar = read_with_libical(tmp_path, attachments[0].get_content().encode("utf-8"))
    by_time = {(e["start_utc"], e["status"]) for e in calendar["events"]}
    assert (utc(shifted.start), None) in by_time or (utc(shifted.start), "CONFIRMED") in by_time
    assert (utc(cancelled.start), "CANCELLED") in by_time

    # Only people whose own meetings changed are written to; nobody twice.
    changed = {moved.request, cancelled.request, added.request}
    concerned = set()
    for request in changed:
        r = plan.request(request)
        concerned |= set(r.delegations) | set(r.hosts)
    sent, _unreachable = messages(plan, now, first, second)
    assert set(sent) <= concerned | {i.id for i in plan.interpreters} | set(optional_hosts(schedule, changed))
    assert "FR" in sent
    assert len(files) == len(sent)


def plan_zone(plan):
    from zoneinfo import ZoneInfo

    return ZoneInfo(plan.timezone)


def optional_hosts(schedule, requests) -> set[str]:
    return {h for m in schedule.meetings if m.request in requests for h in m.optional_hosts}


def test_publishing_the_same_schedule_again_sends_nothing(setting):
    plan, schedule = setting
    first = publish(plan, schedule, None, FIRST)
    again = publish(plan, schedule, first, SECOND)
    assert mail_files(plan, schedule, first, again) == {}
    assert zipfile.ZipFile(io.BytesIO(mail_zip(plan, schedule, first, again))).namelist() == []


def test_a_first_publication_tells_everyone_with_an_address_their_whole_programme(setting):
    plan, schedule = setting
    record = publish(plan, schedule, None, FIRST)
    sent, unreachable = messages(plan, schedule, None, record)
    attending = {p for m in schedule.meetings for p in plan.request(m.request).delegations}
    assert attending <= set(sent)
    host = next(h for h in plan.hosts if h.id in sent and h.languages[0] == "nl")
    body = sent[host.id].get_body(("plain",)).get_content()
    own = [m for m in schedule.meetings if host.id in (*plan.request(m.request).hosts, *m.optional_hosts)]
    fixed = [f for f in plan.fixed if host.id in f.hosts]
    assert body.count("Nieuw: ") == len(own) + len(fixed)
    reasons = dict((notice.person, why) for notice, why in unreachable)
    assert all(why == "no e-mail address in the plan" for why in reasons.values())
    assert not set(reasons) & set(sent)


def test_an_address_that_is_not_one_is_reported_not_sent(setting):
    plan, schedule = setting
    broken = replace(plan.delegations[0], email="not an address@@")
    plan = replace(plan, delegations=(broken, *plan.delegations[1:]))
    record = publish(plan, schedule, None, FIRST)
    sent, unreachable = messages(plan, schedule, None, record)
    assert broken.id not in sent
    assert next(why for notice, why in unreachable if notice.person == broken.id).startswith(
        '"not an address@@" is not an e-mail address'
    )


def test_the_email_of_delegations_and_interpreters_survives_the_workbook(setting):
    plan, _schedule = setting
    book = load_workbook(io.BytesIO(plan_to_workbook(plan)))
    header = [cell.value for cell in book["Interpreters"][1]]
    assert book["Interpreters"].cell(2, header.index("Email") + 1).value == "ip-fr-nl@interpreters.test"
    data, problems, _locate = workbook_to_data(plan_to_workbook(plan))
    assert problems == []
    back, decoded = plan_from_data(data, lenient=True)
    assert decoded == []
    assert [d.email for d in back.delegations] == [d.email for d in plan.delegations]
    assert [i.email for i in back.interpreters] == [i.email for i in plan.interpreters]


def test_solve_out_writes_the_messages_under_mail(tmp_path):
    source = json.loads(SAMPLE.read_text())
    for delegation in source["delegations"]:
        delegation["email"] = f"{delegation['id'].lower()}@delegation.test"
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(source))
    out = tmp_path / "out"
    command = ["python3", "-m", "scheduler", "solve", str(plan_file), "--out", str(out), "--time-limit", "3",
               "--workers", "1", "--seed", "1"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    written = sorted(path.name for path in (out / "mail").glob("*.eml"))
    assert "FR.eml" in written
    message = parsed((out / "mail/FR.eml").read_bytes())
    assert message["To"].addresses[0].addr_spec == "fr@delegation.test"
    assert "Nouveau: " in message.get_body(("plain",)).get_content()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert list((out / "mail").glob("*.eml")) == []  # the same programme again: nobody is told anything
