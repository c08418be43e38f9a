"""A delegation's private page in AppTest: only its own published programme, or one plain sentence."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from scheduler.generate import generate_plan
from scheduler.languages.visitor import day_text, languages_for, moment_text, word
from scheduler.publishing import publish_schedule
from scheduler.solver import greedy
from tests.app_support import (
    OPEN_BANNER,
    app,
    button,
    fresh_store,
    plan_id_of,
    solve_on_page,
    texts,
    unescaped,
)

PLACE = ":material/location_on:"
MAP = r" \[.+\]\(https://www\.google\.com/maps/search/\?api=1&query=(.+)\)"
__all__ = ["fresh_store"]  # the fixture, imported for pytest

# in the Ukrainian delegation's language first, then in English
NOT_PUBLISHED = [
    "Вашу програму ще не опубліковано. Будь ласка, зайдіть пізніше.",
    "Your programme has not been published yet. Please come back later.",
]


def _only_text(at) -> list[str]:
    """Everything the page shows, element by element (the hidden navigation block has no text)."""
    assert not at.exception, at.exception
    return [str(getattr(e, "value", "")) for e in at.main if getattr(e, "value", "")]


def test_a_bad_link_says_only_that_it_is_not_valid(fresh_store):
    plan_id = plan_id_of(fresh_store)
    revoked = fresh_store.issue_link(plan_id, "ua")
    fresh_store.revoke_link(plan_id, "ua")
    for token in ("nonsense", "x" * 43, revoked, ""):
        at = app(query={"d": token})
        assert _only_text(at) == ["This link is not valid."], token  # no browser language asked for
        assert not at.title and not at.subheader and not at.get("download_button")


def test_a_link_before_publication_and_after(fresh_store):
    plan_id = plan_id_of(fresh_store)
    token = fresh_store.issue_link(plan_id, "ua")
    at = app(query={"d": token})
    assert _only_text(at) == NOT_PUBLISHED

    at = solve_on_page(app())
    publish_schedule(fresh_store, plan_id, fresh_store.latest_schedule(plan_id).schedule_id)
    at = app(query={"d": token})
    plan = fresh_store.latest(plan_id).plan
    assert [unescaped(t.value) for t in at.subheader][:1] == [plan.delegation("ua").name]
    # The page opens in the delegation's first language (Ukrainian), the plan's titles as written.
    shown = texts(at)
    assert "понеділок, 22 квітня 2024" in shown
    assert any("Closing session and evaluation of the study visit" in s for s in shown)
    assert any("Обідня перерва" in s for s in shown)
    assert [d.label for d in at.get("download_button")] == ["Додати до мого календаря (.ics)"]
    assert any(c.value.endswith(f"/cal/{token}.ics") for c in at.code)
    assert not any(s.startswith(OPEN_BANNER) for s in shown)
    # every place is a tap away from the phone's maps app, at the venue's coordinates
    places = [c.value for c in at.caption if c.value.startswith(PLACE)]
    spots = {f"{v.lat}%2C{v.lon}" for v in plan.venues if v.lat is not None}
    assert places and all(re.fullmatch(PLACE + MAP, p, re.S)[1] in spots for p in places)

    [language] = at.segmented_control
    assert language.options == ["Українська", "English"]
    language.set_value("en").run()
    shown = texts(at)
    assert "Monday 22 April 2024" in shown
    assert any("Lunch break" in s for s in shown) and not any("Обідня перерва" in s for s in shown)
    assert [d.label for d in at.get("download_button")] == ["Add to my calendar (.ics)"]


def test_publication_times_are_on_the_plan_clock(fresh_store):
    plan_id = plan_id_of(fresh_store)
    token = fresh_store.issue_link(plan_id, "ua")
    at = solve_on_page(app())
    publish_schedule(fresh_store, plan_id, fresh_store.latest_schedule(plan_id).schedule_id)
    plan = fresh_store.latest(plan_id).plan
    published = fresh_store.latest_publication(plan_id).published_at.astimezone(ZoneInfo(plan.timezone))

    at.switch_page("export_page.py").run()
    assert f"Publication 1, {published:%d %B %Y %H:%M}." in texts(at)
    page = app(query={"d": token})
    # the date's words are tested in test_delegation_words; here, that the page shows the right moment
    assert f"{plan.name} · опубліковано {moment_text('uk', published)}" in texts(page)
    assert "Місцевий час: Brussels" in texts(page)  # the clock the page keeps, named
    page.segmented_control[0].set_value("en").run()
    assert f"{plan.name} · published {published:%d %B %Y, %H:%M}" in texts(page)


def test_a_delegation_sees_nothing_of_the_meetings_of_others(fresh_store):
    at = app("settings_page.py")
    next(s for s in at.selectbox if s.label == "From").set_value("conference-2024")
    button(at, "Create").click().run()
    plan_id = at.session_state["plan_id"]
    solve_on_page(at)
    stored = fresh_store.latest_schedule(plan_id)
    publish_schedule(fresh_store, plan_id, stored.schedule_id)
    plan = fresh_store.version(plan_id, stored.plan_version).plan
    placed = {m.request for m in stored.schedule.meetings}
    attends = {
        d.id: {r.id for r in plan.requests if d.id in r.delegations and r.id in placed}
        for d in plan.delegations
    }
    delegation = max(attends, key=lambda d: len(attends[d]))
    token = fresh_store.issue_link(plan_id, delegation)

    shown = "\n".join(texts(app(query={"d": token})))
    assert plan.delegation(delegation).name in shown
    for request in plan.requests:
        if request.id in attends[delegation]:
            assert request.title in shown
        elif request.id in placed:
            assert request.title not in shown, request.id
    for fixed in plan.fixed:
        assert (fixed.title in shown) == (delegation in fixed.delegations)

    # Poland's page opens in Polish: the conference day spelled out, the lunch in Polish.
    polish = app(query={"d": fresh_store.issue_link(plan_id, "PL")})
    assert polish.segmented_control[0].options == ["Polski", "English"]
    shown = texts(polish)
    assert "czwartek, 30 maja 2024" in shown
    assert any("Przerwa obiadowa" in s for s in shown)


def test_a_delegation_link_needs_no_staff_password(fresh_store):
    token = fresh_store.issue_link(plan_id_of(fresh_store), "ua")
    at = app()
    at.secrets["staff_password"] = "correct horse"
    at.query_params["d"] = token
    at.run()
    assert _only_text(at) == NOT_PUBLISHED


def test_before_publication_an_english_speaking_delegation_reads_english_only(fresh_store):
    plan_id = plan_id_of(fresh_store)
    plan = fresh_store.latest(plan_id).plan
    english = replace(plan, delegations=tuple(replace(d, languages=("en",)) for d in plan.delegations))
    fresh_store.save(plan_id, english, base_version=fresh_store.latest(plan_id).version)
    at = app(query={"d": fresh_store.issue_link(plan_id, "ua")})
    assert _only_text(at) == NOT_PUBLISHED[1:]


def test_a_second_publication_marks_what_changed_for_the_delegation(fresh_store):
    plan_id = plan_id_of(fresh_store)
    token = fresh_store.issue_link(plan_id, "ua")
    solve_on_page(app())
    stored = fresh_store.latest_schedule(plan_id)
    publish_schedule(fresh_store, plan_id, stored.schedule_id)
    plan, schedule = fresh_store.latest(plan_id).plan, stored.schedule
    mine = [m for m in schedule.meetings if "ua" in plan.request(m.request).delegations]
    moved, dropped = mine[0], mine[1]
    later = replace(moved, start=moved.start + timedelta(minutes=15), end=moved.end + timedelta(minutes=15))
    others = tuple(m for m in schedule.meetings if m.request not in (moved.request, dropped.request))
    changed = fresh_store.save_schedule(
        plan_id, stored.plan_version, replace(schedule, meetings=(later, *others))
    )
    publish_schedule(fresh_store, plan_id, changed)

    shown = texts(app(query={"d": token}))
    moved_title, dropped_title = plan.request(moved.request).title, plan.request(dropped.request).title
    meeting, cancelled = ":material/handshake:", ":material/cancel:"
    changed = ":orange-badge[Змінено]"
    assert f"**{later.start:%H:%M}–{later.end:%H:%M}** {meeting} {moved_title} {changed}" in shown
    assert f"~~{dropped.start:%H:%M}–{dropped.end:%H:%M}~~ {cancelled} Скасовано: {dropped_title}" in shown
    assert sum("-badge[" in s for s in shown) == 1  # nothing else is marked


def _visit_under_way(today):
    """A generated plan around `today`, its greedy schedule, and a delegation with meetings before and
    on or after today (the generator's draw depends on the date, so a few seeds are tried)."""
    for seed in range(1, 20):
        back = 4 if today.weekday() < 2 else 2  # two working days back
        plan = generate_plan(seed, delegations=4, requests=40, days=5, start=today - timedelta(days=back))
        schedule = greedy(plan)
        for delegation in plan.delegations:
            days = {
                m.start.date()
                for m in schedule.meetings
                if delegation.id in plan.request(m.request).delegations
            }
            if days and min(days) < today <= max(days):
                return plan, schedule, delegation, sorted(days)
    raise AssertionError("no generated visit spans today")


def test_during_the_visit_the_days_gone_by_fold_away_and_today_comes_first(fresh_store):
    today = datetime.now(ZoneInfo("Europe/Brussels")).date()
    plan, schedule, delegation, days = _visit_under_way(today)
    plan_id = fresh_store.create_plan(plan).plan_id
    publish_schedule(fresh_store, plan_id, fresh_store.save_schedule(plan_id, 1, schedule))
    language = languages_for(delegation.languages)[0]
    at = app(query={"d": fresh_store.issue_link(plan_id, delegation.id)})
    [folded] = at.expander
    assert folded.label == word(language, "earlier_days")
    inside = [s.value for s in folded.subheader]
    assert inside == [day_text(language, day) for day in days if day < today]
    after = [s.value for s in at.subheader if s.value not in inside][1:]  # after the delegation's name
    assert after and after[0] == day_text(language, min(day for day in days if day >= today))


def test_a_change_stays_marked_for_a_day_whatever_was_published_since(fresh_store):
    """Publication 2 cancels a meeting and publication 3 moves another: the page marks both. Once
    publication 2 is more than a day old, only publication 3's change is marked."""
    import sqlalchemy as sa

    from scheduler.store import publications

    plan_id = plan_id_of(fresh_store)
    token = fresh_store.issue_link(plan_id, "ua")
    solve_on_page(app())
    stored = fresh_store.latest_schedule(plan_id)
    publish_schedule(fresh_store, plan_id, stored.schedule_id)
    plan, schedule = fresh_store.latest(plan_id).plan, stored.schedule
    mine = [m for m in schedule.meetings if "ua" in plan.request(m.request).delegations]
    moved, dropped = mine[0], mine[1]
    without = tuple(m for m in schedule.meetings if m.request != dropped.request)
    second = fresh_store.save_schedule(plan_id, stored.plan_version, replace(schedule, meetings=without))
    publish_schedule(fresh_store, plan_id, second)
    later = replace(moved, start=moved.start + timedelta(minutes=15), end=moved.end + timedelta(minutes=15))
    third = tuple(later if m.request == moved.request else m for m in without)
    publish_schedule(
        fresh_store,
        plan_id,
        fresh_store.save_schedule(plan_id, stored.plan_version, replace(schedule, meetings=third)),
    )
    moved_title, dropped_title = plan.request(moved.request).title, plan.request(dropped.request).title
    struck = f"~~{dropped.start:%H:%M}–{dropped.end:%H:%M}~~ :material/cancel: Скасовано: {dropped_title}"
    marked = (
        f"**{later.start:%H:%M}–{later.end:%H:%M}** :material/handshake: {moved_title} :orange-badge[Змінено]"
    )

    shown = texts(app(query={"d": token}))
    assert struck in shown and marked in shown

    with fresh_store.engine.begin() as db:  # publication 2 was published more than a day ago
        db.execute(
            sa.update(publications)
            .where(publications.c.plan_id == plan_id, publications.c.number == 2)
            .values(published_at=datetime.now(UTC) - timedelta(days=1, minutes=5))
        )
    shown = texts(app(query={"d": token}))
    assert marked in shown and struck not in shown
    assert not any(dropped_title in s for s in shown)
