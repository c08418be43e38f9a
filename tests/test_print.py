"""The printed Overview, read back from LibreOffice's PDF: one block per visit (only days with a visit),
readable on A4, no blank page, and a 500-character name wrapped rather than shrinking the page.

Regression: the three 2024 visits (April, May, June) printed as 52 day columns, 43 of them empty,
squeezed onto one landscape page in 1-2 pt text."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from scheduler.export.excel import programme_workbook
from scheduler.io.load import load_plan_file
from scheduler.model import Plan
from scheduler.solver import greedy

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ("ukraine-prosecutors-2024", "conference-2024", "netherlands-exchange-2024")
VISIT_DAYS = [
    [date(2024, 4, d) for d in range(22, 27)],
    [date(2024, 5, d) for d in range(29, 32)],
    [date(2024, 6, 12)],
]
ELEVEN_POINT_WORD = 14.3  # the height pdftotext gives a word of 11 pt text printed at full size
RLO, PDF = "\u202e", "\u202c"


def the_2024_visits() -> Plan:
    """The three sample plans as one: three separate visits, sharing some venues and hosts."""
    plans = [load_plan_file(ROOT / "data" / f"{name}.json")[0] for name in SAMPLES]
    assert all(plans)

    def once(items):
        return tuple({item.id: item for item in reversed(list(items))}.values())[::-1]

    parts = ("delegations", "interpreters", "requests", "fixed", "travel")
    joined = {part: tuple(x for p in plans for x in getattr(p, part)) for part in parts}
    venues = once(v for p in plans for v in p.venues)
    hosts = once(h for p in plans for h in p.hosts)
    return replace(plans[0], name="The 2024 visits", venues=venues, hosts=hosts, **joined)


def overview_only(plan: Plan) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(programme_workbook(plan, greedy(plan))))
    for name in book.sheetnames[1:]:
        del book[name]
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def printed(xlsx: bytes, folder: Path) -> list[list[tuple[float, str]]]:
    """Each printed page's words with their heights, as LibreOffice prints the workbook on A4."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "overview.xlsx"
    source.write_bytes(xlsx)
    profile = f"-env:UserInstallation=file://{folder}/profile"
    command = ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    pdf = folder / "overview.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "(A4)" in info
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True)
    word = re.compile(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<')
    return [
        [(float(bottom) - float(top), text) for top, bottom, text in word.findall(page)]
        for page in boxes.stdout.split("<page ")[1:]
    ]


def median_height(words: list[tuple[float, str]]) -> float:
    heights = sorted(height for height, _ in words)
    return heights[len(heights) // 2]


def test_the_overview_has_one_block_per_visit_with_only_its_days():
    plan = the_2024_visits()
    sheet = openpyxl.load_workbook(io.BytesIO(programme_workbook(plan, greedy(plan))))["Overview"]
    heads = [
        [c.value.date() for c in row[1:] if c.value]
        for row in sheet.iter_rows()
        if row[0].value == "Delegation"
    ]
    assert heads == VISIT_DAYS
    delegations = [
        row[0].value for row in sheet.iter_rows() if row[0].style == "programme wrap ruled" and row[0].value
    ]
    assert len(delegations) == len(plan.delegations)  # each delegation in its own visit's block only


def test_a_long_visit_prints_in_blocks_of_at_most_five_days():
    plan = the_2024_visits()
    long_stay = replace(plan.delegations[0], depart=plan.delegations[0].depart + timedelta(days=11))
    plan = replace(plan, delegations=(long_stay, *plan.delegations[1:]))
    sheet = openpyxl.load_workbook(io.BytesIO(programme_workbook(plan, greedy(plan))))["Overview"]
    heads = [
        [c.value for c in row[1:] if c.value] for row in sheet.iter_rows() if row[0].value == "Delegation"
    ]
    assert [len(days) for days in heads] == [4, 4, 4, 4, 3, 1]  # 16 days as 4 x 4, then May and June
    assert sheet.row_breaks.count == len(heads) - 1


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_the_printed_overview_is_readable_on_a4_without_blank_pages(tmp_path):
    pages = printed(overview_only(the_2024_visits()), tmp_path)
    assert len(pages) >= 3  # a page at least per visit
    for words in pages:
        texts = [text for _, text in words]
        assert len(words) > 20, texts  # never a page of only the header and footer
        assert median_height(words) >= 0.65 * ELEVEN_POINT_WORD  # 7 pt or more, not 1-2 pt
    everything = " ".join(text for words in pages for _, text in words)
    assert "Mon 29 Apr" not in everything.replace("  ", " ")  # a day between two visits is not printed
    assert re.search(r"Wed\s+12\s+Jun\s+2024", " ".join(" ".join(t for _, t in p) for p in pages))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_500_character_name_is_wrapped_not_shrinking_the_page(tmp_path):
    plan = load_plan_file(ROOT / "data" / "ukraine-prosecutors-2024.json")[0]
    assert plan is not None
    long_name = " ".join(["Exchange"] * 55)[:500]
    normal = printed(overview_only(plan), tmp_path / "normal")
    named = printed(overview_only(replace(plan, name=long_name)), tmp_path / "named")
    assert len(named) == len(normal)
    assert median_height(named[0]) == pytest.approx(median_height(normal[0]), rel=0.05)
    assert median_height(named[0]) >= 0.65 * ELEVEN_POINT_WORD


def test_bidirectional_overrides_never_reach_the_printed_programme():
    plan = load_plan_file(ROOT / "data" / "ukraine-prosecutors-2024.json")[0]
    assert plan is not None
    delegation = replace(plan.delegations[0], name=f"Prosecutors {RLO}eniarkU{PDF}")
    requests = (replace(plan.requests[0], title=f"{RLO}Opening{PDF} session"), *plan.requests[1:])
    plan = replace(plan, delegations=(delegation, *plan.delegations[1:]), requests=requests)
    book = openpyxl.load_workbook(io.BytesIO(programme_workbook(plan, greedy(plan))))
    values = [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value]
    assert not [v for v in values if RLO in v or PDF in v]
    assert any("Prosecutors eniarkU" in v for v in values)


# --- a delegation's programme in its own language -----------------------------------------------------


def ukrainian_sheet(english: bool = False):
    plan = load_plan_file(ROOT / "data" / "ukraine-prosecutors-2024.json")[0]
    assert plan is not None and plan.delegations[0].languages[0] == "uk"
    content = programme_workbook(plan, greedy(plan), english=english)
    book = openpyxl.load_workbook(io.BytesIO(content))
    return content, book[book.sheetnames[1]]


def test_a_ukrainian_delegations_programme_is_printed_in_ukrainian():
    _, sheet = ukrainian_sheet()
    title, headers = sheet["A1"].value, [c.value for c in sheet[3]]
    assert title.startswith("Програма: ")
    assert headers == [
        "Дата", "Початок", "Кінець", "Зустріч", "Співрозмовники", "Також присутні",
        "Місце та адреса", "Переїзд до наступного", "Перекладач", "Примітки",
    ]  # fmt: skip
    column = [row[3] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert "Обідня перерва" in column and "Lunch break" not in column
    assert "осіб: " in sheet["A2"].value and "візит " in sheet["A2"].value
    dates = [c for c in sheet["A"][3:] if c.value is not None]
    assert dates and all(c.number_format.startswith("[$-422]") and c.is_date for c in dates)


def test_the_programme_is_in_english_on_request():
    _, sheet = ukrainian_sheet(english=True)
    assert sheet["A1"].value.startswith("Programme of ")
    assert [c.value for c in sheet[3]][:4] == ["Date", "Start", "End", "Meeting"]
    assert "Lunch break" in [row[3] for row in sheet.iter_rows(min_row=4, values_only=True)]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_the_printed_ukrainian_programme_has_ukrainian_dates(tmp_path):
    content, _ = ukrainian_sheet()
    book = openpyxl.load_workbook(io.BytesIO(content))
    for name in [book.sheetnames[0], *book.sheetnames[2:]]:
        del book[name]
    buffer = io.BytesIO()
    book.save(buffer)
    text = " ".join(word for page in printed(buffer.getvalue(), tmp_path) for _, word in page)
    assert "Співрозмовники" in text and "Обідня" in text
    assert re.search(r"Пн\s+22\s+кв", text), text[:400]  # LibreOffice: "Пн 22 квт 2024"


def test_every_language_of_the_page_has_the_printed_words():
    from scheduler.languages import WORDS
    from scheduler.languages.print_words import KEYS, LOCALE_IDS, PRINT_WORDS

    assert set(PRINT_WORDS) == set(WORDS) and set(LOCALE_IDS) == set(WORDS) - {"en"}
    assert all(len(words) == len(KEYS) for words in PRINT_WORDS.values())
    for words in PRINT_WORDS.values():
        assert "{name}" in words[0] and "{size}" in words[6] and "{hotel}" in words[8]
