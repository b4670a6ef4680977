"""The campaign: one active campaign (the newest), its dates, report deadline, daily quota, phases and
per-hamlet targets (a hamlet without a target row targets all its eligible residents)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional, Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from canvass.db import now
from canvass.errors import InvalidInput, NotFound
from canvass.models import Campaign, CampaignPhase, Hamlet, HamletTarget, Resident

DEFAULT_DEADLINE = "15:30"
DEFAULT_QUOTA = 5
_HHMM_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass
class CampaignInfo:
    """The active campaign as plain data."""
    id: int
    name: str
    start: dt.date
    end: dt.date
    report_deadline: str
    quota_per_team_day: int
    phases: list[tuple[str, dt.date, dt.date]]
    targets: dict[int, int]  # hamlet id -> target (only hamlets with an explicit target)


def parse_deadline(value: str) -> str:
    """A report deadline written HH:MM (or H:MM), returned as HH:MM."""
    m = _HHMM_RE.match((value or "").strip())
    if not m:
        raise InvalidInput(f"deadline {value!r} is not a time HH:MM (e.g. 15:30)")
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def active_campaign(session: Session) -> Optional[Campaign]:
    """The active campaign (the newest one), or None."""
    return session.scalars(select(Campaign).order_by(Campaign.id.desc()).limit(1)).first()


def campaign_info(session: Session) -> Optional[CampaignInfo]:
    """The active campaign with its phases and explicit hamlet targets, or None."""
    c = active_campaign(session)
    if c is None:
        return None
    phases = [(p.name, p.start_date, p.end_date) for p in session.scalars(
        select(CampaignPhase).where(CampaignPhase.campaign_id == c.id).order_by(CampaignPhase.start_date))]
    return CampaignInfo(id=c.id, name=c.name, start=c.start_date, end=c.end_date,
                        report_deadline=c.report_deadline or DEFAULT_DEADLINE,
                        quota_per_team_day=c.quota_per_team_day if c.quota_per_team_day is not None else DEFAULT_QUOTA,
                        phases=phases, targets=hamlet_targets(session, c.id))


def set_campaign(session: Session, *, name: Optional[str] = None, start: Optional[dt.date] = None,
                 end: Optional[dt.date] = None, quota_per_team_day: Optional[int] = None,
                 deadline: Optional[str] = None, new: bool = False) -> Campaign:
    """Create the campaign or update the active one (fields left None keep their value).

    `new=True` starts another campaign, which becomes the active one (the old one stays with its targets).
    """
    c = None if new else active_campaign(session)
    if c is None:
        if not (name and name.strip()) or start is None or end is None:
            raise InvalidInput("a new campaign needs a name, a start date and an end date")
        c = Campaign(name=name.strip(), start_date=start, end_date=end, report_deadline=DEFAULT_DEADLINE,
                     quota_per_team_day=DEFAULT_QUOTA, created_at=now())
        session.add(c)
    if name is not None:
        if not name.strip():
            raise InvalidInput("the campaign name is empty")
        c.name = name.strip()
    if start is not None:
        c.start_date = start
    if end is not None:
        c.end_date = end
    if c.end_date < c.start_date:
        raise InvalidInput(f"campaign end {c.end_date.isoformat()} is before its start {c.start_date.isoformat()}")
    if quota_per_team_day is not None:
        if quota_per_team_day < 0:
            raise InvalidInput("the quota per team per day cannot be negative")
        c.quota_per_team_day = quota_per_team_day
    if deadline is not None:
        c.report_deadline = parse_deadline(deadline)
    session.flush()
    return c


def _require(session: Session) -> Campaign:
    c = active_campaign(session)
    if c is None:
        raise NotFound("no campaign yet: set one first (canvass campaign set --name ... --start ... --end ...)")
    return c


def set_phases(session: Session, phases: Sequence[tuple[str, dt.date, dt.date]]) -> list[CampaignPhase]:
    """Replace the active campaign's phases (đợt) with these (name, start, end)."""
    c = _require(session)
    for name, start, end in phases:
        if end < start:
            raise InvalidInput(f"phase {name!r} ends before it starts")
    session.execute(delete(CampaignPhase).where(CampaignPhase.campaign_id == c.id))
    rows = [CampaignPhase(campaign_id=c.id, name=name, start_date=start, end_date=end) for name, start, end in phases]
    session.add_all(rows)
    session.flush()
    return rows


def set_hamlet_target(session: Session, hamlet_id: int, target: Optional[int]) -> None:
    """Set a hamlet's target in the active campaign (None: back to the default, all eligible residents)."""
    c = _require(session)
    if session.get(Hamlet, hamlet_id) is None:
        raise NotFound(f"no hamlet with id {hamlet_id}")
    row = session.get(HamletTarget, (c.id, hamlet_id))
    if target is None:
        if row is not None:
            session.delete(row)
    else:
        if target < 0:
            raise InvalidInput("a target cannot be negative")
        if row is None:
            session.add(HamletTarget(campaign_id=c.id, hamlet_id=hamlet_id, target=target))
        else:
            row.target = target
    session.flush()


def hamlet_targets(session: Session, campaign_id: int) -> dict[int, int]:
    """Explicit hamlet targets of a campaign (hamlet id -> target)."""
    return dict(session.execute(select(HamletTarget.hamlet_id, HamletTarget.target)
                                .where(HamletTarget.campaign_id == campaign_id)).all())


def effective_targets(session: Session) -> dict[int, int]:
    """Every hamlet's target now: its explicit target, else its number of residents on the list."""
    counts = dict(session.execute(select(Resident.hamlet_id, func.count()).group_by(Resident.hamlet_id)).all())
    c = active_campaign(session)
    if c is not None:
        counts.update(hamlet_targets(session, c.id))
    return counts


def days_left(end: dt.date, as_of: dt.date, start: Optional[dt.date] = None) -> int:
    """Working days from as_of to end, both included (0 after the end; counted from the start before it)."""
    first = max(as_of, start) if start is not None else as_of
    return max((end - first).days + 1, 0)
