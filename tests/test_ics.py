"""Calendars read back as clients read them: by ical.js (Thunderbird) and libical, not by icalendar.

Schedules are built by hand around both 2024 daylight-saving changes in Brussels (31 March and
27 October), and every event's time is compared with the schedule in UTC.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zoneinfo
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from scheduler.export import (
    PUBLICATION_FILE,
    calendar_files,
    calendars,
    event_uid,
    publication_from_json,
    publication_to_json,
    publish,
    safe_file_name,
)
from scheduler.export.ics_text import clean_text, one_line
from scheduler.model import (
    Delegation,
    Fixed,
    Host,
    Interpreter,
    LunchBlock,
    Meeting,
    Objective,
    Plan,
    Request,
    Room,
    Schedule,
    Unscheduled,
    Venue,
)

ROOT = Path(__file__).resolve().parent.parent
BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
LATER = datetime(2024, 3, 5, 17, 30, tzinfo=UTC)


def at(day: str, clock: str, zone: ZoneInfo = BRUSSELS) -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=zone)


# --- a hand-made plan and schedule ------------------------------------------------------------


def make_plan(**changes) -> Plan:
    venues = (
        Venue("v-hotel", "Hotel Amigo", "Rue de l'Amigo 1-3, 1000 Brussels", 50.8460, 4.3515),
        Venue("v-police", "Federal Police HQ", "Rue Fritz Toussaint 8, 1050 Ixelles", 50.8230, 4.3870),
        Venue(
            "v-pros", "Prosecutor's office; Brussels", "Rue des Quatre Bras 4, 1000 Brussels", 50.8370, 4.3540
        ),
        Venue(
            "v-city", "City Hall", "Grand-Place, 1000 Brussels", rooms=(Room("gothic", "Gothic Room", 40),)
        ),
    )
    hosts = (
        Host(
            "h-fast",
            "Fugitive search team",
            "v-police",
            organisation="Federal police",
            email="fast@police.test",
        ),
        Host("h-pros", "Prosecutor Janssens", "v-pros", organisation="Prosecutor's office"),
        Host("h-mayor", "The mayor", "v-city", organisation="City of Brussels", email="mayor@city.test"),
    )
    stay = {"arrive": datetime(2024, 3, 28, 8), "depart": datetime(2024, 10, 31, 18)}
    delegations = (
        Delegation("d-ua", "Ukrainian prosecutors", 6, ("uk",), country="Ukraine", hotel="v-hotel", **stay),
        Delegation("d-nl", "Dutch police ministry", 4, ("nl",), country="Netherlands", **stay),
    )
    requests = (
        Request("r1", 60, "Fugitive search", ("d-ua",), ("h-fast",), notes="Bring passports"),
        Request("r2", 60, "Local prosecution", ("d-ua",), ("h-pros",)),
        Request("r3", 90, "Crime prevention", ("d-ua",), ("h-mayor",), optional_hosts=("h-pros",)),
        Request("r4", 60, "Police exchange", ("d-nl",), ("h-fast",)),
        Request("r5", 45, "Hosts' briefing", (), ("h-fast", "h-pros")),
        Request("r6", 60, "Follow-up", ("d-nl",), ("h-mayor",)),
    )
    fixed = (
        Fixed(
            "f-conf",
            "Conference on citizen participation",
            datetime(2024, 3, 29, 16),
            datetime(2024, 3, 29, 18),
            "v-city",
            ("d-ua", "d-nl"),
            interpreters=("i-uk",),
            notes="Royal Museums, main hall",
        ),
    )
    plan = Plan(
        name="Working visits 2024",
        venues=venues,
        hosts=hosts,
        delegations=delegations,
        interpreters=(Interpreter("i-uk", "Olena Kovalenko", ("uk", "en")),),
        requests=requests,
        fixed=fixed,
    )
    return replace(plan, **changes)


def meeting(request: str, day: str, clock: str, minutes: int, venue: str, **more) -> Meeting:
    start = at(day, clock)
    return Meeting(request, start, start + timedelta(minutes=minutes), venue, **more)


MEETINGS = (
    meeting("r1", "2024-03-29", "10:00", 60, "v-police", interpreter="i-uk"),
    meeting("r2", "2024-03-29", "14:00", 60, "v-pros"),
    meeting("r3", "2024-04-02", "09:30", 90, "v-city", room="gothic", optional_hosts=("h-pros",)),
    meeting("r4", "2024-10-25", "11:00", 60, "v-police"),
    meeting("r5", "2024-10-29", "09:00", 45, "v-police"),
    meeting("r6", "2024-10-29", "15:00", 60, "v-city"),
)
LUNCHES = (
    LunchBlock("d-ua", at("2024-03-29", "12:00"), at("2024-03-29", "13:00")),
    LunchBlock("d-nl", at("2024-10-29", "12:00"), at("2024-10-29", "13:00")),
)


def make_schedule(meetings=MEETINGS, unscheduled=()) -> Schedule:
    counts = {"must": 0, "high": 0, "normal": len(meetings), "low": 0}
    objective = Objective(counts, counts)
    return Schedule(
        "Working visits 2024", "optimal", 0.5, objective, tuple(meetings), LUNCHES, tuple(unscheduled)
    )


# --- the independent readers ------------------------------------------------------------------


def write_all(files: dict[str, bytes], folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for key, content in files.items():
        path = folder / f"{safe_file_name(key)}.ics"
        path.write_bytes(content)
        paths.append(str(path))
    return paths


def read_with_icaljs(paths: list[str]) -> dict:
    if not (ROOT / "node_modules" / "ical.js").is_dir():
        pytest.skip("node_modules/ical.js is missing: run `npm ci` in the project root")
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    done = subprocess.run(
        ["node", str(ROOT / "tests/js/read_ics.mjs"), *paths], capture_output=True, check=True
    )
    return json.loads(done.stdout)


def read_with_libical(paths: list[str]) -> dict:
    probe = subprocess.run(["/usr/bin/python3", "-c", "import gi; gi.require_version('ICalGLib', '3.0')"],
                           capture_output=True)  # fmt: skip
    if probe.returncode != 0:
        pytest.skip("libical through GObject is missing: apt-get install python3-gi gir1.2-ical-3.0")
    script = str(ROOT / "tests/libical_read.py")
    done = subprocess.run(["/usr/bin/python3", script, *paths], capture_output=True, check=True)
    return json.loads(done.stdout)


READERS = {"ical.js": read_with_icaljs, "libical": read_with_libical}


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def by_uid(calendar: dict) -> dict[str, dict]:
    return {event["uid"]: event for event in calendar["events"]}


def read_back(reader: str, files: dict[str, bytes], folder: Path) -> dict[str, dict]:
    """Calendar key -> what the reader found in it."""
    paths = write_all(files, folder)
    found = READERS[reader](paths)
    return {key: found[path] for key, path in zip(files, paths, strict=True)}


# --- times -----------------------------------------------------------------------------------


def test_the_dates_straddle_both_2024_changes():
    offsets = {m.start.utcoffset() for m in MEETINGS}
    assert offsets == {timedelta(hours=1), timedelta(hours=2)}
    assert [m.start.utcoffset().seconds // 3600 for m in MEETINGS] == [1, 1, 2, 2, 1, 1]


@pytest.mark.parametrize("reader", READERS)
def test_every_event_of_every_calendar_has_the_schedule_times_in_utc(reader, tmp_path):
    plan, schedule = make_plan(), make_schedule()
    files = calendars(plan, schedule, now=NOW)
    assert set(files) == {"all", "d-ua", "d-nl", "h-fast", "h-pros", "h-mayor", "i-uk"}
    found = read_back(reader, files, tmp_path)
    expected = {event_uid(plan, m.request): (utc(m.start), utc(m.end)) for m in schedule.meetings}
    conference = plan.fixed[0]
    expected[event_uid(plan, "f-conf")] = (utc(conference.start.replace(tzinfo=BRUSSELS)),
                                          utc(conference.end.replace(tzinfo=BRUSSELS)))  # fmt: skip
    for key, calendar in found.items():
        assert calendar["method"] == "PUBLISH", key
        for uid, event in by_uid(calendar).items():
            if uid in expected:
                assert (event["start_utc"][:19], event["end_utc"][:19]) == expected[uid], (
                    key,
                    event["summary"],
                )
    assert set(by_uid(found["all"])) == set(expected)
    mine = {"d-nl": ["r4", "r6", "f-conf"], "h-pros": ["r2", "r3", "r5"], "i-uk": ["r1", "f-conf"]}
    for key, keys in mine.items():
        programme = {uid for uid in by_uid(found[key]) if uid in expected}
        assert {event_uid(plan, k) for k in keys} == programme, key


def test_icaljs_sees_the_plans_zone_and_every_required_property(tmp_path):
    plan = make_plan()
    found = read_back("ical.js", calendars(plan, make_schedule(), now=NOW, reminder_minutes=15), tmp_path)
    for key, calendar in found.items():
        assert calendar["timezones"] == ["Europe/Brussels"]
        assert calendar["name"] == calendar["wr_calname"] and calendar["name"].startswith(
            "Working visits 2024 – "
        )
        assert calendar["version"] == "2.0" and calendar["prodid"] and calendar["refresh"] == "PT1H"
        for event in calendar["events"]:
            assert event["start_zone"] == "Europe/Brussels", (key, event["summary"])
            assert event["organizer"] == "mailto:protocol@working-visits-2024.invalid"
            assert event["dtstamp"] == "2024-03-01T09:00:00Z"
            assert event["sequence"] == 0 and event["status"] == "CONFIRMED" and event["transp"] == "OPAQUE"
            assert event["categories"], event["summary"]
    r1 = by_uid(found["d-ua"])[event_uid(plan, "r1")]
    assert r1["summary"] == "Fugitive search – Fugitive search team (Federal police)"
    assert r1["location"] == "Federal Police HQ, Rue Fritz Toussaint 8, 1050 Ixelles"
    assert r1["geo"] == [50.823, 4.387]
    assert r1["categories"] == ["Зустріч", "Federal police"]  # its kind in the delegation's language
    assert r1["alarms"] == ["-PT15M"]
    # the Ukrainian delegation reads the description's fixed words in Ukrainian, names as staff wrote them
    assert r1["description"].splitlines() == [
        "Делегація: Ukrainian prosecutors, Ukraine",
        "Співрозмовники: Fugitive search team (Federal police)",
        "Перекладач: Olena Kovalenko",
        "Контакт: Fugitive search team <fast@police.test>",
        "Примітки: Bring passports",
    ]
    hosts_copy = by_uid(found["h-fast"])[event_uid(plan, "r1")]
    assert hosts_copy["summary"] == "Fugitive search – Ukrainian prosecutors"
    assert hosts_copy["description"].splitlines() == [
        "Delegation: Ukrainian prosecutors, Ukraine (6 persons)",
        "Hosts: Fugitive search team (Federal police)",
        "Interpreter: Olena Kovalenko",
        "Host contact: Fugitive search team <fast@police.test>",
        "Notes: Bring passports",
    ]
    assert by_uid(found["all"])[event_uid(plan, "r1")]["description"] == hosts_copy["description"]
    r3 = by_uid(found["h-mayor"])[event_uid(plan, "r3")]
    assert r3["location"] == "City Hall, Gothic Room, Grand-Place, 1000 Brussels"  # a named room: its name
    assert "Also attending: Prosecutor Janssens (Prosecutor's office)" in r3["description"]


def test_a_delegation_calendar_holds_its_lunch_and_travel_blocks(tmp_path):
    plan = make_plan()
    found = read_back("ical.js", calendars(plan, make_schedule(), now=NOW), tmp_path)
    events = found["d-ua"]["events"]
    lunch = [e for e in events if e["categories"] == ["Обід"]]  # categories in its language too
    assert [(e["start_utc"][:16], e["end_utc"][:16], e["transp"]) for e in lunch] == [
        ("2024-03-29T11:00", "2024-03-29T12:00", "OPAQUE")
    ]
    # Its own blocks are titled in the delegation's language (Ukrainian here, Dutch for d-nl); the
    # plan's names stay as written.
    assert [e["summary"] for e in lunch] == ["Обідня перерва"]
    dutch = [e["summary"] for e in found["d-nl"]["events"] if e["categories"] == ["Lunch"]]  # Dutch: "Lunch"
    assert dutch == ["Lunchpauze"]
    travel = [
        (e["summary"], e["start_utc"][:16], e["end_utc"][:16])
        for e in events
        if e["categories"] == ["Переїзд"]
    ]
    assert [t[0] for t in travel] == [
        "Переїзд: Federal Police HQ",  # from the hotel, ending as the first meeting starts
        "Переїзд: Prosecutor's office; Brussels",
        "Переїзд: City Hall",
        "Переїзд: Hotel Amigo",
        "Переїзд: City Hall",  # 2 April: hotel -> City Hall and back
        "Переїзд: Hotel Amigo",
    ]
    assert travel[0][2] == "2024-03-29T09:00"
    assert travel[2][1:] == ("2024-03-29T14:00", "2024-03-29T14:30")  # no coordinates: the default 30 minutes
    assert travel[3][1:] == ("2024-03-29T17:00", "2024-03-29T17:30")
    assert all(e["transp"] == "OPAQUE" for e in events)
    assert not [e for e in found["h-fast"]["events"] if e["categories"][0] in ("Lunch", "Travel")]
    assert not [e for e in found["all"]["events"] if e["categories"][0] in ("Lunch", "Travel")]
    hosts_copy = by_uid(found["h-fast"])[event_uid(plan, "r1")]
    assert hosts_copy["categories"] == ["Meeting", "Federal police"]  # hosts and staff read English


# --- the VTIMEZONE --------------------------------------------------------------------------------


def weekly_plan(zone: str) -> Plan:
    """Fixed events every 5 days through 2024 at 10:00 and 02:30 local time, in `zone`."""
    start = datetime(2024, 1, 2, 10)
    events = []
    for n in range(74):
        day = start + timedelta(days=5 * n)
        events.append(Fixed(f"f{n}", f"Event {n}", day, day + timedelta(hours=1), delegations=("d",)))
        night = day.replace(hour=2, minute=30) + timedelta(days=2)
        events.append(Fixed(f"n{n}", f"Night {n}", night, night + timedelta(hours=3), delegations=("d",)))
    delegation = Delegation("d", "Visitors", 1, ("en",), datetime(2024, 1, 1), datetime(2024, 12, 31))
    return Plan(name=f"Year in {zone}", timezone=zone, delegations=(delegation,), fixed=tuple(events))


ZONES = ["Europe/Brussels", "America/New_York", "Australia/Sydney", "America/Santiago", "Asia/Jerusalem",
         "Asia/Tokyo", "Africa/Casablanca", "Asia/Almaty"]  # fmt: skip


@pytest.mark.parametrize("reader", READERS)
def test_the_written_vtimezone_gives_zoneinfo_times_all_year(reader, tmp_path):
    """Both readers use only the VTIMEZONE in the file; each must agree with zoneinfo on every instant."""
    for zone in ZONES:
        plan = weekly_plan(zone)
        found = read_back(reader, {"d": calendars(plan, make_schedule(()), now=NOW)["d"]}, tmp_path / zone)
        events = by_uid(found["d"])
        assert len(events) == len(plan.fixed)
        for event in plan.fixed:
            seen = events[event_uid(plan, event.id)]
            wanted = (
                utc(event.start.replace(tzinfo=ZoneInfo(zone))),
                utc(event.end.replace(tzinfo=ZoneInfo(zone))),
            )
            assert (seen["start_utc"][:19], seen["end_utc"][:19]) == wanted, (zone, event.title)


@pytest.mark.parametrize("reader", READERS)
def test_both_passes_through_the_repeated_autumn_hour_keep_their_instant(reader, tmp_path):
    plan = make_plan()
    first = datetime(2024, 10, 27, 0, 30, tzinfo=UTC)  # 02:30 summer time
    second = datetime(2024, 10, 27, 1, 30, tzinfo=UTC)  # 02:30 again, winter time
    meetings = [Meeting("r4", first, first + timedelta(minutes=15), "v-police"),
                Meeting("r6", second, second + timedelta(minutes=15), "v-city")]  # fmt: skip
    found = by_uid(read_back(reader, {"d-nl": calendars(plan, make_schedule(meetings), now=NOW)["d-nl"]},
                             tmp_path)["d-nl"])  # fmt: skip
    assert found[event_uid(plan, "r4")]["start_utc"][:19] == "2024-10-27T00:30:00"
    assert found[event_uid(plan, "r6")]["start_utc"][:19] == "2024-10-27T01:30:00"


def test_the_vtimezone_is_built_from_yearly_rules():
    text = calendars(make_plan(), make_schedule(), now=NOW)["all"].decode()
    zone = text[text.index("BEGIN:VTIMEZONE") : text.index("END:VTIMEZONE")]
    assert "RDATE" not in zone
    assert zone.count("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3") == 1
    assert zone.count("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10") == 1


def test_regression_rdate_vtimezone_puts_summer_meetings_one_hour_off_in_icaljs(tmp_path):
    """The trap this module avoids: add_missing_timezones() writes RDATE lists that ical.js misreads."""
    calendar = icalendar.Calendar.new(name="trap", uid="trap")
    summer = at("2024-07-10", "10:00")
    calendar.add_component(
        icalendar.Event.new(uid="summer", summary="s", start=summer, end=summer + timedelta(hours=1))
    )
    calendar.add_missing_timezones()
    path = tmp_path / "trap.ics"
    path.write_bytes(calendar.to_ical())
    seen = read_with_icaljs([str(path)])[str(path)]["events"][0]["start_utc"][:19]
    assert seen != utc(summer)  # if ical.js ever reads RDATE lists, this trap is gone


# --- publishing again after a re-solve ------------------------------------------------------------


def resolved_schedule() -> Schedule:
    """r2 moves across the March change, r4 across the October one, r6 is dropped."""
    moved = {
        "r2": meeting("r2", "2024-04-02", "14:00", 60, "v-pros"),
        "r4": meeting("r4", "2024-10-29", "11:00", 60, "v-police"),
    }
    meetings = [moved.get(m.request, m) for m in MEETINGS if m.request != "r6"]
    return make_schedule(meetings, [Unscheduled("r6", ("host The mayor is not available",))])


@pytest.mark.parametrize("reader", READERS)
def test_after_a_resolve_uids_stay_moved_ones_rise_and_the_dropped_one_is_cancelled(reader, tmp_path):
    plan = make_plan()
    first = publish(plan, make_schedule(), None, NOW)
    saved, problems = publication_from_json(publication_to_json(first))
    assert problems == [] and saved == first
    second = publish(plan, resolved_schedule(), saved, LATER)
    assert (second.changes.moved, second.changes.cancelled, second.changes.added) == (
        ("r2", "r4"),
        ("r6",),
        (),
    )
    before = read_back(reader, calendars(plan, make_schedule(), first, NOW), tmp_path / "before")
    after = read_back(reader, calendars(plan, resolved_schedule(), saved, LATER), tmp_path / "after")
    old, new = by_uid(before["all"]), by_uid(after["all"])
    assert set(old) == set(new)
    rose = {uid for uid in new if new[uid]["sequence"] > old[uid]["sequence"]}
    cancelled = {uid for uid in new if new[uid]["status"] == "CANCELLED"}
    assert rose - cancelled == {event_uid(plan, "r2"), event_uid(plan, "r4")}
    assert cancelled == {event_uid(plan, "r6")}
    dropped = new[event_uid(plan, "r6")]
    assert dropped["start_utc"][:19] == utc(MEETINGS[5].start)  # the last published time
    assert dropped["summary"].startswith("Cancelled: Follow-up")
    assert new[event_uid(plan, "r2")]["start_utc"][:19] == "2024-04-02T12:00:00"
    assert event_uid(plan, "r6") in by_uid(after["d-nl"]) and event_uid(plan, "r6") in by_uid(
        after["h-mayor"]
    )
    # the Dutch delegation reads it in Dutch; the host reads the staff's English
    uid = event_uid(plan, "r6")
    dutch, hosts = by_uid(after["d-nl"])[uid], by_uid(after["h-mayor"])[uid]
    assert dutch["summary"].startswith("Geannuleerd: Follow-up")
    assert hosts["summary"].startswith("Cancelled: Follow-up")
    assert dutch["description"].splitlines()[:2] == [
        "Dit is geannuleerd; de getoonde tijden zijn de laatst gepubliceerde.",
        "Delegatie: Dutch police ministry, Netherlands",
    ]
    assert hosts["description"].splitlines()[:2] == [
        "This has been cancelled; the times shown are those last published.",
        "Delegation: Dutch police ministry, Netherlands (4 persons)",
    ]


def test_an_event_of_two_delegations_reads_in_each_ones_language(tmp_path):
    plan = make_plan()
    found = read_back("libical", calendars(plan, make_schedule(), now=NOW), tmp_path)
    uid = event_uid(plan, "f-conf")
    ukrainian, dutch, staff = (by_uid(found[key])[uid]["description"] for key in ("d-ua", "d-nl", "all"))
    assert ukrainian.splitlines()[-2:] == [
        "Перекладач: Olena Kovalenko",
        "Примітки: Royal Museums, main hall",
    ]
    assert dutch.splitlines()[-2:] == ["Tolk: Olena Kovalenko", "Opmerkingen: Royal Museums, main hall"]
    assert staff.splitlines()[-2:] == ["Interpreter: Olena Kovalenko", "Notes: Royal Museums, main hall"]


def test_the_same_record_passed_again_changes_nothing():
    plan = make_plan()
    second = publish(plan, resolved_schedule(), publish(plan, make_schedule(), None, NOW), LATER)
    again = publish(plan, resolved_schedule(), second, LATER + timedelta(days=1))
    assert again.events == second.events and again.changes.moved == () and again.changes.cancelled == ()
    assert calendars(plan, resolved_schedule(), second, LATER) == calendars(
        plan, resolved_schedule(), again, LATER
    )


def test_an_interpreter_taken_off_a_meeting_sees_it_cancelled(tmp_path):
    plan = make_plan()
    first = publish(plan, make_schedule(), None, NOW)
    without = [replace(m, interpreter=None) if m.request == "r1" else m for m in MEETINGS]
    files = calendars(plan, make_schedule(without), first, LATER)
    found = read_back("ical.js", files, tmp_path)
    gone = by_uid(found["i-uk"])[event_uid(plan, "r1")]
    kept = by_uid(found["d-ua"])[event_uid(plan, "r1")]
    assert (gone["status"], gone["sequence"]) == ("CANCELLED", 1)
    assert (kept["status"], kept["sequence"]) == ("CONFIRMED", 1)


def without_stamps(content: bytes) -> bytes:
    return re.sub(rb"DTSTAMP:[0-9TZ]+\r\n", b"", content)


def test_re_export_of_an_unchanged_schedule_differs_only_in_dtstamp():
    plan = make_plan()
    first = calendars(plan, make_schedule(), None, NOW, reminder_minutes=10)
    record = publish(plan, make_schedule(), None, NOW)
    again = calendars(plan, make_schedule(), record, LATER, reminder_minutes=10)
    for key in first:
        assert first[key] != again[key]
        assert without_stamps(first[key]) == without_stamps(again[key]), key
        assert (
            first[key].count(b"DTSTAMP:20240301T090000Z") == again[key].count(b"DTSTAMP:20240305T173000Z") > 0
        )


def test_a_damaged_record_gives_a_problem_not_an_exception():
    record, problems = publication_from_json(b"{not json")
    assert record is None and "valid JSON" in problems[0].expected
    good = json.loads(publication_to_json(publish(make_plan(), make_schedule(), None, NOW)))
    good["events"]["r1"]["start"] = "tomorrow"
    record, problems = publication_from_json(json.dumps(good).encode())
    assert record is None and problems[0].path == ("events", "r1", "start")


# --- text ---------------------------------------------------------------------------------------

AWKWARD_TITLE = "Meeting, with; commas\nand a second line"
AWKWARD_NOTES = "Зустріч з прокурорами Бельгії: обмін досвідом, питання; відповіді — " * 4 + "🇺🇦 ✓"


@pytest.mark.parametrize("reader", READERS)
def test_awkward_text_round_trips_through_escaping_and_folding(reader, tmp_path):
    plan = make_plan()
    requests = tuple(
        replace(r, title=AWKWARD_TITLE, notes=AWKWARD_NOTES) if r.id == "r1" else r for r in plan.requests
    )
    venues = tuple(
        replace(v, name="Police; HQ, \\ east\nwing") if v.id == "v-police" else v for v in plan.venues
    )
    plan = replace(plan, requests=requests, venues=venues)
    files = calendars(plan, make_schedule(), now=NOW)
    for content in files.values():
        assert b"\n" not in content.replace(b"\r\n", b"")
        assert max(len(line) for line in content.split(b"\r\n")) <= 75
        content.decode("utf-8")
    event = by_uid(read_back(reader, {"d-ua": files["d-ua"]}, tmp_path)["d-ua"])[event_uid(plan, "r1")]
    flat_title = AWKWARD_TITLE.replace("\n", " ")  # one line for calcurse (tests/test_ics_titles.py)
    assert event["summary"] == flat_title + " – Fugitive search team (Federal police)"
    assert event["description"].endswith("Примітки: " + AWKWARD_NOTES)  # its fixed words are Ukrainian
    assert event["location"] == "Police; HQ, \\ east wing, Rue Fritz Toussaint 8, 1050 Ixelles"


# --- file names and speed ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "unsafe", ["../x", "CON", "a/b", ".", "..", "nul.txt", "com1", "a\\b", "", "x" * 300, ".hidden"]
)
def test_safe_file_name_never_escapes_or_uses_a_reserved_name(unsafe):
    name = safe_file_name(unsafe)
    assert name and len(name) <= 64
    assert "/" not in name and "\\" not in name and ".." not in name and not name.startswith(".")
    assert name.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}
    assert name != unsafe


def test_safe_file_name_keeps_short_codes_and_keeps_ids_apart():
    assert safe_file_name("d-ua_2024.v1") == "d-ua_2024.v1"
    assert safe_file_name("a/b") != safe_file_name("a_b") == "a_b"


def test_a_thousand_meetings_export_to_every_calendar():
    """Scale, not speed: scripts/bench_exports.py times it."""
    plan, schedule = large(1000)
    files = calendars(plan, schedule, now=NOW, reminder_minutes=15)
    assert files["all"].count(b"BEGIN:VEVENT") == 1000


def large(count: int) -> tuple[Plan, Schedule]:
    base = make_plan()
    hosts = tuple(Host(f"h{n}", f"Host {n}", "v-police", organisation=f"Org {n % 7}") for n in range(40))
    delegations = tuple(replace(base.delegations[0], id=f"d{n}", name=f"Delegation {n}") for n in range(22))
    requests, meetings = [], []
    for n in range(count):
        requests.append(Request(f"r{n}", 30, f"Meeting {n}", (f"d{n % 22}",), (f"h{n % 40}",)))
        start = at("2024-04-22", "09:00") + timedelta(days=n // 220, minutes=30 * (n % 16))
        meetings.append(Meeting(f"r{n}", start, start + timedelta(minutes=30), ("v-police", "v-pros")[n % 2]))
    plan = replace(base, hosts=hosts, delegations=delegations, requests=tuple(requests), fixed=())
    return plan, make_schedule(meetings)


def write_folder(folder: Path, files: dict[str, bytes]) -> None:
    for relative, content in files.items():
        target = (folder / relative).resolve()
        assert target.is_relative_to((folder / "calendars").resolve()), relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def test_the_output_folder_keeps_the_record_and_names_files_from_ids_only(tmp_path):
    hosts = (
        *make_plan().hosts,
        Host("../evil", "Name with / slash", "v-city"),
        Host("H-FAST", "Same id but upper case", "v-city"),
        Host("CON", "Reserved name", "v-city"),
    )
    plan = make_plan(hosts=hosts)
    files, problems = calendar_files(plan, make_schedule(), None, NOW)
    assert problems == []
    write_folder(tmp_path, files)
    names = sorted(p.name for p in (tmp_path / "calendars").iterdir())
    assert len(names) == len(files) == 1 + 2 + 6 + 1 + 1
    assert {"all.ics", "d-ua.ics", "h-fast.ics", "publication.json"} <= set(names)
    assert len({n.casefold() for n in names}) == len(names)
    assert not [n for n in names if n.split(".")[0].upper() in ("CON", "..") or n.startswith(".")]
    record = (tmp_path / PUBLICATION_FILE).read_bytes()
    again, problems = calendar_files(plan, resolved_schedule(), record, LATER)
    assert problems == []
    found = by_uid(read_back("ical.js", {"all": again["calendars/all.ics"]}, tmp_path / "read")["all"])
    assert (
        found[event_uid(plan, "r2")]["sequence"] == 1
        and found[event_uid(plan, "r6")]["status"] == "CANCELLED"
    )


def test_a_damaged_record_in_the_folder_is_reported_and_publishing_starts_afresh():
    files, problems = calendar_files(make_plan(), make_schedule(), b'{"format": "something else"}', NOW)
    assert [p.severity for p in problems] == ["warning"]
    assert problems[0].place.startswith("calendars/publication.json")
    assert b"SEQUENCE:0" in files["calendars/all.ics"]


free_text = st.text(min_size=1, max_size=120)


@settings(max_examples=12, deadline=None)
# icalendar's escaping turned the two characters \N into a line break: every text field once with them
@example(title="a\\Nb", notes="\\N", venue="x\\N;,", organisation="\\N", plan_name="\\n")
@given(title=free_text, notes=free_text, venue=free_text, organisation=free_text, plan_name=free_text)
def test_any_text_reaches_both_readers_as_written(
    tmp_path_factory, title, notes, venue, organisation, plan_name
):
    base = make_plan(name=plan_name)
    plan = replace(
        base,
        requests=tuple(replace(r, title=title, notes=notes) if r.id == "r1" else r for r in base.requests),
        venues=tuple(replace(v, name=venue, address=None) if v.id == "v-police" else v for v in base.venues),
        hosts=tuple(
            replace(h, name="Host", organisation=organisation) if h.id == "h-fast" else h for h in base.hosts
        ),
    )
    folder = tmp_path_factory.mktemp("text")
    files = {"d-ua": calendars(plan, make_schedule(), now=NOW)["d-ua"]}
    counterpart = "Host" if clean_text(organisation) in ("", "Host") else f"Host ({clean_text(organisation)})"
    for reader in READERS:
        calendar = read_back(reader, files, folder / reader)["d-ua"]
        event = by_uid(calendar)[event_uid(plan, "r1")]
        assert event["summary"] == one_line(f"{title} – {counterpart}")
        if clean_text(notes):
            assert event["description"].endswith("\nПримітки: " + clean_text(notes))
        else:
            assert "Примітки:" not in event["description"]
        assert event["location"] == (one_line(venue) or None)
        if reader == "ical.js":
            assert calendar["name"] == one_line(f"{plan_name} – Ukrainian prosecutors")
            assert event["categories"] == ["Зустріч"] + (
                [clean_text(organisation)] if clean_text(organisation) else []
            )


def test_a_cancelled_meeting_that_comes_back_is_published_again_with_a_higher_sequence():
    plan = make_plan()
    first = publish(plan, make_schedule(), None, NOW)
    dropped = publish(plan, resolved_schedule(), first, LATER)
    back = publish(plan, make_schedule(), dropped, LATER + timedelta(days=1))
    assert back.changes.added == ("r6",) and back.changes.moved == ("r2", "r4")
    assert (back.events["r6"].sequence, back.events["r6"].cancelled) == (2, False)
    assert [first.events[k].sequence for k in ("r1", "r3", "r5")] == [0, 0, 0]
    assert [back.events[k].sequence for k in ("r1", "r3", "r5")] == [0, 0, 0]
    reassigned = publish(plan, make_schedule([replace(m, optional_hosts=()) for m in MEETINGS]), first, LATER)
    assert reassigned.changes.reassigned == ("r3",) and reassigned.events["r3"].former == ("h-pros",)


FIXTURE = ROOT / "tests" / "fixtures" / "ics" / "d-ua_after_resolve.ics"


def test_the_delegation_calendar_after_a_resolve_matches_the_reviewed_file():
    """A reviewed example (moved, cancelled, lunch and travel blocks): any change to the output shows
    up here as a diff. After a deliberate change, rewrite it with UPDATE_ICS_FIXTURES=1 and review."""
    plan = make_plan()
    first = publish(plan, make_schedule(), None, NOW)
    content = calendars(plan, resolved_schedule(), first, LATER, reminder_minutes=30)["d-ua"]
    if os.environ.get("UPDATE_ICS_FIXTURES"):
        FIXTURE.parent.mkdir(parents=True, exist_ok=True)
        FIXTURE.write_bytes(content)
    assert content.decode().splitlines() == FIXTURE.read_bytes().decode().splitlines()
    assert content == FIXTURE.read_bytes()


def zones_that_behave_differently() -> list[str]:
    """One zone of the tz database for each distinct pattern of offsets over the test year (64 today)."""
    instants = [event.start for event in weekly_plan("UTC").fixed]
    patterns: dict[tuple, str] = {}
    for zone in sorted(zoneinfo.available_timezones()):
        if not zone.startswith(("SystemV", "posix", "right")):
            offsets = tuple(moment.replace(tzinfo=ZoneInfo(zone)).utcoffset() for moment in instants)
            patterns.setdefault(offsets, zone)
    return sorted(patterns.values())


@pytest.mark.slow
@pytest.mark.parametrize("reader", READERS)
def test_every_kind_of_zone_in_the_tz_database_reads_back_as_zoneinfo_says(reader, tmp_path):
    """All 599 zones were checked once (both readers, no difference); this keeps one of each kind."""
    plans = {zone: weekly_plan(zone) for zone in zones_that_behave_differently()}
    files = {zone: calendars(plan, make_schedule(()), now=NOW)["d"] for zone, plan in plans.items()}
    found = read_back(reader, files, tmp_path)
    wrong = []
    for zone, plan in plans.items():
        events = by_uid(found[zone])
        for event in plan.fixed:
            seen = events[event_uid(plan, event.id)]["start_utc"][:19]
            if seen != utc(event.start.replace(tzinfo=ZoneInfo(zone))):
                wrong.append((zone, event.title, seen))
    assert wrong == []


def test_one_readers_calendar_alone_is_the_same_bytes_as_among_all():
    plan = make_plan()
    every = calendars(plan, make_schedule(), now=NOW)
    for reader in ("d-ua", "h-fast", "all"):
        assert calendars(plan, make_schedule(), now=NOW, only={reader}) == {reader: every[reader]}
