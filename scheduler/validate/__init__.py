"""Semantic checks of a decoded plan: every problem at once, each located by its JSON path."""

from scheduler.validate.plan import validate

__all__ = ["validate"]
