"""Hosts and interpreters in the loop: the meetings their private link shows, their answers, and what a
decline changes in the plan (constraint: a pure function; record: kept, then saved as a plan version)."""

from scheduler.answers.constraint import wall_window, whole_day, with_answer
from scheduler.answers.meetings import PersonMeeting, meeting_language, person_meetings
from scheduler.answers.overview import MeetingAnswer, answers_by_meeting, answers_elsewhere, pending_answers
from scheduler.answers.record import (
    MOVED,
    PersonProgramme,
    Recorded,
    answer_meeting,
    change_note,
    person_programme,
    sync_answer,
    window_text,
)

__all__ = [
    "MOVED",
    "MeetingAnswer",
    "PersonMeeting",
    "PersonProgramme",
    "Recorded",
    "answer_meeting",
    "answers_by_meeting",
    "answers_elsewhere",
    "change_note",
    "meeting_language",
    "pending_answers",
    "person_meetings",
    "person_programme",
    "sync_answer",
    "wall_window",
    "whole_day",
    "window_text",
    "with_answer",
]
