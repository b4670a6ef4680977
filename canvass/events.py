"""The append-only event log and the resident state derived from it.

Rules (what counts, what wins):
- A resident's status is the outcome of their latest visit, ordered by when the visit happened (`at`,
  then by id). `pending` is an outcome too: it re-opens the resident.
- Visits are never edited. A correction is a new visit; an undo is a `visit_void` event naming the visit
  it cancels, which then counts for nothing.
- `activated_system` (the resident disappeared from a newer extraction of unactivated accounts, so the
  national system shows them activated) is final and outranks every team report, until a later
  `system_reopened` (the resident is back on a newer list).
- Attempts are the visits not voided, `pending` re-openings excluded.
- Every event bumps the resident's `version`, which team packs use to detect changes made while a pack
  was out.
- `id_corrected` sets the CCCD of a resident imported without a valid one (or corrects a wrong one): the
  identity columns change, the state does not (data: {"cccd": [old, new], "id_raw": [as written, None]}).
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Iterable, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from canvass.db import now
from canvass.errors import InvalidInput, NotFound
from canvass.models import Event, Resident

# Status codes. `activated_system` only ever comes from re-import.
STATUSES = ("pending", "activated", "absent", "ineligible", "wrong_phone", "refused", "revisit", "activated_system")
# Outcomes a team can record for a visit (`pending` re-opens).
OUTCOMES = ("activated", "absent", "ineligible", "wrong_phone", "refused", "revisit", "pending")
# Reasons why a resident cannot be activated (outcome `ineligible`); `other` needs a note.
INELIGIBLE_REASONS = ("elderly", "ill", "no_phone", "moved", "deceased", "institution", "other")
# Optional detail for an absence.
ABSENT_REASONS = ("short", "work_away", "study_away", "military")
REASONS = {"ineligible": INELIGIBLE_REASONS, "absent": ABSENT_REASONS}
OUTCOMES_NEEDING_REASON = ("ineligible",)

# Vietnamese labels for documents the core writes (the UI has its own tr() strings).
STATUS_LABELS_VI = {
    "pending": "Chưa xác minh", "activated": "Đã kích hoạt (tổ báo cáo)", "absent": "Vắng mặt",
    "ineligible": "Không thể kích hoạt", "wrong_phone": "Sai số điện thoại", "refused": "Từ chối",
    "revisit": "Hẹn quay lại", "activated_system": "Đã kích hoạt (hệ thống xác nhận)",
}
REASON_LABELS_VI = {
    "elderly": "Người cao tuổi, sức khỏe yếu", "ill": "Ốm đau, khuyết tật", "no_phone": "Không có điện thoại",
    "moved": "Đã chuyển đi nơi khác", "deceased": "Đã chết", "institution": "Đang ở cơ sở tập trung",
    "other": "Lý do khác", "short": "Vắng mặt ngắn ngày", "work_away": "Đi làm ăn xa",
    "study_away": "Đi học xa", "military": "Đang thực hiện nghĩa vụ quân sự",
}

EVENT_KINDS = ("imported", "updated", "activated_system", "system_reopened", "assigned", "visit", "visit_void",
               "export", "pack_export", "pack_import", "team", "campaign", "id_corrected", "commune")


@dataclass
class ResidentState:
    """What the log says about one resident now (or as of a moment)."""
    status: str = "pending"
    reason: Optional[str] = None
    status_at: Optional[dt.datetime] = None
    attempts: int = 0
    last_visit_at: Optional[dt.datetime] = None
    revisit_on: Optional[dt.date] = None
    team_id: Optional[int] = None
    phone_new: Optional[str] = None


def _data(e: Event) -> dict:
    return json.loads(e.data) if e.data else {}


def derive_state(events: Iterable[Event]) -> ResidentState:
    """Fold a resident's events into their state (see the module's rules)."""
    events = sorted(events, key=lambda e: (e.at, e.id or 0))
    voided = {_data(e).get("voids") for e in events if e.kind == "visit_void"}
    st = ResidentState()
    visit_status, visit_reason, visit_at = "pending", None, None
    system_at: Optional[dt.datetime] = None
    for e in events:
        if e.kind == "assigned":
            st.team_id = e.team_id
        elif e.kind == "visit" and e.id not in voided:
            if e.outcome == "pending":
                visit_status, visit_reason, visit_at, st.revisit_on = "pending", None, e.at, None
                continue
            st.attempts += 1
            st.last_visit_at = e.at if st.last_visit_at is None else max(st.last_visit_at, e.at)
            visit_status, visit_reason, visit_at = e.outcome, e.reason, e.at
            d = _data(e)
            st.revisit_on = dt.date.fromisoformat(d["revisit_on"]) if d.get("revisit_on") else None
            if d.get("new_phone"):
                st.phone_new = d["new_phone"]
        elif e.kind == "activated_system":
            system_at = e.at
        elif e.kind == "system_reopened":
            system_at = None
    if system_at is not None:
        st.status, st.reason, st.status_at = "activated_system", None, system_at
    else:
        st.status, st.reason, st.status_at = visit_status, visit_reason, visit_at
    return st


def resident_events(session: Session, resident_id: int) -> list[Event]:
    """Every event of one resident, oldest first."""
    return list(session.scalars(select(Event).where(Event.resident_id == resident_id).order_by(Event.id)))


# The resident columns that cache the log's state: written only through `state_columns` (one resident:
# `apply_state`; many: a bulk UPDATE of these columns, as the re-import does).
CACHED_COLUMNS = ("status", "status_reason", "status_at", "attempts", "last_visit_at", "revisit_on", "team_id",
                  "phone_new")


def state_columns(st: ResidentState) -> dict:
    """The cached columns of a derived state, by column name (every one of CACHED_COLUMNS)."""
    return {"status": st.status, "status_reason": st.reason, "status_at": st.status_at, "attempts": st.attempts,
            "last_visit_at": st.last_visit_at, "revisit_on": st.revisit_on, "team_id": st.team_id,
            "phone_new": st.phone_new}   # only visits report one: a voided visit's phone goes with it


def apply_state(resident: Resident, st: ResidentState) -> None:
    """Write a derived state into a resident's cached columns."""
    for column, value in state_columns(st).items():
        setattr(resident, column, value)


def refresh_state(session: Session, resident: Resident) -> ResidentState:
    """Recompute a resident's cached state from their whole log."""
    session.flush()
    st = derive_state(resident_events(session, resident.id))
    apply_state(resident, st)
    return st


def append_event(session: Session, resident: Optional[Resident], kind: str, *, at: Optional[dt.datetime] = None,
                 actor: Optional[str] = None, team_id: Optional[int] = None, batch_id: Optional[int] = None,
                 outcome: Optional[str] = None, reason: Optional[str] = None, note: Optional[str] = None,
                 data: Optional[dict] = None) -> Event:
    """Add one event to the log (and bump the resident's version). Does not refresh the cached state."""
    if kind not in EVENT_KINDS:
        raise ValueError(f"unknown event kind {kind!r}")
    stamp = now()
    e = Event(resident_id=resident.id if resident is not None else None, kind=kind, at=at or stamp,
              recorded_at=stamp, actor=actor, team_id=team_id, batch_id=batch_id, outcome=outcome, reason=reason,
              note=note, data=json.dumps(data, ensure_ascii=False, default=str) if data else None)
    session.add(e)
    if resident is not None:
        resident.version = (resident.version or 1) + 1
    return e


def validate_visit(outcome: str, reason: Optional[str], note: Optional[str], at: dt.datetime,
                   revisit_on: Optional[dt.date] = None, today: Optional[dt.date] = None) -> None:
    """Raise InvalidInput when a visit's values are not acceptable."""
    if outcome not in OUTCOMES:
        raise InvalidInput("outcome_unknown", outcome=outcome, choices=", ".join(OUTCOMES))
    allowed = REASONS.get(outcome, ())
    if outcome in OUTCOMES_NEEDING_REASON and not reason:
        raise InvalidInput("outcome_needs_reason", outcome=outcome, choices=", ".join(allowed))
    if reason and reason not in allowed:
        if allowed:
            raise InvalidInput("reason_unknown", reason=reason, outcome=outcome, choices=", ".join(allowed))
        raise InvalidInput("reason_not_taken", reason=reason, outcome=outcome)
    if reason == "other" and not (note and note.strip()):
        raise InvalidInput("reason_other_needs_note")
    today = today or dt.date.today()
    if at.date() > today:
        raise InvalidInput("visit_in_future", day=at.date().isoformat())
    if revisit_on is not None and outcome != "revisit":
        raise InvalidInput("revisit_date_without_revisit")


def record_visit(session: Session, resident: Resident | int, outcome: str, *, team_id: Optional[int] = None,
                 at: Optional[dt.datetime] = None, actor: Optional[str] = None, reason: Optional[str] = None,
                 note: Optional[str] = None, new_phone: Optional[str] = None,
                 revisit_on: Optional[dt.date] = None, source: Optional[dict] = None,
                 today: Optional[dt.date] = None) -> Event:
    """Record one visit outcome for a resident (validated), then refresh their cached state.

    `team_id` defaults to the resident's current team. `source` is JSON-able provenance (a pack id and
    row, the keying view...). `new_phone` must already be normalised (E.164) by the caller.
    """
    if isinstance(resident, int):
        found = session.get(Resident, resident)
        if found is None:
            raise NotFound("resident_id_unknown", id=resident)
        resident = found
    at = at or now()
    validate_visit(outcome, reason, note, at, revisit_on, today)
    data: dict = dict(source or {})
    if new_phone:
        data["new_phone"] = new_phone
    if revisit_on:
        data["revisit_on"] = revisit_on.isoformat()
    e = append_event(session, resident, "visit", at=at, actor=actor,
                     team_id=team_id if team_id is not None else resident.team_id,
                     outcome=outcome, reason=reason, note=note, data=data or None)
    if not _apply_latest_visit(resident, e, revisit_on, new_phone):
        refresh_state(session, resident)
    session.flush()  # callers use the event's id (undo, pack provenance)
    return e


def _apply_latest_visit(resident: Resident, e: Event, revisit_on: Optional[dt.date],
                        new_phone: Optional[str]) -> bool:
    """Update the cached state in place when the new visit is the latest one (the usual case: no
    back-dated entry, no system activation in force); False when the whole log must be re-derived.

    Equal to `derive_state` over the log then: the new event has the highest id, and no earlier visit or
    re-opening is dated after it (`status_at` and `last_visit_at` bound them)."""
    if resident.status == "activated_system":
        return False
    latest = max((t for t in (resident.status_at, resident.last_visit_at) if t is not None), default=None)
    if latest is not None and e.at < latest:
        return False
    if e.outcome == "pending":
        resident.status, resident.status_reason, resident.revisit_on = "pending", None, None
    else:
        resident.status, resident.status_reason = e.outcome, e.reason
        resident.attempts = (resident.attempts or 0) + 1
        resident.last_visit_at = e.at
        resident.revisit_on = revisit_on
        if new_phone:
            resident.phone_new = new_phone
    resident.status_at = e.at
    return True


def void_visit(session: Session, visit_id: int, *, actor: Optional[str] = None) -> Event:
    """Undo a visit: a `visit_void` event that makes it count for nothing (the visit itself stays)."""
    visit = session.get(Event, visit_id)
    if visit is None or visit.kind != "visit":
        raise NotFound("visit_id_unknown", id=visit_id)
    resident = session.get(Resident, visit.resident_id)
    e = append_event(session, resident, "visit_void", at=visit.at, actor=actor, team_id=visit.team_id,
                     data={"voids": visit.id})
    refresh_state(session, resident)
    return e


class IdCorrectionError(InvalidInput):
    """A CCCD correction that cannot be made: code "bad_id" (not a valid CCCD/CMND) or "id_taken" (another
    resident has it; `params["resident_id"]`)."""


def set_resident_id(session: Session, resident: Resident | int, value: str, *,
                    actor: Optional[str] = None) -> Event:
    """Set a resident's CCCD (or CMND) from what a person typed: validated, unique, an `id_corrected` event."""
    from canvass.ids import normalize_id

    if isinstance(resident, int):
        found = session.get(Resident, resident)
        if found is None:
            raise NotFound("resident_id_unknown", id=resident)
        resident = found
    res = normalize_id(value)
    if res.value is None:
        raise IdCorrectionError("bad_id", error=res.error)
    other = session.execute(select(Resident.id).where(Resident.cccd == res.value,
                                                      Resident.id != resident.id)).scalar()
    if other is not None:
        raise IdCorrectionError("id_taken", resident_id=other)
    e = append_event(session, resident, "id_corrected",
                     data={"cccd": [resident.cccd, res.value], "id_raw": [resident.id_raw, None]})
    resident.cccd, resident.id_kind, resident.id_raw = res.value, res.kind, None
    session.flush()
    return e
