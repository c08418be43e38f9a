"""Shared set-up for the app tests: a fresh store per test, AppTest runs of the pages, a real server.

Every test gets its own SQLite file through DATABASE_URL, so the store seeds the sample plan anew
and nothing a test publishes or links leaks into the next one.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import ui.export_files
import ui.services
from scheduler import Store

ROOT = Path(__file__).resolve().parent.parent
MAIN = ROOT / "ui" / "main.py"
ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
OPEN_BANNER = "Open access: no sign-in is configured"
SOLVE_SECONDS = 5  # the slider's smallest value; the sample plan is proven optimal well within it


@pytest.fixture
def fresh_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The store the pages use, on an empty SQLite file of this test (seeded with the sample plan)."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    ui.services._store = None
    ui.export_files.forget_files()  # cached by database too, but the same path may come back
    yield ui.services.store()
    ui.services._store.engine.dispose()
    ui.services._store = None


def plan_id_of(store: Store) -> int:
    """The plan the store was seeded with (the sample), the one a new session works on."""
    return store.plan_ids()[0]


def app(page: str | None = None, query: dict[str, str] | None = None) -> AppTest:
    """The staff app (or a delegation's page with a query), run once on `page` when given."""
    at = AppTest.from_file(str(MAIN), default_timeout=60)
    if query:
        at.query_params.update(query)
    if page:
        at.switch_page(page)
    return at.run()


def texts(at: AppTest) -> list[str]:
    """Every piece of text the run put on the page: titles, markdown, alerts, captions, code; Markdown's
    escapes (which ui.plain adds to free text) read as the characters they show."""
    found = []
    for kind in ("title", "subheader", "markdown", "caption", "code", "info", "success", "warning", "error"):
        found += [str(element.value) for element in at.get(kind)]
    return [unescaped(text) for text in found]


def unescaped(markdown: str) -> str:
    """Markdown as the characters it shows: its backslash escapes and invisible word joiners removed."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")  # ui.plain's word joiners


def solve_on_page(at: AppTest, timeout: float = 60, tick: str = "") -> AppTest:
    """Press "Build the programme" on the Solve page (with the box whose label starts with `tick`
    ticked) and rerun until the Result is shown."""
    at.switch_page("solve_page.py").run()
    at.slider[0].set_value(SOLVE_SECONDS)
    if tick:
        [box] = [b for b in at.checkbox if b.label.startswith(tick)]
        box.check()
    button(at, "Build the programme").click().run()
    deadline = time.monotonic() + timeout
    while "Result" not in [s.value for s in at.subheader] or "solve_job" in at.session_state:
        assert time.monotonic() < deadline, "the solve did not finish in time"
        assert not at.exception, at.exception
        time.sleep(0.3)
        at.run()
    return at


def button(at: AppTest, label: str):
    """The one button (or form submit button) with this label."""
    found = [b for b in at.button if b.label == label]
    assert len(found) == 1, f"{label!r} among {[b.label for b in at.button]}"
    return found[0]


def chromium_or_skip() -> str:
    """The system Chromium; a missing one skips locally and fails in CI (scripts/test.sh installs it)."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing: the CI set-up installs the chromium package")
    pytest.skip(f"{CHROMIUM} is missing: install the Debian chromium package to run the browser tests")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`streamlit run app.py` in a subprocess with its own database file; `url` once it answers."""

    def __init__(self, database: Path, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.database = database
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "PYTHONUNBUFFERED": "1"}
        command = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless",
            "true",
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ]
        self.started = time.monotonic()
        self._log_file = log.open("wb")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self._log_file, stderr=subprocess.STDOUT
        )

    def wait_healthy(self, timeout: float = 60) -> float:
        """Seconds from the start until /_stcore/health answers ok."""
        deadline = self.started + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited: {self.log.read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        return time.monotonic() - self.started
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(
            f"streamlit did not answer in {timeout} s: {self.log.read_text(errors='replace')[-2000:]}"
        )

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log_file.close()


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("server")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    server = Server(folder / "app.db", ARTIFACTS / "server.log")
    try:
        server.wait_healthy()
        yield server
    finally:
        server.stop()
