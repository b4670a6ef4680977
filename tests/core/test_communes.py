"""Many communes in one database: adding and finding communes, teams per commune, a province list split by
its commune column, targets allocated from the top, and the province report (xlsx and PDF, as of any day)."""
from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction

import openpyxl
import pytest
from sqlalchemy import func, select, text

from canvass.cli import main
from canvass.communes import (add_commune, allocate_targets, commune_targets, find_commune, list_communes,
                              province_figures, resolve_commune)
from canvass.errors import InvalidInput, NotFound
from canvass.events import record_visit
from canvass.exporting import export
from canvass.importing import run_import
from canvass.importing.headers import detect_header, match_header
from canvass.models import Commune, Event, Hamlet, Resident, Team
from canvass.quotas import largest_remainder, required_per_team_per_day
from canvass.teams import add_team, find_hamlet, find_team, merge_teams
from tests.core.importfiles import HEADER, TITLE, person, row_of, write_xlsx

HUNG_DAO, TAN_VAN = "Xã Hưng Đạo", "Xã Tân Văn"


def province_rows(persons: list[tuple[str, dict]], *, title: bool = False) -> list[list]:
    """A province list: the usual columns plus a "Xã/Phường" column, one row per (commune, person)."""
    rows = [list(r) for r in TITLE] + [[]] if title else []
    rows.append(list(HEADER) + ["Xã/Phường"])
    rows += [row_of(p) + [commune] for commune, p in persons]
    return rows


def two_commune_list(tmp_path, *, skip: set[int] = frozenset(), name: str = "tinh.xlsx"):
    """Hưng Đạo: 6 residents in Nà Thí and Pò Đứa; Tân Văn: 4 in its own "Thôn Nà Thí" and Bản Hẻ."""
    persons = [("Xã Hưng Đạo", person(i, hamlet="Thôn Nà Thí" if i <= 3 else "Thôn Pò Đứa")) for i in range(1, 7)]
    persons += [("TÂN VĂN", person(i, hamlet="Thôn Nà Thí" if i <= 8 else "Thôn Bản Hẻ")) for i in range(7, 11)]
    return write_xlsx(tmp_path / name, province_rows([x for x in persons if x[1]["stt"] not in skip]))


def cli(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ---- communes ------------------------------------------------------------------------------------------------

def test_add_find_and_list_communes(db):
    with db.session() as s:
        a = add_commune(s, HUNG_DAO, province="Lạng Sơn", district="Bình Gia")
        with pytest.raises(InvalidInput) as e:
            add_commune(s, "HUNG DAO")                # the same commune without its kind word and diacritics
        assert e.value.code == "commune_name_taken"
        b = add_commune(s, "Phường Đông Kinh", province="Lạng Sơn")
        assert find_commune(s, "hưng đạo").id == a.id and find_commune(s, str(b.id)).id == b.id
        with pytest.raises(NotFound):
            find_commune(s, "Xã Không Có")
        with pytest.raises(InvalidInput) as e:       # two communes: which one is never guessed
            resolve_commune(s, None)
        assert e.value.code == "commune_required" and "Hưng Đạo" in str(e.value)
        rows = list_communes(s, province="lang son")
    assert [r.name for r in rows] == ["Phường Đông Kinh", HUNG_DAO]     # by district, then name


def test_the_first_commune_takes_what_was_made_before_it(db):
    with db.session() as s:
        t = add_team(s, "Tổ 1")                       # no commune yet
        assert t.commune_id is None
        c = add_commune(s, HUNG_DAO)
        s.refresh(t)
        assert t.commune_id == c.id


def test_team_names_are_per_commune_and_an_ambiguous_name_is_refused(db):
    with db.session() as s:
        a, b = add_commune(s, HUNG_DAO), add_commune(s, TAN_VAN)
        with pytest.raises(InvalidInput) as e:
            add_team(s, "Tổ 1")                       # several communes: whose team?
        assert e.value.code == "commune_required"
        t1 = add_team(s, "Tổ 1", commune=HUNG_DAO)
        t2 = add_team(s, "Tổ 1", commune="tan van")
        with pytest.raises(InvalidInput) as e:
            add_team(s, "TO 1", commune=b.id)
        assert e.value.code == "team_name_taken"
        assert (t1.commune_id, t2.commune_id) == (a.id, b.id)
        with pytest.raises(InvalidInput) as e:
            find_team(s, "Tổ 1")
        assert e.value.code == "team_in_several_communes" and "Tân Văn" in str(e.value)
        assert find_team(s, "to 1", b.id).id == t2.id
        with pytest.raises(InvalidInput) as e:
            merge_teams(s, t1, t2)
        assert e.value.code == "team_merge_other_commune"


def test_pick_lists_name_the_commune_of_a_name_several_communes_use(db):
    """A province's database: every commune has its "Tổ 1" and its "Thôn Nà Thí". The team and hamlet pick
    lists (keying view, filters, export and pack dialogs) showed the same words many times; a name used more
    than once now carries its commune's, and a list of one commune's (or a name used once) stays plain."""
    from canvass.models import Hamlet
    from canvass.teams import hamlet_choices, team_choices

    with db.session() as s:
        a, b = add_commune(s, HUNG_DAO), add_commune(s, TAN_VAN)
        t1, t2 = add_team(s, "Tổ 1", commune=a.id), add_team(s, "Tổ 1", commune=b.id)
        t3 = add_team(s, "Tổ Bản Quyền", commune=b.id)
        s.add_all([Hamlet(commune_id=a.id, name="Thôn Nà Thí", name_fold="thon na thi"),
                   Hamlet(commune_id=b.id, name="Thôn Nà Thí", name_fold="thon na thi"),
                   Hamlet(commune_id=b.id, name="Thôn Pò Đứa", name_fold="thon po dua")])
        s.flush()
        teams = dict(team_choices(s))
        assert (teams[t1.id], teams[t2.id], teams[t3.id]) == (f"Tổ 1 ({a.name})", f"Tổ 1 ({b.name})", "Tổ Bản Quyền")
        assert sorted(name for _i, name in hamlet_choices(s)) == sorted(
            [f"Thôn Nà Thí ({a.name})", f"Thôn Nà Thí ({b.name})", "Thôn Pò Đứa"])
        assert [name for _i, name in team_choices(s, b.id)] == ["Tổ 1", "Tổ Bản Quyền"]
        assert [name for _i, name in hamlet_choices(s, a.id)] == ["Thôn Nà Thí"]


def test_one_commune_needs_no_flag_on_the_command_line(tmp_path, capsys):
    dbp = str(tmp_path / "one.db")
    assert cli(capsys, "--db", dbp, "commune", "add", HUNG_DAO, "--province", "Lạng Sơn")[0] == 0
    assert cli(capsys, "--db", dbp, "teams", "add", "Tổ 1")[0] == 0
    code, out, _ = cli(capsys, "--db", dbp, "teams", "list", "--json")
    assert code == 0 and [t["name"] for t in json.loads(out)] == ["Tổ 1"]
    code, out, _ = cli(capsys, "--db", dbp, "commune", "list", "--json")
    assert json.loads(out)[0]["teams"] == 1


def test_two_communes_on_the_command_line(tmp_path, capsys):
    dbp = str(tmp_path / "two.db")
    path = two_commune_list(tmp_path)
    code, out, err = cli(capsys, "--db", dbp, "import", str(path), "--json")
    assert code == 0, err
    for c in (HUNG_DAO, TAN_VAN):
        assert cli(capsys, "--db", dbp, "teams", "add", "Tổ 1", "--commune", c, "--hamlet", "Nà Thí")[0] == 0
    code, _out, err = cli(capsys, "--db", dbp, "teams", "add", "Tổ 2")
    assert code == 1 and "--commune" in err
    code, _out, err = cli(capsys, "--db", dbp, "assign", "--by-hamlet", "--hamlet", "Nà Thí")
    assert code == 1 and "Nà Thí" in err and "--commune" in err          # a hamlet name both communes use
    code, out, err = cli(capsys, "--db", dbp, "assign", "--by-hamlet", "--commune", "Tân Văn", "--hamlet",
                         "Nà Thí", "--json")
    assert code == 0 and json.loads(out)["assigned"] == 2, err
    code, out, _ = cli(capsys, "--db", dbp, "teams", "list", "--commune", "Tân Văn", "--json")
    assert [(t["name"], t["assigned"]) for t in json.loads(out)] == [("Tổ 1", 2)]
    code, _out, err = cli(capsys, "--db", dbp, "export", "walklist", str(tmp_path / "w.xlsx"), "--team", "Tổ 1")
    assert code == 1 and "--commune" in err
    code, out, err = cli(capsys, "--db", dbp, "export", "walklist", str(tmp_path / "w.xlsx"), "--team", "Tổ 1",
                         "--commune", "Tân Văn", "--json")
    assert code == 0 and json.loads(out)["rows"] == 2, err
    code, out, err = cli(capsys, "--db", dbp, "pack", "export", "--team", "Tổ 1", "--commune", "Tân Văn",
                         str(tmp_path / "p.xlsx"))
    assert code == 0 and "2 residents" in out, err
    # the residents list finds a team as every other command does: a name two communes use needs --commune
    code, _out, err = cli(capsys, "--db", dbp, "residents", "--team", "Tổ 1")
    assert code == 1 and "--commune" in err
    code, out, err = cli(capsys, "--db", dbp, "residents", "--team", "Tổ 1", "--commune", "Tân Văn", "--json")
    assert code == 0 and len(json.loads(out)) == 2, err


# ---- a province list ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("label", ["Xã/Phường", "Xã, phường", "XÃ", "Phường", "Tên xã"])
def test_the_commune_column_is_recognised(label):
    assert match_header(label) == "commune"
    guess = detect_header([list(HEADER) + [label]])
    assert guess.mapping[len(HEADER)] == "commune"
    assert guess.mapping[HEADER.index("Thôn")] == "hamlet"
    assert guess.mapping[HEADER.index("Nơi thường trú")] == "address"


def test_a_province_list_is_split_by_its_commune_column(db, tmp_path):
    path = two_commune_list(tmp_path)
    dry = run_import(db, path, dry_run=True)
    assert [(r.commune, r.imported) for r in dry.by_commune] == [("Xã Hưng Đạo", 6), ("TÂN VĂN", 4)]
    res = run_import(db, path)
    assert res.imported == 10 and len(res.by_commune) == 2
    assert [r.batch for r in res.by_commune] == [1, 2]
    with db.read() as s:
        communes = {c.name: c.id for c in s.scalars(select(Commune))}
        assert set(communes) == {"Xã Hưng Đạo", "TÂN VĂN"}
        per = dict(s.execute(select(Hamlet.commune_id, func.count(Resident.id)).join(Resident)
                             .group_by(Hamlet.commune_id)).all())
        assert per == {communes["Xã Hưng Đạo"]: 6, communes["TÂN VĂN"]: 4}
        # each commune has its own "Thôn Nà Thí"
        assert s.scalar(select(func.count()).select_from(Hamlet).where(Hamlet.name == "Thôn Nà Thí")) == 2
        assert find_hamlet(s, "Nà Thí", communes["TÂN VĂN"]).commune_id == communes["TÂN VĂN"]
    # the next day's list without two residents of Tân Văn: they, and only they, are activated per system
    again = run_import(db, two_commune_list(tmp_path, skip={8, 10}, name="tinh2.xlsx"), mode="complete")
    assert [(r.commune, r.unchanged, r.activated_per_system) for r in again.by_commune] == [
        ("Xã Hưng Đạo", 6, 0), ("TÂN VĂN", 2, 2)]


def test_import_into_a_named_commune_and_a_list_naming_none(db, tmp_path):
    with db.session() as s:
        add_commune(s, HUNG_DAO)
        add_commune(s, TAN_VAN)
    plain = write_xlsx(tmp_path / "l.xlsx", [list(HEADER)] + [row_of(person(i, address=f"Số {i}, Thôn Nà Thí"))
                                                               for i in range(1, 4)])
    with pytest.raises(InvalidInput) as e:     # no heading, no column, no address naming one, two communes: refused
        run_import(db, plain)
    assert e.value.code == "commune_required"
    with pytest.raises(NotFound):
        run_import(db, plain, commune="Xã Không Có")
    res = run_import(db, plain, commune="tân văn")
    assert res.imported == 3 and res.commune == TAN_VAN
    with db.read() as s:
        assert {h.commune_id for h in s.scalars(select(Hamlet))} == {find_commune(s, TAN_VAN).id}


# ---- allocation --------------------------------------------------------------------------------------------

def test_largest_remainder_examples():
    assert largest_remainder(10, {"a": 1, "b": 1, "c": 1}) == {"a": 4, "b": 3, "c": 3}
    assert largest_remainder(100, {"a": 31_297, "b": 0}) == {"a": 100, "b": 0}
    assert largest_remainder(7, {"a": 2, "b": 5}) == {"a": 2, "b": 5}
    assert largest_remainder(0, {"a": 0}) == {"a": 0}
    with pytest.raises(ValueError):
        largest_remainder(5, {"a": 0})


def test_allocation_refuses_what_cannot_be_split(db):
    with db.session() as s:
        add_commune(s, HUNG_DAO)
        with pytest.raises(InvalidInput) as e:
            allocate_targets(s, 100)               # nobody listed: no proportion to split by
        assert e.value.code == "allocation_nothing_remaining"
        with pytest.raises(InvalidInput) as e:
            allocate_targets(s, -1)
        assert e.value.code == "allocation_total_negative"
        with pytest.raises(NotFound) as e:
            allocate_targets(s, 100, province="Cao Bằng")
        assert e.value.code == "commune_none_in_area"


hypothesis = pytest.importorskip("hypothesis")
st = hypothesis.strategies


@hypothesis.given(total=st.integers(0, 10_000_000),
                  weights=st.lists(st.integers(0, 400_000), min_size=1, max_size=120).filter(lambda w: sum(w) > 0))
def test_parts_add_up_and_each_is_within_one_of_its_exact_share(total, weights):
    parts = largest_remainder(total, dict(enumerate(weights)))
    assert sum(parts.values()) == total
    whole = sum(weights)
    for k, w in enumerate(weights):
        exact = Fraction(total * w, whole)
        assert abs(parts[k] - exact) < 1 and parts[k] >= 0
        if w == 0:
            assert parts[k] == 0


def test_allocate_records_the_targets_and_the_report_uses_them(db, tmp_path):
    run_import(db, two_commune_list(tmp_path))
    with db.session() as s:
        parts = allocate_targets(s, 7, dry_run=True)
        assert commune_targets(s) == {}
        parts = allocate_targets(s, 7, actor="tỉnh")
        assert {a.name: (a.remaining, a.target) for a in parts} == {"Xã Hưng Đạo": (6, 4), "TÂN VĂN": (4, 3)}
        ev = s.scalars(select(Event).where(Event.kind == "commune")).all()[-1]
        assert ev.actor == "tỉnh" and json.loads(ev.data)["action"] == "targets"
    with db.read() as s:
        fig = province_figures(s)
    assert [(r.name, r.target) for r in fig.rows] == [("TÂN VĂN", 3), ("Xã Hưng Đạo", 4)]
    assert fig.total.target == 7


# ---- the province report -----------------------------------------------------------------------------------

def build_province(db, tmp_path) -> dict:
    """Two communes imported 10 days ago; two Tân Văn residents activated per system 3 days ago; one resident
    of Hưng Đạo reported activated by a team (not counted); 2 working teams in Hưng Đạo (and one with no
    hamlet), 1 in Tân Văn; each commune its campaign."""
    from canvass.campaign import set_campaign

    run_import(db, two_commune_list(tmp_path))
    run_import(db, two_commune_list(tmp_path, skip={8, 10}, name="t2.xlsx"), mode="complete")
    today = dt.date.today()
    with db.session() as s:
        hd, tv = find_commune(s, "Hưng Đạo"), find_commune(s, "Tân Văn")
        hd.province = tv.province = "Tỉnh Lạng Sơn"
        hd.district, tv.district = "Bình Gia", "Bình Gia"
        add_team(s, "Tổ 1", commune=hd.id, hamlet_ids=[find_hamlet(s, "Nà Thí", hd.id).id])
        add_team(s, "Tổ 2", commune=hd.id, hamlet_ids=[find_hamlet(s, "Pò Đứa", hd.id).id])
        add_team(s, "Tổ 3", commune=hd.id)          # no hamlet, nobody assigned: not a working team
        add_team(s, "Tổ 1", commune=tv.id, hamlet_ids=[find_hamlet(s, "Nà Thí", tv.id).id])
        set_campaign(s, name="Chiến dịch", start=today - dt.timedelta(days=10), end=today + dt.timedelta(days=9),
                     commune_id=hd.id)
        set_campaign(s, name="Chiến dịch", start=today - dt.timedelta(days=10), end=today + dt.timedelta(days=4),
                     commune_id=tv.id, new=True)
        r = s.scalars(select(Resident).join(Hamlet).where(Hamlet.commune_id == hd.id)).first()
        record_visit(s, r, "activated")
    day = lambda n: (dt.datetime.now() - dt.timedelta(days=n)).replace(microsecond=0)  # noqa: E731
    with db.session() as s:     # put the history in the past: the lists, the system's activations, the teams
        s.execute(text("UPDATE event SET recorded_at = :t, at = :t WHERE kind IN ('imported', 'team', 'commune', "
                       "'campaign')"), {"t": day(10)})
        s.execute(text("UPDATE event SET recorded_at = :t, at = :t WHERE kind = 'activated_system'"), {"t": day(3)})
        s.execute(text("UPDATE team SET created_at = :t"), {"t": day(10)})
        s.execute(text("UPDATE campaign SET created_at = :t"), {"t": day(10)})
    return {"today": today, "hd": hd.id, "tv": tv.id}


def test_province_figures_today_and_as_of_an_earlier_day(db, tmp_path):
    w = build_province(db, tmp_path)
    with db.read() as s:
        now = province_figures(s, w["today"])
        before = province_figures(s, w["today"] - dt.timedelta(days=5))
    rows = {r.commune_id: r for r in now.rows}
    hd, tv = rows[w["hd"]], rows[w["tv"]]
    assert (hd.eligible, hd.target, hd.activated, hd.remaining, hd.teams, hd.days_left) == (6, 6, 0, 6, 2, 10)
    assert (tv.eligible, tv.target, tv.activated, tv.remaining, tv.teams, tv.days_left) == (4, 4, 2, 2, 1, 5)
    assert hd.required_per_team_per_day == required_per_team_per_day(6, 2, 10) == 0.3
    assert tv.required_per_team_per_day == 0.4
    t = now.total
    assert (t.eligible, t.target, t.activated, t.remaining, t.teams) == (10, 10, 2, 8, 3)
    assert t.days_left is None and t.required_per_team_per_day is None      # two campaign ends: no common pace
    assert [r.activated for r in before.rows] == [0, 0]                     # activations came 3 days ago
    assert [r.days_left for r in before.rows] == [10, 15]                  # counted from that day


def test_stats_of_one_commune_and_targets_in_each_communes_campaign(db, tmp_path, capsys):
    from canvass.campaign import set_hamlet_target
    from canvass.quotas import compute_stats

    w = build_province(db, tmp_path)
    with db.session() as s:
        tv = compute_stats(s, w["today"], commune_id=w["tv"])
        whole = compute_stats(s, w["today"])
        assert (tv.total.eligible, tv.total.activated_system, tv.total.teams, tv.days_left) == (4, 2, 1, 5)
        assert sorted(h.name for h in tv.hamlets) == ["Thôn Bản Hẻ", "Thôn Nà Thí"]
        assert [t.name for t in tv.teams] == ["Tổ 1"] and whole.total.eligible == 10
        assert compute_stats(s, w["today"], commune_id=w["hd"]).total.teams == 2
        # a hamlet's target goes to its own commune's campaign, not to the newest campaign of the database
        set_hamlet_target(s, find_hamlet(s, "Pò Đứa", w["hd"]).id, 1)
        set_hamlet_target(s, find_hamlet(s, "Nà Thí", w["tv"]).id, 1)
        assert compute_stats(s, w["today"], commune_id=w["hd"]).total.target == 3 + 1
    with db.read() as s:
        fig = province_figures(s, w["today"])
    assert [(r.commune_id, r.target) for r in fig.rows] == [(w["tv"], 1 + 2), (w["hd"], 3 + 1)]
    code, out, err = cli(capsys, "--db", db.url.removeprefix("sqlite:///"), "stats", "--commune", "Tân Văn",
                         "--json")
    assert code == 0 and json.loads(out)["total"]["eligible"] == 4, err


def test_province_report_xlsx_and_pdf(db, tmp_path, capsys):
    w = build_province(db, tmp_path)
    out = tmp_path / "tinh.xlsx"
    res = export(db, "province-report", out, as_of=w["today"])
    assert res.rows == 2                                    # the communes; the total row is not counted
    ws = openpyxl.load_workbook(out).active
    cells = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    flat = [c for row in cells for c in row if c is not None]
    assert "CÔNG AN TỈNH LẠNG SƠN" in flat
    data = [row for row in cells if row and row[1] in ("TÂN VĂN", "Xã Hưng Đạo", "Tổng cộng")]
    assert [tuple(row[1:10]) for row in data] == [
        ("TÂN VĂN", "Bình Gia", 4, 4, 2, 2, 1, 5, 0.4),
        ("Xã Hưng Đạo", "Bình Gia", 6, 6, 0, 6, 2, 10, 0.3),
        ("Tổng cộng", None, 10, 10, 2, 8, 3, None, None)]
    # no cell can run a formula: a commune named like one is written as text
    with db.session() as s:
        s.get(Commune, w["tv"]).name = "=HYPERLINK(\"x\")"
    export(db, "province-report", out, as_of=w["today"])
    wb = openpyxl.load_workbook(out)
    assert not any(isinstance(c.value, str) and c.data_type == "f" for row in wb.active.iter_rows() for c in row)
    code, _o, err = cli(capsys, "--db", db.url.removeprefix("sqlite:///"), "export", "province-report",
                        str(tmp_path / "tinh.pdf"), "--as-of", (w["today"] - dt.timedelta(days=1)).isoformat())
    assert code == 0, err
    assert (tmp_path / "tinh.pdf").read_bytes()[:5] == b"%PDF-"


def test_province_report_of_one_district(db, tmp_path):
    w = build_province(db, tmp_path)
    with db.session() as s:
        s.get(Commune, w["tv"]).district = "Văn Quan"
    with db.read() as s:
        fig = province_figures(s, w["today"], district="van quan")
    assert [r.commune_id for r in fig.rows] == [w["tv"]] and fig.total.days_left == 5
    assert fig.total.required_per_team_per_day == 0.4


@pytest.mark.postgres
def test_communes_on_postgres_as_on_sqlite(pg_db, tmp_path):
    lite = open_lite(tmp_path)
    figs = []
    for db in (lite, pg_db):
        w = build_province(db, tmp_path)
        with db.session() as s:
            allocate_targets(s, 9)
        export(db, "province-report", tmp_path / f"{db.engine.dialect.name}.xlsx", as_of=w["today"])
        with db.read() as s:
            figs.append([(r.name, r.eligible, r.target, r.activated, r.remaining, r.teams, r.days_left,
                          r.required_per_team_per_day) for r in province_figures(s, w["today"]).rows])
    assert figs[0] == figs[1] and [f[2] for f in figs[0]] == [2, 7]
    sheets = [list(openpyxl.load_workbook(tmp_path / f"{n}.xlsx").active.iter_rows(values_only=True))
              for n in ("sqlite", "postgresql")]
    assert sheets[0] == sheets[1]
    with pg_db.session() as s:      # team names per commune hold on the server too
        with pytest.raises(InvalidInput):
            add_team(s, "Tổ 1", commune=w["tv"])
    lite.dispose()


def open_lite(tmp_path):
    from canvass.db import open_database
    return open_database(tmp_path / "lite.db")
