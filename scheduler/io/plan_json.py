"""The plan's v1 JSON form: bytes <-> Plan, with every structural problem located by JSON path."""

from __future__ import annotations

import functools
import json
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from scheduler.io.fields import Decoder, encode, json_whole
from scheduler.model import Plan
from scheduler.problems import MISSING, Problem
from scheduler.validate.limits import data_beyond_limits

MAX_BYTES = 20 * 1024 * 1024
DEFAULT_TIMEZONE = "Europe/Brussels"
NOT_ZONES = ("localtime", "posixrules", "Factory")  # files beside the zones, not places
MAX_ZONE_NAME = 64  # the longest IANA name has 32 characters


def plan_from_data(data: object, lenient: bool = False) -> tuple[Plan | None, list[Problem]]:
    """A Plan from parsed JSON (or a workbook's equivalent); None when there are errors."""
    if not isinstance(data, dict):
        return None, [Problem((), data, "a plan: a JSON object with fields such as name and hosts")]
    refused = data_beyond_limits(data)
    if refused:  # refused at once, before thousands of entries are decoded
        return None, refused
    zone_name, zone_problems = _timezone(data.get("timezone", DEFAULT_TIMEZONE))
    if "timezone" in data and not zone_problems:
        data = {
            **data,
            "timezone": zone_name,
        }  # the list's spelling: posix/Europe/Brussels -> Europe/Brussels
    decoder = Decoder(zone_name, lenient=lenient)
    plan = decoder.entity(Plan, data, ())
    problems = zone_problems + [p for p in decoder.problems if p.path != ("timezone",)]
    return (plan if not problems else None), problems


def _timezone(value: object) -> tuple[str, list[Problem]]:
    zone = canonical_zone(value) if isinstance(value, str) else None
    if zone is not None:
        return zone, []
    expected = "an IANA time zone such as Europe/Brussels"
    return DEFAULT_TIMEZONE, [Problem(("timezone",), value, expected)]


@functools.cache
def _zones() -> dict[str, str]:
    return {name.casefold(): name for name in available_timezones()}


def canonical_zone(name: str) -> str | None:
    """The IANA name as the zone list spells it (`posix/Europe/Brussels`, `europe/brussels` ->
    `Europe/Brussels`); None for anything else, `right/` zones (which count leap seconds) included."""
    key = name.strip().casefold()
    if len(key) > MAX_ZONE_NAME:
        return None
    zone = _zones().get(key.removeprefix("posix/"))
    if zone in NOT_ZONES:
        return None
    if zone is None:
        return None
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
    return zone


def plan_to_data(plan: Plan) -> dict:
    """The plan as a JSON object; defaults are left out, an explicit `lunch: null` is kept."""
    data = encode(plan)
    assert isinstance(data, dict)  # a dataclass encodes as an object
    if plan.lunch is None:
        data["lunch"] = None
    return data


def read_plan_json(content: bytes) -> tuple[Plan | None, list[Problem]]:
    if len(content) > MAX_BYTES:
        size = f"{len(content) / 1024 / 1024:.1f} MB"
        return None, [Problem(("file",), size, f"a file of at most {MAX_BYTES // 1024 // 1024} MB")]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad = f"0x{content[error.start]:02x}"
        return None, [Problem(("file",), bad, "a text file encoded as UTF-8", where=f"byte {error.start}")]
    if not text.strip():
        return None, [Problem(("file",), MISSING, "a plan: the file is empty")]
    try:
        data = json.loads(text, parse_int=json_whole)
    except json.JSONDecodeError as error:
        line = text.split("\n")[error.lineno - 1]  # json counts lines by "\n" alone, as split does
        found = line[max(0, error.colno - 11) : error.colno + 9].strip() or "(end of file)"
        where = f"line {error.lineno}, column {error.colno}"
        return None, [Problem(("file",), found, f"valid JSON ({error.msg})", where=where)]
    except RecursionError:
        return None, [Problem(("file",), "nesting", "valid JSON of reasonable depth")]
    return plan_from_data(data)


def write_plan_json(plan: Plan) -> bytes:
    return (json.dumps(plan_to_data(plan), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
