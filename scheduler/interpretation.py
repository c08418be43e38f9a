"""Rule 5's one predicate: whether a meeting needs an interpreter, and who can interpret it.

The solver, the board, the explanations, validation and the generator all ask these questions, so
they are answered once, here. Language codes compare without regard to case or surrounding spaces; a
party that lists no language is left out, since nothing is known of what it speaks. The verifier
keeps its own reading of the rule, so that it checks the solver rather than repeats it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from scheduler.model import Plan, Request


def spoken(languages: Iterable[str]) -> frozenset[str]:
    """Language codes as they compare: trimmed and case-folded."""
    return frozenset(code.strip().casefold() for code in languages if code.strip())


def listed(languages: Iterable[str]) -> tuple[str, ...]:
    """The codes as `spoken` reads them, in the order given, each once."""
    return tuple(dict.fromkeys(code.strip().casefold() for code in languages if code.strip()))


def parties(plan: Plan, request: Request) -> list[tuple[str, tuple[str, ...]]]:
    """Each delegation and required host of the request that lists a language, with what it speaks."""
    found = [(f"delegation {d}", listed(plan.delegation(d).languages)) for d in request.delegations]
    found += [(f"host {h}", listed(plan.host(h).languages)) for h in request.hosts]
    return [(party, languages) for party, languages in found if languages]


def parties_languages(plan: Plan, request: Request) -> list[frozenset[str]]:
    """The languages of each party that lists any, in the order of `parties`."""
    return [frozenset(languages) for _, languages in parties(plan, request)]


def no_common_language(languages: Sequence[frozenset[str]]) -> bool:
    """True when the parties (each given by what it speaks, none empty) share no language."""
    return bool(languages) and not frozenset.intersection(*languages)


def needs_interpreter(plan: Plan, request: Request) -> bool:
    """Rule 5: no language is spoken by every party of the request."""
    return no_common_language(parties_languages(plan, request))


def can_interpret(plan: Plan, request: Request, languages: Iterable[str]) -> bool:
    """Whether someone who speaks `languages` shares a language with every party of the request."""
    interprets = spoken(languages)
    return all(interprets & party for party in parties_languages(plan, request))
