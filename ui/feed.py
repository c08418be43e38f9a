"""The calendar subscription feed served beside the app: /cal/<token>.ics, the latest published version."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from scheduler import delegation_calendar, resolve_delegation
from ui.services import store

NOT_VALID = "this link is not valid"


async def calendar_feed(request: Request) -> Response:
    token = request.path_params.get("token", "")
    found = await run_in_threadpool(_calendar, token)
    if found is None:
        return PlainTextResponse(NOT_VALID, status_code=404)
    return Response(
        found,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'inline; filename="programme.ics"', "Cache-Control": "no-cache"},
    )


def _calendar(token: str) -> bytes | None:
    try:
        found = resolve_delegation(store(), token)
    except Exception:  # a broken store must not show its insides to a link holder
        return None
    if found is None:
        return None
    programme, delegation = found
    if programme is None:
        return None
    return delegation_calendar(programme, delegation)
