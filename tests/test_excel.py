"""The printable programme workbook, read back by openpyxl, pandas and LibreOffice (via PDF)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter

from scheduler.export.excel import programme_workbook, sheet_names
from scheduler.export.excel_style import clean_text, sheet_name
from scheduler.model import (
    Delegation,
    Fixed,
    Host,
    Interpreter,
    LunchBlock,
    Meeting,
    Objective,
    Plan,
    Request,
    Room,
    Schedule,
    Travel,
    Unscheduled,
    Venue,
)

BRUSSELS = ZoneInfo("Europe/Brussels")
EVIL = ['=HYPERLINK("http://example.com","click")', "+32 2 123 45 67", "-5", "@SUM(A1)", "#N/A", "=1+1"]
HEADER = 2  # pandas: the column headers are on the third row
LONG_NAME = "Police/Justice: [Netherlands] *delegation*? for the exchange"


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    """An aware Brussels instant in 2024 (summer time starts on 31 March)."""
    return datetime(2024, month, day, hour, minute, tzinfo=BRUSSELS)


def wall(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2024, month, day, hour, minute)


def sample_plan() -> Plan:
    venues = (
        Venue("hq", "Federal police HQ", "Rue Royale 202, 1000 Brussels", 50.8530, 4.3650, rooms=2),
        Venue("ant", "Antwerp prosecutor", "Bolivarplaats 20, 2000 Antwerpen", 51.2050, 4.3900),
        Venue("town", "Town hall", EVIL[1], rooms=(Room("council", "Council room", 30), Room("small"))),
    )
    hosts = (
        Host("fast", "Fugitive search team", "hq", organisation="Federal police", languages=("en",)),
        Host("evil", EVIL[0], "hq", organisation=EVIL[1], email="@SUM(A1)"),
        Host("minus", EVIL[2], "ant", organisation="Prosecutor's office"),
        Host("mayor", "Mayor", "town", organisation="Municipality"),
        Host("ov", "Overview", "town", organisation="Municipality"),
    )
    stay = dict(arrive=wall(28, 9), depart=wall(2, 18, month=4), languages=("uk",))
    delegations = (
        Delegation("ua1", "Ukrainian prosecutors", 6, hotel="hq", contact=EVIL[3], **stay),
        Delegation("ua2", "Ukrainian prosecutors", 4, **stay),
        Delegation("nl", LONG_NAME, 3, country="Netherlands", **stay),
    )
    requests = (
        Request("r1", 60, "Fugitive search", ("ua1",), ("fast",), notes=EVIL[5]),
        Request("r2", 90, EVIL[3], ("ua1", "ua2"), ("evil", "minus"), optional_hosts=("mayor",)),
        Request("r3", 60, "Local police", ("ua1",), ("mayor",), notes=EVIL[4]),
        Request("r4", 60, "Integral security", ("nl",), ("fast", "mayor")),
        Request("r5", 45, "Briefing", (), ("fast", "evil")),
        Request("r6", 60, "Cannot fit", ("ua2",), ("minus",), priority="must"),
    )
    fixed = (
        Fixed("dinner", "Official dinner", wall(2, 19, month=4), wall(2, 21, month=4), "town", ("ua1",)),
    )
    return Plan(
        name="Visit & exchange <2024>",
        venues=venues,
        travel=(Travel("hq", "town", 25),),
        hosts=hosts,
        delegations=delegations,
        interpreters=(Interpreter("int", "Olena (interpreter)", ("uk", "en")),),
        requests=requests,
        fixed=fixed,
    )


def sample_schedule() -> Schedule:
    meetings = (
        Meeting("r1", at(29, 9), at(29, 10), "hq", interpreter="int"),
        Meeting("r2", at(29, 11), at(29, 12, 30), "hq", interpreter="int", optional_hosts=("mayor",)),
        Meeting("r3", at(2, 15, month=4), at(2, 16, month=4), "town", room="council"),
        Meeting("r4", at(2, 9, month=4), at(2, 10, month=4), "hq"),
        Meeting("r5", at(2, 11, month=4), at(2, 11, 45, month=4), "hq"),
    )
    lunches = (
        LunchBlock("ua1", at(29, 12, 30), at(29, 13, 30)),
        LunchBlock("ua1", at(2, 12, month=4), at(2, 13, month=4)),
    )
    unscheduled = (Unscheduled("r6", ("host is away all week", "=cmd|' /C calc'!A0")),)
    objective = Objective({"must": 0, "normal": 5}, {"must": 1, "normal": 5})
    return Schedule("Visit", "feasible", 1.0, objective, meetings, lunches, unscheduled)


@pytest.fixture(scope="module")
def workbook_bytes() -> bytes:
    """In English on request: the delegations' sheets would be in Ukrainian and Dutch (test_print.py)."""
    return programme_workbook(sample_plan(), sample_schedule(), english=True)


@pytest.fixture(scope="module")
def book(workbook_bytes):
    return openpyxl.load_workbook(io.BytesIO(workbook_bytes))


def participants(plan: Plan, meeting: Meeting) -> list[str]:
    request = plan.request(meeting.request)
    return [*request.delegations, *request.hosts, *meeting.optional_hosts]


def local(moment: datetime) -> datetime:
    return moment.astimezone(BRUSSELS).replace(tzinfo=None)


def assert_each_meeting_once_per_participant(plan: Plan, schedule: Schedule, book) -> None:
    names = sheet_names(plan)
    for meeting in schedule.meetings:
        title = plan.request(meeting.request).title or meeting.request
        for participant in participants(plan, meeting):
            rows = [
                r for r in book[names[participant]].iter_rows(min_row=4, values_only=True) if r[3] == title
            ]
            assert len(rows) == 1, (participant, title)
            day, start, end = rows[0][:3]
            assert isinstance(day, datetime) and day.date() == local(meeting.start).date()
            assert (start, end) == (local(meeting.start).time(), local(meeting.end).time())


def test_every_meeting_once_on_each_participants_sheet_with_date_and_times_as_values(book):
    assert_each_meeting_once_per_participant(sample_plan(), sample_schedule(), book)


@pytest.fixture(scope="module")
def solved_sample():
    """The bundled Ukrainian sample, solved, and its programme workbook read back."""
    from scheduler.io.plan_json import read_plan_json
    from scheduler.solver import SolveOptions, solve

    sample = Path(__file__).resolve().parent.parent / "data" / "ukraine-prosecutors-2024.json"
    plan, problems = read_plan_json(sample.read_bytes())
    assert problems == []
    schedule = solve(plan, SolveOptions(time_limit=10, workers=2, seed=1))
    return plan, schedule, openpyxl.load_workbook(io.BytesIO(programme_workbook(plan, schedule)))


def test_a_solved_sample_plan_makes_a_complete_programme(solved_sample):
    plan, schedule, book = solved_sample
    assert schedule.meetings
    assert_each_meeting_once_per_participant(plan, schedule, book)
    assert len(book.sheetnames) == 3 + len(plan.delegations) + len(plan.hosts)


def test_pandas_reads_each_participants_meetings_once(workbook_bytes):
    plan, schedule = sample_plan(), sample_schedule()
    names = sheet_names(plan)
    sheets = pd.read_excel(io.BytesIO(workbook_bytes), sheet_name=None, header=HEADER)
    for participant in [*plan.delegations, *plan.hosts]:
        frame = sheets[names[participant.id]]
        expected = sorted(
            (plan.request(m.request).title, local(m.start))
            for m in schedule.meetings
            if participant.id in participants(plan, m)
        )
        meetings = frame[frame["Meeting"].isin({plan.request(m.request).title for m in schedule.meetings})]
        found = sorted(
            (row.Meeting, datetime.combine(row.Date.date(), row.Start)) for row in meetings.itertuples()
        )
        assert found == expected, participant.id


def test_times_are_local_wall_times_on_both_sides_of_the_clock_change(book):
    """29 March is winter time (+01:00), 2 April summer time (+02:00): both read 09:00 on the sheet."""
    sheet = book[sheet_names(sample_plan())["fast"]]
    rows = {r[3]: r for r in sheet.iter_rows(min_row=4, values_only=True)}
    assert rows["Fugitive search"][:2] == (datetime(2024, 3, 29), time(9, 0))
    assert rows["Integral security"][:2] == (datetime(2024, 4, 2), time(9, 0))
    assert sheet["B4"].number_format == "hh:mm" and sheet["A4"].is_date


def test_lunch_fixed_event_travel_and_interpreter_on_the_delegation_sheet(book):
    sheet = book[sheet_names(sample_plan())["ua1"]]
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True)]
    titles = [r[3] for r in rows]
    assert titles == [
        "Fugitive search",
        EVIL[3],
        "Lunch break",
        "Lunch break",
        "Local police",
        "Official dinner",
    ]
    by_title = {r[3]: r for r in rows}
    assert by_title["Fugitive search"][7] == 0  # next meeting in the same building
    assert by_title["Local police"][7] == 0  # the dinner is in the same town hall
    assert by_title["Fugitive search"][8] == "Olena (interpreter)"
    assert by_title["Local police"][6] == f"Town hall, Council room\n{EVIL[1]}"
    assert by_title["Fugitive search"][6] == "Federal police HQ\nRue Royale 202, 1000 Brussels"
    assert "Mayor (Municipality, optional)" in by_title[EVIL[3]][4]
    assert by_title[EVIL[3]][5] == "Ukrainian prosecutors"  # the other delegation, ua2
    assert by_title["Fugitive search"][5] is None
    assert by_title["Official dinner"][1] == time(19, 0)


def test_travel_from_the_table_and_from_coordinates():
    plan = sample_plan()
    r7 = Request("r7", 30, "Antwerp visit", ("nl",), ("minus",))
    plan = Plan(**{**plan.__dict__, "requests": (*plan.requests, r7)})
    schedule = sample_schedule()
    extra = (Meeting("r7", at(2, 14, month=4), at(2, 14, 30, month=4), "ant"),)
    schedule = Schedule(**{**schedule.__dict__, "meetings": schedule.meetings + extra})
    sheet = openpyxl.load_workbook(io.BytesIO(programme_workbook(plan, schedule)))[sheet_names(plan)["nl"]]
    rows = {r[3]: r for r in sheet.iter_rows(min_row=4, values_only=True)}
    # Brussels to Antwerp: about 39 km straight, x 1.3 at 40 km/h = 76 minutes, rounded up to 80
    assert rows["Integral security"][7] == 80
    assert rows["Antwerp visit"][7] is None


def all_text_cells(book):
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    yield cell


def test_formula_looking_text_stays_text(workbook_bytes, book):
    cells = {cell.value: cell for cell in all_text_cells(book)}
    for text in [*EVIL, "=cmd|' /C calc'!A0"]:
        found = [cell for value, cell in cells.items() if text in value]
        assert found, text
        assert all(cell.data_type == "s" for cell in found), text
    assert cells[EVIL[1]].quotePrefix and cells[EVIL[3]].quotePrefix
    with zipfile.ZipFile(io.BytesIO(workbook_bytes)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        assert len(sheets) == len(book.worksheets)
        for name in sheets:
            xml = archive.read(name).decode()
            assert not re.search(r"<f[ >]", xml), name
            assert 't="e"' not in xml and 't="str"' not in xml, name


def test_control_characters_in_user_text_do_not_break_the_workbook():
    plan = sample_plan()
    hosts = (Host("bell", "Bell\x07 and tab\x0b", "hq"), *plan.hosts)
    plan = Plan(**{**plan.__dict__, "hosts": hosts})
    book = openpyxl.load_workbook(io.BytesIO(programme_workbook(plan, sample_schedule())))
    assert book[sheet_names(plan)["bell"]]["A1"].value == "Programme of Bell  and tab "


def test_sheet_names_are_safe_and_unique(book):
    names = sheet_names(sample_plan())
    assert book.sheetnames[0] == "Overview" and book.sheetnames[-2:] == ["Unscheduled", "Venues"]
    assert names["ua1"] == "Ukrainian prosecutors"
    assert names["ua2"] == "Ukrainian prosecutors (ua2)"
    assert names["ov"] == "Overview (ov)"
    assert names["nl"] == "Police-Justice Netherlands dele"
    assert len(set(n.casefold() for n in book.sheetnames)) == len(book.sheetnames) == 3 + 3 + 5
    for title in book.sheetnames:
        assert len(title) <= 31 and not re.search(r"[\[\]:*?/\\]", title) and title.strip("'") == title


@pytest.mark.parametrize(
    ("wanted", "taken", "expected"),
    [
        ("'quoted'", set(), "quoted"),
        ("a/b\\c [d]: e*? ", set(), "a-b-c d e"),
        ("", set(), "Sheet"),
        ("history", set(), "history (h1)"),
        ("Mayor", {"mayor"}, "Mayor (h1)"),
        ("Mayor", {"mayor", "mayor (h1)"}, "Mayor (2)"),
        ("x" * 40, {"x" * 31}, "x" * 26 + " (h1)"),
        ("a" * 30 + "'b", set(), "a" * 30),
    ],
)
def test_sheet_name_rules(wanted, taken, expected):
    assert sheet_name(wanted, set(taken), "h1") == expected


def test_a_programme_sheet_names_its_person_in_full_in_header_and_footer(solved_sample):
    plan, _, book = solved_sample
    names = sheet_names(plan)
    for person in (*plan.delegations, *plan.hosts):
        sheet = book[names[person.id]]
        assert sheet.oddHeader.right.text == sheet.oddFooter.left.text == person.name.replace("&", "&&")
    delegation = plan.delegations[0]
    assert len(delegation.name) > 31 and names[delegation.id] != delegation.name  # the sheet name is cut
    assert book["Overview"].oddHeader.right.text == "&A"


def test_sheets_are_ready_to_print_and_headers_frozen(book):
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        # the Overview's blocks each have their own row of dates: only title and subtitle repeat
        assert sheet.print_title_rows == ("$1:$2" if sheet.title == "Overview" else "$1:$3")
        assert sheet.freeze_panes == "A4"
        assert sheet.oddHeader.left.text == "Visit && exchange <2024>"
        assert sheet.oddFooter.right.text == "Page &P of &N"
        assert sheet.oddHeader.right.text == sheet.oddFooter.left.text
        widths = [sheet.column_dimensions[letter].width for letter in "ABC"]
        assert all(6 <= width <= 50 for width in widths)


def test_overview_colours_meetings_by_host_organisation_with_a_legend(book):
    sheet = book["Overview"]
    heads = [[c.value for c in row][1:] for row in sheet.iter_rows() if row[0].value == "Delegation"]
    assert heads == [  # six days of a visit print as two blocks of three (tests/test_print.py)
        [datetime(2024, 3, d) for d in (28, 29, 30)],
        [datetime(2024, 3, 31), datetime(2024, 4, 1), datetime(2024, 4, 2)],
    ]
    fills = {}
    for row in sheet.iter_rows(min_row=4):
        for cell in row[1:]:
            if isinstance(cell.value, str):
                fills[cell.value.split("\n")[0]] = cell.fill.fgColor.rgb
    assert fills["09:00–10:00 Fugitive search"] == fills["09:00–10:00 Integral security"]  # both police
    assert fills["11:00–12:30 @SUM(A1)"] != fills["09:00–10:00 Fugitive search"]
    cells = [c.value for r in sheet.iter_rows(min_row=4) for c in r[1:] if isinstance(c.value, str)]
    texts = {text.split("\n")[0]: text.split("\n")[1:] for text in cells}
    assert texts["09:00–10:00 Integral security"] == ["Fugitive search team, Mayor", "Federal police HQ"]
    assert texts["19:00–21:00 Official dinner"] == ["Town hall"]
    assert texts["11:00–12:30 @SUM(A1)"] == [f"{EVIL[0]}, -5, Mayor", "Federal police HQ"]
    legend = {c.value: c.fill.fgColor.rgb for c in sheet["A"] if c.fill.fill_type == "solid"}
    assert legend["Federal police"] == fills["09:00–10:00 Fugitive search"]
    assert legend[EVIL[1]] == fills["11:00–12:30 @SUM(A1)"]
    assert "Fixed event" in legend


def test_the_legend_colour_runs_under_each_whole_organisation_name(solved_sample):
    """The sample's organisation names are longer than the first column: each line is merged across
    as many columns as the longest name needs."""
    sheet = solved_sample[2]["Overview"]
    [title] = [c for c in sheet["A"] if c.value == "Host organisation"]
    names = [c for c in sheet["A"][title.row :] if c.value]
    assert len(names) > 5
    longest = max(len(c.value) for c in names)
    assert longest > sheet.column_dimensions["A"].width
    for cell in names:
        [merged] = [r for r in sheet.merged_cells.ranges if cell.coordinate in r]
        assert merged.min_row == merged.max_row == cell.row and merged.min_col == 1
        widths = [sheet.column_dimensions[get_column_letter(c)].width for c in range(1, merged.max_col + 1)]
        assert sum(widths) >= longest


def test_unscheduled_and_venues_sheets(workbook_bytes):
    # pandas would turn the text "-5" into a number unless told the column holds text
    unscheduled = pd.read_excel(
        io.BytesIO(workbook_bytes), sheet_name="Unscheduled", header=HEADER, dtype={"Hosts": str}
    )
    assert unscheduled["Request"].tolist() == ["r6"]
    assert "host is away all week" in unscheduled["Reasons"][0]
    assert unscheduled["Priority"][0] == "must"
    assert (unscheduled["Delegations"][0], unscheduled["Hosts"][0]) == ("Ukrainian prosecutors", "-5")
    venues = pd.read_excel(io.BytesIO(workbook_bytes), sheet_name="Venues", header=HEADER)
    assert venues["Id"].tolist() == ["hq", "ant", "town"]
    assert venues["Latitude"][0] == pytest.approx(50.853)
    assert venues["Rooms"].tolist()[0] == 2 and "Council room (30 persons)" in venues["Rooms"][2]
    assert venues["Address"][2] == EVIL[1]
    assert venues["Meetings"].tolist() == [4, 0, 1]


def test_an_overview_cell_names_at_most_three_hosts():
    plan = sample_plan()
    crowd = Request("crowd", 60, "Round table", ("nl",), ("fast", "evil", "minus", "mayor", "ov"))
    plan = Plan(**{**plan.__dict__, "requests": (*plan.requests, crowd)})
    schedule = sample_schedule()
    extra = (Meeting("crowd", at(29, 14), at(29, 15), "hq"),)
    schedule = Schedule(**{**schedule.__dict__, "meetings": schedule.meetings + extra})
    sheet = openpyxl.load_workbook(io.BytesIO(programme_workbook(plan, schedule)))["Overview"]
    cell = next(c.value for r in sheet for c in r if c.value and str(c.value).startswith("14:00–15:00"))
    assert cell.split("\n")[1] == f"Fugitive search team, {EVIL[0]}, -5 and 2 more"


def test_an_unscheduled_request_missing_from_the_plan_is_still_listed():
    schedule = sample_schedule()
    schedule = Schedule(**{**schedule.__dict__, "unscheduled": (Unscheduled("gone", ("removed",)),)})
    book = openpyxl.load_workbook(io.BytesIO(programme_workbook(sample_plan(), schedule)))
    assert [c.value for c in book["Unscheduled"][4]] == ["gone", None, None, None, None, "• removed"]


def test_an_empty_schedule_still_makes_a_workbook():
    plan = Plan(name="Empty")
    schedule = Schedule("Empty", "optimal", 0.0, Objective({}, {}))
    book = openpyxl.load_workbook(io.BytesIO(programme_workbook(plan, schedule)))
    assert book.sheetnames == ["Overview", "Unscheduled", "Venues"]
    assert book["Unscheduled"]["A2"].value == "Every requested meeting is in the programme"


def to_pdf(xlsx: bytes, folder) -> tuple[int, list[str]]:
    """Print the workbook with LibreOffice; the page count and each page's text."""
    source = folder / "programme.xlsx"
    source.write_bytes(xlsx)
    profile = f"-env:UserInstallation=file://{folder}/profile"
    command = ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    pdf = folder / "programme.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True)
    return pages, text.stdout.split("\f")[:pages]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_the_programme_prints_with_header_footer_and_each_delegations_meetings(tmp_path, workbook_bytes):
    plan = sample_plan()
    pages, texts = to_pdf(workbook_bytes, tmp_path)
    # every sheet prints on one page here (one page wide and short), the Overview on one per block
    assert pages == len(sheet_names(plan)) + 1
    for text in texts:
        assert "Visit & exchange <2024>" in text
        assert re.search(r"Page \d+ of \d+", text)
    ua1 = next(t for t in texts if "Programme of Ukrainian prosecutors" in t and "Fugitive search" in t)
    for words in (
        "Fugitive search",
        "@SUM(A1)",
        "Lunch break",
        "Local police",
        "Official dinner",
        "Council room",
    ):
        assert words in ua1
    assert "Ukrainian prosecutors (ua2)" in texts[3]  # in the header: the name, and the id of a namesake
    assert "09:00" in ua1 and "Fri 29 Mar 2024" in ua1
    assert "Integral security" in next(t for t in texts if LONG_NAME in t)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_long_programme_repeats_its_title_rows_on_every_page(tmp_path):
    plan = sample_plan()
    days = [date(2024, 3, 28) + timedelta(days=k) for k in range(5)]
    many = tuple(Request(f"m{k}", 30, f"Meeting number {k}", ("ua2",), ("minus",)) for k in range(60))
    meetings = tuple(
        Meeting(
            f"m{k}",
            datetime.combine(days[k % 5], time(8 + k // 5)).replace(tzinfo=BRUSSELS),
            datetime.combine(days[k % 5], time(8 + k // 5, 30)).replace(tzinfo=BRUSSELS),
            "ant",
        )
        for k in range(60)
    )
    plan = Plan(**{**plan.__dict__, "requests": plan.requests + many})
    schedule = Schedule("Visit", "feasible", 1.0, Objective({}, {}), meetings)
    _, texts = to_pdf(programme_workbook(plan, schedule, english=True), tmp_path)
    ua2_pages = [t for t in texts if "Programme of Ukrainian prosecutors" in t and "Meeting number" in t]
    assert len(ua2_pages) >= 2
    for text in ua2_pages:
        assert "Interpreter" in text and "Ukrainian prosecutors (ua2)" in text
    numbers = {int(n) for text in ua2_pages for n in re.findall(r"Meeting number (\d+)", text)}
    assert numbers == set(range(60))


def test_a_long_id_is_not_squeezed_into_a_sheet_name():
    taken = {"mayor"}
    assert sheet_name("Mayor", taken, "a-very-long-identifier-of-a-host") == "Mayor (2)"
    assert len(sheet_name("x" * 40, taken, "y" * 20)) == 31


def test_a_heavier_rule_opens_each_new_day(book):
    sheet = book[sheet_names(sample_plan())["ua1"]]
    tops = [
        (row[0].value.date(), getattr(row[0].border.top, "style", None)) for row in sheet.iter_rows(min_row=4)
    ]
    assert tops == [
        (date(2024, 3, 29), None),
        (date(2024, 3, 29), None),
        (date(2024, 3, 29), None),
        (date(2024, 4, 2), "medium"),
        (date(2024, 4, 2), None),
        (date(2024, 4, 2), None),
    ]


def test_an_event_for_every_delegation_says_so_instead_of_listing_them():
    plan = sample_plan()
    extra = tuple(
        Delegation(f"x{k}", f"Extra {k}", 2, ("en",), wall(28, 9), wall(2, 18, month=4)) for k in range(3)
    )
    everyone = (*plan.delegations, *extra)
    reception = Fixed("rec", "Reception", wall(29, 18), wall(29, 20), "town", tuple(d.id for d in everyone))
    plan = Plan(**{**plan.__dict__, "delegations": everyone, "fixed": (*plan.fixed, reception)})
    book = openpyxl.load_workbook(io.BytesIO(programme_workbook(plan, sample_schedule())))
    rows = {r[3]: r for r in book[sheet_names(plan)["x1"]].iter_rows(min_row=4, values_only=True)}
    assert rows["Reception"][5] == "All 6 delegations"
    rows = {r[3]: r for r in book[sheet_names(plan)["ua1"]].iter_rows(min_row=4, values_only=True)}
    assert rows["Official dinner"][5] is None  # nobody else
    rows = {r[3]: r for r in book[sheet_names(plan)["mayor"]].iter_rows(min_row=4, values_only=True)}
    assert rows[EVIL[3]][4:6] == (
        "Ukrainian prosecutors\nUkrainian prosecutors",
        f"{EVIL[0]} ({EVIL[1]})\n-5 (Prosecutor's office)",
    )


names = st.text(min_size=0, max_size=40) | st.sampled_from([*EVIL, "History", "'", "[]:*?/\\", "😀" * 20])


@settings(max_examples=25, deadline=None)
@given(st.lists(names, min_size=1, max_size=4))
def test_any_names_give_safe_unique_sheets_and_stay_text(wanted):
    plan = sample_plan()
    hosts = tuple(
        Host(f"x{k}", name or "-", "hq", organisation=name or None) for k, name in enumerate(wanted)
    )
    requests = tuple(
        Request(f"q{k}", 30, name, ("ua2",), (f"x{k}",), notes=name) for k, name in enumerate(wanted)
    )
    plan = Plan(**{**plan.__dict__, "hosts": plan.hosts + hosts, "requests": plan.requests + requests})
    meetings = tuple(Meeting(f"q{k}", at(28, 9 + k), at(28, 9 + k, 30), "hq") for k in range(len(wanted)))
    schedule = Schedule("Visit", "feasible", 1.0, Objective({}, {}), meetings)
    content = programme_workbook(plan, schedule)
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert len({n.casefold() for n in book.sheetnames}) == len(book.sheetnames)
    for title in book.sheetnames:
        assert 0 < len(title.encode("utf-16-le")) // 2 <= 31 and not re.search(r"[\[\]:*?/\\]", title)
        assert title[0] != "'" and title[-1] != "'"
    names_of = sheet_names(plan)
    for k, name in enumerate(wanted):
        sheet = book[names_of[f"x{k}"]]
        assert sheet["A1"].value == "Programme of " + clean_text(name or "-")
        meeting = sheet.cell(row=4, column=4)
        assert meeting.data_type == "s" and meeting.value == (clean_text(name) if name else f"q{k}")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for part in archive.namelist():
            if part.startswith("xl/worksheets/sheet"):
                assert not re.search(r"<f[ >]", archive.read(part).decode())


def test_times_given_in_utc_are_written_as_the_plans_wall_time():
    schedule = sample_schedule()
    in_utc = tuple(
        Meeting(m.request, m.start.astimezone(UTC), m.end.astimezone(UTC), m.venue, m.room, m.interpreter)
        for m in schedule.meetings
    )
    schedule = Schedule(**{**schedule.__dict__, "meetings": in_utc})
    sheet = openpyxl.load_workbook(io.BytesIO(programme_workbook(sample_plan(), schedule)))[
        "Fugitive search team"
    ]
    rows = {r[3]: r[:3] for r in sheet.iter_rows(min_row=4, values_only=True)}
    assert rows["Fugitive search"] == (datetime(2024, 3, 29), time(9, 0), time(10, 0))
    assert rows["Integral security"] == (datetime(2024, 4, 2), time(9, 0), time(10, 0))
