"""Shared fixtures: a fresh SQLite database file per test, and the tools the tests need."""
from __future__ import annotations

import os
import shutil

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def db(tmp_path):
    """A new, migrated SQLite database in a temporary file."""
    from canvass.db import open_database

    database = open_database(tmp_path / "test.db")
    yield database
    database.dispose()
