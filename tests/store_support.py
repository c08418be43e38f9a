"""The store fixtures: each test runs on a fresh SQLite file and, when one is running, a real PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from scheduler.store import Store, metadata

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'plans.db'}"
    if not POSTGRES_URL:
        if os.environ.get("CI"):
            pytest.fail("TEST_POSTGRES_URL is not set: scripts/test.sh starts PostgreSQL for CI")
        pytest.skip("no PostgreSQL server: run scripts/test.sh, which starts one")
    engine = sa.create_engine(POSTGRES_URL)
    metadata.drop_all(engine)
    engine.dispose()
    return POSTGRES_URL


@pytest.fixture
def store(url) -> Iterator[Store]:
    store = Store(url)
    yield store
    store.engine.dispose()
