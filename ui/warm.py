"""Work done once when the server starts, so that the first page a person opens is quick."""

from __future__ import annotations

import importlib
import logging

WARM_MODULES = (
    "pandas",
    "altair",
    "openpyxl",
    "scheduler.io.workbook",
    "scheduler.validate",
    "ui.plan_tables",
)


def warm_up() -> None:
    """Import what the pages need and open the store (creating and seeding it on a first start).

    A failure here is only logged: the page that needs the store will say what is wrong.
    """
    try:
        for name in WARM_MODULES:
            importlib.import_module(name)
        from ui.services import store

        store()
    except Exception:
        logging.getLogger(__name__).exception("warming up failed; the pages will report it")
