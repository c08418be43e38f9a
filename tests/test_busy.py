"""Busy time from a calendar export becomes a person's unavailable windows on the visits' dates.

The calendars are written here as Outlook, Google Calendar and Thunderbird export them; the windows
each must add were worked out by hand (tests/busy_calendars.py). The plan is the Ukrainian visit,
22-26 April 2024, in Europe/Brussels.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from scheduler import Plan, Window, import_busy, load_plan_file, validate
from tests.busy_calendars import (
    FREEBUSY,
    FREEBUSY_ADDS,
    GOOGLE,
    GOOGLE_ADDS,
    OUTLOOK,
    OUTLOOK_ADDS,
    THUNDERBIRD,
    THUNDERBIRD_ADDS,
    at,
    ics,
    outlook_event,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "ukraine-prosecutors-2024.json"


@pytest.fixture(scope="module")
def plan() -> Plan:
    loaded, problems = load_plan_file(str(SAMPLE))
    assert loaded is not None, problems
    return loaded


def added(plan: Plan, who: str, calendar: bytes) -> list[tuple[datetime, datetime]]:
    found, problems = import_busy(plan, who, calendar, "calendar.ics")
    assert problems == [] and found is not None
    return [(w.start, w.end) for w in found.added]


def unavailable(plan: Plan, who: str) -> list[tuple[datetime, datetime]]:
    person = next(p for p in (*plan.hosts, *plan.interpreters) if p.id == who)
    return [(w.start, w.end) for w in person.unavailable]


@pytest.mark.parametrize(
    ("calendar", "expected"),
    [
        (OUTLOOK, OUTLOOK_ADDS),
        (GOOGLE, GOOGLE_ADDS),
        (THUNDERBIRD, THUNDERBIRD_ADDS),
        (FREEBUSY, FREEBUSY_ADDS),
    ],
    ids=["outlook-vtimezone", "google-utc-recurring", "thunderbird-floating", "vfreebusy"],
)
def test_each_export_adds_exactly_its_busy_time(plan, calendar, expected):
    assert added(plan, "dgsp-local", calendar) == expected


def test_the_new_plan_holds_the_windows_and_stays_valid(plan):
    found, _ = import_busy(plan, "ip-uk-nl", GOOGLE, "google.ics")
    assert found is not None and found.kind == "interpreter"
    assert unavailable(found.plan, "ip-uk-nl") == GOOGLE_ADDS
    assert [p for p in validate(found.plan) if p.is_error] == []
    others = [p for p in found.plan.interpreters if p.id != "ip-uk-nl"]
    assert others == [p for p in plan.interpreters if p.id != "ip-uk-nl"]
    assert found.plan.hosts == plan.hosts


def test_importing_the_same_calendar_twice_adds_nothing_the_second_time(plan):
    first, _ = import_busy(plan, "dgsp-local", GOOGLE, "google.ics")
    assert first is not None
    again, _ = import_busy(first.plan, "dgsp-local", GOOGLE, "google.ics")
    assert again is not None and again.added == () and again.found == len(GOOGLE_ADDS)
    assert again.plan == first.plan
    assert "already unavailable windows" in again.summary("google.ics")


def test_time_already_unavailable_is_not_added_again(plan):
    """dgsp-dir is away all of 24 April; an existing 10:00-11:00 on 23 April splits a 09:30-11:00 event."""
    host = next(h for h in plan.hosts if h.id == "dgsp-dir")
    typed = Window(*at(23, "10:00", end="11:00"))
    with_typed = replace(plan, hosts=tuple(replace(h, unavailable=(*h.unavailable, typed)) if h is host else h
                                           for h in plan.hosts))  # fmt: skip
    found, _ = import_busy(with_typed, "dgsp-dir", OUTLOOK, "outlook.ics")
    assert found is not None
    assert [(w.start, w.end) for w in found.added] == [
        at(23, "09:30", end="10:00"),
        at(23, "14:00", end="15:00"),
    ]
    assert unavailable(found.plan, "dgsp-dir")[:2] == [(w.start, w.end) for w in (*host.unavailable, typed)]
    assert found.summary("outlook.ics").endswith("(1 busy time already known):")


def test_busy_time_is_clipped_to_the_visits_dates(plan):
    calendar = ics(
        "BEGIN:VCALENDAR", "VERSION:2.0",
        "BEGIN:VEVENT", "UID:a", "SUMMARY:Holiday",
        "DTSTART;VALUE=DATE:20240415", "DTEND;VALUE=DATE:20240424", "END:VEVENT",
        "BEGIN:VEVENT", "UID:b", "SUMMARY:Late call", "DTSTART:20240426T213000Z", "DTEND:20240427T010000Z",
        "END:VEVENT",
        "END:VCALENDAR",
    )  # fmt: skip
    assert added(plan, "dgsp-local", calendar) == [
        at(22, "00:00", end="24:00"),
        at(23, "00:00", end="24:00"),
        at(26, "23:30", end="24:00"),
    ]


def test_the_lines_say_what_was_added_per_date(plan):
    found, _ = import_busy(plan, "dgsp-local", GOOGLE, "google.ics")
    assert found is not None
    assert found.summary("google.ics") == "google.ics adds 6 unavailable windows to host dgsp-local:"
    assert found.lines() == [
        "Monday 22 April 2024: 09:00-09:15, 14:00-15:00",
        "Tuesday 23 April 2024: 13:00-14:00",
        "Wednesday 24 April 2024: 09:00-09:15",
        "Thursday 25 April 2024: 09:00-09:15",
        "Friday 26 April 2024: all day",
    ]


# --- bad input: a located message, never a traceback ------------------------------------------------


@pytest.mark.parametrize(
    ("content", "value"),
    [
        (b"", '"nothing found"'),
        (b"Subject,Start Date,Start Time\r\nBoard,23/04/2024,09:30\r\n", '"Subject,Start Date,Start Time"'),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", '"binary content"'),
        (SAMPLE.read_bytes(), '"{"'),
        (ics("BEGIN:VEVENT", "UID:a", "DTSTART:20240423T090000Z", "END:VEVENT"), '"BEGIN:VEVENT"'),
    ],
    ids=["empty", "outlook-csv", "image", "a-plan", "bare-event"],
)
def test_a_file_that_is_not_a_calendar_is_refused(plan, content, value):
    found, problems = import_busy(plan, "dgsp-local", content, "export.ics")
    assert found is None and len(problems) == 1
    text = str(problems[0])
    assert text.startswith("error: export.ics: ") and value in text
    assert "expected an iCalendar file (.ics) beginning with BEGIN:VCALENDAR" in text


def test_a_calendar_with_a_line_that_cannot_be_read_is_refused(plan):
    calendar = ics("BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VFREEBUSY", "FREEBUSY:20240422T080000Z/soon",
                   "END:VFREEBUSY", "END:VCALENDAR")  # fmt: skip
    found, problems = import_busy(plan, "dgsp-local", calendar, "fb.ics")
    assert found is None and len(problems) == 1
    text = str(problems[0])
    assert text.startswith('error: fb.ics: "Expected period format') and "NAME;PARAMETER=VALUE:VALUE" in text


def test_an_event_with_an_unreadable_time_is_named(plan):
    calendar = ics(
        "BEGIN:VCALENDAR", "VERSION:2.0",
        *outlook_event("x", "Board meeting", "Europe/Brussels", "20240423T0930", "20240423T110000"),
        "END:VCALENDAR",
    )  # fmt: skip
    found, problems = import_busy(plan, "dgsp-local", calendar, "export.ics")
    assert found is None
    assert [str(p) for p in problems] == [
        'error: export.ics: event "Board meeting", DTSTART: "20240423T0930"; expected a date (20240423) or '
        "date-time (20240423T093000, 20240423T073000Z)"
    ]


def test_a_calendar_of_another_year_says_so(plan):
    found, problems = import_busy(plan, "dgsp-local", OUTLOOK.replace(b"2024", b"2023"), "old.ics")
    assert found is None
    assert [str(p) for p in problems] == [
        'error: old.ics: "5 entries from 23 April 2023 to 21 May 2023"; expected busy time on the visits\' '
        "dates (22-26 April 2024): is it the export of the right year?"
    ]


def test_a_calendar_free_throughout_the_visit_adds_nothing_and_is_no_error(plan):
    calendar = ics(
        "BEGIN:VCALENDAR", "VERSION:2.0",
        *outlook_event("x", "Before", "Europe/Brussels", "20240401T090000", "20240401T100000"),
        *outlook_event("y", "After", "Europe/Brussels", "20240520T090000", "20240520T100000"),
        "END:VCALENDAR",
    )  # fmt: skip
    found, problems = import_busy(plan, "dgsp-local", calendar, "free.ics")
    assert problems == [] and found is not None and found.added == () and found.plan == plan
    assert (
        found.summary("free.ics")
        == "free.ics adds nothing to host dgsp-local: it has no busy time on the visits' dates."
    )


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("nobody", 'error: who: "nobody"; expected the id of a host or interpreter of the plan (dgsp-dir, '),
        ("ua", 'error: who: "ua"; expected a host or interpreter, not a delegation (dgsp-dir, '),
    ],
)
def test_an_unknown_person_is_refused_with_the_ids_that_exist(plan, who, expected):
    found, problems = import_busy(plan, who, GOOGLE, "google.ics")
    assert found is None and len(problems) == 1
    assert str(problems[0]).startswith(expected)


def test_a_rule_recurring_every_minute_is_refused_not_expanded_for_ever(plan):
    calendar = ics(
        "BEGIN:VCALENDAR", "VERSION:2.0",
        *outlook_event("x", "Ping", "Europe/Brussels", "20240101T000000", "20240101T000100",
                       "RRULE:FREQ=MINUTELY"),
        "END:VCALENDAR",
    )  # fmt: skip
    found, problems = import_busy(plan, "dgsp-local", calendar, "ping.ics")
    assert found is None
    assert [str(p) for p in problems] == [
        'error: ping.ics: event "Ping" on 20240101T000000, RRULE: "FREQ=MINUTELY"; expected a rule recurring '
        "at most hourly"
    ]


def test_thousands_of_occurrences_a_day_are_refused(plan):
    """1,440 extra dates one minute apart on one day: more than any real calendar holds."""
    dates = ",".join(f"20240423T{h:02d}{m:02d}00" for h in range(24) for m in range(60))
    calendar = ics(
        "BEGIN:VCALENDAR", "VERSION:2.0",
        *outlook_event("x", "Ping", "Europe/Brussels", "20240423T000000", "20240423T000100",
                       f"RDATE;TZID=Europe/Brussels:{dates}"),
        "END:VCALENDAR",
    )  # fmt: skip
    found, problems = import_busy(plan, "dgsp-local", calendar, "ping.ics")
    assert found is None
    assert [str(p) for p in problems] == [
        'error: ping.ics: event "Ping": "more than 100 occurrences a day"; expected appointments, not a timer'
    ]


# --- the command line -------------------------------------------------------------------------------


def busy(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "scheduler", "busy", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_the_command_writes_the_new_plan_and_prints_what_it_added(tmp_path):
    calendar = tmp_path / "google.ics"
    calendar.write_bytes(GOOGLE)
    out = tmp_path / "new.json"
    done = busy(str(SAMPLE), str(calendar), "--who", "fast", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"{calendar} adds 6 unavailable windows to host fast:",
        "  Monday 22 April 2024: 09:00-09:15, 14:00-15:00",
        "  Tuesday 23 April 2024: 13:00-14:00",
        "  Wednesday 24 April 2024: 09:00-09:15",
        "  Thursday 25 April 2024: 09:00-09:15",
        "  Friday 26 April 2024: all day",
        f"wrote {out}",
    ]
    fast = next(h for h in json.loads(out.read_text())["hosts"] if h["id"] == "fast")
    assert fast["unavailable"][0] == {"start": "2024-04-22T09:00", "end": "2024-04-22T09:15"}
    assert fast["unavailable"][-1] == {"start": "2024-04-26T00:00", "end": "2024-04-27T00:00"}
    written, problems = load_plan_file(str(out))
    assert problems == [] and written is not None and unavailable(written, "fast") == GOOGLE_ADDS


def test_the_command_writes_a_workbook_too(tmp_path):
    calendar = tmp_path / "fb.ics"
    calendar.write_bytes(FREEBUSY)
    out = tmp_path / "new.xlsx"
    done = busy(str(SAMPLE), str(calendar), "--who", "ip-uk-nl", "--out", str(out))
    assert done.returncode == 0, done.stderr
    written, problems = load_plan_file(str(out))
    assert written is not None and not [p for p in problems if p.is_error]
    assert unavailable(written, "ip-uk-nl") == FREEBUSY_ADDS


@pytest.mark.parametrize(
    ("calendar", "who", "message"),
    [
        (b"not a calendar", "fast", "expected an iCalendar file (.ics)"),
        (OUTLOOK.replace(b"2024", b"2023"), "fast", "is it the export of the right year?"),
        (GOOGLE, "nobody", 'who: "nobody"; expected the id of a host or interpreter'),
    ],
    ids=["not-a-calendar", "another-year", "unknown-who"],
)
def test_the_command_refuses_bad_input_with_exit_2_and_no_traceback(tmp_path, calendar, who, message):
    path = tmp_path / "in.ics"
    path.write_bytes(calendar)
    out = tmp_path / "new.json"
    done = busy(str(SAMPLE), str(path), "--who", who, "--out", str(out))
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()


def test_the_command_names_a_missing_calendar_file(tmp_path):
    done = busy(str(SAMPLE), str(tmp_path / "gone.ics"), "--who", "fast", "--out", str(tmp_path / "n.json"))
    assert (
        done.returncode == 2
        and "expected a readable calendar file (No such file or directory)" in done.stderr
    )


def one_event(*lines: str) -> bytes:
    head = ("BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", "UID:x", "SUMMARY:Board")
    return ics(*head, *lines, "END:VEVENT", "END:VCALENDAR")


@pytest.mark.parametrize(
    ("calendar", "message"),
    [
        (
            one_event("DTSTART:20240422T090000", "DTEND:20240422T100000", "RRULE:FREQ=WEEKLY;INTERVAL=0"),
            'event "Board" on 20240422T090000, RRULE: "FREQ=WEEKLY;INTERVAL=0"; expected a recurrence rule '
            "with INTERVAL from 1 to 10000",
        ),
        (
            one_event("DTSTART:20240422T090000", "DTEND:20240422T100000", "RRULE:FREQ=YEARLY;BYDAY=99MO"),
            'event "Board" on 20240422T090000, RRULE: "FREQ=YEARLY;BYDAY=99MO"; expected a recurrence rule '
            "with BYDAY from -53 to 53, not 0",
        ),
        (
            one_event("DTSTART:20240422T090000", "DTEND:20240422T100000", "DTEND:20240422T110000"),
            'event "Board" on 20240422T090000, DTEND: "2 times"; expected one DTEND per event',
        ),
        (one_event("DTEND:20240422T100000"), 'event "Board": (missing); expected a DTSTART in every event'),
        (
            one_event("DTSTART:20240422T090000", "DTEND:202404"),
            'event "Board" on 20240422T090000, DTEND: "202404"; expected a date (20240423) or date-time',
        ),
    ],
    ids=["interval-0", "byday-99", "two-ends", "no-start", "end-a-time-of-day"],
)
def test_a_damaged_event_is_named_before_anything_is_expanded(plan, calendar, message):
    found, problems = import_busy(plan, "dgsp-local", calendar, "x.ics")
    assert found is None and len(problems) == 1
    assert str(problems[0]).startswith(f"error: x.ics: {message}")
