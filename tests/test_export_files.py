"""The Export page's files, built on a button press from the store, each database apart."""

import io
import zipfile
from dataclasses import replace

import openpyxl
from icalendar import Calendar

import ui.export_files
import ui.services
from scheduler.solver import greedy
from scheduler.store import Store
from tests.app_support import fresh_store, plan_id_of
from ui.export_files import calendar_file, calendars_archive, workbook_file

__all__ = ["fresh_store"]


def _programme(store: Store) -> tuple[int, int]:
    plan_id = plan_id_of(store)
    schedule = greedy(store.latest(plan_id).plan)
    return plan_id, store.save_schedule(plan_id, 1, schedule)


def test_the_files_of_a_schedule_read_back(fresh_store):
    plan_id, schedule_id = _programme(fresh_store)
    sheets = openpyxl.load_workbook(io.BytesIO(workbook_file(plan_id, schedule_id, 0))).sheetnames
    assert "Overview" in sheets
    ukrainians = Calendar.from_ical(calendar_file(plan_id, schedule_id, 0, "ua"))
    assert ukrainians.walk("VEVENT")
    with zipfile.ZipFile(io.BytesIO(calendars_archive(plan_id, schedule_id, 0))) as archive:
        assert {"all.ics", "ua.ics"} <= set(archive.namelist())


def test_the_same_ids_in_another_database_give_that_databases_files(fresh_store, tmp_path, monkeypatch):
    plan_id, schedule_id = _programme(fresh_store)
    first = workbook_file(plan_id, schedule_id, 0)
    other = Store(f"sqlite:///{tmp_path / 'other.db'}")
    plan = fresh_store.latest(plan_id).plan
    renamed = replace(plan, name="Another visit")
    assert other.create_plan(renamed).plan_id == plan_id
    assert other.save_schedule(plan_id, 1, greedy(renamed)) == schedule_id
    monkeypatch.setattr(ui.services, "_store", other)
    second = workbook_file(plan_id, schedule_id, 0)
    assert first != second
    names = {
        str(c.value) for row in openpyxl.load_workbook(io.BytesIO(second)).active.iter_rows() for c in row
    }
    assert any("Another visit" in name for name in names)
    other.engine.dispose()
    ui.export_files.forget_files()
