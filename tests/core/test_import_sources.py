"""Source rows on re-import: every row of every batch is kept (sheet, row, what became of it) and can be
shown as read, but each distinct row text is stored once."""
from __future__ import annotations

import json
from sqlalchemy import func, select, update

from canvass.importing import raw_cells, run_import, source_rows_of
from canvass.models import ImportBatch, Resident, SourceRow, SourceText
from tests.core.importfiles import HEADER, people, standard_rows, write_xlsx


def _count(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_the_same_list_again_adds_rows_but_no_text(db, tmp_path):
    day = people(6)
    path = write_xlsx(tmp_path / "d.xlsx", standard_rows(day))
    first = run_import(db, path)
    texts = _count(db, SourceText)
    assert _count(db, SourceRow) == 6 and texts == 6
    second = run_import(db, path)
    third = run_import(db, path)
    assert second.unchanged == third.unchanged == 6
    assert _count(db, SourceRow) == 18 and _count(db, SourceText) == texts     # nothing stored twice
    with db.session() as s:
        by_batch = {}
        for sr in s.scalars(select(SourceRow).order_by(SourceRow.id)):
            by_batch.setdefault(sr.batch_id, []).append((sr.sheet, sr.row_number, sr.raw, sr.disposition))
        assert list(by_batch) == [first.batch, second.batch, third.batch]
        assert [r[:3] for r in by_batch[first.batch]] == [r[:3] for r in by_batch[third.batch]]
        assert {r[3] for r in by_batch[third.batch]} == {"unchanged"}
        # the hybrid attribute works in a query too
        raws = list(s.scalars(select(SourceRow.raw).where(SourceRow.batch_id == third.batch)))
        assert raws == [r[2] for r in by_batch[third.batch]]
        rid = s.scalar(select(Resident.id).where(Resident.cccd == day[0]["cccd"]))
        recs = source_rows_of(s, rid)
    assert [r.batch_id for r in recs] == [third.batch, second.batch, first.batch]
    assert day[0]["name"] in recs[0].cells and recs[0].cells == recs[2].cells
    assert recs[0].disposition == "unchanged" and recs[2].disposition == "imported"


def test_a_changed_row_stores_its_new_text_once(db, tmp_path):
    day1 = people(4)
    run_import(db, write_xlsx(tmp_path / "d1.xlsx", standard_rows(day1)))
    day2 = [dict(day1[0], phone="0988777666")] + day1[1:]
    res = run_import(db, write_xlsx(tmp_path / "d2.xlsx", standard_rows(day2)))
    assert res.updated == 1 and _count(db, SourceText) == 5
    with db.session() as s:
        rid = s.scalar(select(Resident.id).where(Resident.cccd == day1[0]["cccd"]))
        recs = source_rows_of(s, rid)
    assert [r.disposition for r in recs] == ["updated", "imported"]
    assert "0988777666" in recs[0].cells and "0988777666" not in recs[1].cells


def test_rows_written_before_source_text_still_read(db, tmp_path):
    run_import(db, write_xlsx(tmp_path / "d1.xlsx", standard_rows(people(2))))
    with db.session() as s:
        sr = s.scalars(select(SourceRow).order_by(SourceRow.id)).first()
        cells = raw_cells(sr.raw)
    with db.engine.begin() as conn:     # as an older database wrote it: the text inline, no text_id
        conn.execute(update(SourceRow.__table__).where(SourceRow.__table__.c.id == sr.id)
                     .values(raw=json.dumps(cells + ["x"]), text_id=None))
    with db.session() as s:
        assert s.get(SourceRow, sr.id).raw == json.dumps(cells + ["x"])
        assert source_rows_of(s, sr.resident_id)[-1].cells == cells + ["x"]
    assert raw_cells("not json") == ["not json"] and raw_cells('[1, null]') == ["1", ""]
    with db.session() as s:                 # written one at a time through the ORM: the text stays inline
        one = SourceRow(batch_id=sr.batch_id, sheet="Tay", row_number=99, raw='["a", "b"]',
                        resident_id=sr.resident_id, disposition="imported")
        s.add(one)
        s.flush()
        assert (one.raw, one.text_id) == ('["a", "b"]', None)
        assert source_rows_of(s, sr.resident_id)[0].cells == ["a", "b"]


def test_the_batch_records_each_sheets_headers_for_the_raw_row_view(db, tmp_path):
    res = run_import(db, write_xlsx(tmp_path / "d.xlsx", standard_rows(people(2))))
    with db.session() as s:
        summary = json.loads(s.get(ImportBatch, res.batch).summary)
        rid = s.scalar(select(Resident.id))
        rec = source_rows_of(s, rid)[0]
    heads = summary["headers"][rec.sheet]
    assert len(heads) >= len(rec.cells) and rec.cells[heads.index(HEADER[1])] == people(1)[0]["name"]
