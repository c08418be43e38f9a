"""Calendar exports as Outlook, Google Calendar and Thunderbird write them, for the busy-time import.

The sample plan's visit is 22-26 April 2024 in Europe/Brussels (CEST, UTC+2). Each calendar comes
with the windows it must add, worked out by hand.
"""

from __future__ import annotations

from datetime import datetime


def ics(*lines: str) -> bytes:
    """Lines joined as a file is: CRLF, the way every calendar program writes it."""
    return ("\r\n".join(lines) + "\r\n").encode()


def at(day: int, clock: str, end_day: int | None = None, end: str = "") -> tuple[datetime, datetime]:
    """A window on a date of April 2024, `end` "24:00" meaning the next midnight."""
    start = datetime.fromisoformat(f"2024-04-{day:02d}T{clock}")
    if end == "24:00":
        return start, datetime(2024, 4, (end_day or day) + 1, 0, 0)
    return start, datetime.fromisoformat(f"2024-04-{(end_day or day):02d}T{end}")


WINDOWS_TZ = (
    "BEGIN:VTIMEZONE",
    "TZID:W. Europe Standard Time",
    "BEGIN:STANDARD",
    "DTSTART:16010101T030000",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10",
    "END:STANDARD",
    "BEGIN:DAYLIGHT",
    "DTSTART:16010101T020000",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3",
    "END:DAYLIGHT",
    "END:VTIMEZONE",
    "BEGIN:VTIMEZONE",
    "TZID:Eastern Standard Time",
    "BEGIN:STANDARD",
    "DTSTART:16010101T020000",
    "TZOFFSETFROM:-0400",
    "TZOFFSETTO:-0500",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=11",
    "END:STANDARD",
    "BEGIN:DAYLIGHT",
    "DTSTART:16010101T020000",
    "TZOFFSETFROM:-0500",
    "TZOFFSETTO:-0400",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SU;BYMONTH=3",
    "END:DAYLIGHT",
    "END:VTIMEZONE",
)


def outlook_event(uid: str, summary: str, zone: str, start: str, end: str, *extra: str) -> tuple[str, ...]:
    return (
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"SUMMARY:{summary}",
        f"DTSTART;TZID={zone}:{start}",
        f"DTEND;TZID={zone}:{end}",
        *extra,
        "END:VEVENT",
    )


# Outlook: its own zone names with VTIMEZONEs, a call booked in New York time, a free lunch
# (transparent and BUSYSTATUS FREE), a tentative meeting (busy for planning).
OUTLOOK = ics(
    "BEGIN:VCALENDAR",
    "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
    "VERSION:2.0",
    "METHOD:PUBLISH",
    *WINDOWS_TZ,
    *outlook_event("o1", "Board meeting", "W. Europe Standard Time", "20240423T093000", "20240423T110000",
                   "TRANSP:OPAQUE", "X-MICROSOFT-CDO-BUSYSTATUS:BUSY"),
    *outlook_event("o2", "Call with Washington", "Eastern Standard Time",
                   "20240423T080000", "20240423T090000", "X-MICROSOFT-CDO-BUSYSTATUS:BUSY"),
    *outlook_event("o3", "Lunch", "W. Europe Standard Time", "20240423T120000", "20240423T130000",
                   "TRANSP:TRANSPARENT", "X-MICROSOFT-CDO-BUSYSTATUS:FREE"),
    *outlook_event("o4", "Budget review", "W. Europe Standard Time", "20240424T160000", "20240424T170000",
                   "X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE"),
    *outlook_event("o5", "Next month", "W. Europe Standard Time", "20240521T100000", "20240521T110000"),
    "END:VCALENDAR",
)  # fmt: skip
OUTLOOK_ADDS = [at(23, "09:30", end="11:00"), at(23, "14:00", end="15:00"), at(24, "16:00", end="17:00")]

# Google: single events in UTC, recurring ones in the calendar's zone with its VTIMEZONE; a weekly
# series with an EXDATE and a moved instance, a daily one with a cancelled instance, an all-day event,
# a transparent all-day event (Google's default for them) and a cancelled event.
GOOGLE = ics(
    "BEGIN:VCALENDAR",
    "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "X-WR-CALNAME:host@example.org",
    "X-WR-TIMEZONE:Europe/Brussels",
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Brussels",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
    "BEGIN:VEVENT",
    "DTSTART;TZID=Europe/Brussels:20240108T100000",
    "DTEND;TZID=Europe/Brussels:20240108T110000",
    "RRULE:FREQ=WEEKLY;BYDAY=MO,WE",
    "EXDATE;TZID=Europe/Brussels:20240424T100000",
    "UID:team@google.com",
    "SUMMARY:Team meeting",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "DTSTART;TZID=Europe/Brussels:20240422T140000",
    "DTEND;TZID=Europe/Brussels:20240422T150000",
    "RECURRENCE-ID;TZID=Europe/Brussels:20240422T100000",
    "UID:team@google.com",
    "SUMMARY:Team meeting (moved)",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "DTSTART;TZID=Europe/Brussels:20240415T090000",
    "DTEND;TZID=Europe/Brussels:20240415T091500",
    "RRULE:FREQ=DAILY;UNTIL=20240425T215959Z",
    "UID:standup@google.com",
    "SUMMARY:Stand-up",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "DTSTART;TZID=Europe/Brussels:20240423T090000",
    "DTEND;TZID=Europe/Brussels:20240423T091500",
    "RECURRENCE-ID;TZID=Europe/Brussels:20240423T090000",
    "STATUS:CANCELLED",
    "UID:standup@google.com",
    "SUMMARY:Stand-up",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "DTSTART;VALUE=DATE:20240426",
    "DTEND;VALUE=DATE:20240427",
    "UID:ghent@google.com",
    "SUMMARY:Conference in Ghent",
    "TRANSP:OPAQUE",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "DTSTART;VALUE=DATE:20240423",
    "DTEND;VALUE=DATE:20240425",
    "UID:reminder@google.com",
    "SUMMARY:Report due this week",
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "DTSTART:20240423T110000Z",
    "DTEND:20240423T120000Z",
    "UID:dentist@google.com",
    "SUMMARY:Dentist",
    "STATUS:CONFIRMED",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "DTSTART:20240425T120000Z",
    "DTEND:20240425T130000Z",
    "UID:called-off@google.com",
    "SUMMARY:Called off",
    "STATUS:CANCELLED",
    "END:VEVENT",
    "END:VCALENDAR",
)
GOOGLE_ADDS = [
    at(22, "09:00", end="09:15"),  # stand-up
    at(22, "14:00", end="15:00"),  # the team meeting, moved from 10:00
    at(23, "13:00", end="14:00"),  # the dentist, 11:00 UTC; the stand-up that day is cancelled
    at(24, "09:00", end="09:15"),  # stand-up; the team meeting that day is an EXDATE
    at(25, "09:00", end="09:15"),  # the last stand-up (UNTIL); the cancelled event adds nothing
    at(26, "00:00", end="24:00"),  # all day in Ghent
]

# Thunderbird: a floating time (no zone: the plan's wall time), a night crossing midnight, a zoned one.
THUNDERBIRD = ics(
    "BEGIN:VCALENDAR",
    "PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN",
    "VERSION:2.0",
    "BEGIN:VEVENT",
    "UID:t1",
    "SUMMARY:Night train to Vienna",
    "DTSTART:20240425T220000",
    "DTEND:20240426T070000",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:t2",
    "SUMMARY:Seminar in Lisbon",
    "DTSTART;TZID=Europe/Lisbon:20240422T150000",
    "DTEND;TZID=Europe/Lisbon:20240422T170000",
    "END:VEVENT",
    "END:VCALENDAR",
)
THUNDERBIRD_ADDS = [at(22, "16:00", end="18:00"), at(25, "22:00", end="24:00"), at(26, "00:00", end="07:00")]

# A published free/busy: BUSY (also by default), BUSY-TENTATIVE, BUSY-UNAVAILABLE count; FREE does not.
FREEBUSY = ics(
    "BEGIN:VCALENDAR",
    "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
    "VERSION:2.0",
    "METHOD:PUBLISH",
    "BEGIN:VFREEBUSY",
    "DTSTART:20240401T000000Z",
    "DTEND:20240501T000000Z",
    "FREEBUSY;FBTYPE=BUSY:20240422T080000Z/20240422T100000Z",
    "FREEBUSY;FBTYPE=BUSY-TENTATIVE:20240423T120000Z/PT1H",
    "FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20240424T060000Z/20240424T080000Z",
    "FREEBUSY;FBTYPE=FREE:20240425T060000Z/20240425T160000Z",
    "FREEBUSY:20240426T070000Z/20240426T073000Z",
    "END:VFREEBUSY",
    "END:VCALENDAR",
)
FREEBUSY_ADDS = [
    at(22, "10:00", end="12:00"),
    at(23, "14:00", end="15:00"),
    at(24, "08:00", end="10:00"),
    at(26, "09:00", end="09:30"),
]
