"""Writes the broken plan files of this folder from one valid plan, and records what the CLI says.

The files in `warned/` are messy rather than broken: they have warnings only, so the plan is still
saved and solved (DESIGN, format v1.1). Run `python tests/corpus/build.py` after a deliberate change
of wording; then read every changed `.stderr` file before committing it: each is the exact message a
person gets for that file.
"""

from __future__ import annotations

import copy
import io
import json
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

HERE = Path(__file__).resolve().parent
WARNED = HERE / "warned"
sys.path.insert(0, str(HERE.parent.parent))

from scheduler.io.plan_json import plan_from_data  # noqa: E402
from scheduler.io.workbook import plan_to_workbook  # noqa: E402

BASE = {
    "name": "Ukrainian prosecutors, April 2024",
    "slot_minutes": 15,
    "venues": [
        {"id": "FPS-HA", "name": "FPS Home Affairs", "lat": 50.8466, "lon": 4.3528, "capacity": 20},
        {"id": "PZ-BXL", "name": "Police zone Brussels", "rooms": 2, "capacity": 12},
        {"id": "HOTEL", "name": "Hotel Amigo"},
    ],
    "travel": [{"from": "FPS-HA", "to": "PZ-BXL", "minutes": 20}],
    "hosts": [
        {"id": "FAST", "name": "Fugitive Active Search Team", "venue": "FPS-HA", "size": 2,
         "languages": ["nl", "fr", "en"]},
        {"id": "PROS", "name": "Prosecutor's office Brussels", "venue": "PZ-BXL", "languages": ["nl", "fr"]},
        {"id": "BIN", "name": "BIN coordinator", "venue": "PZ-BXL", "languages": ["nl"],
         "available": [{"start": "2024-04-23T13:00", "end": "2024-04-23T17:00"}]},
    ],
    "delegations": [
        {"id": "UA", "name": "Prosecutor General's Office of Ukraine", "size": 6, "languages": ["uk", "en"],
         "arrive": "2024-04-22T09:00", "depart": "2024-04-26T17:00", "hotel": "HOTEL"},
    ],
    "interpreters": [{"id": "INT-UK", "name": "Olena Kovalenko", "languages": ["uk", "nl", "fr"]}],
    "requests": [
        {"id": "R1", "title": "Fugitive search", "delegations": ["UA"], "hosts": ["FAST"], "minutes": 90,
         "priority": "must"},
        {"id": "R2", "title": "Local prosecution", "delegations": ["UA"], "hosts": ["PROS"], "minutes": 60,
         "priority": "high"},
        {"id": "R3", "title": "Neighbourhood networks", "delegations": ["UA"], "hosts": ["BIN"],
         "minutes": 60},
    ],
    "fixed": [
        {"id": "DINNER", "title": "Official dinner", "start": "2024-04-24T19:00", "end": "2024-04-24T22:00",
         "venue": "HOTEL", "delegations": ["UA"]},
    ],
    "pinned": [{"request": "R1", "start": "2024-04-23T10:00"}],
}  # fmt: skip


def edited(change) -> dict:
    data = copy.deepcopy(BASE)
    change(data)
    return data


def _set(path, value):
    def change(data):
        target = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


def _both(*changes):
    def change(data):
        for one in changes:
            one(data)

    return change


JSON_TEXT = {
    "syntax-trailing-comma": json.dumps(BASE, indent=2)[:-2] + ",\n}",
    "not-an-object": json.dumps([BASE]),
    "empty-file": "",
}

JSON_CASES = {
    "unknown-field": _set(("hosts", 0, "colour"), "blue"),
    "missing-size": lambda data: data["delegations"][0].pop("size"),
    "impossible-date": _set(("delegations", 0, "arrive"), "2024-04-32T09:00"),
    "unknown-timezone": _set(("timezone",), "Europe/Brusels"),
    "duplicate-id": _set(("hosts", 1, "id"), "PZ-BXL"),
    "dangling-references": _both(
        _set(("hosts", 0, "venue"), "FPS-HQ"),
        _set(("requests", 1, "hosts"), ["PROS", "MAYOR"]),
        _set(("requests", 2, "interpreter"), "INT-NL"),
    ),
    "backwards-times": _both(
        _set(("delegations", 0, "depart"), "2024-04-21T17:00"),
        _set(("hosts", 2, "available", 0, "end"), "2024-04-23T12:00"),
    ),
    "slot-and-priority": _both(_set(("slot_minutes",), 25), _set(("requests", 1, "priority"), "urgent")),
    "language-codes": _both(
        _set(("hosts", 1, "languages"), ["Dutch", "FR"]), _set(("interpreters", 0, "languages"), ["uk", "vl"])
    ),
    "no-interpreter-allowed": _both(
        _set(("hosts", 1, "languages"), ["nl"]), _set(("requests", 1, "interpreter"), "none")
    ),
    "pin-off-grid": _set(("pinned", 0, "start"), "2024-04-23T10:07"),
    "pin-outside-latest": _both(_set(("requests", 0, "latest"), "2024-04-22")),
    "control-character": _set(("venues", 0, "name"), "FPS Home\u0007Affairs"),
    "coordinates": _set(("venues", 0, "lat"), 150.8466),
    "nobody-attends": _set(("requests", 2), {"id": "R3", "minutes": 60}),
    "negative-counts": _both(_set(("hosts", 0, "size"), 0), _set(("travel", 0, "minutes"), -5)),
    "required-and-optional": _set(("requests", 0, "optional_hosts"), ["FAST"]),
    "lunch-too-long": _set(("lunch",), {"earliest": "12:00", "latest": "13:00", "minutes": 90}),
}

# Warnings only: what concerns one window or one request leaves the rest of the plan usable.
WARNED_JSON_CASES = {
    "window-outside-visit": _set(
        ("hosts", 2, "available", 0), {"start": "2023-04-23T13:00", "end": "2023-04-23T17:00"}
    ),
    "room-too-small": _set(("venues", 1, "capacity"), 6),
    "meeting-too-long": _set(("requests", 2, "minutes"), 300),
}

# Each edit of the valid workbook: (sheet title, cell, new value); None deletes nothing but blanks the cell.
XLSX_CASES = {
    "blank-required-cell": [("Hosts", "D3", None)],
    "impossible-date": [("Delegations", "F2", "32/04/2024 09:00")],
    "duplicate-id": [("Hosts", "A4", "FAST")],
    "dangling-venue": [("Hosts", "D2", "FPS-HQ")],
    "unknown-column": [("Hosts", "J1", "Favourite colour"), ("Hosts", "J2", "blue")],
    "text-for-number": [("Delegations", "D2", "six")],
    "unknown-language": [("Interpreters", "C2", "uk, vl")],
    "unknown-interpreter": [("Requests", "K3", "INT-NL")],
    "slot-minutes-setting": [("Settings", "B4", 25)],
    "fixed-backwards": [("Fixed", "D2", "2024-04-24 18:00")],
    "pin-off-grid": [("Pinned", "B2", "2024-04-23 10:07")],
}

WARNED_XLSX_CASES = {
    "window-outside-visit": [
        ("Availability", "C2", "2023-04-23 13:00"),
        ("Availability", "D2", "2023-04-23 17:00"),
    ],
    "room-too-small": [("Venues", "G3", 6)],
}


def write_json_cases() -> None:
    for name, text in JSON_TEXT.items():
        (HERE / f"{name}.json").write_text(text, encoding="utf-8")
    for folder, cases in ((HERE, JSON_CASES), (WARNED, WARNED_JSON_CASES)):
        for name, change in cases.items():
            text = json.dumps(edited(change), indent=2, ensure_ascii=False) + "\n"
            (folder / f"{name}.json").write_text(text, encoding="utf-8")
    (HERE / "latin-1.json").write_bytes(
        json.dumps(BASE, indent=2).replace("Amigo", "Amigó").encode("latin-1")
    )


def valid_workbook() -> bytes:
    plan, problems = plan_from_data(BASE)
    assert plan is not None, problems
    return plan_to_workbook(plan)


def write_xlsx_cases() -> None:
    good = valid_workbook()
    for folder, cases in ((HERE, XLSX_CASES), (WARNED, WARNED_XLSX_CASES)):
        for name, edits in cases.items():
            book = load_workbook(io.BytesIO(good))
            for sheet, cell, value in edits:
                book[sheet][cell] = value
            book.save(folder / f"{name}.xlsx")
    book = load_workbook(io.BytesIO(good))
    book["Hosts"].title = "Host"
    book.save(HERE / "misnamed-sheet.xlsx")
    (HERE / "text-file.xlsx").write_text("name,venue\nFAST,FPS-HA\n", encoding="utf-8")
    (HERE / "truncated.xlsx").write_bytes(good[: len(good) // 2])


def record() -> None:
    """What the CLI says about each file, as the test will compare it."""
    for path in [*sorted(HERE.glob("*.json")), *sorted(HERE.glob("*.xlsx")), *sorted(WARNED.glob("*.*"))]:
        if path.suffix not in (".json", ".xlsx"):
            continue
        done = subprocess.run(
            [sys.executable, "-m", "scheduler", "validate", path.name],
            cwd=path.parent,
            env={"PYTHONPATH": str(HERE.parent.parent), "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
        )
        (path.parent / f"{path.name}.stderr").write_text(done.stderr, encoding="utf-8")
        print(f"{path.name}: exit {done.returncode}")


if __name__ == "__main__":
    WARNED.mkdir(exist_ok=True)
    write_json_cases()
    write_xlsx_cases()
    record()
