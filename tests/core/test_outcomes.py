"""Visit outcomes through the event log: each outcome, reasons, re-opening, corrections, voids, system
verification precedence and attempts."""
import datetime as dt

import pytest

from canvass.errors import InvalidInput, NotFound
from canvass.events import (OUTCOMES, REASONS, STATUSES, append_event, derive_state, record_visit,
                            resident_events, void_visit)
from canvass.models import Event, Resident
from tests.factories import make_commune

DAY = dt.datetime(2025, 3, 10, 8, 30)


def _state(s, rid):
    r = s.get(Resident, rid)
    return r.status, r.status_reason, r.attempts


def _check_cache(s, rid):
    """The cached columns always equal what the log derives."""
    r = s.get(Resident, rid)
    st = derive_state(resident_events(s, rid))
    assert (r.status, r.status_reason, r.attempts, r.last_visit_at, r.revisit_on, r.team_id) == \
        (st.status, st.reason, st.attempts, st.last_visit_at, st.revisit_on, st.team_id)


@pytest.mark.parametrize("outcome,reason", [
    ("activated", None), ("absent", None), ("absent", "work_away"), ("absent", "study_away"),
    ("absent", "military"), ("absent", "short"), ("ineligible", "elderly"), ("ineligible", "ill"),
    ("ineligible", "no_phone"), ("ineligible", "moved"), ("ineligible", "deceased"),
    ("ineligible", "institution"), ("wrong_phone", None), ("refused", None)])
def test_each_outcome_sets_status_and_reason(db, outcome, reason):
    rid = make_commune(db)[0]
    with db.session() as s:
        e = record_visit(s, rid, outcome, reason=reason, at=DAY, actor="Lò Thị Hoa")
        assert (e.kind, e.outcome, e.reason, e.actor, e.at) == ("visit", outcome, reason, "Lò Thị Hoa", DAY)
        assert _state(s, rid) == (outcome, reason, 1)
        _check_cache(s, rid)


def test_catalogue_covers_the_issue():
    assert set(STATUSES) == {"pending", "activated", "absent", "ineligible", "wrong_phone", "refused", "revisit",
                             "activated_system"}
    assert "pending" in OUTCOMES and "activated_system" not in OUTCOMES
    assert set(REASONS["ineligible"]) == {"elderly", "ill", "no_phone", "moved", "deceased", "institution", "other"}


def test_ineligible_other_needs_a_note_and_keeps_it(db):
    rid = make_commune(db)[0]
    with db.session() as s:
        with pytest.raises(InvalidInput):
            record_visit(s, rid, "ineligible", reason="other", at=DAY)
        e = record_visit(s, rid, "ineligible", reason="other", note="đang chấp hành án", at=DAY)
        assert e.note == "đang chấp hành án" and _state(s, rid) == ("ineligible", "other", 1)


def test_revisit_keeps_its_date_and_new_phone_is_cached(db):
    rid = make_commune(db)[0]
    with db.session() as s:
        record_visit(s, rid, "revisit", at=DAY, revisit_on=dt.date(2025, 3, 14), new_phone="+84987654321")
        r = s.get(Resident, rid)
        assert (r.status, r.revisit_on, r.phone_new) == ("revisit", dt.date(2025, 3, 14), "+84987654321")
        record_visit(s, rid, "absent", at=DAY + dt.timedelta(days=4))
        assert r.revisit_on is None and r.phone_new == "+84987654321"
        _check_cache(s, rid)


def test_revisit_date_only_goes_with_revisit(db):
    rid = make_commune(db)[0]
    with db.session() as s, pytest.raises(InvalidInput):
        record_visit(s, rid, "absent", at=DAY, revisit_on=dt.date(2025, 3, 14))


def test_pending_reopens_and_does_not_count_as_an_attempt(db):
    rid = make_commune(db)[0]
    with db.session() as s:
        record_visit(s, rid, "refused", at=DAY)
        record_visit(s, rid, "pending", at=DAY + dt.timedelta(hours=1), note="nhập nhầm")
        assert _state(s, rid) == ("pending", None, 1)
        record_visit(s, rid, "activated", at=DAY + dt.timedelta(days=1))
        assert _state(s, rid) == ("activated", None, 2)
        _check_cache(s, rid)


def test_correction_is_a_new_event_and_the_old_one_stays(db):
    rid = make_commune(db)[0]
    with db.session() as s:
        wrong = record_visit(s, rid, "ineligible", reason="moved", at=DAY)
        record_visit(s, rid, "ineligible", reason="elderly", at=DAY + dt.timedelta(minutes=5))
        assert _state(s, rid) == ("ineligible", "elderly", 2)
        void_visit(s, wrong.id, actor="Cán bộ nhập liệu")
        assert _state(s, rid) == ("ineligible", "elderly", 1)
        kinds = [e.kind for e in resident_events(s, rid)]
        assert kinds == ["imported", "visit", "visit", "visit_void"]
        assert s.get(Event, wrong.id).reason == "moved"  # never edited
        _check_cache(s, rid)


def test_latest_visit_wins_by_when_it_happened_not_when_keyed(db):
    rid = make_commune(db)[0]
    with db.session() as s:
        record_visit(s, rid, "absent", at=DAY + dt.timedelta(days=2))
        record_visit(s, rid, "refused", at=DAY)  # an older paper form keyed late
        assert _state(s, rid) == ("absent", None, 2)


def test_voiding_the_latest_visit_brings_back_the_one_before(db):
    rid = make_commune(db)[0]
    with db.session() as s:
        record_visit(s, rid, "absent", reason="short", at=DAY)
        last = record_visit(s, rid, "activated", at=DAY + dt.timedelta(days=1))
        void_visit(s, last.id)
        assert _state(s, rid) == ("absent", "short", 1)
        with pytest.raises(NotFound):
            void_visit(s, 999_999)


def test_system_activation_outranks_team_reports_until_reopened(db):
    rid = make_commune(db)[0]
    with db.session() as s:
        r = s.get(Resident, rid)
        record_visit(s, rid, "activated", at=DAY)
        append_event(s, r, "activated_system", at=DAY + dt.timedelta(days=1))
        record_visit(s, rid, "refused", at=DAY + dt.timedelta(days=2))  # a later team report does not undo it
        from canvass.events import refresh_state
        refresh_state(s, r)
        assert r.status == "activated_system" and r.attempts == 2
        append_event(s, r, "system_reopened", at=DAY + dt.timedelta(days=3))
        refresh_state(s, r)
        assert r.status == "refused"  # back on a newer list: the latest team outcome shows again
        _check_cache(s, rid)


def test_system_activation_without_any_visit(db):
    rid = make_commune(db)[0]
    with db.session() as s:
        r = s.get(Resident, rid)
        append_event(s, r, "activated_system", at=DAY)
        from canvass.events import refresh_state
        st = refresh_state(s, r)
        assert (st.status, st.attempts, st.status_at) == ("activated_system", 0, DAY)


def test_every_event_bumps_the_version(db):
    rid = make_commune(db)[0]
    with db.session() as s:
        v0 = s.get(Resident, rid).version
        record_visit(s, rid, "absent", at=DAY)
        record_visit(s, rid, "activated", at=DAY + dt.timedelta(days=1))
        assert s.get(Resident, rid).version == v0 + 2


@pytest.mark.parametrize("kwargs", [dict(outcome="gone"), dict(outcome="ineligible"),
                                    dict(outcome="absent", reason="deceased"),
                                    dict(outcome="refused", reason="elderly"),
                                    dict(outcome="activated", at=dt.datetime.now() + dt.timedelta(days=2))])
def test_invalid_visits_change_nothing(db, kwargs):
    rid = make_commune(db)[0]
    with pytest.raises(InvalidInput):
        with db.session() as s:
            record_visit(s, rid, kwargs.pop("outcome"), **kwargs)
    with db.session() as s:
        assert [e.kind for e in resident_events(s, rid)] == ["imported"]
        assert _state(s, rid) == ("pending", None, 0)
