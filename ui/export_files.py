"""The Export page's files, built when a download button is pressed and kept for the next press.

Streamlit calls a download button's data function from its web server, outside any script run, so
nothing here touches Streamlit: the files are built from the store and cached per database, plan,
schedule and publication (all four are needed: ids repeat from one database file to another).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

from scheduler import calendars, calendars_zip, latest_record, programme_workbook
from ui.services import store

_lock = threading.Lock()
_File = TypeVar("_File")


def workbook_file(plan_id: int, schedule_id: int, publication: int, english: bool = False) -> bytes:
    """The programme workbook: each delegation's sheet in its own language, or all in English."""
    return _once(_workbook_in_english if english else _workbook, plan_id, schedule_id, publication)


def calendar_file(plan_id: int, schedule_id: int, publication: int, owner: str) -> bytes:
    return _once(_calendars, plan_id, schedule_id, publication)[owner]


def calendars_archive(plan_id: int, schedule_id: int, publication: int) -> bytes:
    return _once(_archive, plan_id, schedule_id, publication)


def forget_files() -> None:
    """After a plan is deleted: a database made before ids stopped being reused could hand its ids on."""
    for cached in (_workbook, _workbook_in_english, _calendars, _archive):
        cached.cache_clear()


def _once(
    build: Callable[[str, int, int, int], _File], plan_id: int, schedule_id: int, publication: int
) -> _File:
    with _lock:  # two presses at once build a file once
        return build(str(store().engine.url), plan_id, schedule_id, publication)


def _sources(plan_id: int, schedule_id: int):
    stored = store().schedule(schedule_id)
    plan = store().version(plan_id, stored.plan_version).plan
    return plan, stored.schedule, latest_record(store(), plan_id)


@lru_cache(maxsize=4)
def _workbook(_database: str, plan_id: int, schedule_id: int, _publication: int) -> bytes:
    plan, schedule, _record = _sources(plan_id, schedule_id)
    return programme_workbook(plan, schedule)


@lru_cache(maxsize=4)
def _workbook_in_english(_database: str, plan_id: int, schedule_id: int, _publication: int) -> bytes:
    plan, schedule, _record = _sources(plan_id, schedule_id)
    return programme_workbook(plan, schedule, english=True)


@lru_cache(maxsize=4)
def _calendars(_database: str, plan_id: int, schedule_id: int, _publication: int) -> dict[str, bytes]:
    return calendars(*_sources(plan_id, schedule_id))


@lru_cache(maxsize=4)
def _archive(_database: str, plan_id: int, schedule_id: int, _publication: int) -> bytes:
    return calendars_zip(*_sources(plan_id, schedule_id))
