"""The shared sample list imports to exactly the figures its README gives."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from canvass.importing import inspect_file, run_import
from canvass.models import Commune, Hamlet, Household, Resident

SAMPLE = Path(__file__).resolve().parents[2].parent / "shared/samples/sample_commune.xlsx"
pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample list not present")


def test_sample_inspection_finds_header_and_numbering_row():
    ins = inspect_file(SAMPLE)
    assert ins.format == "xlsx"
    sheet = ins.sheets[0]
    assert sheet.header_row == 6
    assert sheet.mapping[1] == "name" and sheet.mapping[4] == "cccd" and sheet.mapping[9] == "hamlet"
    assert sheet.sample_rows[0][1] == "Hoàng Văn Nam"   # the numbering row (7) is not a sample
    assert sheet.problems == []


def test_sample_imports_exactly(db):
    res = run_import(db, SAMPLE)
    assert (res.rows_read, res.imported, res.duplicates, res.rejected) == (300, 300, 0, [])
    assert (res.hamlets, res.households) == (4, 156)
    with db.session() as s:
        per_hamlet = dict(s.execute(select(Hamlet.name, func.count(Resident.id))
                                    .join(Resident, Resident.hamlet_id == Hamlet.id).group_by(Hamlet.name)).all())
        assert per_hamlet == {"Thôn Nà Thí": 82, "Thôn Bản Quyền": 59, "Thôn Khòn Cuổi": 68, "Thôn Pò Đứa": 91}
        hh = dict(s.execute(select(Hamlet.name, func.count(Household.id))
                            .join(Household, Household.hamlet_id == Hamlet.id).group_by(Hamlet.name)).all())
        assert hh == {"Thôn Nà Thí": 42, "Thôn Bản Quyền": 34, "Thôn Khòn Cuổi": 35, "Thôn Pò Đứa": 45}
        heads = s.scalar(select(func.count(func.distinct(Resident.household_id))).where(Resident.is_head))
        assert heads == 106
        assert s.scalar(select(func.count()).select_from(Resident).where(Resident.phone_raw.is_(None))) == 36
        first = s.scalars(select(Resident).order_by(Resident.id)).first()
        assert (first.name, first.dob, first.cccd, first.phone) == \
            ("Hoàng Văn Nam", dt.date(1986, 12, 28), "020086832493", "+84797475594")
        assert first.hamlet.name == "Thôn Nà Thí" and first.household.number == "5"
        assert s.scalars(select(Commune.name)).all() == ["Xã Tân Văn"]


def test_sample_twice_changes_nothing(db):
    run_import(db, SAMPLE)
    again = run_import(db, SAMPLE)
    assert (again.imported, again.updated, again.unchanged, again.activated_per_system) == (0, 0, 300, 0)


def test_sample_joins_the_commune_typed_without_its_kind_word(tmp_path):
    """The start dialog's "Tân Văn" and the list's "CÔNG AN XÃ TÂN VĂN" are one commune, not two."""
    from canvass.db import open_database
    from canvass.importing import run_import
    from canvass.models import Commune, Hamlet
    from canvass.text import fold
    from sqlalchemy import func, select

    if not SAMPLE.exists():
        pytest.skip("shared sample list not present")
    db = open_database(tmp_path / "c.db")
    with db.session() as s:
        s.add(Commune(name="Tân Văn", name_fold=fold("Tân Văn")))
    run_import(db, SAMPLE)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Commune)) == 1
        cid = s.scalar(select(Commune.id))
        assert s.scalar(select(func.count()).select_from(Hamlet).where(Hamlet.commune_id == cid)) == 4
    db.dispose()
