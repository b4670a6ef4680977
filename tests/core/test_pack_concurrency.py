"""Pack merges from several processes at once on one SQLite file (issue 12, item 4): the result equals some
serial order. Two clicks (or two PCs) merging the same returned pack record every visit exactly once; two
teams' packs merged at once both go in whole. Real processes (multiprocessing spawn) released together by a
barrier; check_log_and_cache (test_concurrency.py) proves cache and versions equal the log."""
from __future__ import annotations

import multiprocessing as mp

from sqlalchemy import func, select

from canvass.db import open_database
from canvass.models import Event
from canvass.packs import export_pack
from tests.core.test_concurrency import check_log_and_cache
from tests.core.test_packs import D1, D2, commune_with_teams, fill

OUTCOMES = ["Vắng mặt", "Từ chối", "Đã kích hoạt", "Hẹn quay lại", "Sai số điện thoại"]


def _merge(path: str, pack: str, barrier, results) -> None:
    from canvass.packs import import_pack
    db = open_database(path)
    try:
        barrier.wait(60)
        res = import_pack(db, pack, actor="p")
        results.put((res.applied, res.unchanged, len(res.conflicts), len(res.rejected)))
    finally:
        db.dispose()


def _run(jobs) -> list[tuple]:
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(len(jobs)), ctx.Queue()
    procs = [ctx.Process(target=_merge, args=(*a, barrier, results)) for a in jobs]
    for p in procs:
        p.start()
    out = [results.get(timeout=180) for _ in procs]
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    return out


def _filled(db, tmp_path, team: str, ids: list[int], name: str):
    export_pack(db, team, tmp_path / f"{name}.xlsx")
    values = {rid: {"outcome": OUTCOMES[i % len(OUTCOMES)], "visit_date": D1 if i % 2 else D2}
              for i, rid in enumerate(ids)}
    fill(tmp_path / f"{name}.xlsx", tmp_path / f"{name}_ret.xlsx", values)
    return str(tmp_path / f"{name}_ret.xlsx")


def _visits_per_resident(db) -> dict[int, int]:
    with db.read() as s:
        return dict(s.execute(select(Event.resident_id, func.count()).where(Event.kind == "visit")
                              .group_by(Event.resident_id)).all())


def test_the_same_pack_merged_by_two_processes_at_once_records_every_visit_once(tmp_path):
    path = str(tmp_path / "c.db")
    db = open_database(path)
    ids, _ = commune_with_teams(db)
    ret = _filled(db, tmp_path, "Tổ 1", ids[:12], "p")
    results = sorted(_run([(path, ret), (path, ret)]))
    assert results == [(0, 12, 0, 0), (12, 0, 0, 0)]      # one merge applied everything, the other nothing
    assert _visits_per_resident(db) == {rid: 1 for rid in ids[:12]}
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Event).where(Event.kind == "pack_import")) == 1
    check_log_and_cache(db)
    db.dispose()


def test_two_teams_packs_merged_at_once_both_go_in_whole(tmp_path):
    path = str(tmp_path / "c.db")
    db = open_database(path)
    ids, _ = commune_with_teams(db, teams=("Tổ 1", "Tổ 2"))
    half = len(ids) // 2
    one = _filled(db, tmp_path, "Tổ 1", ids[:half], "t1")
    two = _filled(db, tmp_path, "Tổ 2", ids[half:], "t2")
    results = sorted(_run([(path, one), (path, two)]))
    assert results == [(half, 0, 0, 0), (len(ids) - half, 0, 0, 0)]
    assert _visits_per_resident(db) == {rid: 1 for rid in ids}
    check_log_and_cache(db)
    db.dispose()
