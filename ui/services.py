"""What every page shares: the one store of this server process, seeded with the sample plan."""

from __future__ import annotations

import threading
from pathlib import Path

from scheduler import Store, load_plan_file

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "ukraine-prosecutors-2024.json"
_lock = threading.Lock()
_store: Store | None = None


def store() -> Store:
    """The embedded SQLite file by default, PostgreSQL when DATABASE_URL is set; one per process.

    Not st.cache_resource: the calendar feed calls this from the web server, outside any session.
    """
    global _store
    with _lock:
        if _store is None:
            _store = Store()
            if not _store.plan_ids():
                plan, problems = load_plan_file(SAMPLE)
                if plan is None:  # the bundled sample is tested; this only guards a broken checkout
                    raise RuntimeError("; ".join(str(p) for p in problems))
                _store.create_plan(plan, author="sample", note="the bundled sample plan")
        return _store
