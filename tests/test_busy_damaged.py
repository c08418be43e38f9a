"""Whatever a calendar file holds, the import answers with windows or located problems, never an
exception: Hypothesis damages real exports the way mail clients and hand edits do (lines lost,
doubled or cut, values replaced, bytes cut off or garbled)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler import import_busy, load_plan_file
from tests.busy_calendars import FREEBUSY, GOOGLE, OUTLOOK, THUNDERBIRD

ROOT = Path(__file__).resolve().parent.parent
PLAN, _ = load_plan_file(str(ROOT / "data" / "ukraine-prosecutors-2024.json"))
CALENDARS = [OUTLOOK, GOOGLE, THUNDERBIRD, FREEBUSY]
VALUES = ["", "X", "20240423", "20240423T", "20241399T250000", "19000101T000000Z", "PT", "P-1D", "FREQ=",
          "FREQ=WEEKLY;COUNT=-1", "FREQ=YEARLY;BYDAY=99MO", "TRANSPARENT", "CANCELLED", "20240423T090000Z/",
          "\u00e9\u00e8", "\x00"]  # fmt: skip


@st.composite
def damaged(draw) -> bytes:
    lines = draw(st.sampled_from(CALENDARS)).decode().split("\r\n")
    for _ in range(draw(st.integers(1, 4))):
        k = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["drop", "double", "value", "cut"]))
        if how == "drop":
            del lines[k]
        elif how == "double":
            lines.insert(k, lines[k])
        elif how == "value" and ":" in lines[k]:
            lines[k] = lines[k].split(":", 1)[0] + ":" + draw(st.sampled_from(VALUES))
        elif how == "cut":
            lines[k] = lines[k][: draw(st.integers(0, len(lines[k])))]
        if not lines:
            break
    content = "\r\n".join(lines).encode()
    if draw(st.booleans()):
        content = content[: draw(st.integers(0, len(content)))]
    return content


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_a_damaged_calendar_gives_windows_or_located_problems(content):
    assert PLAN is not None
    found, problems = import_busy(PLAN, "dgsp-local", content, "damaged.ics")
    assert (found is None) == bool(problems)
    assert all(p.is_error and str(p).startswith("error: damaged.ics") for p in problems)
    # the last line of defence (a library's own complaint) is not what answered
    assert not any(p.expected == "readable recurrences" for p in problems), problems
    if found is not None:
        assert all(w.end > w.start for w in found.added)
