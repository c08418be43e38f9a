"""Reads .ics files with libical (through GObject introspection) and prints the events as JSON.

Run with the system interpreter, which has python3-gi and gir1.2-ical-3.0:
    /usr/bin/python3 tests/libical_read.py FILE...
Times are converted to UTC with the VTIMEZONE found in the file itself, as a client does.
"""

import json
import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402

UTC = ICalGLib.Timezone.get_utc_timezone()


def utc_text(time, calendar):
    zone_id = None if time.is_utc() else time.get_tzid()
    zone = calendar.get_timezone(zone_id) if zone_id else None
    if zone_id and zone is None:
        raise SystemExit(f"no VTIMEZONE for {zone_id}")
    if zone is not None:
        time.set_timezone(zone)
    utc = time.convert_to_zone(UTC) if zone is not None else time
    day = f"{utc.get_year():04d}-{utc.get_month():02d}-{utc.get_day():02d}"
    return f"{day}T{utc.get_hour():02d}:{utc.get_minute():02d}:{utc.get_second():02d}Z"


def first_text(component, kind):
    prop = component.get_first_property(kind)
    return prop.get_value_as_string() if prop is not None else None


def read_event(event, calendar):
    categories = []
    prop = event.get_first_property(ICalGLib.PropertyKind.CATEGORIES_PROPERTY)
    while prop is not None:
        categories += prop.get_categories().split(",")
        prop = event.get_next_property(ICalGLib.PropertyKind.CATEGORIES_PROPERTY)
    return {
        "uid": event.get_uid(),
        "summary": event.get_summary(),
        "location": event.get_location(),
        "description": event.get_description(),
        "start_utc": utc_text(event.get_dtstart(), calendar),
        "end_utc": utc_text(event.get_dtend(), calendar),
        "start_tzid": event.get_dtstart().get_tzid(),
        "sequence": event.get_sequence(),
        "status": first_text(event, ICalGLib.PropertyKind.STATUS_PROPERTY),
        "categories": categories,
        "organizer": first_text(event, ICalGLib.PropertyKind.ORGANIZER_PROPERTY),
    }


def read_file(path):
    with open(path, encoding="utf-8") as handle:
        calendar = ICalGLib.Component.new_from_string(handle.read())
    if calendar is None:
        raise SystemExit(f"libical could not parse {path}")
    events = []
    event = calendar.get_first_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    while event is not None:
        events.append(read_event(event, calendar))
        event = calendar.get_next_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    return {
        "method": first_text(calendar, ICalGLib.PropertyKind.METHOD_PROPERTY),
        "events": events,
    }


if __name__ == "__main__":
    print(json.dumps({path: read_file(path) for path in sys.argv[1:]}))
