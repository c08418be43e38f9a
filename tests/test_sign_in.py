"""The staff password's throttle: a growing wait per session and per client address, and a log line
for every wrong password that never holds the password."""

from __future__ import annotations

import logging

from tests.app_support import app, button, fresh_store
from ui.sign_in_throttle import FORGET_AFTER, MAX_WAIT, Throttle, wait_after

__all__ = ["fresh_store"]  # the fixture, imported for pytest

SESSION, OTHER_SESSION, ADDRESS = "session:a", "session:b", "address:203.0.113.9"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_wait_grows_with_each_wrong_password_up_to_a_ceiling():
    waits = [wait_after(n) for n in range(1, 41)]
    assert waits[:2] == [0.0, 0.0]  # a mistype or two costs nothing
    assert waits[2:6] == [2.0, 4.0, 8.0, 16.0]
    assert waits[-1] == MAX_WAIT and waits == sorted(waits)
    assert sum(waits[:15]) > 30 * 60 and sum(waits) > 2 * 3600  # 40 tries: hours, not the 10 s they took


def test_a_wait_holds_for_the_session_and_for_every_session_from_the_same_address():
    clock = Clock()
    throttle = Throttle(clock)
    for _ in range(3):
        assert throttle.wait([SESSION, ADDRESS]) == 0
        throttle.failed([SESSION, ADDRESS])
    assert throttle.wait([SESSION, ADDRESS]) == 2.0
    # a new session from the same address waits as well: opening another tab does not help
    assert throttle.wait([OTHER_SESSION, ADDRESS]) == 2.0
    assert throttle.wait([OTHER_SESSION, "address:198.51.100.1"]) == 0
    clock.now += 2.0
    assert throttle.wait([SESSION, ADDRESS]) == 0
    throttle.failed([SESSION, ADDRESS])
    assert throttle.wait([SESSION, ADDRESS]) == 4.0
    clock.now += FORGET_AFTER + 1  # a long quiet forgets
    assert throttle.wait([SESSION, ADDRESS]) == 0
    throttle.failed([SESSION])
    assert throttle.wait([SESSION]) == 0  # counted afresh: the first of a new run
    throttle.succeeded([SESSION, ADDRESS])
    assert throttle.wait([SESSION, ADDRESS]) == 0


def test_wrong_passwords_make_the_sign_in_wait_and_are_logged_without_the_password(fresh_store, caplog):
    at = app()
    at.secrets["staff_password"] = "correct horse"
    at.run()
    caplog.set_level(logging.WARNING, logger="scheduler.sign_in")
    errors = []
    for guess in ("guess one", "guess two", "guess three"):
        at.text_input[0].set_value(guess)
        button(at, "Sign in").click().run()
        errors.append([e.value for e in at.error])
    assert errors == [
        ["That password is not right."],
        ["That password is not right."],
        ["That password is not right. Try again in 2 seconds."],
    ]
    # while the wait lasts, even the right password is not compared
    at.text_input[0].set_value("correct horse")
    button(at, "Sign in").click().run()
    assert [e.value for e in at.error] == ["Too many wrong passwords: try again in 2 seconds."]
    assert [t.value for t in at.title] == ["Sign in"]
    lines = [r.getMessage() for r in caplog.records if r.name == "scheduler.sign_in"]
    assert len(lines) == 3 and all(line.startswith("failed staff sign-in from ") for line in lines)
    assert "3 wrong in a row; next try in 2 s" in lines[-1]
    assert not any(secret in line for line in lines for secret in ("guess", "horse"))
