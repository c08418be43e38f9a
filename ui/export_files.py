"""The Export page's files, built when a download button is pressed and kept for the next press.

Streamlit calls a download button's data function from its web server, outside any script run, so
nothing here touches Streamlit: the files are built from the store and cached per database, plan,
schedule and publication (all four are needed: ids repeat from one database file to another).
"""

from __future__ import annotations

import threading
from functools import lru_cache

from scheduler.export import calendars
from scheduler.export.excel import programme_workbook
from scheduler.publishing import calendars_zip, latest_record
from ui.services import store

_lock = threading.Lock()


def workbook_file(plan_id: int, schedule_id: int, publication: int) -> bytes:
    return _built(str(store().engine.url), plan_id, schedule_id, publication)[0]


def calendar_file(plan_id: int, schedule_id: int, publication: int, owner: str) -> bytes:
    return _built(str(store().engine.url), plan_id, schedule_id, publication)[1][owner]


def calendars_archive(plan_id: int, schedule_id: int, publication: int) -> bytes:
    return _built(str(store().engine.url), plan_id, schedule_id, publication)[2]


def forget_files() -> None:
    """After a plan is deleted: a database made before ids stopped being reused could hand its ids on."""
    _build.cache_clear()


def _built(database: str, plan_id: int, schedule_id: int, publication: int):
    with _lock:  # two presses at once build the files once
        return _build(database, plan_id, schedule_id, publication)


@lru_cache(maxsize=4)
def _build(_database: str, plan_id: int, schedule_id: int, _publication: int):
    stored = store().schedule(schedule_id)
    plan = store().version(plan_id, stored.plan_version).plan
    record = latest_record(store(), plan_id)
    return (
        programme_workbook(plan, stored.schedule),
        calendars(plan, stored.schedule, record),
        calendars_zip(plan, stored.schedule, record),
    )
