"""The residents query: search folding, filters, Vietnamese sort order, counts, rows, find_resident."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from canvass.importing import run_import
from canvass.models import Commune, Hamlet, Household, Resident, ResidentWord, Team
from canvass.residents import (ResidentQuery, count_residents, find_resident, rebuild_search_index, resident_ids,
                               resident_rows, search_tokens)
from canvass.text import fold, name_sort_key
from tests.core.importfiles import people, standard_rows, write_xlsx

NAMES = ["Nguyễn Văn An", "Trần Thị Ánh", "Lê Đức Bình", "Đinh Văn Đức", "Phạm Thị Dung", "Hoàng Văn Dũng",
         "Nguyễn Thị Ân", "Vũ Đình Ăn"]


@pytest.fixture
def town(db):
    """Two hamlets, a team, eight residents built through the ORM (the search index follows by itself)."""
    with db.session() as s:
        c = Commune(name="Xã Thử", name_fold="xa thu")
        s.add(c)
        s.flush()
        h1 = Hamlet(commune_id=c.id, name="Thôn Nà Thí", name_fold="thon na thi")
        h2 = Hamlet(commune_id=c.id, name="Thôn Pò Đứa", name_fold="thon po dua")
        team = Team(name="Tổ 1", created_at=dt.datetime(2025, 3, 1))
        s.add_all([h1, h2, team])
        s.flush()
        hh = Household(hamlet_id=h1.id, key="7", number="7")
        s.add(hh)
        s.flush()
        ids = {}
        for i, name in enumerate(NAMES):
            r = Resident(cccd=f"020{i:09d}", name=name, name_fold=fold(name), name_sort=name_sort_key(name),
                         phone=f"+8491234{i:04d}", phone_raw=f"091234{i:04d}", hamlet_id=(h1 if i < 5 else h2).id,
                         household_id=hh.id if i < 2 else None, dob=dt.date(1980 + i, 1, 1),
                         status="absent" if i == 3 else "pending", status_reason="work_away" if i == 3 else None,
                         team_id=team.id if i % 2 == 0 else None, attempts=i % 3)
            s.add(r)
            s.flush()
            ids[name] = r.id
        return {"ids": ids, "h1": h1.id, "h2": h2.id, "team": team.id, "hh": hh.id}


def names(db, q: ResidentQuery) -> list[str]:
    with db.session() as s:
        return [r.name for r in resident_rows(s, resident_ids(s, q))]


def test_tokens_fold_and_join_digit_groups():
    assert search_tokens("  Nguyễn  VĂN đức ") == ["nguyen", "van", "duc"]
    assert search_tokens("0912 345.678") == ["0912345678"]


def test_search_ignores_case_and_diacritics_d_finds_dj(db, town):
    assert names(db, ResidentQuery(search="duc")) == ["Lê Đức Bình", "Đinh Văn Đức"]
    assert names(db, ResidentQuery(search="ĐỨC")) == ["Lê Đức Bình", "Đinh Văn Đức"]
    assert names(db, ResidentQuery(search="nguyen van an")) == ["Nguyễn Văn An"]
    assert names(db, ResidentQuery(search="an nguyen")) == ["Nguyễn Văn An", "Nguyễn Thị Ân"]
    assert names(db, ResidentQuery(search="ng th")) == ["Nguyễn Thị Ân"]         # word prefixes
    assert names(db, ResidentQuery(search="guyen")) == []                         # not inside a word
    assert names(db, ResidentQuery(search="!!")) == []


def test_search_cccd_and_phone(db, town):
    assert names(db, ResidentQuery(search="020000000003")) == ["Đinh Văn Đức"]
    assert names(db, ResidentQuery(search="0912340005")) == ["Hoàng Văn Dũng"]   # national form of +84…
    assert names(db, ResidentQuery(search="+84 912 340 005")) == ["Hoàng Văn Dũng"]
    assert names(db, ResidentQuery(search="912340006")) == ["Nguyễn Thị Ân"]        # without the leading 0
    assert len(names(db, ResidentQuery(search="020"))) == 8                       # a CCCD prefix


def test_one_or_two_digits_do_not_search_numbers(db, town):
    # every CCCD starts "020" and every phone "+8491…": 1-2 digits are a user still typing, not a search
    for short in ("0", "02", "9", "91", "84", "0 2"):
        assert names(db, ResidentQuery(search=short)) == [], short
    assert len(names(db, ResidentQuery(search="020"))) == 8 and len(names(db, ResidentQuery(search="091"))) == 8
    assert names(db, ResidentQuery(search="ng 02")) == []                  # a short digit word is a name word
    assert names(db, ResidentQuery(search="ng 0912340006")) == ["Nguyễn Thị Ân"]
    assert names(db, ResidentQuery(search="ng")) == ["Nguyễn Văn An", "Nguyễn Thị Ân"]   # names unaffected


def test_vietnamese_order_by_given_name_and_descending(db, town):
    asc = names(db, ResidentQuery())
    # letters first (a < ă < â, d < đ), tones only break ties: An < Ánh < Ăn < Ân
    assert asc == ["Nguyễn Văn An", "Trần Thị Ánh", "Vũ Đình Ăn", "Nguyễn Thị Ân", "Lê Đức Bình", "Phạm Thị Dung",
                   "Hoàng Văn Dũng", "Đinh Văn Đức"]
    assert names(db, ResidentQuery(descending=True)) == list(reversed(asc))
    by_dob = names(db, ResidentQuery(sort="dob", descending=True))
    assert by_dob[0] == "Vũ Đình Ăn" and by_dob[-1] == "Nguyễn Văn An"
    with pytest.raises(ValueError):
        names(db, ResidentQuery(sort="name; drop table resident"))


def test_filters_and_counts(db, town):
    with db.session() as s:
        def both(q):
            ids = resident_ids(s, q)
            assert count_residents(s, q) == len(ids)
            return len(ids)

        assert both(ResidentQuery()) == 8
        assert both(ResidentQuery(hamlet_ids=(town["h2"],))) == 3
        assert both(ResidentQuery(team_ids=(town["team"],))) == 4
        assert both(ResidentQuery(team_ids=(None,))) == 4
        assert both(ResidentQuery(team_ids=(None, town["team"]))) == 8
        assert both(ResidentQuery(statuses=("absent",))) == 1
        assert both(ResidentQuery(reasons=("work_away",))) == 1
        assert both(ResidentQuery(household_id=town["hh"])) == 2
        assert both(ResidentQuery(search="thi", hamlet_ids=(town["h1"],))) == 2
        assert both(ResidentQuery(search="van", team_ids=(None,), statuses=("absent",))) == 1


def test_rows_in_the_given_order(db, town):
    ids = town["ids"]
    with db.session() as s:
        rows = resident_rows(s, [ids["Đinh Văn Đức"], ids["Nguyễn Văn An"], 99999])
    assert [r.name for r in rows] == ["Đinh Văn Đức", "Nguyễn Văn An"]
    d, a = rows
    assert (d.status, d.status_reason, d.hamlet, d.team, d.household) == ("absent", "work_away", "Thôn Nà Thí",
                                                                          None, None)
    assert (a.team, a.household, a.phone, a.dob) == ("Tổ 1", "7", "+8491234" + "0000", dt.date(1980, 1, 1))


def test_find_resident(db, town):
    with db.session() as s:
        assert find_resident(s, "020 000 000 004").name == "Phạm Thị Dung"
        assert find_resident(s, "20000000004").name == "Phạm Thị Dung"    # leading zero lost
        assert find_resident(s, f"#{town['ids']['Vũ Đình Ăn']}").name == "Vũ Đình Ăn"
        assert find_resident(s, "#x") is None and find_resident(s, "999") is None


def test_orm_rename_and_rebuild_keep_the_index(db, town):
    with db.session() as s:
        r = s.get(Resident, town["ids"]["Nguyễn Văn An"])
        r.name, r.name_fold, r.name_sort = "Nguyễn Văn Khải", "nguyen van khai", name_sort_key("Nguyễn Văn Khải")
    assert names(db, ResidentQuery(search="khai")) == ["Nguyễn Văn Khải"]
    with db.connect() as conn:
        assert rebuild_search_index(conn) > 8
    assert names(db, ResidentQuery(search="khai")) == ["Nguyễn Văn Khải"]
    assert names(db, ResidentQuery(search="van an")) == []


def test_import_writes_the_index_and_a_rename_updates_it(db, tmp_path):
    ps = people(3)
    run_import(db, write_xlsx(tmp_path / "a.xlsx", standard_rows(ps)))
    assert names(db, ResidentQuery(search=fold(ps[0]["name"]))) == [ps[0]["name"]]
    renamed = [dict(ps[0], name="Bế Văn Quý")] + ps[1:]
    run_import(db, write_xlsx(tmp_path / "b.xlsx", standard_rows(renamed)))
    assert names(db, ResidentQuery(search="be quy")) == ["Bế Văn Quý"]
    with db.session() as s:
        words = set(s.scalars(select(ResidentWord.word).join(Resident, Resident.id == ResidentWord.resident_id)
                              .where(Resident.cccd == ps[0]["cccd"])))
    assert words == {"be", "van", "quy"}
