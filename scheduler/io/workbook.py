"""The plan as an Excel workbook, lossless both ways with the v1 JSON.

A workbook is read into the same plain dict as the JSON file, so that one decoder (`plan_from_data`
with `lenient=True`) builds the Plan; `locate` turns the JSON path of any later problem back into
the sheet, row and column a person edits.
"""

from __future__ import annotations

from collections.abc import Callable

from scheduler.io import workbook_layout as layout
from scheduler.io.workbook_read import Key, SheetRows, closest, did_you_mean, read_workbook
from scheduler.io.workbook_write import plan_to_workbook, template_workbook
from scheduler.languages.codes import language_code
from scheduler.problems import Path, Problem

__all__ = ["plan_to_workbook", "sheets_to_data", "template_workbook", "workbook_to_data"]

Locate = Callable[[Path], str | None]


def workbook_to_data(content: bytes) -> tuple[dict | None, list[Problem], Locate]:
    """The workbook as a v1 plan dict, the problems found in its shape, and where a JSON path lies."""
    found, problems = read_workbook(content)
    if found is None:
        return None, problems, _nowhere
    data, more, locate = sheets_to_data(found)
    return data, problems + more, locate


def sheets_to_data(found: dict[str, SheetRows]) -> tuple[dict, list[Problem], Locate]:
    """Sheets already read (from a file, or from the app's tables) as a v1 plan dict, located."""
    problems: list[Problem] = []
    places = Places()
    data: dict = {}
    if layout.SETTINGS.title in found:
        _settings(found[layout.SETTINGS.title], data, places, problems)
    for sheet in layout.LISTS:
        if sheet.title in found and sheet not in (layout.ROOMS, layout.AVAILABILITY):
            data[sheet.section] = _entities(found[sheet.title], places)
    if layout.ROOMS.title in found:
        _rooms(found[layout.ROOMS.title], data, places, problems)
    if layout.AVAILABILITY.title in found:
        _availability(found[layout.AVAILABILITY.title], data, places, problems)
    return data, problems, places.locate


def _nowhere(path: Path) -> str | None:
    return None


class Places:
    """Which sheet row each JSON object came from, so that a path can be told as sheet, row, column."""

    def __init__(self) -> None:
        self.rows: dict[Path, tuple[SheetRows, int]] = {}

    def add(self, path: Path, found: SheetRows, row: int) -> None:
        self.rows[path] = (found, row)

    def locate(self, path: Path) -> str | None:
        for length in range(len(path), 0, -1):
            if path[:length] in self.rows:
                found, row = self.rows[path[:length]]
                if found.sheet is layout.SETTINGS:
                    return found.where(row) + ', column "Value"'
                return found.where(row, _column_key(found, path[length:]))
        setting = next((c for c in layout.SETTINGS.columns if c.key[: len(path)] == tuple(path)), None)
        if path and setting is not None:
            return f'sheet "{layout.SETTINGS.title}", setting "{setting.label}"'
        return None


def _column_key(found: SheetRows, rest: Path) -> Key | None:
    keys = [c.key for c in found.sheet.columns]
    within = [k for k in keys if tuple(rest[: len(k)]) == k]
    if within:
        return max(within, key=len)
    return next((k for k in keys if rest and k[: len(rest)] == tuple(rest)), None)


def _settings(found: SheetRows, data: dict, places: Places, problems: list[Problem]) -> None:
    lunch: dict[str, tuple[object, int]] = {}
    for row, values in found.rows:
        for key, value in values.items():
            places.add(key, found, row)
            places.rows.setdefault(key[:1], (found, row))  # ("day",) is told at its first row
            if key[0] == "lunch":
                if value is not None:
                    lunch[key[1]] = (value, row)
            elif value is not None:
                _put(data, key, value)
    no_lunch = [k for k, (v, _) in lunch.items() if str(v).strip().lower() == layout.NO_LUNCH]
    if no_lunch:
        data["lunch"] = None
        for name, (value, row) in lunch.items():
            if name not in no_lunch:
                expected = f'"{layout.NO_LUNCH}" in every lunch row (no lunch rule), or times in all of them'
                where = found.where(row) + ', column "Value"'
                problems.append(Problem(("lunch", name), value, expected, where=where))
    elif lunch:
        data["lunch"] = {key: value for key, (value, _) in lunch.items()}


def _entities(found: SheetRows, places: Places) -> list[dict]:
    entities: list[dict] = []
    for row, values in found.rows:
        entity: dict = {}
        for key, value in values.items():
            column = found.sheet.column(key)
            if column.kind == layout.LIST:
                value = list_items(value)
                if key == ("languages",) and isinstance(value, list):
                    # staff may write "Dutch" or "NL": the plan keeps the ISO 639-1 code
                    value = [language_code(item) or item if isinstance(item, str) else item for item in value]
            _put(entity, key, value)
        for column in found.sheet.columns:
            if column.kind == layout.LIST and column.required and column.key in found.headers:
                entity.setdefault(column.key[0], [])
        places.add((found.sheet.section, len(entities)), found, row)
        entities.append(entity)
    return entities


def _rooms(found: SheetRows, data: dict, places: Places, problems: list[Problem]) -> None:
    """Named rooms join their venue's `rooms` list; a venue with a count of rooms cannot have them too."""
    venues = data.get("venues", [])
    index = _index({"venues": venues})
    for row, values in found.rows:
        venue_id = id_text(values.get(("venue",)))
        if venue_id not in index:
            expected = "the id of a venue on the Venues sheet" + did_you_mean(
                closest(venue_id or "", list(index))
            )
            problems.append(Problem(("venues",), venue_id, expected, where=found.where(row, ("venue",))))
            continue
        number = index[venue_id][0][1]
        venue = venues[number]
        if not isinstance(venue.get("rooms", []), list):
            expected = "a count of rooms, or named rooms on the Rooms sheet, not both"
            where = places.locate(("venues", number, "rooms"))
            problems.append(Problem(("venues", number, "rooms"), venue["rooms"], expected, where=where))
            venue["rooms"] = []
        rooms = venue.setdefault("rooms", [])
        places.add(("venues", number, "rooms", len(rooms)), found, row)
        rooms.append({key[0]: value for key, value in values.items() if key != ("venue",)})


def _availability(found: SheetRows, data: dict, places: Places, problems: list[Problem]) -> None:
    """Each row becomes a window in the `available` or `unavailable` list of the one it names."""
    index = _index({section: data.get(section, []) for section in ("hosts", "delegations", "interpreters")})
    for row, values in found.rows:
        who = id_text(values.get(("who",)))
        kind = str(values.get(("kind",)) or "").lower()
        owners = index.get(who, []) if who is not None else []
        if kind == layout.AVAILABLE:
            owners = [(section, number) for section, number in owners if section != "delegations"]
        if kind not in (layout.AVAILABLE, layout.UNAVAILABLE):
            expected = f"{layout.AVAILABLE} or {layout.UNAVAILABLE}"
            problems.append(
                Problem(("workbook",), values.get(("kind",)), expected, where=found.where(row, ("kind",)))
            )
        elif not owners and who in index:
            expected = f"{layout.UNAVAILABLE}: a delegation is available from its arrival to its departure"
            problems.append(Problem(("workbook",), kind, expected, where=found.where(row, ("kind",))))
        elif not owners:
            expected = "the id of a host, delegation or interpreter" + did_you_mean(
                closest(who or "", list(index))
            )
            problems.append(Problem(("workbook",), who, expected, where=found.where(row, ("who",))))
        else:
            section, number = owners[0]
            windows = data[section][number].setdefault(kind, [])
            places.add((section, number, kind, len(windows)), found, row)
            places.rows.setdefault((section, number, kind), (found, row))  # the list: its first row
            windows.append({key[0]: value for key, value in values.items() if key[0] in ("start", "end")})


def _index(sections: dict[str, list[dict]]) -> dict[str, list[tuple[str, int]]]:
    index: dict[str, list[tuple[str, int]]] = {}
    for section, entities in sections.items():
        for number, entity in enumerate(entities):
            key = id_text(entity.get("id"))
            if key is not None:
                index.setdefault(key, []).append((section, number))
    return index


def id_text(value: object) -> str | None:
    """An id as text: a cell holding 12 names the id "12"."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() or None


def list_items(value: object) -> object:
    """A list cell ("nl, fr; en") as its items; a number is an item too (the id 12)."""
    if isinstance(value, str):
        return layout.split_list(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [id_text(value)]
    return value


def _put(target: dict, key: Key, value: object) -> None:
    for part in key[:-1]:
        target = target.setdefault(part, {})
    target[key[-1]] = value
