"""Shared fixtures: a fresh SQLite database file per test, and the tools the tests need."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def db(tmp_path):
    """A new, migrated SQLite database in a temporary file."""
    from canvass.db import open_database

    database = open_database(tmp_path / "test.db")
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def pg_url():
    """One real PostgreSQL server for the whole run (started on first use; see tests/pg.py)."""
    from tests.pg import postgres_server

    with postgres_server() as url:
        yield url


@pytest.fixture
def pg_db(pg_url):
    """A migrated database on that server, emptied again after the test."""
    from sqlalchemy import text

    from canvass.db import open_database

    database = open_database(pg_url)
    yield database
    with database.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    database.dispose()
