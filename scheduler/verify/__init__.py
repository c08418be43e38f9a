"""The independent verifier: re-checks a schedule against every hard rule, without the solver."""

from scheduler.verify.context import Violation
from scheduler.verify.schedule import verify

__all__ = ["Violation", "verify"]
