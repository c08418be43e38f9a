"""Links for every delegation at once, and the welcome-pack sheet of their QR codes: printed by Chromium,
one page per delegation, each page's code read back by zbar and its name by pdftotext."""

from __future__ import annotations

import shutil
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest

from scheduler import load_plan_file
from tests.app_support import CHROMIUM_ARGS, ROOT, app, button, chromium_or_skip, fresh_store, plan_id_of
from ui.qr_sheet import qr_sheets

__all__ = ["fresh_store"]  # the fixture, imported for pytest

CONFERENCE = ROOT / "data" / "conference-2024.json"


def _conference_store(store) -> tuple[int, list[str]]:
    """The sample plan replaced by the conference (22 delegations) as a new version."""
    plan, problems = load_plan_file(CONFERENCE)
    assert plan is not None, problems
    plan_id = plan_id_of(store)
    store.save(plan_id, plan, store.latest(plan_id).version, note="the conference")
    return plan_id, [d.id for d in plan.delegations]


def test_links_for_every_delegation_at_once_and_the_sheet_of_their_codes(fresh_store):
    plan_id, delegations = _conference_store(fresh_store)
    at = app("links_page.py")
    assert not at.exception, at.exception
    assert not [b for b in at.get("download_button") if b.proto.label.startswith("QR codes to print")]
    button(at, f"Make links for the {len(delegations)} delegations without one").click().run()
    assert not at.exception, at.exception
    assert all(fresh_store.has_link(plan_id, d) for d in delegations)
    tokens = [parse_qs(urlsplit(code.value).query)["d"][0] for code in at.code]
    assert sorted(fresh_store.resolve_link(t)[1] for t in tokens) == sorted(delegations)
    [sheet] = [b for b in at.get("download_button") if b.proto.label.startswith("QR codes to print")]
    assert sheet.proto.label == f"QR codes to print ({len(delegations)} pages, one per delegation)"
    assert button(at, "Make links for the 0 delegations without one").disabled


def test_new_links_for_all_are_made_only_once_confirmed(fresh_store):
    _, delegations = _conference_store(fresh_store)
    at = app("links_page.py")
    button(at, f"Make links for the {len(delegations)} delegations without one").click().run()
    before = [parse_qs(urlsplit(code.value).query)["d"][0] for code in at.code]
    button(at, "Make new links for every delegation").click().run()
    assert all(fresh_store.resolve_link(t) for t in before)  # asked first: nothing changed yet
    assert any(w.value.startswith("Make new links for all 22 delegations?") for w in at.warning)
    button(at, "Cancel").click().run()
    assert all(fresh_store.resolve_link(t) for t in before)
    button(at, "Make new links for every delegation").click().run()
    button(at, "Yes, make new links for all").click().run()
    assert not at.exception, at.exception
    assert not any(fresh_store.resolve_link(t) for t in before)
    after = [parse_qs(urlsplit(code.value).query)["d"][0] for code in at.code]
    assert sorted(fresh_store.resolve_link(t)[1] for t in after) == sorted(delegations)


@pytest.mark.browser
def test_the_sheet_prints_one_page_per_delegation_and_each_code_reads_back(tmp_path):
    from playwright.sync_api import sync_playwright

    assert shutil.which("zbarimg") and shutil.which("pdftoppm"), "zbar-tools and poppler-utils are missing"
    plan, _ = load_plan_file(CONFERENCE)
    assert plan is not None
    chosen = [d for d in plan.delegations if d.id in ("fr", "pl", "ee")] or list(plan.delegations[:3])
    links = [(d, f"https://programme.example.org/?d={d.id.upper()}{'x' * 40}") for d in chosen]
    html = qr_sheets(plan.name, links)
    target = tmp_path / "links.pdf"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_or_skip(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_content(html)
        page.pdf(path=str(target), prefer_css_page_size=True)
        browser.close()
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True).stdout
    assert f"Pages: {len(links)} " in " ".join(info.split()) + " "
    assert "Page size: 594.96 x 841.92 pts (A4)" in " ".join(info.split())  # portrait
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    for number, (delegation, link) in enumerate(links, start=1):
        assert delegation.name in " ".join(pages[number - 1].split()), delegation.name
        picture = tmp_path / f"page-{number}"
        subprocess.run(
            ["pdftoppm", "-r", "100", "-png", "-f", str(number), "-l", str(number), "-singlefile",
             str(target), str(picture)],
            check=True,
        )  # fmt: skip
        found = subprocess.run(
            ["zbarimg", "--quiet", "--raw", f"{picture}.png"], capture_output=True, text=True, check=True
        )
        assert found.stdout.strip() == link
