"""Typed values <-> their plain (JSON or cell) form, driven by the model's type hints.

One decoder serves the JSON file and the workbook: a workbook is read into the same nested
lists and dicts, with `lenient=True` so that what a spreadsheet naturally holds (numbers in
text cells, comma-separated lists, "23/04/2024 09:00", Excel dates and times) is accepted.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
import typing
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from scheduler import model
from scheduler.problems import MISSING, Path, Problem

ENTITY_NAMES = {
    model.Plan: "plan",
    model.DayWindow: "day window",
    model.Lunch: "lunch rule",
    model.Venue: "venue",
    model.Room: "room",
    model.Travel: "travel time",
    model.Host: "host",
    model.Delegation: "delegation",
    model.Interpreter: "interpreter",
    model.Request: "request",
    model.Fixed: "fixed event",
    model.Pin: "pin",
    model.Window: "window",
    model.Order: "order",
}

DATETIME_TEXT = "a date and time like 2024-04-23T09:00"
DATE_OR_DATETIME_TEXT = "a date like 2024-04-23 or a date and time like 2024-04-23T09:00"
TIME_TEXT = "a time of day like 09:00"
YES_NO_TEXT = "true or false"
YES_NO_LENIENT_TEXT = "yes or no (also true/false, 1/0)"
FIRST_YEAR, LAST_YEAR = 1900, 2199  # as scheduler.validate says it
MAX_DIGITS = 15  # no count, minute or capacity of a plan comes near; 2**53 keeps floats exact
WHOLE_TEXT = f"a whole number of at most {MAX_DIGITS} digits"
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")  # embeddings, overrides, isolates
_YES = {"yes", "y", "true", "1", "x", "ja", "oui"}
_NO = {"no", "n", "false", "0", "nee", "non"}


class LongNumber:
    """A whole number in a JSON file too long to be one (Python refuses thousands of digits)."""

    def __init__(self, digits: str):
        self.digits = digits

    def __str__(self) -> str:
        return self.digits

    def __repr__(self) -> str:
        return f"LongNumber({len(self.digits)} digits)"


def json_whole(digits: str) -> int | LongNumber:
    """json.loads' parse_int: an int, or a LongNumber the decoder reports at its place."""
    return int(digits) if len(digits.lstrip("-")) <= MAX_DIGITS else LongNumber(digits)


def json_name(field: dataclasses.Field) -> str:
    """The field's name in the file: `from_` is written `from`."""
    return field.name.rstrip("_")


@functools.cache
def fields_of(cls) -> tuple[tuple[dataclasses.Field, object], ...]:
    """The fields of a model class with their resolved types (resolved once: a plan has thousands)."""
    hints = typing.get_type_hints(cls)
    return tuple((f, hints[f.name]) for f in dataclasses.fields(cls))


def has_default(field: dataclasses.Field) -> bool:
    return field.default is not dataclasses.MISSING or field.default_factory is not dataclasses.MISSING


def default_of(field: dataclasses.Field) -> object:
    if field.default is not dataclasses.MISSING:
        return field.default
    factory = field.default_factory
    assert factory is not dataclasses.MISSING  # a field without a default has no default value
    return factory()


class Decoder:
    """Turns plain data into model objects, collecting a located Problem for everything wrong."""

    def __init__(self, timezone: str = "Europe/Brussels", lenient: bool = False):
        self.zone = ZoneInfo(timezone)
        self.lenient = lenient
        self.problems: list[Problem] = []

    def complain(self, path: Path, value: object, expected: str) -> None:
        self.problems.append(Problem(path, value, expected))

    def entity(self, cls, data: object, path: Path):
        """A dataclass from a dict; None (with problems recorded) when it cannot be built."""
        name = ENTITY_NAMES[cls]
        if not isinstance(data, dict):
            self.complain(path, data, f"a {name} (an object with named fields)")
            return None
        known = {json_name(f): (f, hint) for f, hint in fields_of(cls)}
        for key in data:
            if key not in known:
                listed = ", ".join(known)
                self.complain((*path, str(key)), key, f"one of the fields of a {name}: {listed}")
        values, ok = {}, True
        for key, (field, hint) in known.items():
            if key not in data:
                if not has_default(field):
                    self.complain((*path, key), MISSING, f"a value: every {name} needs a {key}")
                    ok = False
                continue
            before = len(self.problems)
            value = self.value(hint, data[key], (*path, key))
            if len(self.problems) > before:
                ok = False
            elif value is not None or _allows_none(hint):
                values[field.name] = value
        return cls(**values) if ok else None

    def value(self, hint, raw: object, path: Path):
        if raw is None or (self.lenient and raw == ""):
            if _allows_none(hint):
                return None
            if _is_tuple(hint):
                return ()
            self.complain(path, raw, f"{describe(hint)}; this field cannot be empty")
            return None
        options = _options(hint)
        if len(options) > 1:
            return self._union(options, raw, path)
        return self._single(options[0], raw, path)

    def _union(self, options, raw, path):
        if date in options and datetime in options:
            return self.date_or_datetime(raw, path)
        for option in options:  # int | tuple[Room, ...]: the shape of the value decides
            if _is_tuple(option) and isinstance(raw, list):
                return self._single(option, raw, path)
        return self._single(next(o for o in options if not _is_tuple(o)), raw, path)

    def _single(self, hint, raw, path):
        if _is_tuple(hint):
            return self.sequence(typing.get_args(hint)[0], raw, path)
        if dataclasses.is_dataclass(hint):
            return self.entity(hint, raw, path)
        decode = {
            bool: self.yes_no,
            str: self.text,
            int: self.whole,
            float: self.number,
            datetime: self.date_and_time,
            time: self.clock,
        }[hint]
        return decode(raw, path)

    def sequence(self, item_hint, raw, path):
        if self.lenient and isinstance(raw, str) and item_hint is str:
            raw = [part.strip() for part in raw.split(",") if part.strip()]
        if not isinstance(raw, list):
            self.complain(path, raw, f"a list of {describe(item_hint, plural=True)}")
            return None
        items = [self.value(item_hint, item, (*path, i)) for i, item in enumerate(raw)]
        return tuple(items) if None not in items else None

    def text(self, raw, path):
        if isinstance(raw, str):
            raw = BIDI_CONTROLS.sub("", raw)  # a name read backwards ("\u202eeniarkU") misleads
            return raw.strip() if self.lenient else raw
        if self.lenient and isinstance(raw, (int, float)) and not isinstance(raw, bool):
            return str(int(raw)) if float(raw).is_integer() else str(raw)
        self.complain(path, raw, "text")
        return None

    def yes_no(self, raw, path):
        """JSON true or false; in a workbook also yes/no, 1/0 and Excel's TRUE/FALSE."""
        if isinstance(raw, bool):
            return raw
        if self.lenient and isinstance(raw, (int, float)) and raw in (0, 1):
            return bool(raw)
        if self.lenient and isinstance(raw, str) and raw.strip().casefold() in _YES | _NO:
            return raw.strip().casefold() in _YES
        self.complain(path, raw, YES_NO_LENIENT_TEXT if self.lenient else YES_NO_TEXT)
        return None

    def whole(self, raw, path):
        found = raw
        if isinstance(raw, str) and self.lenient:
            raw = _parse_number(raw.strip())
        fraction = isinstance(raw, float) and not raw.is_integer()  # float() of a huge int overflows
        if isinstance(raw, LongNumber) or (isinstance(raw, (int, float)) and abs(raw) >= 10**MAX_DIGITS):
            self.complain(path, found, WHOLE_TEXT)
            return None
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or fraction:
            self.complain(path, raw, "a whole number")
            return None
        return int(raw)

    def number(self, raw, path):
        if isinstance(raw, str) and self.lenient:
            raw = _parse_number(raw.strip().replace(",", "."))
        if isinstance(raw, LongNumber):
            self.complain(path, raw, f"a number of at most {MAX_DIGITS} digits")
            return None
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or raw != raw:
            self.complain(path, raw, "a number")
            return None
        if isinstance(raw, int) and abs(raw) > 1e300:  # float() of a huge int overflows
            self.complain(path, raw, "a number of reasonable size")
            return None
        return float(raw)

    def date_and_time(self, raw, path):
        moment = self._moment(raw)
        if not isinstance(moment, datetime):
            self.complain(path, raw, DATETIME_TEXT)
            return None
        return self._in_years(moment, raw, path)

    def date_or_datetime(self, raw, path):
        moment = self._moment(raw)
        if moment is None:
            self.complain(path, raw, DATE_OR_DATETIME_TEXT)
        return self._in_years(moment, raw, path)

    def _in_years(self, moment, raw, path):
        """Dates far from today (9999-12-31) overflow where a day is added: refused here, located."""
        if moment is not None and not FIRST_YEAR <= moment.year <= LAST_YEAR:
            self.complain(path, raw, f"a date between the years {FIRST_YEAR} and {LAST_YEAR}")
            return None
        return moment

    def _moment(self, raw) -> date | datetime | None:
        """A naive local datetime, or a date for a value without a time of day."""
        if isinstance(raw, datetime) and self.lenient:
            return self._local(raw)
        if isinstance(raw, date) and not isinstance(raw, datetime) and self.lenient:
            return raw
        if not isinstance(raw, str):
            return None
        return parse_moment(raw.strip(), lenient=self.lenient, zone=self.zone)

    def _local(self, moment: datetime) -> datetime:
        if moment.tzinfo is not None:
            moment = moment.astimezone(self.zone).replace(tzinfo=None)
        return moment.replace(microsecond=0)

    def clock(self, raw, path):
        parsed = parse_clock(raw, lenient=self.lenient)
        if parsed is None:
            self.complain(path, raw, TIME_TEXT)
        return parsed


_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2})[:.h](\d{2}))?$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


def parse_moment(text: str, lenient: bool, zone: ZoneInfo) -> date | datetime | None:
    """ISO 8601 (an offset is converted to the plan's wall time); leniently also 23/04/2024 09:00."""
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = None
    if parsed is not None:
        if len(text) <= 10:
            return parsed.date()
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(zone).replace(tzinfo=None)
        return parsed
    if not lenient:
        return None
    for pattern, order in ((_YMD, (0, 1, 2)), (_DMY, (2, 1, 0))):
        match = pattern.match(text)
        if match:
            parts = match.groups()
            year, month, day = (int(parts[i]) for i in order)
            try:
                if parts[3] is None:
                    return date(year, month, day)
                return datetime(year, month, day, int(parts[3]), int(parts[4]))
            except ValueError:
                return None
    return None


_CLOCK = re.compile(r"^(\d{1,2})[:h.](\d{2})(?::(\d{2}))?$")


def parse_clock(raw: object, lenient: bool) -> time | None:
    if isinstance(raw, time) and lenient:
        return raw.replace(microsecond=0)
    if isinstance(raw, datetime) and lenient and raw.date() == date(1899, 12, 30):
        return raw.time()
    if isinstance(raw, timedelta) and lenient and raw < timedelta(days=1):
        return (datetime.min + raw).time().replace(microsecond=0)
    if isinstance(raw, float) and lenient and 0 <= raw < 1:
        minutes = round(raw * 24 * 60)
        return time(minutes // 60, minutes % 60)
    if not isinstance(raw, str):
        return None
    match = _CLOCK.match(raw.strip())
    if not match or (not lenient and len(raw.strip().split(":")[0]) != 2):
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    second = int(match.group(3) or 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def _parse_number(text: str):
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() else number


def describe(hint, plural: bool = False) -> str:
    options = [o for o in _options(hint)]
    if date in options and datetime in options:
        return DATE_OR_DATETIME_TEXT
    hint = options[0]
    if _is_tuple(hint):
        return f"a list of {describe(typing.get_args(hint)[0], plural=True)}"
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        name = ENTITY_NAMES[hint]
        return f"{name}s" if plural else f"a {name}"
    singular = {
        bool: (YES_NO_TEXT, YES_NO_TEXT),
        str: ("text", "texts"),
        int: ("a whole number", "whole numbers"),
        float: ("a number", "numbers"),
        datetime: (DATETIME_TEXT, "dates and times"),
        time: (TIME_TEXT, "times of day"),
    }[hint]
    return singular[1] if plural else singular[0]


def _options(hint) -> list:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return [a for a in typing.get_args(hint) if a is not type(None)]
    return [hint]


def _allows_none(hint) -> bool:
    return type(None) in typing.get_args(hint)


def _is_tuple(hint) -> bool:
    return typing.get_origin(hint) is tuple


# --- encoding ---------------------------------------------------------------------------


def encode(value: object) -> object:
    """A model value in its plain JSON form; fields equal to their default are left out."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for field, _hint in fields_of(type(value)):
            item = getattr(value, field.name)
            if has_default(field) and item == default_of(field):
                continue
            out[json_name(field)] = encode(item)
        return out
    if isinstance(value, tuple):
        return [encode(item) for item in value]
    if isinstance(value, datetime):
        return format_moment(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="seconds" if value.second else "minutes")
    return value


def format_moment(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds" if moment.second else "minutes")
