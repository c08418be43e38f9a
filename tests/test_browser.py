"""End to end in a real Chromium against `streamlit run app.py`: solve, export, publish, a delegation's link.

One server and one browser for the module; the staff steps run in order in one test, as staff would
click through them, and leave a published programme and a link behind for the delegation's steps;
then two browsers edit the plan at once, and a long solve is stopped by hand.
Screenshots go to tests/artifacts; with UPDATE_SCREENSHOTS=1 they also replace the README's images.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import openpyxl
import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from scheduler import Store
from tests.app_support import ARTIFACTS, CHROMIUM_ARGS, SCREENSHOTS, app_server, chromium_or_skip

__all__ = ["app_server"]  # the fixture, imported for pytest

pytestmark = pytest.mark.browser
WAIT = 60_000  # ms: a first page, or a solve, on a busy machine
DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}
HOSTS_ONLY = "Antwerp hosts' briefing the day before the Ukrainian visit"  # no delegation attends it
shared: dict[str, str] = {}  # what the staff steps leave for the delegation's steps


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))
    if os.environ.get("UPDATE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ARTIFACTS / name, SCREENSHOTS / name)


def open_page(page, label: str) -> None:
    """Click a page in the sidebar and wait for its title."""
    page.locator('[data-testid="stSidebarNav"] a', has_text=label).click()
    page.get_by_role("heading", name=label, exact=True).wait_for(timeout=WAIT)


def text_of(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def choose(page, label: str, option: str) -> None:
    """Pick an option of a selectbox by its label."""
    page.get_by_label(label).click()
    page.get_by_role("option", name=option).click()


def store_of(server) -> Store:
    return Store(f"sqlite:///{server.database}")


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.status, answer.headers.get("Content-Type", ""), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def solve(page) -> None:
    open_page(page, "Solve")
    slider = page.get_by_role("slider").first
    slider.wait_for(timeout=WAIT)
    slider.focus()
    page.keyboard.press("Home")  # the shortest time limit: the sample is proven optimal well within it
    assert slider.input_value() == "5"
    page.get_by_role("button", name="Build the programme").click()
    page.get_by_role("heading", name="Result").wait_for(timeout=WAIT)
    page.get_by_text("Every requested meeting has a place in the programme.").wait_for(timeout=WAIT)
    values = page.locator('[data-testid="stMetricValue"]')
    expect(values).to_have_text(["4 / 4", "5 / 5", "4 / 4", "2 / 2", re.compile(r"\d+ min")])


def download(page, label: str, folder) -> bytes:
    with page.expect_download(timeout=WAIT) as started:
        page.get_by_role("button", name=label).click()
    path = folder / started.value.suggested_filename
    started.value.save_as(path)
    return path.read_bytes()


def check_workbook(content: bytes, delegation: str, titles: list[str]) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook[next(name for name in workbook.sheetnames if delegation.startswith(name))]
    cells = {str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None}
    assert set(titles) <= cells
    assert HOSTS_ONLY not in cells


def summaries(content: bytes) -> list[str]:
    """The SUMMARY of every VEVENT (a meeting's reads "<title> – <hosts>")."""
    return [str(event["SUMMARY"]) for event in Calendar.from_ical(content).walk("VEVENT")]


def has_every(found: list[str], titles: list[str]) -> bool:
    return all(any(s == t or s.startswith(f"{t} – ") for s in found) for t in titles)


def test_staff_solve_export_publish_and_link(app_server, browser, tmp_path):
    page = browser.new_page(viewport=DESKTOP, accept_downloads=True)
    page.goto(app_server.url)
    page.get_by_role("heading", name="Plan", exact=True).first.wait_for(timeout=WAIT)
    solve(page)
    store = store_of(app_server)
    plan_id = store.plan_ids()[0]
    schedule = store.latest_schedule(plan_id).schedule
    plan = store.latest(plan_id).plan
    delegation = plan.delegation("ua").name
    titles = [
        plan.request(m.request).title
        for m in schedule.meetings
        if "ua" in plan.request(m.request).delegations
    ]
    assert len(titles) == 14

    open_page(page, "Programme")
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=WAIT)
    page.wait_for_timeout(1000)  # the chart draws its bars after the element appears
    screenshot(page, "programme.png")

    open_page(page, "Export")
    check_workbook(download(page, "Download the programme (.xlsx)", tmp_path), delegation, titles)
    choose(page, "Calendar of", delegation)
    calendar = summaries(download(page, f"Download {delegation} (.ics)", tmp_path))
    assert has_every(calendar, titles)
    assert not any(s.startswith(HOSTS_ONLY) for s in calendar)
    with zipfile.ZipFile(io.BytesIO(download(page, "Download all calendars (.zip)", tmp_path))) as archive:
        names = set(archive.namelist())
        assert {"all.ics", "ua.ics", "dgsp-dir.ics"} <= names
        assert has_every(summaries(archive.read("ua.ics")), titles)
    assert "Publishing this programme makes 16 changes for the delegations:" in text_of(page)
    page.get_by_role("button", name="Publish this programme").click()
    page.get_by_text("Publish this programme now?").wait_for(timeout=WAIT)  # asked first
    assert store.latest_publication(plan_id) is None
    page.get_by_role("button", name="Yes, publish").click()
    page.get_by_text("The delegations see this programme.").wait_for(timeout=WAIT)
    assert store.latest_publication(plan_id).number == 1

    open_page(page, "Delegation links")
    page.get_by_role("button", name="Make a link").click()
    link = page.locator('[data-testid="stCode"]').first
    link.wait_for(timeout=WAIT)
    shared["link"] = link.inner_text().strip()
    token = parse_qs(urlsplit(shared["link"]).query)["d"][0]
    assert store.resolve_link(token) == (plan_id, "ua")
    shared["titles"] = "\n".join(titles)
    shared["delegation"] = delegation
    page.close()


def test_delegation_page_on_a_phone_and_its_feed(app_server, browser):
    if "link" not in shared:
        pytest.skip("the staff steps did not make a link")
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(shared["link"])
    page.get_by_role("heading", name=shared["delegation"]).wait_for(timeout=WAIT)
    # in the delegation's own language first (Ukrainian), English a tap away
    page.get_by_role("button", name="Додати до мого календаря (.ics)").wait_for(timeout=WAIT)
    shown = text_of(page)
    for title in shared["titles"].split("\n"):
        assert title in shown
    assert HOSTS_ONLY not in shown
    # staff's notes, as its calendar carries them, with the label in the page's language
    assert "Примітки: Certificates of attendance handed out at the end." in shown
    assert "Open access" not in shown and "Solve" not in page.locator("body").inner_text()
    screenshot(page, "delegation-phone.png")
    page.get_by_text("English", exact=True).click()
    page.get_by_role("button", name="Add to my calendar (.ics)").wait_for(timeout=WAIT)

    feed = page.locator('[data-testid="stCode"]').first.inner_text().strip()
    assert urlsplit(feed).path.startswith("/cal/") and feed.endswith(".ics")
    status, kind, body = fetch(feed)
    assert status == 200 and kind.startswith("text/calendar")
    subscribed = summaries(body)
    assert has_every(subscribed, shared["titles"].split("\n"))
    assert not any(s.startswith(HOSTS_ONLY) for s in subscribed)
    context.close()


def test_a_wrong_link_is_refused_by_the_page_and_the_feed(app_server, browser):
    staff = browser.new_page(viewport=DESKTOP)  # the first staff page seeds the store with the sample
    staff.goto(app_server.url)
    staff.get_by_role("heading", name="Plan", exact=True).first.wait_for(timeout=WAIT)
    staff.close()
    store = store_of(app_server)
    revoked = store.issue_link(store.plan_ids()[0], "dgsp-dir")
    store.revoke_link(store.plan_ids()[0], "dgsp-dir")
    for token in ("x" * 43, revoked, "short"):
        status, _kind, body = fetch(f"{app_server.url}/cal/{token}.ics")
        assert (status, body) == (404, b"this link is not valid"), token
    page = browser.new_page(viewport=PHONE, locale="pl-PL")  # a phone set to Polish asks for Polish
    page.goto(f"{app_server.url}/?d={'x' * 43}")
    page.get_by_text("This link is not valid.").wait_for(timeout=WAIT)
    page.get_by_text("Ten link jest nieprawidłowy.").wait_for(timeout=WAIT)  # the page draws line by line
    assert " ".join(text_of(page).split()) == "This link is not valid. Ten link jest nieprawidłowy."
    page.close()


def open_plan(browser, server):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(server.url)
    page.get_by_role("heading", name="Plan", exact=True).wait_for(timeout=WAIT)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=WAIT)
    return page


def edit_title(page, row: int, text: str) -> None:
    """Type over the Title cell of a row of the Requests list (the grid is drawn on a canvas)."""
    grid = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
    page.mouse.click(grid["x"] + 250, grid["y"] + 35 + 17 + 35 * row)  # header 35 px, rows 35 px
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    editor = page.locator("#portal textarea").first
    editor.wait_for(timeout=WAIT)
    editor.fill(text)
    page.keyboard.press("Enter")


def test_two_browsers_edit_the_plan_and_neither_edit_is_lost(app_server, browser):
    store = store_of(app_server)
    plan_id = store.plan_ids()[0]
    base = store.latest(plan_id).version
    first, second = open_plan(browser, app_server), open_plan(browser, app_server)
    edit_title(first, 0, "Integral security policy, edited in one browser")
    first.get_by_text(f"version {base + 1},").wait_for(timeout=WAIT)
    edit_title(second, 1, "Security and prevention plans, edited in another")
    second.get_by_text("this plan was changed by someone else").wait_for(timeout=WAIT)
    second.get_by_role("button", name=f"Apply my edit to version {base + 1}").click()
    second.get_by_text(f"version {base + 2},").wait_for(timeout=WAIT)
    titles = {r.id: r.title for r in store.latest(plan_id).plan.requests}
    assert titles["ua-policy"] == "Integral security policy, edited in one browser"
    assert titles["ua-plans"] == "Security and prevention plans, edited in another"
    first.close()
    second.close()


def test_the_same_cell_edited_in_two_browsers_shows_both_values_to_choose_from(app_server, browser):
    store = store_of(app_server)
    plan_id = store.plan_ids()[0]
    base = store.latest(plan_id).version
    first, second = open_plan(browser, app_server), open_plan(browser, app_server)
    edit_title(first, 2, "Title typed in the first browser")
    first.get_by_text(f"version {base + 1},").wait_for(timeout=WAIT)
    edit_title(second, 2, "Title typed in the second browser")
    second.get_by_text("this plan was changed by someone else").wait_for(timeout=WAIT)
    second.get_by_text("1 value you changed was changed differently").wait_for(timeout=WAIT)
    apply = second.get_by_role("button", name=f"Apply my edit to version {base + 1}")
    expect(apply).to_be_disabled()  # nothing is overwritten before the person chooses
    second.get_by_text("Version", exact=False).filter(has_text="Title typed in the first browser").wait_for(
        timeout=WAIT
    )
    second.get_by_text("Yours: Title typed in the second browser").click()
    expect(apply).to_be_enabled(timeout=WAIT)
    apply.click()
    second.get_by_text(f"version {base + 2},").wait_for(timeout=WAIT)
    request = store.latest(plan_id).plan.requests[2]
    assert request.title == "Title typed in the second browser"
    first.close()
    second.close()


def test_a_reload_a_bookmark_and_a_second_tab_keep_the_plan_chosen_in_settings(app_server, browser):
    from scheduler import load_plan_file

    open_plan(browser, app_server).close()  # a first visit creates the store with the sample plan
    store = store_of(app_server)
    sample, _ = load_plan_file(Path(__file__).resolve().parent.parent / "data" / "conference-2024.json")
    chosen = store.create_plan(sample).plan_id
    name = store.latest(chosen).plan.name
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{app_server.url}/settings_page")
    page.get_by_role("heading", name="Settings", exact=True).wait_for(timeout=WAIT)
    choose(page, "Work on", f"{name} (#{chosen})")
    page.get_by_text(f"Deletes “{name}”").wait_for(timeout=WAIT)
    open_page(page, "Export")
    page.wait_for_url(re.compile(rf"[?&]plan={chosen}\b"), timeout=WAIT)

    page.reload()
    page.get_by_role("heading", name="Export", exact=True).wait_for(timeout=WAIT)
    page.get_by_text(f"Plan: {name} (#{chosen})").wait_for(timeout=WAIT)
    page.get_by_text("No programme yet").wait_for(timeout=WAIT)  # this plan has none; the sample's has
    open_page(page, "Delegation links")
    page.get_by_text(f"Plan: {name} (#{chosen})").wait_for(timeout=WAIT)
    assert "Office of the Prosecutor General of Ukraine" not in text_of(page)

    second_tab = browser.new_page(viewport=DESKTOP)  # a bookmark of that address, or a second tab
    second_tab.goto(page.url)
    second_tab.get_by_text(f"Plan: {name} (#{chosen})").wait_for(timeout=WAIT)
    page.close()
    second_tab.close()
    store.delete_plan(chosen)


HOSTILE = "Visit :material/warning: **bold** $x$ ![p](http://127.0.0.1:9/p.png) www.example.org a@b.org"


def test_user_text_is_drawn_as_typed_with_no_icon_link_or_image(app_server, browser):
    from scheduler import Plan

    open_plan(browser, app_server).close()  # a first visit creates the store with the sample plan
    store = store_of(app_server)
    plan_id = store.create_plan(Plan(name=HOSTILE)).plan_id
    page = browser.new_page(viewport=DESKTOP)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(f"{app_server.url}/settings_page?plan={plan_id}")
    page.get_by_role("heading", name="Settings", exact=True).wait_for(timeout=WAIT)
    page.get_by_text("Type the plan's name to confirm").wait_for(timeout=WAIT)
    page.wait_for_timeout(1000)
    shown = text_of(page).replace("\u2060", "")  # the word joiners that break codes are invisible
    assert f"Plan: {HOSTILE} (#{plan_id})" in shown and f"Deletes “{HOSTILE}”" in shown
    main = page.locator('[data-testid="stMain"]')
    assert main.locator('[aria-label="warning icon"]').count() == 0
    assert main.locator("img").count() == 0 and "**bold**" in shown  # no emphasis: the asterisks show
    assert main.locator("a[href*='example.org'], a[href^='mailto:']").count() == 0
    assert main.locator(".katex").count() == 0
    assert not [url for url in asked if "127.0.0.1:9" in url]
    page.close()
    store.delete_plan(plan_id)


def test_revoking_a_link_asks_first(app_server, browser):
    open_plan(browser, app_server).close()  # a first visit creates the store with the sample plan
    store = store_of(app_server)
    plan_id = store.plan_ids()[0]
    store.issue_link(plan_id, "ua")
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{app_server.url}/links_page?plan={plan_id}")
    page.get_by_role("heading", name="Delegation links", exact=True).wait_for(timeout=WAIT)
    page.get_by_role("button", name="Revoke", exact=True).click()
    page.get_by_text("Revoke this link?").wait_for(timeout=WAIT)
    assert store.has_link(plan_id, "ua")
    page.get_by_role("button", name="Cancel").click()
    page.get_by_role("button", name="Revoke", exact=True).wait_for(timeout=WAIT)
    assert store.has_link(plan_id, "ua")
    page.get_by_role("button", name="Revoke", exact=True).click()
    page.get_by_role("button", name="Yes, revoke the link").click()
    page.get_by_role("button", name="Make a link").wait_for(timeout=WAIT)
    assert not store.has_link(plan_id, "ua")
    page.close()


def test_a_long_solve_shows_progress_and_stops_on_request(app_server, browser):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{app_server.url}/settings_page")
    page.get_by_role("heading", name="Settings", exact=True).wait_for(timeout=WAIT)
    choose(page, "From", "conference-2024")
    page.get_by_role("button", name="Create").click()
    store = store_of(app_server)
    deadline = time.monotonic() + 30
    while len(store.plan_ids()) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    plan_id = store.plan_ids()[-1]
    # the page works on the new plan (it names it for deletion) before the next click
    page.get_by_text(f"Deletes “{store.latest(plan_id).plan.name}”").wait_for(timeout=WAIT)
    open_page(page, "Solve")
    page.get_by_text(store.latest(plan_id).plan.name).wait_for(timeout=WAIT)  # the plan now worked on
    slider = page.get_by_role("slider").first
    slider.focus()
    page.keyboard.press("End")  # 300 s: only the Stop button ends this solve early
    page.get_by_role("button", name="Build the programme").click()
    page.get_by_text("Stage").wait_for(timeout=WAIT)  # the fragment redraws the progress by itself
    assert "Solving…" in text_of(page)
    page.get_by_role("button", name="Stop and keep the best schedule so far").click()
    page.get_by_role("heading", name="Result").wait_for(timeout=WAIT)
    stored = store.latest_schedule(plan_id)
    assert stored is not None and stored.schedule.solve_seconds < 60
    assert stored.schedule.status in ("feasible", "optimal")
    page.close()


def test_importing_a_workbook_replaces_the_plan_and_a_bad_file_saves_nothing(app_server, browser, tmp_path):
    """Runs last: it replaces the server's plan (and puts the old one back as a new version)."""
    from scheduler import load_plan_file

    page = open_plan(browser, app_server)  # a first visit creates the store with the sample plan
    store = store_of(app_server)
    plan_id = store.plan_ids()[0]
    before = store.latest(plan_id)
    page.get_by_role("tab", name="Import and download").click()
    upload = page.get_by_role("region", name="Import a plan (.json or .xlsx)").locator('input[type="file"]')
    broken = tmp_path / "broken.json"
    broken.write_text('{"name": "Broken", "slot_minutes": 7}', encoding="utf-8")
    upload.set_input_files(str(broken))
    page.get_by_text("broken.json was not imported: nothing was saved.").wait_for(timeout=WAIT)
    assert "slot_minutes" in text_of(page)
    assert store.latest(plan_id).version == before.version

    workbook = Path(__file__).resolve().parent.parent / "data" / "conference-2024.xlsx"
    upload.set_input_files(str(workbook))
    replace_button = page.get_by_role(
        "button", name=re.compile(r"Replace the plan with conference-2024\.xlsx")
    )
    replace_button.click()
    page.get_by_text(f"version {before.version + 1},").wait_for(timeout=WAIT)
    expected, problems = load_plan_file(workbook.with_suffix(".json"))
    assert problems == [] and expected is not None
    assert store.latest(plan_id).plan == replace(expected, name=before.plan.name)  # the plan keeps its name
    store.restore(plan_id, before.version, base_version=before.version + 1)
    page.close()
