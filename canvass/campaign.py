"""The campaign: one active campaign (the newest), its dates, report deadline, daily quota, phases and
per-hamlet targets (a hamlet without a target row targets all its eligible residents).

History: every change (`set_campaign`, `set_phases`, `set_hamlet_target`, the only writers) is also a `campaign`
event in the log (resident_id None; data: action, campaign id, the values `before` and `after`), dated when it
was recorded. `campaign_info(session, as_of=DAY)` reads the settings in force at the end of DAY from it:
the `after` of the latest change recorded by then, else the `before` of the first later change, else the
current values. So a database made before changes were recorded takes its current values as valid from the
beginning, and a change made today never alters yesterday's figures. As of a day, the active campaign is the
newest one created by its end (before the first campaign existed: the first one).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Optional, Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from canvass.db import now
from canvass.errors import InvalidInput, NotFound
from canvass.events import append_event
from canvass.models import Campaign, CampaignPhase, Event, Hamlet, HamletTarget, Resident

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
        raise InvalidInput("deadline_invalid", value=value)
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def active_campaign(session: Session, commune_id: Optional[int] = None) -> Optional[Campaign]:
    """The active campaign (the newest one; of one commune with `commune_id`), or None."""
    q = select(Campaign).order_by(Campaign.id.desc()).limit(1)
    if commune_id is not None:
        q = q.where(Campaign.commune_id == commune_id)
    return session.scalars(q).first()


def campaign_info(session: Session, as_of: Optional[dt.date] = None,
                  commune_id: Optional[int] = None) -> Optional[CampaignInfo]:
    """The active campaign (of one commune with `commune_id`) with its phases and explicit hamlet targets, or
    None; with `as_of`, the campaign and its settings as they were at the end of that day (see the module)."""
    if as_of is not None:
        return _campaign_as_of(session, end_of_day(as_of), commune_id)
    c = active_campaign(session, commune_id)
    if c is None:
        return None
    return _info(c, _fields(c), _phases(session, c.id), hamlet_targets(session, c.id))


def end_of_day(day: dt.date) -> dt.datetime:
    """The first moment after `day`: what was recorded before it is known as of that day."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time())


def _fields(c: Campaign) -> dict:
    """A campaign's own settings as JSON-able values (what a `set` change records)."""
    return {"name": c.name, "start": c.start_date.isoformat(), "end": c.end_date.isoformat(),
            "deadline": c.report_deadline or DEFAULT_DEADLINE,
            "quota": c.quota_per_team_day if c.quota_per_team_day is not None else DEFAULT_QUOTA}


def _phases(session: Session, campaign_id: int) -> list[list]:
    """A campaign's phases as JSON-able [name, start, end] lists, in date order."""
    return [[p.name, p.start_date.isoformat(), p.end_date.isoformat()] for p in session.scalars(
        select(CampaignPhase).where(CampaignPhase.campaign_id == campaign_id)
        .order_by(CampaignPhase.start_date, CampaignPhase.id))]


def _info(c: Campaign, fields: dict, phases: list, targets: dict[int, int]) -> CampaignInfo:
    day = dt.date.fromisoformat
    return CampaignInfo(id=c.id, name=fields["name"], start=day(fields["start"]), end=day(fields["end"]),
                        report_deadline=fields["deadline"], quota_per_team_day=fields["quota"],
                        phases=[(n, day(a), day(b)) for n, a, b in phases], targets=targets)


def _log(session: Session, campaign_id: int, action: str, before, after, **extra) -> None:
    """Record one change of the campaign's settings (see the module)."""
    append_event(session, None, "campaign",
                 data={"action": action, "campaign": campaign_id, **extra, "before": before, "after": after})


def _in_force(changes: list[tuple[dt.datetime, dict]], cut: dt.datetime, current, *, created: bool = False):
    """The value in force before `cut`, from one setting's changes (recorded time, data) in log order.

    `created`: a first change without a `before` made the campaign, whose first values then hold from the
    beginning (for a target, no `before` is a value: the default)."""
    known = [d for when, d in changes if when < cut]
    if known:
        return known[-1]["after"]
    if changes:
        first = changes[0][1]
        return first["after"] if created and first["before"] is None else first["before"]
    return current


def _campaign_as_of(session: Session, cut: dt.datetime, commune_id: Optional[int] = None) -> Optional[CampaignInfo]:
    q = select(Campaign).order_by(Campaign.id)
    if commune_id is not None:
        q = q.where(Campaign.commune_id == commune_id)
    campaigns = list(session.scalars(q))
    if not campaigns:
        return None
    started = [c for c in campaigns if c.created_at is None or c.created_at < cut]
    c = started[-1] if started else campaigns[0]
    sets, phases, targets = [], [], {}
    for when, data in session.execute(select(Event.recorded_at, Event.data)
                                      .where(Event.kind == "campaign").order_by(Event.id)):
        d = json.loads(data)
        if d.get("campaign") != c.id:
            continue
        if d["action"] == "set":
            sets.append((when, d))
        elif d["action"] == "phases":
            phases.append((when, d))
        elif d["action"] == "target":
            targets.setdefault(d["hamlet"], []).append((when, d))
    explicit = hamlet_targets(session, c.id)
    for hid, changes in targets.items():
        value = _in_force(changes, cut, explicit.get(hid))
        if value is None:
            explicit.pop(hid, None)
        else:
            explicit[hid] = value
    return _info(c, _in_force(sets, cut, _fields(c), created=True), _in_force(phases, cut, _phases(session, c.id)),
                 explicit)


def set_campaign(session: Session, *, name: Optional[str] = None, start: Optional[dt.date] = None,
                 end: Optional[dt.date] = None, quota_per_team_day: Optional[int] = None,
                 deadline: Optional[str] = None, new: bool = False, commune_id: Optional[int] = None) -> Campaign:
    """Create the campaign or update the active one (fields left None keep their value).

    `new=True` starts another campaign, which becomes the active one (the old one stays with its targets).
    `commune_id`: the commune's campaign (a new one belongs to it; by default to the database's only commune).
    """
    c = None if new else active_campaign(session, commune_id)
    before = None if c is None else _fields(c)
    if c is None:
        if not (name and name.strip()) or start is None or end is None:
            raise InvalidInput("campaign_new_incomplete")
        from canvass.communes import commune_id_of
        c = Campaign(name=name.strip(), start_date=start, end_date=end, report_deadline=DEFAULT_DEADLINE,
                     quota_per_team_day=DEFAULT_QUOTA, created_at=now(),
                     commune_id=commune_id if commune_id is not None else commune_id_of(session, None))
        session.add(c)
    if name is not None:
        if not name.strip():
            raise InvalidInput("campaign_name_empty")
        c.name = name.strip()
    if start is not None:
        c.start_date = start
    if end is not None:
        c.end_date = end
    if c.end_date < c.start_date:
        raise InvalidInput("campaign_end_before_start", end=c.end_date.isoformat(), start=c.start_date.isoformat())
    if quota_per_team_day is not None:
        if quota_per_team_day < 0:
            raise InvalidInput("quota_negative")
        c.quota_per_team_day = quota_per_team_day
    if deadline is not None:
        c.report_deadline = parse_deadline(deadline)
    session.flush()
    after = _fields(c)
    if after != before:
        _log(session, c.id, "set", before, after)
        session.flush()
    return c


def _require(session: Session) -> Campaign:
    c = active_campaign(session)
    if c is None:
        raise NotFound("campaign_missing")
    return c


def set_phases(session: Session, phases: Sequence[tuple[str, dt.date, dt.date]]) -> list[CampaignPhase]:
    """Replace the active campaign's phases (đợt) with these (name, start, end)."""
    c = _require(session)
    for name, start, end in phases:
        if end < start:
            raise InvalidInput("phase_end_before_start", name=name)
    before = _phases(session, c.id)
    session.execute(delete(CampaignPhase).where(CampaignPhase.campaign_id == c.id))
    rows = [CampaignPhase(campaign_id=c.id, name=name, start_date=start, end_date=end) for name, start, end in phases]
    session.add_all(rows)
    session.flush()
    after = _phases(session, c.id)
    if after != before:
        _log(session, c.id, "phases", before, after)
        session.flush()
    return rows


def set_hamlet_target(session: Session, hamlet_id: int, target: Optional[int]) -> None:
    """Set a hamlet's target in the active campaign of its commune (None: back to the default, all eligible
    residents)."""
    hamlet = session.get(Hamlet, hamlet_id)
    if hamlet is None:
        raise NotFound("hamlet_id_unknown", id=hamlet_id)
    c = (active_campaign(session, hamlet.commune_id) if hamlet.commune_id is not None else None) or _require(session)
    row = session.get(HamletTarget, (c.id, hamlet_id))
    before = row.target if row is not None else None
    if target is None:
        if row is not None:
            session.delete(row)
    else:
        if target < 0:
            raise InvalidInput("target_negative")
        if row is None:
            session.add(HamletTarget(campaign_id=c.id, hamlet_id=hamlet_id, target=target))
        else:
            row.target = target
    if target != before:
        _log(session, c.id, "target", before, target, hamlet=hamlet_id)
    session.flush()


def hamlet_targets(session: Session, campaign_id: int) -> dict[int, int]:
    """Explicit hamlet targets of a campaign (hamlet id -> target)."""
    return dict(session.execute(select(HamletTarget.hamlet_id, HamletTarget.target)
                                .where(HamletTarget.campaign_id == campaign_id)).all())


@dataclass
class HamletTargetRow:
    """One hamlet as the campaign settings show it: residents on the list and its explicit target (None:
    the default, every eligible resident)."""
    hamlet_id: int
    name: str
    residents: int
    target: Optional[int]


def hamlet_target_rows(session: Session) -> list[HamletTargetRow]:
    """Every hamlet with its residents and the active campaign's explicit target, in the walk list's order."""
    from canvass.text import sort_key

    counts = dict(session.execute(select(Resident.hamlet_id, func.count()).group_by(Resident.hamlet_id)).all())
    c = active_campaign(session)
    targets = hamlet_targets(session, c.id) if c is not None else {}
    rows = [HamletTargetRow(hid, name, counts.get(hid, 0), targets.get(hid))
            for hid, name in session.execute(select(Hamlet.id, Hamlet.name))]
    return sorted(rows, key=lambda r: (sort_key(r.name), r.hamlet_id))     # the walk list's hamlet order


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
