// Reads .ics files with ical.js (the parser inside Thunderbird) and prints what a client sees as JSON.
// Usage: node tests/js/read_ics.mjs FILE...  ->  {"FILE": {"name", "method", "timezones", "events": [...]}}
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function text(component, name) {
  const value = component.getFirstPropertyValue(name);
  return value === null ? null : String(value);
}

function readEvent(vevent) {
  const event = new ICAL.Event(vevent);
  const geo = vevent.getFirstPropertyValue("geo");
  return {
    uid: event.uid,
    summary: event.summary,
    location: event.location,
    description: event.description,
    start_utc: event.startDate.toJSDate().toISOString(),
    end_utc: event.endDate.toJSDate().toISOString(),
    start_zone: event.startDate.zone ? event.startDate.zone.tzid : null,
    sequence: event.sequence,
    status: text(vevent, "status"),
    transp: text(vevent, "transp"),
    organizer: text(vevent, "organizer"),
    categories: vevent.getAllProperties("categories").flatMap((p) => p.getValues().map(String)),
    geo: geo ? geo.map(Number) : null,
    dtstamp: text(vevent, "dtstamp"),
    alarms: vevent.getAllSubcomponents("valarm").map((a) => text(a, "trigger")),
  };
}

const result = {};
for (const file of process.argv.slice(2)) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  result[file] = {
    name: text(root, "name"),
    wr_calname: text(root, "x-wr-calname"),
    method: text(root, "method"),
    version: text(root, "version"),
    prodid: text(root, "prodid"),
    refresh: text(root, "refresh-interval"),
    timezones: root.getAllSubcomponents("vtimezone").map((z) => text(z, "tzid")),
    events: root.getAllSubcomponents("vevent").map(readEvent),
  };
}
process.stdout.write(JSON.stringify(result));
