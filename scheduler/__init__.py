"""The delegation exchange scheduler: plan model, formats, solver, verifier and exports.

These are the engine's public names, and the only ones the Streamlit front end (`ui/`) uses; a test
(`tests/test_architecture.py`) keeps it so. The solver and the generator are loaded on first use, so
that `validate` and `convert` do not pay for importing OR-Tools.
"""

from typing import TYPE_CHECKING

from scheduler.answers import (
    MeetingAnswer,
    PersonMeeting,
    PersonProgramme,
    Recorded,
    answer_meeting,
    answers_by_meeting,
    answers_elsewhere,
    pending_answers,
    person_programme,
    sync_answer,
    window_text,
)
from scheduler.change_marks import marked_changes
from scheduler.criteria import headroom_sentence, progress_words, proof_sentence
from scheduler.export import calendars
from scheduler.export.agenda import Entry as AgendaEntry
from scheduler.export.excel import programme_workbook
from scheduler.export.ics import ALL as ALL_CALENDARS
from scheduler.export.mail import Notice, changed_programmes, mail_zip, unreachable_reason
from scheduler.export.mail import messages as publication_messages
from scheduler.export.mail_send import SmtpSettings, send_messages, smtp_settings
from scheduler.io import workbook_layout
from scheduler.io.busy import BusyImport, import_busy
from scheduler.io.load import load_plan, load_plan_file
from scheduler.io.plan_json import canonical_zone, plan_from_data, plan_to_data, write_plan_json
from scheduler.io.workbook import plan_to_workbook, sheets_to_data, template_workbook
from scheduler.io.workbook_read import SheetRows
from scheduler.io.workbook_write import list_rows
from scheduler.languages import (
    LANGUAGES,
    WORDS,
    browser_languages,
    calendar_word,
    day_text,
    invitation_text,
    language_name,
    languages_for,
    moment_text,
    opening_language,
    room_text,
    word,
)
from scheduler.model import (
    PRIORITIES,
    SLOT_SIZES,
    DayWindow,
    Delegation,
    Fixed,
    Host,
    Interpreter,
    Kept,
    Lunch,
    LunchBlock,
    Meeting,
    Moves,
    Objective,
    Pin,
    Plan,
    Request,
    Room,
    Schedule,
    Travel,
    Unscheduled,
    Venue,
    Window,
)
from scheduler.problems import Problem
from scheduler.publication_mail import Delivery, mail_delivery, send_publication
from scheduler.publishing import (
    calendars_zip,
    days_gone_by,
    delegation_calendar,
    delegation_changes,
    delegation_entries,
    latest_published,
    latest_record,
    publication_preview,
    publish_schedule,
    resolve_delegation,
)
from scheduler.store import REASON_CHARS, Answer, AnswerRefused, Conflict, LastPlan, Store, database_url
from scheduler.timeaxis import availability, date_range, plan_axis, visit_dates
from scheduler.validate import validate
from scheduler.validate.words import counted
from scheduler.verify import Violation, verify

if TYPE_CHECKING:
    from scheduler.generate import generate_plan
    from scheduler.solver import Progress, SolveOptions, greedy, solve

_LAZY = {
    "solve": "scheduler.solver",
    "greedy": "scheduler.solver",
    "SolveOptions": "scheduler.solver",
    "Progress": "scheduler.solver",
    "generate_plan": "scheduler.generate",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'scheduler' has no attribute {name!r}")


__all__ = [
    "ALL_CALENDARS",
    "LANGUAGES",
    "PRIORITIES",
    "REASON_CHARS",
    "SLOT_SIZES",
    "WORDS",
    "AgendaEntry",
    "Answer",
    "AnswerRefused",
    "BusyImport",
    "Conflict",
    "DayWindow",
    "Delegation",
    "Delivery",
    "Fixed",
    "Host",
    "Interpreter",
    "Kept",
    "LastPlan",
    "Lunch",
    "LunchBlock",
    "Meeting",
    "MeetingAnswer",
    "Moves",
    "Notice",
    "Objective",
    "PersonMeeting",
    "PersonProgramme",
    "Pin",
    "Plan",
    "Problem",
    "Progress",
    "Recorded",
    "Request",
    "Room",
    "Schedule",
    "SheetRows",
    "SmtpSettings",
    "SolveOptions",
    "Store",
    "Travel",
    "Unscheduled",
    "Venue",
    "Violation",
    "Window",
    "answer_meeting",
    "answers_by_meeting",
    "answers_elsewhere",
    "availability",
    "browser_languages",
    "calendar_word",
    "calendars",
    "calendars_zip",
    "canonical_zone",
    "changed_programmes",
    "counted",
    "database_url",
    "date_range",
    "day_text",
    "days_gone_by",
    "delegation_calendar",
    "delegation_changes",
    "delegation_entries",
    "generate_plan",
    "greedy",
    "headroom_sentence",
    "import_busy",
    "invitation_text",
    "language_name",
    "languages_for",
    "latest_published",
    "latest_record",
    "list_rows",
    "load_plan",
    "load_plan_file",
    "mail_delivery",
    "mail_zip",
    "marked_changes",
    "moment_text",
    "opening_language",
    "pending_answers",
    "person_programme",
    "plan_axis",
    "plan_from_data",
    "plan_to_data",
    "plan_to_workbook",
    "programme_workbook",
    "progress_words",
    "proof_sentence",
    "publication_messages",
    "publication_preview",
    "publish_schedule",
    "resolve_delegation",
    "room_text",
    "send_messages",
    "send_publication",
    "sheets_to_data",
    "smtp_settings",
    "solve",
    "sync_answer",
    "template_workbook",
    "unreachable_reason",
    "validate",
    "verify",
    "visit_dates",
    "window_text",
    "word",
    "workbook_layout",
    "write_plan_json",
]
