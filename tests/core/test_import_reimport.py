"""Re-import (the daily routine): reconcile by CCCD, activated per system, re-opened, one transaction."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from canvass.errors import Cancelled
from canvass.events import record_visit
from canvass.importing import run_import
from canvass.models import Event, ImportBatch, Resident, SourceRow
from tests.core.importfiles import people, person, standard_rows, write_xlsx


def _by_cccd(db) -> dict[str, Resident]:
    with db.session() as s:
        return {r.cccd: r for r in s.scalars(select(Resident))}


def _events(db, kind: str) -> list[Event]:
    with db.session() as s:
        return list(s.scalars(select(Event).where(Event.kind == kind).order_by(Event.id)))


def _counts(db) -> tuple:
    with db.session() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (Resident, Event, ImportBatch, SourceRow))


def test_newer_list_adds_updates_and_activates(db, tmp_path):
    day1 = people(5) + people(3, start=10, hamlet="Thôn Pò Đứa")
    first = run_import(db, write_xlsx(tmp_path / "d1.xlsx", standard_rows(day1)), actor="Cán bộ A")
    assert first.imported == 8 and len(_events(db, "imported")) == 8
    assert {e.actor for e in _events(db, "imported")} == {"Cán bộ A"}
    day2 = [p for p in day1 if p["stt"] != 2]                  # resident 2 activated their account
    day2[0] = dict(day2[0], phone="0988777666")                # resident 1's phone changed
    day2.append(person(6))                                     # a new one
    res = run_import(db, write_xlsx(tmp_path / "d2.xlsx", standard_rows(day2)))
    assert (res.imported, res.updated, res.unchanged, res.activated_per_system) == (1, 1, 6, 1)
    r = _by_cccd(db)
    gone = r[day1[1]["cccd"]]
    assert gone.status == "activated_system"
    act = _events(db, "activated_system")
    assert [(e.resident_id, e.batch_id) for e in act] == [(gone.id, res.batch)]
    upd = _events(db, "updated")
    assert len(upd) == 1 and json.loads(upd[0].data)["phone"] == ["+84910000001", "+84988777666"]
    assert r[day1[0]["cccd"]].phone == "+84988777666" and r[day1[0]["cccd"]].version == 2


def test_a_file_with_one_hamlet_activates_only_that_hamlet(db, tmp_path):
    na_thi, po_dua = people(4), people(4, start=10, hamlet="Thôn Pò Đứa")
    run_import(db, write_xlsx(tmp_path / "all.xlsx", standard_rows(na_thi + po_dua)))
    res = run_import(db, write_xlsx(tmp_path / "one.xlsx", standard_rows(na_thi[:3])))
    assert res.activated_per_system == 1 and res.unchanged == 3
    r = _by_cccd(db)
    assert r[na_thi[3]["cccd"]].status == "activated_system"
    assert {r[p["cccd"]].status for p in po_dua} == {"pending"}


def test_back_on_the_list_is_reopened_with_a_warning(db, tmp_path):
    ps = people(3)
    run_import(db, write_xlsx(tmp_path / "a.xlsx", standard_rows(ps)))
    with db.session() as s:
        rid = s.scalar(select(Resident.id).where(Resident.cccd == ps[2]["cccd"]))
        record_visit(s, rid, "absent")
    run_import(db, write_xlsx(tmp_path / "b.xlsx", standard_rows(ps[:2])), mode="complete")  # 1 of 3: say so
    assert _by_cccd(db)[ps[2]["cccd"]].status == "activated_system"
    res = run_import(db, write_xlsx(tmp_path / "c.xlsx", standard_rows(ps)))
    assert res.activated_per_system == 0
    assert [(w.row, w.field) for w in res.warnings] == [(10, "status")]
    back = _by_cccd(db)[ps[2]["cccd"]]
    assert back.status == "absent" and back.attempts == 1   # the state is derived again from the log
    assert len(_events(db, "system_reopened")) == 1


def test_same_file_twice_changes_nothing(db, tmp_path):
    path = write_xlsx(tmp_path / "l.xlsx", standard_rows(people(6)))
    run_import(db, path)
    before = {c: (r.version, r.status, r.phone) for c, r in _by_cccd(db).items()}
    events = len(_events(db, "imported"))
    again = run_import(db, path)
    assert (again.imported, again.updated, again.unchanged, again.duplicates, again.activated_per_system) == \
        (0, 0, 6, 0, 0)
    assert {c: (r.version, r.status, r.phone) for c, r in _by_cccd(db).items()} == before
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Event)) == events


def test_dry_run_computes_everything_and_writes_nothing(db, tmp_path):
    run_import(db, write_xlsx(tmp_path / "a.xlsx", standard_rows(people(4))))
    before = _counts(db)
    newer = people(3) + [person(7), dict(person(8), name="")]
    res = run_import(db, write_xlsx(tmp_path / "b.xlsx", standard_rows(newer)), dry_run=True)
    assert res.dry_run and res.batch is None
    assert (res.imported, res.unchanged, res.activated_per_system, len(res.rejected)) == (1, 3, 1, 1)
    assert _counts(db) == before


def test_failure_midway_leaves_nothing(db, tmp_path, monkeypatch):
    import canvass.importing.reconcile as rec

    real = rec.bulk_insert

    def failing(conn, table, columns, rows):
        if table.name == "source_row":          # residents, events and words are written by then
            raise RuntimeError("disk full")
        return real(conn, table, columns, rows)

    monkeypatch.setattr(rec, "bulk_insert", failing)
    with pytest.raises(RuntimeError):
        run_import(db, write_xlsx(tmp_path / "l.xlsx", standard_rows(people(5))))
    assert _counts(db) == (0, 0, 0, 0)
    with db.session() as s:
        assert s.execute(select(func.count()).select_from(rec.ResidentWord)).scalar() == 0


def test_failure_during_a_bulk_import_keeps_the_indexes(db, tmp_path, monkeypatch):
    import canvass.importing.reconcile as rec

    def indexes() -> set:
        with db.engine.connect() as conn:
            return set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'").scalars())

    before = indexes()
    monkeypatch.setattr(rec, "BULK_MIN_ROWS", 1)   # drop and rebuild the indexes even for 5 rows
    real = rec.bulk_insert

    def failing(conn, table, columns, rows):
        if table.name == "source_row":
            raise RuntimeError("disk full")
        return real(conn, table, columns, rows)

    monkeypatch.setattr(rec, "bulk_insert", failing)
    with pytest.raises(RuntimeError):
        run_import(db, write_xlsx(tmp_path / "l.xlsx", standard_rows(people(5))))
    assert indexes() == before and _counts(db) == (0, 0, 0, 0)
    monkeypatch.setattr(rec, "bulk_insert", real)
    assert run_import(db, write_xlsx(tmp_path / "l.xlsx", standard_rows(people(5)))).imported == 5
    assert indexes() == before


def test_cancel_leaves_nothing(db, tmp_path):
    path = write_xlsx(tmp_path / "l.xlsx", standard_rows(people(5)))
    seen = []

    def cancel() -> bool:
        seen.append(1)
        return len(seen) > 1      # let reading pass, stop while writing

    with pytest.raises(Cancelled):
        run_import(db, path, cancel=cancel)
    assert _counts(db) == (0, 0, 0, 0)
    progress = []
    run_import(db, path, progress=lambda d, t: progress.append((d, t)))
    assert progress and progress[-1] == (100, 100)


def test_import_after_a_dry_run_reuses_its_rows_and_gives_the_same_result(db, tmp_path, monkeypatch):
    import canvass.importing.importer as imp

    ps = people(4)
    run_import(db, write_xlsx(tmp_path / "a.xlsx", standard_rows(ps)))
    run_import(db, write_xlsx(tmp_path / "b.xlsx", standard_rows(ps[:3])))          # 4 activated per system
    # back on the list (a warning), a duplicate with another phone (a warning), a new one, a rejected row
    newer = ps + [dict(ps[0], stt=5, phone="0988777666"), person(9), dict(person(10), name="")]
    path = write_xlsx(tmp_path / "c.xlsx", standard_rows(newer))
    reads = []
    real = imp.read_rows
    monkeypatch.setattr(imp, "read_rows", lambda *a, **k: reads.append(1) or real(*a, **k))
    preview = run_import(db, path, dry_run=True)
    done = run_import(db, path)
    assert len(reads) == 1                                  # the file was read once
    assert {k: v for k, v in done.to_json().items() if k != "batch"} == \
        {k: v for k, v in preview.to_json().items() if k != "batch"}
    assert (done.imported, done.duplicates, len(done.rejected)) == (1, 1, 1)
    assert sorted(w.field for w in done.warnings) == ["cccd", "status"]   # each once, not doubled
    assert _by_cccd(db)[ps[3]["cccd"]].status == "pending" and _by_cccd(db)[person(9)["cccd"]] is not None
    run_import(db, path)                                    # no dry run before it: read again
    assert len(reads) == 2
    run_import(db, path, dry_run=True)
    imp.clear_read_cache()
    run_import(db, path, dry_run=True)
    assert len(reads) == 4


def test_a_changed_file_after_the_dry_run_is_read_again(db, tmp_path):
    path = tmp_path / "l.xlsx"
    write_xlsx(path, standard_rows(people(3)))
    assert run_import(db, path, dry_run=True).imported == 3
    write_xlsx(path, standard_rows(people(5)))
    assert run_import(db, path).imported == 5
