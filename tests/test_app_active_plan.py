"""Which plan the staff pages show: kept in the address across reloads and named on every page; user text
shown as typed everywhere; the Programme page says when the plan changed after it was built."""

from __future__ import annotations

import re
import time
from dataclasses import replace

from google.protobuf import text_format

from scheduler import Plan
from scheduler.generate import host_away
from scheduler.publishing import publish_schedule
from tests.app_support import app, button, fresh_store, plan_id_of, solve_on_page, texts, unescaped

__all__ = ["fresh_store"]  # the fixture, imported for pytest
PAGES = ("plan_page.py", "solve_page.py", "programme_page.py", "export_page.py", "links_page.py",
         "settings_page.py")  # fmt: skip
HOSTILE = (
    "Visit :material/warning: :smile: **bold** $x$ ![pixel](http://127.0.0.1:9/p.png) "
    "<img src=x> www.example.org a@b.org :red[red]"
)


def named(at, plan_id: int, name: str) -> bool:
    """Whether the page names the plan as the heading of every staff page does."""
    return f"Plan: **{name}** (#{plan_id})" in " ".join(texts(at))


def test_the_chosen_plan_is_in_the_address_and_a_reload_or_a_second_tab_opens_it(fresh_store):
    first = plan_id_of(fresh_store)
    second = fresh_store.create_plan(Plan(name="Moldovan police, May 2025")).plan_id
    at = app("settings_page.py")
    assert at.query_params["plan"] == str(first)
    [work_on] = [s for s in at.selectbox if s.label == "Work on"]
    work_on.set_value(second).run()
    assert at.query_params["plan"] == str(second)
    at.switch_page("export_page.py").run()
    assert at.query_params["plan"] == str(second)  # a switch of page keeps it
    assert named(at, second, "Moldovan police, May 2025")

    for page in PAGES:  # a new session on that address: a reload, a bookmark, a second tab
        reloaded = app(page, query={"plan": str(second)})
        assert not reloaded.exception, (page, reloaded.exception)
        assert reloaded.session_state["plan_id"] == second, page
        assert named(reloaded, second, "Moldovan police, May 2025"), page
    links = app("links_page.py", query={"plan": str(second)})
    assert not [m for m in texts(links) if "Office of the Prosecutor General of Ukraine" in m]


def test_every_staff_page_names_the_plan_without_an_address(fresh_store):
    first = plan_id_of(fresh_store)
    name = fresh_store.latest(first).plan.name
    for page in PAGES:
        at = app(page)
        assert named(at, first, name), page
        assert at.query_params["plan"] == str(first), page


def test_an_address_naming_a_deleted_plan_says_so_and_opens_another(fresh_store):
    first = plan_id_of(fresh_store)
    gone = fresh_store.create_plan(Plan(name="Gone")).plan_id
    fresh_store.delete_plan(gone)
    at = app("export_page.py", query={"plan": str(gone)})
    assert not at.exception, at.exception
    assert f"This address named plan #{gone}, which no longer exists" in " ".join(texts(at))
    assert at.session_state["plan_id"] == first and at.query_params["plan"] == str(first)


def markdown_sources(at) -> list[str]:
    """The Markdown of every element and label Streamlit renders as Markdown."""
    found = []
    for kind in ("title", "subheader", "markdown", "caption", "info", "success", "warning", "error"):
        found += [str(e.value) for e in at.get(kind)]
    found += [b.label for b in at.button] + [b.label for b in at.get("download_button")]
    found += [e.label for e in at.expander]
    return found


def test_user_text_is_shown_as_typed_on_every_page(fresh_store):
    """Names, titles and notes with Markdown, icon codes, images and addresses: shown as typed, each
    character escaped and each code broken by an invisible joiner, so Streamlit draws no icon, no image,
    no link and no emphasis (the browser test checks what Chromium draws)."""
    plan_id = plan_id_of(fresh_store)
    stored = fresh_store.latest(plan_id)
    plan = stored.plan
    requests = tuple(replace(r, title=f"{HOSTILE} {r.id}", notes=HOSTILE) for r in plan.requests)
    delegations = tuple(replace(d, name=f"{HOSTILE} {d.id}") for d in plan.delegations)
    hostile = replace(plan, name=HOSTILE, requests=requests, delegations=delegations)
    fresh_store.save(plan_id, hostile, stored.version)
    at = solve_on_page(app())
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        sources = markdown_sources(at)
        assert any(HOSTILE in unescaped(s) for s in sources), page
        for source in sources:
            for markup in ("![", "**bold", ":red["):  # read by Markdown: escaped
                assert markup not in source, (page, markup, source)
            read = source.replace("\\", "")  # found after Markdown has read it: broken by a joiner
            for code in (":material/warning:", ":smile:", "www.example", "a@b.org", "http://127"):
                assert code not in read, (page, code, source)
            assert "$x$" not in source.replace("\\$", ""), (page, source)


def test_programme_warns_when_the_plan_changed_and_builds_it_again(fresh_store):
    at = solve_on_page(app())
    plan_id = plan_id_of(fresh_store)
    built = fresh_store.latest_schedule(plan_id)
    at.switch_page("programme_page.py").run()
    assert not [w for w in at.warning[1:]], [w.value for w in at.warning]  # the open-access banner only
    stored = fresh_store.latest(plan_id)
    meeting = built.schedule.meetings[0]
    host = stored.plan.request(meeting.request).hosts[0]
    fresh_store.save(plan_id, host_away(stored.plan, host, meeting.start.date()), stored.version)

    at.run()

    [warning] = [w.value for w in at.warning if w.value.startswith("The plan has changed")]
    assert f"it was built for version {built.plan_version}, and the plan is now at version" in warning
    assert "Against the plan as it is now, it breaks " in warning
    assert at.expander[0].label == "What no longer fits the plan" and at.expander[0].markdown
    button(at, "Build the programme again").click().run()
    assert [t.value for t in at.title] == ["Solve"]
    deadline = time.monotonic() + 60
    while "solve_job" in at.session_state:
        assert time.monotonic() < deadline
        time.sleep(0.3)
        at.run()
    again = fresh_store.latest_schedule(plan_id)
    assert again.schedule_id != built.schedule_id and again.plan_version == stored.version + 1
    at.switch_page("programme_page.py").run()
    assert not [w for w in at.warning if w.value.startswith("The plan has changed")]


EMOJI = re.compile("[\U0001f000-\U0001ffff\u2600-\u27bf\u2b00-\u2bff\ufe0f]")


def drawn(at) -> str:
    """Every element the run drew, with its labels and icons, as text."""
    found = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            found.append(text_format.MessageToString(proto, as_utf8=True))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(found)


def test_no_page_draws_an_emoji_and_the_icons_are_material_ones(fresh_store):
    """Office PCs without an emoji font showed empty boxes: every icon is one of Streamlit's Material
    icons, served with its own font."""
    plan_id = plan_id_of(fresh_store)
    at = solve_on_page(app())
    publish_schedule(fresh_store, plan_id, fresh_store.latest_schedule(plan_id).schedule_id)
    token = fresh_store.issue_link(plan_id, "ua")
    icons = []
    for page in PAGES:
        at.switch_page(page).run()
        text = drawn(at)
        assert not EMOJI.findall(text), (page, EMOJI.findall(text))
        icons += re.findall(r":material/\w+:", text)
    delegation = drawn(app(query={"d": token}))
    assert not EMOJI.findall(delegation), EMOJI.findall(delegation)
    assert ":material/handshake:" in delegation and ":material/location_on:" in delegation
    assert ":material/lock_open:" in icons and ":material/folder_open:" in icons
