"""Exports: a Schedule (with its Plan) in, bytes out; calendars (.ics) and the Excel programme."""

from scheduler.export.ics import calendars, event_uid
from scheduler.export.ics_files import PUBLICATION_FILE, calendar_files
from scheduler.export.names import safe_file_name
from scheduler.export.publication import Changes, Publication, Published, publish
from scheduler.export.publication_json import publication_from_json, publication_to_json

__all__ = [
    "PUBLICATION_FILE",
    "Changes",
    "Publication",
    "Published",
    "calendar_files",
    "calendars",
    "event_uid",
    "publication_from_json",
    "publication_to_json",
    "publish",
    "safe_file_name",
]
