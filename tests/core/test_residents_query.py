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


def _renumber(db, town):
    """Distinct numbers to search for by their end: a CCCD, a phone, and a new phone reported on a visit."""
    from canvass.events import record_visit

    with db.session() as s:
        s.get(Resident, town["ids"]["Trần Thị Ánh"]).cccd = "001199012345"
        s.get(Resident, town["ids"]["Lê Đức Bình"]).phone = "+84987654321"
        return record_visit(s, town["ids"]["Vũ Đình Ăn"], "wrong_phone", new_phone="+84355123789",
                            at=dt.datetime(2025, 3, 10, 9)).id


def test_search_by_the_end_of_a_cccd_a_phone_or_a_visits_new_phone(db, town):
    visit = _renumber(db, town)
    assert names(db, ResidentQuery(search="2345")) == ["Trần Thị Ánh"]          # CCCD ending
    assert names(db, ResidentQuery(search="012345")) == ["Trần Thị Ánh"]
    assert names(db, ResidentQuery(search="321")) == ["Lê Đức Bình"]            # phone ending, 3 digits
    assert names(db, ResidentQuery(search="654 321")) == ["Lê Đức Bình"]        # as read out, in groups
    assert names(db, ResidentQuery(search="789")) == ["Vũ Đình Ăn"]             # the new phone from the visit
    assert names(db, ResidentQuery(search="0355123")) == ["Vũ Đình Ăn"]         # ... and its start
    assert names(db, ResidentQuery(search="an 789")) == ["Vũ Đình Ăn"]          # with a name word
    assert names(db, ResidentQuery(search="binh 789")) == []
    assert names(db, ResidentQuery(search="5123")) == []                        # the middle is not searched
    assert names(db, ResidentQuery(search="21")) == []                          # two digits search no number
    with db.session() as s:
        assert count_residents(s, ResidentQuery(search="321")) == 1
        assert count_residents(s, ResidentQuery(search="789", statuses=("wrong_phone",))) == 1
    from canvass.events import void_visit
    with db.session() as s:
        void_visit(s, visit)                                                    # the new phone goes with it
    assert names(db, ResidentQuery(search="789")) == []


def test_the_ending_search_is_an_index_range(db, town):
    """Endings are looked up in indexes of the reversed numbers, not by scanning every resident."""
    _renumber(db, town)
    from canvass.residents import _select
    with db.session() as s:
        stmt = _select(s, ResidentQuery(search="4321"), Resident.__table__.c.id)
        sql = str(stmt.compile(dialect=s.get_bind().dialect, compile_kwargs={"literal_binds": True}))
        plan = " ".join(str(r[-1]) for r in s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    for column in ("cccd_rev", "phone_rev", "phone_new_rev"):
        assert f"INDEX ix_resident_{column} ({column}>? AND {column}<?)" in plan, plan
    assert "SCAN resident" not in plan.replace("SCAN resident USING", ""), plan


def test_a_database_from_before_the_ending_search_is_upgraded(tmp_path):
    """A version-2 database (no reversed numbers) gets them filled on opening, and finds by ending."""
    import sqlite3

    from canvass.db import SCHEMA_VERSION, open_database, schema_version

    path = tmp_path / "old.db"
    db = open_database(path)
    town_ids = None
    with db.session() as s:
        c = Commune(name="Xã Thử", name_fold="xa thu")
        s.add(c)
        s.flush()
        h = Hamlet(commune_id=c.id, name="Thôn Nà Thí", name_fold="thon na thi")
        s.add(h)
        s.flush()
        r = Resident(cccd="001199012345", name="Nông Văn Thử", name_fold="nong van thu",
                     name_sort=name_sort_key("Nông Văn Thử"), phone="+84987654321", hamlet_id=h.id)
        s.add(r)
        s.flush()
        town_ids = r.id
    db.dispose()
    con = sqlite3.connect(path)
    for column in ("cccd_rev", "phone_rev", "phone_new_rev"):
        con.execute(f"DROP INDEX ix_resident_{column}")
        con.execute(f"ALTER TABLE resident DROP COLUMN {column}")
    con.execute("DROP INDEX IF EXISTS ix_resident_phone_new")
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            assert schema_version(conn) == SCHEMA_VERSION
        with db.session() as s:
            assert resident_ids(s, ResidentQuery(search="2345")) == [town_ids]
            assert resident_ids(s, ResidentQuery(search="4321")) == [town_ids]
    finally:
        db.dispose()


def test_cli_residents_search_finds_by_the_end_of_a_number(tmp_path, capsys):
    import json

    from canvass.cli import main

    dbp = str(tmp_path / "c.db")
    ps = people(3)
    assert main(["--db", dbp, "import", str(write_xlsx(tmp_path / "l.xlsx", standard_rows(ps)))]) == 0
    assert main(["--db", dbp, "mark", ps[2]["cccd"], "wrong_phone", "--phone", "0355 123 789"]) == 0
    capsys.readouterr()

    def found(text: str) -> list[str]:
        assert main(["--db", dbp, "residents", "--search", text, "--json"]) == 0
        return [r["name"] for r in json.loads(capsys.readouterr().out)]

    assert found(ps[1]["cccd"][-7:]) == [ps[1]["name"]]          # the end of a CCCD
    assert found(ps[0]["phone"][-4:]) == [ps[0]["name"]]         # the end of a phone
    assert found("123 789") == [ps[2]["name"]]                    # the end of the new phone from a visit


@pytest.mark.parametrize("broad", [20000, 40])
def test_the_first_page_of_a_search_is_the_start_of_the_whole_answer(tmp_path, monkeypatch, broad):
    """Issue 11: the window shows the first page of ids at once (`limit`), found by walking the names in
    order for common words; it must be exactly the start of the full, ordered answer, whichever way is
    taken (broad=40 makes every word "common" on this small list, so the walk is taken)."""
    import canvass.residents as residents
    from bench.bench_ui import build
    from canvass.db import open_database

    db = open_database(tmp_path / "page.db")
    build(db, 3000, seed=3)
    monkeypatch.setattr(residents, "BROAD", broad)
    walked = []
    real = residents._walk_is_cheaper
    monkeypatch.setattr(residents, "_walk_is_cheaper", lambda *a: walked.append(real(*a)) or walked[-1])
    queries = ["", "nguyen", "nguyen thi", "nguyen thi h", "tran v", "n", "ng", "h", "le thi", "ha", "vi thi",
               "nong duc", "zzz", "0912", "nguyen van an"]
    with db.read() as s:
        for text in queries:
            for q in (ResidentQuery(search=text), ResidentQuery(search=text, hamlet_ids=(3, 4)),
                      ResidentQuery(search=text, statuses=("pending",)),
                      ResidentQuery(search=text, sort="dob", descending=True)):
                full = resident_ids(s, q)
                for limit in (1, 7, 200):
                    assert resident_ids(s, q, limit=limit) == full[:limit], (q, limit)
    assert True in walked and (False in walked or broad == 40)    # both ways were taken
    db.dispose()


def test_a_search_within_a_few_hamlets_starts_from_them_and_finds_the_same_residents(tmp_path):
    """One commune of a province (a few hamlets of many): a common word ("nguyen") read every name (237 ms at
    300k, 423 ms for the first page) where the hamlets' residents are fewer; the search now starts from the
    hamlet index. The answer is the whole search's, in its order, kept to those hamlets."""
    from bench.bench_ui import build
    from canvass.db import open_database
    from canvass.residents import _select

    db = open_database(tmp_path / "few.db")
    build(db, 3000, seed=5)
    with db.read() as s:
        in_hamlets = {rid for rid, hid in s.execute(select(Resident.id, Resident.hamlet_id)) if hid in (3, 4)}
        for text in ("nguyen", "nguyen thi", "tran v", "h", "le thi", "0912", "zzz"):
            everyone = resident_ids(s, ResidentQuery(search=text))
            q = ResidentQuery(search=text, hamlet_ids=(3, 4))
            assert resident_ids(s, q) == [i for i in everyone if i in in_hamlets], text
            assert resident_ids(s, q, limit=5) == resident_ids(s, q)[:5], text
        stmt = _select(s, ResidentQuery(search="nguyen", hamlet_ids=(3, 4)), Resident.__table__.c.id)
        sql = str(stmt.compile(dialect=s.get_bind().dialect, compile_kwargs={"literal_binds": True}))
        plan = " ".join(str(r[-1]) for r in s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    assert "ix_resident_hamlet_name (hamlet_id=?)" in plan, plan
    db.dispose()
