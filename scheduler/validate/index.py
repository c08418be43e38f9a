"""The plan with its lookups by id answered from dictionaries, for checks that look up every request's
participants: `Plan.host` and its kin scan their whole list, which over thousands of requests and
people would make validation quadratic."""

from __future__ import annotations

import dataclasses
from functools import cached_property
from typing import TypeVar

from scheduler.model import Delegation, Host, Interpreter, Plan, Request, Venue


class IndexedPlan(Plan):
    """The same plan; where an id is (wrongly) used twice, the first one is found, as `Plan` finds it."""

    @cached_property
    def _venues(self) -> dict[str, Venue]:
        return _first_by_id(self.venues)

    @cached_property
    def _hosts(self) -> dict[str, Host]:
        return _first_by_id(self.hosts)

    @cached_property
    def _delegations(self) -> dict[str, Delegation]:
        return _first_by_id(self.delegations)

    @cached_property
    def _interpreters(self) -> dict[str, Interpreter]:
        return _first_by_id(self.interpreters)

    @cached_property
    def _requests(self) -> dict[str, Request]:
        return _first_by_id(self.requests)

    def venue(self, venue_id: str) -> Venue:
        return self._venues[venue_id]

    def host(self, host_id: str) -> Host:
        return self._hosts[host_id]

    def delegation(self, delegation_id: str) -> Delegation:
        return self._delegations[delegation_id]

    def interpreter(self, interpreter_id: str) -> Interpreter:
        return self._interpreters[interpreter_id]

    def request(self, request_id: str) -> Request:
        return self._requests[request_id]


def indexed(plan: Plan) -> Plan:
    if isinstance(plan, IndexedPlan):
        return plan
    return IndexedPlan(**{field.name: getattr(plan, field.name) for field in dataclasses.fields(plan)})


_Item = TypeVar("_Item", Venue, Host, Delegation, Interpreter, Request)


def _first_by_id(items: tuple[_Item, ...]) -> dict[str, _Item]:
    found: dict[str, _Item] = {}
    for item in items:
        found.setdefault(item.id, item)
    return found
