"""The exports on a real PostgreSQL server give the same documents as on SQLite."""
from __future__ import annotations

import openpyxl
import pytest

from canvass.db import open_database
from canvass.exporting import KINDS, export
from tests.core.test_export_lists import build

pytestmark = pytest.mark.postgres


def cells(path) -> list[list]:
    wb = openpyxl.load_workbook(path)
    return [[list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets]


def test_every_document_is_the_same_on_postgres_and_sqlite(pg_db, tmp_path):
    lite = open_database(tmp_path / "lite.db")
    build(lite)
    build(pg_db)
    for kind in KINDS:
        a = export(lite, kind, tmp_path / f"lite-{kind}.xlsx")
        b = export(pg_db, kind, tmp_path / f"pg-{kind}.xlsx")
        assert a.rows == b.rows > 0, kind
        assert cells(tmp_path / f"lite-{kind}.xlsx") == cells(tmp_path / f"pg-{kind}.xlsx"), kind
    b = export(pg_db, "absent", tmp_path / "pg.pdf", mask=True)
    assert b.rows > 0 and (tmp_path / "pg.pdf").stat().st_size > 10_000
    lite.dispose()
