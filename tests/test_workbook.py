"""The plan workbook, written and then read by openpyxl as an independent reader, and read back by us."""

import dataclasses
import io
import shutil
import subprocess
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from scheduler.generate import generate_plan
from scheduler.io import workbook_layout as layout
from scheduler.io.plan_json import MAX_BYTES, plan_from_data, read_plan_json
from scheduler.io.workbook import plan_to_workbook, template_workbook, workbook_to_data
from scheduler.io.workbook_write import UNWRITABLE
from scheduler.model import Plan, Window
from scheduler.problems import WARNING
from tests import workbook_bombs

SAMPLE = Path(__file__).parent.parent / "data" / "ukraine-prosecutors-2024.json"
HYPERLINK = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture(scope="module")
def plan() -> Plan:
    plan, problems = read_plan_json(SAMPLE.read_bytes())
    assert problems == []
    host = dataclasses.replace(plan.hosts[0], name=HYPERLINK, organisation="+32 2 500 00 00")
    return dataclasses.replace(plan, hosts=(host, *plan.hosts[1:]))


@pytest.fixture()
def book(plan) -> Workbook:
    return load_workbook(io.BytesIO(plan_to_workbook(plan)))


def saved(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read(content: bytes):
    """As the loader does it: workbook problems, then the decoder's, each told as a place."""
    data, problems, locate = workbook_to_data(content)
    plan = None
    if data is not None:
        plan, decoded = plan_from_data(data, lenient=True)
        problems = problems + [p.at(locate(p.path) or "") for p in decoded]
    return plan, [str(p) for p in problems]


def column(sheet, label: str) -> int:
    return [cell.value for cell in sheet[1]].index(label) + 1


def test_the_sample_survives_the_workbook(plan):
    assert read(plan_to_workbook(plan)) == (plan, [])


def test_dates_and_times_are_real_excel_values_with_formats(plan, book):
    delegations = book["Delegations"]
    arrive = delegations.cell(2, column(delegations, "Arrive"))
    assert arrive.value == plan.delegations[0].arrive
    assert arrive.is_date and arrive.number_format == "yyyy-mm-dd hh:mm"
    settings = {row[0].value: row[1] for row in book["Settings"].iter_rows(min_row=2)}
    assert settings["Day start"].value == time(9, 0) and settings["Day start"].number_format == "hh:mm"
    requests = book["Requests"]
    dated = [
        r for r in plan.requests if isinstance(r.earliest, date) and not isinstance(r.earliest, datetime)
    ]
    if dated:
        row = 2 + plan.requests.index(dated[0])
        assert requests.cell(row, column(requests, "Earliest")).number_format == "yyyy-mm-dd"


def test_text_that_looks_like_a_formula_stays_text(plan, book):
    hosts = book["Hosts"]
    name = hosts.cell(2, column(hosts, "Name"))
    assert name.value == HYPERLINK and name.data_type == "s"
    assert hosts.cell(2, column(hosts, "Organisation")).data_type == "s"
    with zipfile.ZipFile(io.BytesIO(plan_to_workbook(plan))) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in archive.read(n) for n in sheets)


def test_an_id_of_digits_stays_a_text_cell(plan):
    venue = dataclasses.replace(plan.venues[0], id="12")
    book = load_workbook(io.BytesIO(plan_to_workbook(dataclasses.replace(plan, venues=(venue,)))))
    cell = book["Venues"]["A2"]
    assert (cell.value, cell.data_type) == ("12", "s")


def test_headers_are_frozen_and_columns_fitted(book):
    for title in ("Settings", "Hosts", "Requests", "Availability", "Help"):
        assert book[title].freeze_panes == "A2"
    assert book["Hosts"].column_dimensions["B"].width > len("Name") + 2


def test_a_misnamed_sheet_is_named_with_the_closest_known_one(book, plan):
    book["Hosts"].title = "Host"
    found, messages = read(saved(book))
    assert found.hosts == ()
    assert messages[0] == (
        'error: sheet "Host": "Host"; expected one of the sheets Settings, Venues, Rooms, Travel, Hosts, '
        "Delegations, Interpreters, Requests, Fixed, Pinned, Order, Availability, Help "
        '(did you mean "Hosts"?)'
    )
    # without the hosts, their availability rows name nobody; no second complaint about the sheet
    assert all('sheet "Availability"' in m and 'column "Who (id)"' in m for m in messages[1:])


def test_a_missing_sheet_other_than_settings_is_a_warning(book):
    del book["Pinned"]
    data, problems, _ = workbook_to_data(saved(book))
    assert [(p.severity, p.where) for p in problems] == [(WARNING, "workbook")]
    assert "pinned" not in data


def test_an_unknown_column_is_an_error_with_a_suggestion(book):
    book["Hosts"].cell(1, 10, "Langauges")
    book["Hosts"].cell(2, 10, "nl")
    _, problems, _ = workbook_to_data(saved(book))
    assert [p.where for p in problems] == ['sheet "Hosts", column J']
    assert problems[0].expected.endswith('(did you mean "Languages"?)')


def test_a_missing_required_column_is_named(book):
    book["Hosts"].delete_cols(column(book["Hosts"], "Venue (id)"))
    _, messages = read(saved(book))
    assert 'error: sheet "Hosts": (missing); expected a column "Venue (id)": it is required' in messages


def test_headers_match_in_any_case_and_by_their_json_name(book, plan):
    hosts = book["Hosts"]
    hosts.cell(1, column(hosts, "Max meetings per day")).value = "max_meetings_per_day"
    hosts.cell(1, column(hosts, "Venue (id)")).value = "VENUE"
    assert read(saved(book)) == (plan, [])


@pytest.mark.parametrize(
    "content, found",
    [
        (b"name,timezone\nVisit,Europe/Brussels\n", "not an Excel workbook"),
        (b"PK\x03\x04 truncated", "not an Excel workbook"),
        (b"", "not an Excel workbook"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_one_problem(content, found):
    data, problems, locate = workbook_to_data(content)
    assert data is None and locate(("name",)) is None
    assert [(p.where, p.value) for p in problems] == [("file", found)]


def test_a_zip_without_a_workbook_is_one_problem():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    data, problems, _ = workbook_to_data(buffer.getvalue())
    assert data is None and [p.where for p in problems] == ["file"]


def test_a_file_over_the_size_limit_is_refused():
    data, problems, _ = workbook_to_data(b"PK\x03\x04" + b"\0" * MAX_BYTES)
    assert data is None and problems[0].expected == "a file of at most 20 MB"


def test_text_dates_and_times_are_accepted(book, plan):
    delegations, requests = book["Delegations"], book["Requests"]
    delegations.cell(2, column(delegations, "Arrive")).value = "22/04/2024 09:00"
    delegations.cell(2, column(delegations, "Depart")).value = "2024-04-26 9:00"
    delegations.cell(2, column(delegations, "Day start")).value = "8h30"
    requests.cell(2, column(requests, "Earliest")).value = "23/04/2024"
    found, messages = read(saved(book))
    assert messages == []
    assert (found.delegations[0].arrive, found.delegations[0].depart) == (
        datetime(2024, 4, 22, 9, 0),
        datetime(2024, 4, 26, 9, 0),
    )
    assert found.delegations[0].day.start == time(8, 30)
    assert found.requests[0].earliest == date(2024, 4, 23)


def test_a_date_cell_without_a_time_is_a_date(book):
    requests = book["Requests"]
    cell = requests.cell(2, column(requests, "Latest"))
    cell.value, cell.number_format = datetime(2024, 4, 24), "dd/mm/yyyy"
    found, messages = read(saved(book))
    assert messages == [] and found.requests[0].latest == date(2024, 4, 24)


def test_a_wrong_cell_is_told_by_sheet_row_and_column(book):
    delegations, requests = book["Delegations"], book["Requests"]
    delegations.cell(2, column(delegations, "Size")).value = "six"
    delegations.cell(2, column(delegations, "Arrive")).value = "32/04/2024 09:00"
    requests.cell(5, column(requests, "Minutes")).value = None
    _, messages = read(saved(book))
    assert messages == [
        'error: sheet "Delegations", row 2, column "Size": "six"; expected a whole number',
        'error: sheet "Delegations", row 2, column "Arrive": "32/04/2024 09:00"; '
        "expected a date and time like 2024-04-23T09:00",
        'error: sheet "Requests", row 5, column "Minutes": (missing); '
        "expected a value: every request needs a minutes",
    ]


def test_blank_rows_are_skipped_and_rows_keep_their_excel_number(book):
    hosts = book["Hosts"]
    hosts.insert_rows(3, amount=2)
    hosts.cell(5, column(hosts, "Size")).value = "many"
    _, problems, locate = workbook_to_data(saved(book))
    assert problems == []
    assert locate(("hosts", 1, "size")) == 'sheet "Hosts", row 5, column "Size"'
    assert locate(("hosts", 0)) == 'sheet "Hosts", row 2'


def test_locate_reaches_rooms_availability_and_settings(plan):
    _, _, locate = workbook_to_data(plan_to_workbook(plan))
    with_rooms = next(i for i, v in enumerate(plan.venues) if not isinstance(v.rooms, int))
    assert locate(("venues", with_rooms, "rooms", 1, "capacity")) == 'sheet "Rooms", row 3, column "Capacity"'
    assert locate(("slot_minutes",)) == 'sheet "Settings", row 4, column "Value"'
    assert locate(("lunch",)) == 'sheet "Settings", row 7, column "Value"'
    assert locate(("day",)) == 'sheet "Settings", row 5, column "Value"'
    host = next(i for i, h in enumerate(plan.hosts) if h.available)
    first = 2 + sum(len(h.available) + len(h.unavailable) for h in plan.hosts[:host])
    assert locate(("hosts", host, "available")) == f'sheet "Availability", row {first}'
    assert (
        locate(("hosts", host, "available", 0, "end")) == f'sheet "Availability", row {first}, column "End"'
    )
    assert locate(("nothing", 3)) is None


def test_no_lunch_and_the_default_lunch_both_survive(plan):
    for lunch in (None, plan.lunch):
        changed = dataclasses.replace(plan, lunch=lunch)
        assert read(plan_to_workbook(changed)) == (changed, [])


def test_includes_lunch_survives_the_workbook_and_reads_leniently(plan):
    working_lunch = dataclasses.replace(plan.requests[0], includes_lunch=True)
    conference = dataclasses.replace(plan.fixed[0], includes_lunch=True)
    changed = dataclasses.replace(
        plan, requests=(working_lunch, *plan.requests[1:]), fixed=(conference, *plan.fixed[1:])
    )
    content = plan_to_workbook(changed)
    assert read(content) == (changed, [])
    book = load_workbook(io.BytesIO(content))
    requests, fixed = book["Requests"], book["Fixed"]
    assert requests.cell(2, column(requests, "Includes lunch")).value == "yes"
    assert requests.cell(3, column(requests, "Includes lunch")).value in (None, "no")
    requests.cell(3, column(requests, "Includes lunch")).value = "TRUE"
    found, _ = read(saved(book))
    assert found is not None and found.requests[1].includes_lunch
    fixed.cell(2, column(fixed, "Includes lunch")).value = "maybe"
    _, messages = read(saved(book))
    assert messages == [
        'error: sheet "Fixed", row 2, column "Includes lunch": "maybe"; '
        "expected yes or no (also true/false, 1/0)"
    ]


def test_none_in_one_lunch_row_and_a_time_in_another_is_an_error(book):
    settings = book["Settings"]
    settings["B7"] = "none"
    _, messages = read(saved(book))
    assert messages == [
        'error: sheet "Settings", row 8, column "Value": 14:00:00; expected "none" in every lunch row '
        "(no lunch rule), or times in all of them",
        'error: sheet "Settings", row 9, column "Value": 60; expected "none" in every lunch row '
        "(no lunch rule), or times in all of them",
    ]


def test_a_room_count_and_named_rooms_together_are_an_error(book, plan):
    venues = book["Venues"]
    with_rooms = next(i for i, v in enumerate(plan.venues) if not isinstance(v.rooms, int))
    venues.cell(2 + with_rooms, column(venues, "Rooms")).value = 3
    book["Rooms"].append(["nowhere", "R-9"])
    _, problems, _ = workbook_to_data(saved(book))
    rows = len(book["Rooms"]["A"])
    assert [(p.where, p.value) for p in problems] == [
        (f'sheet "Venues", row {2 + with_rooms}, column "Rooms"', 3),
        (f'sheet "Rooms", row {rows}, column "Venue (id)"', "nowhere"),
    ]


def test_availability_rows_name_someone_with_a_known_kind(book, plan):
    availability = book["Availability"]
    start, end = datetime(2024, 4, 23, 12), datetime(2024, 4, 23, 14)
    availability.append([plan.hosts[1].id.lower() + "x", "unavailable", start, end])
    availability.append([plan.hosts[1].id, "busy", start, end])
    availability.append([plan.delegations[0].id, "Available", start, end])
    availability.append([plan.interpreters[0].id, "UNAVAILABLE", start, end])
    _, messages = read(saved(book))
    assert [m.split(";")[0] for m in messages] == [
        f'error: sheet "Availability", row {len(availability["A"]) - n}, column "{c}": "{v}"'
        for n, c, v in (
            (3, "Who (id)", plan.hosts[1].id.lower() + "x"),
            (2, "Kind", "busy"),
            (1, "Kind", "available"),
        )
    ]
    assert "did you mean" in messages[0]


def test_an_availability_row_becomes_a_window_of_the_one_it_names(book, plan):
    window = Window(datetime(2024, 4, 23, 12), datetime(2024, 4, 23, 14))
    book["Availability"].append([plan.interpreters[0].id, "UNAVAILABLE", "23/04/2024 12:00", window.end])
    found, messages = read(saved(book))
    assert messages == []
    assert found.interpreters[0].unavailable[-1] == window


def test_text_a_workbook_cannot_hold_is_a_clear_error(plan):
    host = dataclasses.replace(plan.hosts[0], name="bell\x07")
    with pytest.raises(ValueError, match=r'sheet "Hosts", row 2, column "Name": .*U\+0007'):
        plan_to_workbook(dataclasses.replace(plan, hosts=(host,)))


def test_text_longer_than_a_cell_holds_is_a_clear_error(plan):
    request = dataclasses.replace(plan.requests[0], notes="n" * 40_000)
    with pytest.raises(ValueError, match=r'sheet "Requests", row 2, column "Notes": .*40000 characters'):
        plan_to_workbook(dataclasses.replace(plan, requests=(request,)))


def test_the_template_has_every_sheet_help_and_drop_downs():
    book = load_workbook(io.BytesIO(template_workbook()))
    assert book.sheetnames == list(layout.SHEET_TITLES)
    for sheet in layout.LISTS:
        assert [c.value for c in book[sheet.title][1]] == [c.label for c in sheet.columns]
        assert book[sheet.title].max_row == 1
    helped = {(row[0].value, row[1].value) for row in book["Help"].iter_rows(min_row=2)}
    assert all((s.title, c.label) in helped for s in layout.SHEETS for c in s.columns)
    choices = {v.formula1 for v in book["Requests"].data_validations.dataValidation}
    assert choices == {'"must,high,normal,low"', '"auto,none"', '"first,last"'}
    kinds = book["Availability"].data_validations.dataValidation
    assert [v.formula1 for v in kinds] == ['"available,unavailable"']
    data, problems, _ = workbook_to_data(template_workbook())
    assert problems == [] and "name" not in data


def test_the_template_filled_in_by_hand_is_a_plan():
    book = load_workbook(io.BytesIO(template_workbook()))
    book["Settings"]["B2"] = "Dutch exchange"
    book["Venues"].append(["FPS", "FPS Home Affairs"])
    book["Hosts"].append(["DGSP", "Security and Prevention", None, "FPS", None, "nl; fr"])
    book["Requests"].append(["R1", None, None, "DGSP", None, 60, "high"])
    found, messages = read(saved(book))
    assert messages == []
    assert found.hosts[0].languages == ("nl", "fr")
    assert (found.requests[0].priority, found.requests[0].interpreter) == ("high", "auto")


def test_a_repeated_column_and_a_value_without_header_are_errors(book):
    hosts = book["Hosts"]
    hosts.cell(1, 10, "NAME")
    hosts.cell(3, 11, "stray")
    _, problems, _ = workbook_to_data(saved(book))
    assert [(p.where, p.value) for p in problems] == [
        ('sheet "Hosts", column J', "NAME"),
        ('sheet "Hosts", row 3, column K', "stray"),
    ]
    assert problems[0].expected == 'each column once; "Name" is the same column'


def test_an_unknown_setting_is_named_with_the_closest_known_one(book):
    book["Settings"].append(["Slot minute", 30])
    _, problems, _ = workbook_to_data(saved(book))
    assert [p.where for p in problems] == [f'sheet "Settings", row {book["Settings"].max_row}, column A']
    assert problems[0].expected.endswith('(did you mean "Slot minutes"?)')


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_workbook_saved_again_by_libreoffice_reads_the_same(plan, tmp_path):
    source = tmp_path / "plan.xlsx"
    source.write_bytes(plan_to_workbook(plan))
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    command = [
        "soffice",
        profile,
        "--headless",
        "--convert-to",
        "xlsx",
        "--outdir",
        str(tmp_path / "out"),
        str(source),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    resaved = (tmp_path / "out" / "plan.xlsx").read_bytes()
    assert read(resaved) == (plan, [])
    name = load_workbook(io.BytesIO(resaved))["Hosts"]["B2"]
    assert (name.value, name.data_type) == (HYPERLINK, "s")


def test_a_list_item_holding_a_comma_or_a_quote_survives(plan):
    topics = ("youth, crime", 'the "BIN" network', "fugitives")
    host = dataclasses.replace(plan.hosts[0], topics=topics)
    changed = dataclasses.replace(plan, hosts=(host, *plan.hosts[1:]))
    book = load_workbook(io.BytesIO(plan_to_workbook(changed)))
    assert book["Hosts"].cell(2, column(book["Hosts"], "Topics")).value == (
        '"youth, crime", the "BIN" network, fugitives'
    )
    assert read(saved(book)) == (changed, [])


CELL_VALUES = st.one_of(
    st.none(),
    st.text(max_size=12).map(lambda s: UNWRITABLE.sub("", s)),
    st.sampled_from(["none", "available", "auto", "must", "12:00", "23/04/2024 09:00", "FAST, BIN", "=1+1"]),
    st.integers(-5, 100_000),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(datetime(1900, 3, 1), datetime(2100, 1, 1)),
    st.times(),
)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(layout.SHEET_TITLES), st.integers(1, 6), st.integers(1, 14), CELL_VALUES),
        max_size=25,
    )
)
def test_any_cells_give_located_problems_never_an_exception(cells):
    book = load_workbook(io.BytesIO(template_workbook()))
    for title, row, number, value in cells:
        book[title].cell(row, number).value = value
    data, problems, locate = workbook_to_data(saved(book))
    if data is not None:
        _, decoded = plan_from_data(data, lenient=True)
        problems = problems + decoded
    assert all(p.where or locate(p.path) for p in problems)


def test_languages_may_be_written_as_names_in_a_workbook():
    from scheduler.io.load import load_plan, load_plan_file

    plan, _ = load_plan_file(
        Path(__file__).resolve().parent.parent / "data" / "netherlands-exchange-2024.json"
    )
    book = load_workbook(io.BytesIO(plan_to_workbook(plan)))
    sheet = book["Delegations"]
    column = [cell.value for cell in sheet[1]].index("Languages") + 1
    sheet.cell(2, column).value = "Dutch, EN"
    content = io.BytesIO()
    book.save(content)
    again, problems = load_plan("plan.xlsx", content.getvalue())
    assert problems == []
    assert again.delegations[0].languages == ("nl", "en")


# --- hostile workbooks: refused before openpyxl reads them (tests/workbook_bombs.py builds them) ---


@pytest.fixture(scope="module")
def base(plan) -> bytes:
    return plan_to_workbook(plan)


def refusal(content: bytes) -> str:
    data, problems, _ = workbook_to_data(content)
    assert data is None and len(problems) == 1
    return str(problems[0])


def test_too_many_shared_strings_are_refused(base):
    message = refusal(workbook_bombs.shared_strings(base, count=300_000))
    assert message.startswith('error: part "xl/sharedStrings.xml": "more than 200,000 different texts"')


def test_too_many_rows_are_refused_naming_the_sheet(base):
    message = refusal(workbook_bombs.many_rows(base, count=30_000))
    assert message.startswith(
        'error: sheet "Requests": "a row numbered 20,001"; expected a sheet of at most 20,000 rows'
    )


def test_a_million_rows_are_refused_by_the_size_of_their_sheet(base):
    assert 'sheet "Requests": "68 MB when unpacked"' in refusal(workbook_bombs.many_rows(base))


def test_a_single_row_numbered_a_million_is_refused(base):
    assert 'sheet "Requests": "a row numbered 1,048,576"' in refusal(workbook_bombs.last_row_only(base))


def test_a_cell_in_column_xfd_is_refused(base):
    assert 'sheet "Requests": "a cell in column XFD"' in refusal(workbook_bombs.far_right(base))


def test_too_many_cell_formats_are_refused(base):
    message = refusal(workbook_bombs.many_styles(base))
    assert message.startswith(
        'error: part "xl/styles.xml": "more than 20,000 cell formats, fonts, fills and borders"'
    )


def test_a_sheet_of_blanks_is_refused_by_its_unpacked_size(base):
    message = refusal(workbook_bombs.blanks(base, megabytes=30))
    assert message.startswith('error: sheet "Requests": "30 MB when unpacked"; expected a sheet or part')


def test_a_workbook_that_unpacks_to_too_much_in_all_is_refused(base):
    parts = {f"xl/media/blank{k}.bin": (lambda: iter([b" " * 15 * 1024 * 1024])) for k in range(8)}
    assert "a workbook that unpacks to 120 MB" in refusal(workbook_bombs.rebuilt(base, parts))


def test_the_generated_xl_plan_workbook_is_within_every_limit():
    plan = generate_plan(seed=1, delegations=50, requests=1000, days=10)
    read_back, problems = read(plan_to_workbook(plan))
    assert [p for p in problems if p.startswith("error")] == [] and read_back == plan


def test_a_number_of_5001_digits_in_a_cell_is_located(base):
    _, problems = read(workbook_bombs.long_number(base))
    assert problems and problems[0].startswith('error: sheet "Requests", row 2')
