"""The bulk writer's index rule (issue 14): on SQLite, the secondary indexes of each table an import at least
doubles (by BULK_MIN_ROWS rows or more) are dropped while it writes and built again after; the other tables
keep theirs. Checked on real databases, inside the writer's context and after it."""
from __future__ import annotations

from canvass.importing import run_import
import canvass.importing.reconcile as rec
from tests.core.importfiles import people, standard_rows, write_xlsx


def _indexes(conn) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for name, table in conn.exec_driver_sql("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' "
                                            "AND sql IS NOT NULL"):
        out.setdefault(table, set()).add(name)
    return out


def _inside(db, plan: rec.Plan) -> tuple[dict, dict, dict]:
    """The indexes before, inside `_indexes_dropped` and after it (rolled back: nothing is written)."""
    with db.engine.connect() as conn:
        before = _indexes(conn)
        with rec._indexes_dropped(conn, plan):
            inside = _indexes(conn)
        after = _indexes(conn)
        conn.rollback()
    return before, inside, after


def _plan(residents: int, rows: int, words: int, households: int = 0) -> rec.Plan:
    return rec.Plan(batch_id=1, residents=[()] * residents, rows=[None] * rows, words=[()] * words,
                    households=[()] * households)


def test_a_first_import_drops_the_indexes_of_the_tables_it_fills(db, monkeypatch):
    monkeypatch.setattr(rec, "BULK_MIN_ROWS", 3)
    before, inside, after = _inside(db, _plan(residents=5, rows=5, words=15))
    assert after == before
    for table in ("resident", "event", "source_row", "resident_word"):
        assert before[table] and not inside.get(table), table
    assert inside["household"] == before["household"]          # no household added: kept


def test_below_the_minimum_nothing_is_dropped(db, monkeypatch):
    monkeypatch.setattr(rec, "BULK_MIN_ROWS", 6)
    before, inside, _ = _inside(db, _plan(residents=5, rows=5, words=5))
    assert inside == before


def test_a_table_the_import_does_not_double_keeps_its_indexes(db, tmp_path, monkeypatch):
    monkeypatch.setattr(rec, "BULK_MIN_ROWS", 3)
    assert run_import(db, write_xlsx(tmp_path / "l.xlsx", standard_rows(people(6)))).imported == 6
    # 6 residents, 6 events, 6 source rows there: 4 new residents do not double them, 6 source rows do
    before, inside, after = _inside(db, _plan(residents=4, rows=6, words=12))
    assert after == before
    assert inside["resident"] == before["resident"] and inside["resident_word"] == before["resident_word"]
    assert inside["event"] == before["event"]
    assert not inside.get("source_row")
    before, inside, _ = _inside(db, _plan(residents=6, rows=0, words=18))
    assert not inside.get("resident") and not inside.get("event") and not inside.get("resident_word")
    assert inside["source_row"] == before["source_row"]
