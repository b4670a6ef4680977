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


# Hypothesis profiles for the property tests: `ci` (default) is small and derandomized, so a CI run is
# reproducible and quick; `soak` (HYPOTHESIS_PROFILE=soak) runs many more random examples. No example
# database is written into the repository (database=None).
try:
    from hypothesis import HealthCheck, Phase, settings as _hyp_settings
except ImportError:  # the test extras are not installed: the property tests skip themselves
    pass
else:
    # ci does not shrink a failure (shrinking a generated workbook takes minutes): the failing example is
    # printed whole, with the blob that reproduces it
    _hyp_settings.register_profile("ci", max_examples=40, derandomize=True, database=None, deadline=None,
                                   print_blob=True, phases=[Phase.explicit, Phase.reuse, Phase.generate],
                                   report_multiple_bugs=False,
                                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    _hyp_settings.register_profile("soak", max_examples=1500, database=None, deadline=None, print_blob=True,
                                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    _hyp_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
