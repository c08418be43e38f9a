"""Rule 5: a meeting without a common language has a qualified interpreter, and only then.

Parties are the request's delegations and required hosts; a party with no languages listed is
left out (nothing is known about it). Optional hosts never change whether interpretation is needed.
"""

from __future__ import annotations

from collections.abc import Iterator

from scheduler.model import INTERPRETER_AUTO, INTERPRETER_NONE, Request
from scheduler.verify.context import Context, Finding


def parties(ctx: Context, request: Request) -> dict[str, set[str]]:
    """Each delegation and required host of the request with the languages it speaks."""
    spoken = {d.id: d.languages for d in ctx.plan.delegations} | {h.id: h.languages for h in ctx.plan.hosts}
    result = {}
    for party in dict.fromkeys((*request.delegations, *request.hosts)):
        languages = {language.strip().casefold() for language in spoken.get(party, ())}
        if languages:
            result[party] = languages
    return result


def needs_interpreter(ctx: Context, request: Request) -> bool:
    sets = list(parties(ctx, request).values())
    return bool(sets) and not set.intersection(*sets)


def check_interpretation(ctx: Context) -> Iterator[Finding]:
    languages = {i.id: {x.strip().casefold() for x in i.languages} for i in ctx.plan.interpreters}
    for placed in ctx.placed:
        request, given, title = placed.request, placed.meeting.interpreter, ctx.title(placed.request)
        needed = needs_interpreter(ctx, request)
        who_speaks = _spoken_text(ctx, request)
        if given is not None and given not in languages:
            yield Finding(request.id, f"{title} has an unknown interpreter {given}")
            continue
        if request.interpreter == INTERPRETER_NONE and given is not None:
            text = f"{title} has interpreter {given}, but the request asks for none"
            yield Finding(request.id, text)
        elif _named_other(request, given, needed):
            shown = f"interpreter {given}" if given else "no interpreter"
            text = f"{title} has {shown}, but the request names interpreter {request.interpreter}"
            yield Finding(request.id, text)
        if needed and given is None:
            text = f"{title} has no interpreter, yet no language is common to all ({who_speaks})"
            yield Finding(request.id, text)
        if not needed and given is not None and request.interpreter == INTERPRETER_AUTO:
            text = f"{title} has interpreter {given}, though a language is common to all ({who_speaks})"
            yield Finding(request.id, text)
        if given is None:
            continue
        for party, spoken in parties(ctx, request).items():
            if not spoken & languages[given]:
                text = (
                    f"interpreter {given} of {title} speaks {_listed(languages[given])}, "
                    f"but {ctx.who(party)} speaks {_listed(spoken)}"
                )
                yield Finding(request.id, text)


def _named_other(request: Request, given: str | None, needed: bool) -> bool:
    """A request naming its interpreter gets that one; it may stay home when nobody needs one."""
    if request.interpreter in (INTERPRETER_AUTO, INTERPRETER_NONE) or given == request.interpreter:
        return False
    return needed or given is not None


def _spoken_text(ctx: Context, request: Request) -> str:
    return "; ".join(f"{ctx.who(p)} speaks {_listed(s)}" for p, s in parties(ctx, request).items())


def _listed(languages: set[str]) -> str:
    return ", ".join(sorted(languages)) or "no listed language"
