"""A solve running beside the page: the solver thread feeds a queue, the script thread draws from it.

Streamlit elements cannot be called from the solver's callback thread (it has no session
context), so the callback only records progress; the page reads `latest` on its own reruns.
Every staff page keeps a finished job's schedule (`keep_finished`), so a solve that ends while
staff look at another page is not lost.
"""

from __future__ import annotations

import contextlib
import ctypes
import queue
import threading
import time
from dataclasses import dataclass, field, replace

from scheduler import Plan, Progress, Schedule, SolveOptions, solve
from ui import state
from ui.services import store

JOB = "solve_job"
SECONDS, WORKERS, SEED = 20, 2, 1  # what the Solve page offers first, and what a re-solve elsewhere uses


@dataclass
class SolveJob:
    plan_id: int
    plan: Plan
    plan_version: int
    options: SolveOptions
    started: float = field(default_factory=time.monotonic)
    progress: queue.Queue[Progress] = field(default_factory=queue.Queue)
    latest: Progress | None = None
    result: Schedule | None = None
    error: str | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None

    def start(self) -> SolveJob:
        self.thread = threading.Thread(target=self._run, name="solve", daemon=True)
        self.thread.start()
        return self

    def _run(self) -> None:
        options = replace(self.options, stop=self.stop)
        try:
            self.result = solve(self.plan, options, on_progress=self.progress.put)
        except Exception as error:  # shown on the page, never as a traceback
            self.error = f"{type(error).__name__}: {error}"
        finally:
            _hand_back_memory()

    @property
    def running(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def drain(self) -> Progress | None:
        """The newest progress report; older ones are dropped unread."""
        while True:
            try:
                self.latest = self.progress.get_nowait()
            except queue.Empty:
                return self.latest

    def cancel(self) -> None:
        self.stop.set()


def _hand_back_memory() -> None:
    """Give the memory a finished solve freed back to the system: glibc keeps it for the process
    otherwise (measured: 556 MB after a 20 s solve of the generated 1,000-request plan, 193 MB after
    this). Where the C library is not glibc there is nothing to do."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def start_solve(
    time_limit: float, workers: int, seed: int, keep_from: int | None = None, go_on_from: int | None = None
) -> None:
    """Start a solve of the plan's latest version in this session (a running one is stopped first);
    `keep_from`: the id of a stored schedule to stay close to; `go_on_from`: of one to start from
    (SolveOptions.start)."""
    previous = state.get(JOB)
    if previous is not None:
        previous.cancel()
    state.drop("solve_error")  # an earlier run's error says nothing about this one
    plan_id = state.plan_id()
    stored = store().latest(plan_id)
    keep = store().schedule(keep_from).schedule.to_keep() if keep_from is not None else ()
    start = store().schedule(go_on_from).schedule.to_keep() if go_on_from is not None else ()
    options = SolveOptions(time_limit=time_limit, workers=workers, seed=seed, keep=keep, start=start)
    state.put(JOB, SolveJob(plan_id, stored.plan, stored.version, options).start())


def running() -> bool:
    job = state.get(JOB)
    return job is not None and job.running


def keep_finished() -> SolveJob | None:
    """Stores this session's solve once it is over, with the plan it was started on; the job while it runs."""
    job: SolveJob | None = state.get(JOB)
    if job is None or job.running:
        return job
    state.drop(JOB)
    if job.error:
        state.put("solve_error", job.error)
    elif job.result is not None and job.plan_id not in store().plan_ids():
        gone = "The plan was deleted while its programme was being built; nothing was kept."
        state.put("solve_error", gone)
    elif job.result is not None:
        state.put("schedule_id", store().save_schedule(job.plan_id, job.plan_version, job.result))
    return None
