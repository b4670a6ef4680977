"""Review of the core's rules: the cached resident state always equals what the log derives, including the
fast path of record_visit, voids of visits that carried a new phone, and pack corrections."""
import datetime as dt
import random

from canvass.events import append_event, derive_state, record_visit, refresh_state, resident_events, void_visit
from canvass.models import Resident
from tests.factories import make_commune

DAY = dt.datetime(2025, 3, 10, 8, 30)


def _cache(r):
    return (r.status, r.status_reason, r.status_at, r.attempts, r.last_visit_at, r.revisit_on, r.team_id,
            r.phone_new)


def _derived(s, rid):
    st = derive_state(resident_events(s, rid))
    return (st.status, st.reason, st.status_at, st.attempts, st.last_visit_at, st.revisit_on, st.team_id,
            st.phone_new)


def test_voiding_the_visit_that_reported_a_new_phone_drops_that_phone(db):
    rid = make_commune(db)[0]
    with db.session() as s:
        e = record_visit(s, rid, "wrong_phone", at=DAY, new_phone="+84987654321")
        assert s.get(Resident, rid).phone_new == "+84987654321"
        void_visit(s, e.id)
        r = s.get(Resident, rid)
        assert r.phone_new is None
        assert _cache(r) == _derived(s, rid)


def test_voiding_a_later_phone_brings_back_the_earlier_one(db):
    rid = make_commune(db)[0]
    with db.session() as s:
        record_visit(s, rid, "wrong_phone", at=DAY, new_phone="+84987654321")
        e = record_visit(s, rid, "wrong_phone", at=DAY + dt.timedelta(days=1), new_phone="+84912345678")
        void_visit(s, e.id)
        assert s.get(Resident, rid).phone_new == "+84987654321"


def test_cached_state_equals_the_log_after_any_sequence(db):
    """Random visits (same instants, back-dated entries, re-openings, voids, phones, revisit dates, system
    activation and re-opening): after each step the cache equals derive_state over the whole log."""
    ids = make_commune(db, households_per_hamlet=2, people_per_household=2)
    rnd = random.Random(7)
    outcomes = ["activated", "absent", "wrong_phone", "refused", "revisit", "pending", "ineligible"]
    with db.session() as s:
        visits = {rid: [] for rid in ids}
        for step in range(600):
            rid = rnd.choice(ids)
            r = s.get(Resident, rid)
            roll = rnd.random()
            if roll < 0.12 and visits[rid]:
                void_visit(s, rnd.choice(visits[rid]))
            elif roll < 0.16:
                append_event(s, r, "activated_system", at=DAY + dt.timedelta(hours=rnd.randrange(48)))
                s.flush()
                refresh_state(s, r)
            elif roll < 0.20 and r.status == "activated_system":
                append_event(s, r, "system_reopened", at=DAY + dt.timedelta(hours=rnd.randrange(48, 60)))
                refresh_state(s, r)
            else:
                outcome = rnd.choice(outcomes)
                at = DAY + dt.timedelta(hours=rnd.randrange(6))   # many visits share an instant
                e = record_visit(
                    s, rid, outcome, at=at, reason="elderly" if outcome == "ineligible" else None,
                    revisit_on=dt.date(2025, 3, 20) if outcome == "revisit" and rnd.random() < 0.7 else None,
                    new_phone=f"+8498{rnd.randrange(10**7):07d}" if rnd.random() < 0.3 else None,
                    today=dt.date(2025, 4, 1))
                visits[rid].append(e.id)
            s.flush()
            assert _cache(s.get(Resident, rid)) == _derived(s, rid), step


def test_a_pack_correction_that_clears_the_new_phone_drops_it(db, tmp_path):
    from canvass.packs import export_pack, import_pack
    from tests.core.test_packs import D1, assert_cache_matches_log, commune_with_teams, fill, resident

    ids, _ = commune_with_teams(db)
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    fill(tmp_path / "p.xlsx", tmp_path / "mon.xlsx",
         {ids[0]: {"outcome": "Sai số điện thoại", "visit_date": D1, "new_phone": "0987654321"}})
    import_pack(db, tmp_path / "mon.xlsx")
    assert resident(db, ids[0]).phone_new == "+84987654321"
    # the lead keyed the phone on the wrong row: same date, now absent and no new phone
    fill(tmp_path / "mon.xlsx", tmp_path / "tue.xlsx", {ids[0]: {"outcome": "Vắng mặt", "new_phone": ""}})
    res = import_pack(db, tmp_path / "tue.xlsx")
    assert (res.applied, res.corrected) == (1, 1)
    r0 = resident(db, ids[0])
    assert (r0.status, r0.phone_new) == ("absent", None)
    assert_cache_matches_log(db, ids[:1])


def _saved_on(path, stamp: dt.datetime) -> None:
    """Rewrite a workbook's "last saved" property (docProps/core.xml), as if it had been saved at `stamp` (UTC)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["docProps/core.xml"] = re.sub(rb"(<dcterms:modified[^>]*>)[^<]+(<)",
                                        rb"\g<1>" + stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>",
                                        parts["docProps/core.xml"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in parts.items():
            z.writestr(n, b)


def test_an_undated_row_returned_again_in_a_later_save_is_not_a_second_visit(db, tmp_path):
    """A row without a visit date takes the file's date; the next evening's return (the same workbook with
    more rows, saved again) must not record that row's visit a second time."""
    from canvass.packs import export_pack, import_pack
    from tests.core.test_packs import D2, assert_cache_matches_log, commune_with_teams, fill, resident, visits

    ids, _ = commune_with_teams(db)
    export_pack(db, "Tổ 1", tmp_path / "p.xlsx")
    fill(tmp_path / "p.xlsx", tmp_path / "mon.xlsx", {ids[0]: {"outcome": "Vắng mặt"}})
    _saved_on(tmp_path / "mon.xlsx", dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - dt.timedelta(days=1))
    first = import_pack(db, tmp_path / "mon.xlsx")
    assert first.applied == 1
    fill(tmp_path / "mon.xlsx", tmp_path / "tue.xlsx", {ids[1]: {"outcome": "Từ chối", "visit_date": D2}})
    res = import_pack(db, tmp_path / "tue.xlsx")
    assert (res.applied, res.unchanged) == (1, 1)
    assert len(visits(db, ids[0])) == 1 and resident(db, ids[0]).attempts == 1
    assert_cache_matches_log(db, ids[:2])
