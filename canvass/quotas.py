"""Campaign figures "as of" any day: per hamlet, per team and for the commune, from the event log.

What counts:
- As of day D, only events *recorded* by the end of D (`Event.recorded_at`) are known; activity is dated by
  `Event.at`. Each resident's state as of D follows the rules of `canvass.events.derive_state` (the fold here is
  the same rules over plain rows; a test proves they agree on a random log). So yesterday's report can be
  regenerated exactly: visits recorded today do not change it.
- The settings are those in force at the end of D too: the campaign (name, dates, deadline, quota, phases,
  hamlet targets: `canvass.campaign.campaign_info(session, as_of)`) and the teams (names, working or not,
  hamlets: `canvass.teams.teams_as_of`), both read from their changes in the log. Renaming a team, moving a
  target or the end date today leaves yesterday's report as it was handed in.
- Only system-verified activations (`activated_system`) count toward targets (`remaining`, `percent`,
  `done_today`, the required pace). Team-reported activations (`activated`) are shown beside them as
  "reported, awaiting system confirmation".
- Days left counts from D to the campaign end, both included (D itself is a working day); before the start it
  counts from the start; after the end it is 0. `required_per_team_per_day` = remaining / teams / days left
  (the provincial quota-table formula), None without teams or days left.
- Projected finish: D + ceil(remaining / pace) where pace = system-verified activations dated in the last 7 days
  (D-6 .. D) / 7; when there were none it falls back to team-reported activations (`pace_basis` says which);
  None when nothing was activated in those 7 days (or nobody is listed). When nothing remains it is D.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping, Optional

from sqlalchemy import Date, and_, case, cast, func, select, text
from sqlalchemy.orm import Session

from canvass.events import STATUSES
from canvass.models import Event, Hamlet, Resident, Team
from canvass.text import sort_key

# Event kinds that change a resident's state (the others do not matter to the figures).
STATE_KINDS = ("assigned", "visit", "visit_void", "activated_system", "system_reopened")
PACE_DAYS = 7


@dataclass
class GroupStats:
    """Figures of one hamlet, one team, or the whole commune (key None)."""
    key: Optional[int]
    name: str
    eligible: int = 0            # residents on the list (all statuses, incl. activated_system)
    target: int = 0              # campaign target for the group (hamlet targets; teams: their share)
    assigned: int = 0
    visited: int = 0             # at least one visit counted (attempts > 0)
    activated_reported: int = 0  # team says activated, system not yet confirming
    activated_system: int = 0    # confirmed by the national system (the only official count)
    absent: int = 0
    ineligible: int = 0
    ineligible_by_reason: dict[str, int] = field(default_factory=dict)
    wrong_phone: int = 0
    refused: int = 0
    revisit: int = 0
    pending: int = 0
    remaining: int = 0           # target - activated_system (not below 0)
    teams: int = 0               # active teams working the group
    done_today: int = 0          # system-verified activations dated as_of
    done_today_reported: int = 0  # team-reported activations dated as_of
    quota_today: int = 0         # teams * quota_per_team_day
    required_per_team_per_day: Optional[float] = None  # remaining / teams / days_left
    percent: float = 0.0         # activated_system / target * 100
    absent_by_reason: dict[str, int] = field(default_factory=dict)
    unassigned: int = 0


@dataclass
class DayPoint:
    """One day of the progress curve: cumulative activations (reported and verified) against the target line."""
    day: dt.date
    activated_reported_cum: int   # residents activated by either account (team report or system), first date
    activated_system_cum: int
    target_cum: float


@dataclass
class CampaignStats:
    """Every figure of the campaign as of one day."""
    as_of: dt.date
    campaign_name: Optional[str]
    start: Optional[dt.date]
    end: Optional[dt.date]
    report_deadline: str
    quota_per_team_day: int
    days_left: Optional[int]
    total: GroupStats
    hamlets: list[GroupStats]
    teams: list[GroupStats]
    by_status: dict[str, int]
    daily: list[DayPoint]
    projected_finish: Optional[dt.date]
    pace_per_day: Optional[float] = None
    pace_basis: Optional[str] = None   # "system" | "reported" | None

    def to_json(self) -> dict:
        """A JSON-able dict (dates as ISO strings)."""
        def conv(v):
            if isinstance(v, (dt.date, dt.datetime)):
                return v.isoformat()
            if isinstance(v, dict):
                return {str(k): conv(x) for k, x in v.items()}
            if isinstance(v, list):
                return [conv(x) for x in v]
            return v
        return conv(dataclasses.asdict(self))


@dataclass
class _State:
    """One resident's state as of the cut-off, reduced to what the figures need."""
    status: str = "pending"
    reason: Optional[str] = None
    attempts: int = 0
    team_id: Optional[int] = None
    system_on: Optional[dt.date] = None     # date of the system activation in force
    reported_on: Optional[dt.date] = None   # date of the team's activation report in force


def _as_dt(v) -> dt.datetime:
    """A datetime from a driver value (SQLite gives ISO text, PostgreSQL datetimes)."""
    if isinstance(v, str):
        return dt.datetime.fromisoformat(v)
    if isinstance(v, dt.datetime):
        return v
    return dt.datetime.combine(v, dt.time())


def fold_rows(rows: list[tuple]) -> _State:
    """One resident's rows (id, kind, at, team_id, outcome, reason, data), any order, folded by the rules of
    `canvass.events.derive_state`."""
    rows.sort(key=lambda r: (r[2], r[0]))
    voided = set()
    for r in rows:
        if r[1] == "visit_void" and r[6]:
            voided.add(json.loads(r[6]).get("voids"))
    st = _State()
    v_status, v_reason, v_at = "pending", None, None
    system_at = None
    for eid, kind, at, team_id, outcome, reason, _data in rows:
        if kind == "assigned":
            st.team_id = team_id
        elif kind == "visit":
            if eid in voided:
                continue
            if outcome == "pending":
                v_status, v_reason, v_at = "pending", None, at
                continue
            st.attempts += 1
            v_status, v_reason, v_at = outcome, reason, at
        elif kind == "activated_system":
            system_at = at
        elif kind == "system_reopened":
            system_at = None
    if v_status == "activated":
        st.reported_on = v_at.date()
    if system_at is not None:
        st.status, st.system_on = "activated_system", system_at.date()
    else:
        st.status, st.reason = v_status, v_reason
    return st


def _cutoff_param(session: Session, as_of: dt.date):
    """The bound value meaning "before the end of as_of" for recorded_at < :cut on this dialect.

    SQLite stores datetimes as ISO text with or without fractions ("… 00:00:00" or "… 00:00:00.000000"), so
    the cut is the bare date of the next day, which sorts before both forms of that day and after the whole day.
    """
    nxt = as_of + dt.timedelta(days=1)
    if session.get_bind().dialect.name == "sqlite":
        return nxt.isoformat()
    return dt.datetime.combine(nxt, dt.time())


def resident_states(session: Session, as_of: dt.date) -> dict[int, _State]:
    """The state as of the end of as_of of every resident with a state-changing event (one pass over the log)."""
    conn = session.connection()
    kinds = ", ".join(f"'{k}'" for k in STATE_KINDS)
    result = conn.execute(text(
        "SELECT resident_id, id, kind, at, team_id, outcome, reason, data FROM event "
        f"WHERE resident_id IS NOT NULL AND kind IN ({kinds}) AND recorded_at < :cut "
        "ORDER BY resident_id, id"), {"cut": _cutoff_param(session, as_of)})
    return _fold_stream(result)


def _fold_stream(result) -> dict[int, _State]:
    """Fold rows (resident_id, id, kind, at, team_id, outcome, reason, data) ordered by resident into states.

    A resident with one event only (most of them: just assigned) is folded without sorting or parsing.
    """
    states: dict[int, _State] = {}
    current, group = None, []

    def flush() -> None:
        if len(group) == 1 and group[0][1] == "assigned":
            states[current] = _State(team_id=group[0][3])
        else:
            states[current] = fold_rows([(g[0], g[1], _as_dt(g[2]), g[3], g[4], g[5], g[6]) for g in group])

    for rid, *row in result:
        if rid != current:
            if group:
                flush()
            current, group = rid, []
        group.append(row)
    if group:
        flush()
    return states


def _listed_residents(session: Session, as_of: dt.date) -> list[tuple[int, int]]:
    """(resident id, hamlet id) of the residents on the list by the end of as_of (imported by then; residents
    without an `imported` event count as always listed)."""
    conn = session.connection()
    later = {r for (r,) in conn.execute(text(
        "SELECT resident_id FROM event WHERE kind = 'imported' AND resident_id IS NOT NULL "
        "GROUP BY resident_id HAVING MIN(recorded_at) >= :cut"), {"cut": _cutoff_param(session, as_of)})}
    rows = conn.execute(text("SELECT id, hamlet_id FROM resident")).all()
    return [(r, h) for r, h in rows if r not in later] if later else [tuple(x) for x in rows]


def required_per_team_per_day(remaining: int, teams: int, days: Optional[int]) -> Optional[float]:
    """The provincial quota-table pace: remaining / teams / days left (2 decimals); None without teams or days."""
    return round(remaining / teams / days, 2) if teams and days else None


def _fill(g: GroupStats, counts: "defaultdict", quota: int, days: Optional[int]) -> GroupStats:
    g.remaining = max(g.target - g.activated_system, 0)
    g.percent = round(g.activated_system / g.target * 100, 1) if g.target else 0.0
    g.quota_today = g.teams * quota
    g.required_per_team_per_day = required_per_team_per_day(g.remaining, g.teams, days)
    return g


def _add(g: GroupStats, status: str, reason: Optional[str], team: Optional[int], visited: bool,
         sys_today: bool, rep_today: bool, n: int) -> None:
    g.eligible += n
    if team is not None:
        g.assigned += n
    else:
        g.unassigned += n
    if visited:
        g.visited += n
    if sys_today:
        g.done_today += n
    if rep_today:
        g.done_today_reported += n
    if status == "activated":
        g.activated_reported += n
    elif status == "activated_system":
        g.activated_system += n
    elif status == "ineligible":
        g.ineligible += n
        key = reason or "other"
        g.ineligible_by_reason[key] = g.ineligible_by_reason.get(key, 0) + n
    elif status == "absent":
        g.absent += n
        if reason:
            g.absent_by_reason[reason] = g.absent_by_reason.get(reason, 0) + n
    elif status == "wrong_phone":
        g.wrong_phone += n
    elif status == "refused":
        g.refused += n
    elif status == "revisit":
        g.revisit += n
    else:
        g.pending += n


_Keys = dict[tuple, int]


def _tally(keys: _Keys, sys_days: dict, any_days: dict, hid: int, st: _State, as_of: dt.date, n: int = 1) -> None:
    """Count n residents of one hamlet in one state."""
    keys[(hid, st.team_id, st.status, st.reason, st.attempts > 0,
          st.system_on == as_of, st.reported_on == as_of)] += n
    if st.system_on is not None:
        sys_days[st.system_on] += n
    if st.system_on is not None or st.reported_on is not None:
        first = min(d for d in (st.system_on, st.reported_on) if d is not None)
        any_days[first] += n


def _collect_from_log(session: Session, as_of: dt.date,
                      hamlet_ids: Optional[set[int]] = None) -> tuple[_Keys, dict, dict]:
    """Figure keys and activation days as of the end of as_of, from one pass over the log (of some hamlets)."""
    states = resident_states(session, as_of)
    default = _State()
    keys: _Keys = defaultdict(int)
    sys_days: dict[dt.date, int] = defaultdict(int)
    any_days: dict[dt.date, int] = defaultdict(int)
    for rid, hid in _listed_residents(session, as_of):
        if hamlet_ids is None or hid in hamlet_ids:
            _tally(keys, sys_days, any_days, hid, states.get(rid, default), as_of)
    return keys, sys_days, any_days


def _date_of(session: Session, col):
    """SQL for the calendar date of a datetime column on this dialect."""
    if session.get_bind().dialect.name == "sqlite":
        return func.date(col)
    return cast(col, Date)


def _as_date(v) -> Optional[dt.date]:
    if v is None or isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v)[:10])


def _cache_is_current(session: Session, as_of: dt.date) -> bool:
    """Whether nothing was recorded after the end of as_of (so the residents' cached state is as of then)."""
    session.flush()
    latest = session.execute(text("SELECT MAX(recorded_at) FROM event")).scalar()
    if latest is None:
        return True
    return _as_dt(latest).date() <= as_of


def _collect_from_cache(session: Session, as_of: dt.date,
                        hamlet_ids: Optional[set[int]] = None) -> tuple[_Keys, dict, dict]:
    """The same figure keys from the residents' cached state, with SQL aggregates (of some hamlets).

    A system-verified resident whose latest visit also reported an activation needs that visit's date (for
    done_today_reported and the reported curve): those residents alone are folded from the log.
    """
    conn = session.connection()
    r = Resident.__table__.c
    both = (select(Event.resident_id).where(Event.kind == "visit", Event.outcome == "activated")
            .scalar_subquery())
    special = and_(r.status == "activated_system", r.id.in_(both))
    if hamlet_ids is not None:
        special = and_(special, r.hamlet_id.in_(hamlet_ids))
    day = _date_of(session, r.status_at)
    q = (select(r.hamlet_id, r.team_id, r.status, r.status_reason, r.attempts > 0,
                case((r.status.in_(("activated", "activated_system")), day), else_=None), func.count())
         .where(~special).group_by(text("1, 2, 3, 4, 5, 6")))  # by position: the same SQL on PostgreSQL
    if hamlet_ids is not None:
        q = q.where(r.hamlet_id.in_(hamlet_ids))
    keys: _Keys = defaultdict(int)
    sys_days: dict[dt.date, int] = defaultdict(int)
    any_days: dict[dt.date, int] = defaultdict(int)
    for hid, tid, status, reason, visited, d, n in conn.execute(q):
        d = _as_date(d)
        st = _State(status=status, reason=reason if status != "activated_system" else None,
                    attempts=1 if visited else 0, team_id=tid,
                    system_on=d if status == "activated_system" else None,
                    reported_on=d if status == "activated" else None)
        _tally(keys, sys_days, any_days, hid, st, as_of, n)
    hamlet_of = dict(conn.execute(select(r.id, r.hamlet_id).where(special)).all())
    if hamlet_of:
        kinds = ", ".join(f"'{k}'" for k in STATE_KINDS)
        rows = conn.execute(text(
            "SELECT e.resident_id, e.id, e.kind, e.at, e.team_id, e.outcome, e.reason, e.data FROM event e "
            "JOIN resident r ON r.id = e.resident_id "
            f"WHERE r.status = 'activated_system' AND e.kind IN ({kinds}) ORDER BY e.resident_id, e.id"))
        for rid, st in _fold_stream(rows).items():
            if rid in hamlet_of:
                _tally(keys, sys_days, any_days, hamlet_of[rid], st, as_of)
    return keys, sys_days, any_days


def largest_remainder(total: int, weights: Mapping[Any, int]) -> dict[Any, int]:
    """Split `total` in proportion to `weights` into whole parts that add up to it (the largest remainder
    method, in exact arithmetic): each part is its exact share rounded down, and the units left over go one each
    to the largest fractional parts (ties: the earlier key). So each part is within 1 of its exact share. The
    one home of this rule: a hamlet's target split among its teams, a province's target among its communes."""
    whole = sum(weights.values())
    if total < 0 or any(w < 0 for w in weights.values()) or (whole <= 0 and total):
        raise ValueError("largest_remainder needs a total >= 0 and weights >= 0 with a positive sum")
    if whole <= 0:
        return {k: 0 for k in weights}
    exact = {k: Fraction(total * w, whole) for k, w in weights.items()}
    parts = {k: math.floor(x) for k, x in exact.items()}
    rank = {k: i for i, k in enumerate(weights)}
    leftover = sorted(weights, key=lambda k: (-(exact[k] - parts[k]), rank[k]))[:total - sum(parts.values())]
    for k in leftover:
        parts[k] += 1
    return parts


def _team_shares(hamlets: dict[int, GroupStats], team_hamlet_n: dict[tuple[int, int], int]) -> dict[int, int]:
    """Each team's share of the hamlet targets, in proportion to its residents in each hamlet; a hamlet's
    target is split by largest remainder, so the shares (with the unassigned residents' share) add up to it."""
    per_hamlet: dict[int, list[tuple[Optional[int], int]]] = defaultdict(list)
    for (tid, hid), n in team_hamlet_n.items():
        per_hamlet[hid].append((tid, n))
    out: dict[int, int] = defaultdict(int)
    for hid, rows in per_hamlet.items():
        h = hamlets[hid]
        if not h.eligible:
            continue
        rows = rows + [(None, h.eligible - sum(n for _t, n in rows))]
        alloc = largest_remainder(h.target, {i: n for i, (_t, n) in enumerate(rows)})
        for i, (tid, _n) in enumerate(rows):
            if tid is not None:
                out[tid] += alloc[i]
    return out


def compute_stats(session: Session, as_of: Optional[dt.date] = None, *,
                  from_log: Optional[bool] = None, commune_id: Optional[int] = None) -> CampaignStats:
    """The campaign's figures as of the end of `as_of` (default today), from the event log (see the module);
    with `commune_id`, of that commune only (its hamlets, its teams, its campaign).

    When nothing was recorded after the end of as_of (today's figures), the residents' cached state is
    the log's state, and the figures come from SQL aggregates over it; otherwise from one pass over the
    log. `from_log` forces one way (tests prove both give the same figures).
    """
    from canvass.campaign import DEFAULT_DEADLINE, DEFAULT_QUOTA, campaign_info, days_left as _days_left
    from canvass.teams import teams_as_of

    as_of = as_of or dt.date.today()
    camp = campaign_info(session, as_of, commune_id)   # the settings and teams in force that day, not today's
    quota = camp.quota_per_team_day if camp is not None else DEFAULT_QUOTA
    days = _days_left(camp.end, as_of, camp.start) if camp is not None else None
    explicit = camp.targets if camp is not None else {}
    team_rows = teams_as_of(session, as_of)
    hamlet_ids = None
    if commune_id is not None:
        hamlet_ids = set(session.scalars(select(Hamlet.id).where(Hamlet.commune_id == commune_id)))
        own = set(session.scalars(select(Team.id).where(Team.commune_id == commune_id)))
        team_rows = {tid: t for tid, t in team_rows.items() if tid in own}
    active = {tid for tid, t in team_rows.items() if t.active}

    if from_log is None:
        from_log = not _cache_is_current(session, as_of)
    keys, sys_days, any_days = (_collect_from_log if from_log else _collect_from_cache)(session, as_of, hamlet_ids)

    hamlet_rows = {h.id: h for h in session.scalars(select(Hamlet)) if hamlet_ids is None or h.id in hamlet_ids}
    hamlets: dict[int, GroupStats] = {}
    teams: dict[int, GroupStats] = {}
    total = GroupStats(key=None, name="Toàn xã")
    team_hamlet_n: dict[tuple[int, int], int] = defaultdict(int)
    hamlet_teams: dict[int, set[int]] = defaultdict(set)
    for (hid, tid, status, reason, visited, s_today, r_today), n in keys.items():
        h = hamlets.get(hid)
        if h is None:
            hrow = hamlet_rows.get(hid)
            h = hamlets[hid] = GroupStats(key=hid, name=hrow.name if hrow else str(hid))
        _add(h, status, reason, tid, visited, s_today, r_today, n)
        _add(total, status, reason, tid, visited, s_today, r_today, n)
        if tid is not None:
            t = teams.get(tid)
            if t is None:
                trow = team_rows.get(tid) or session.get(Team, tid)
                t = teams[tid] = GroupStats(key=tid, name=trow.name if trow else str(tid))
            _add(t, status, reason, tid, visited, s_today, r_today, n)
            team_hamlet_n[(tid, hid)] += n
            if tid in active:
                hamlet_teams[hid].add(tid)
    for tid in active:
        for hid in team_rows[tid].hamlet_ids:
            hamlet_teams[hid].add(tid)
    for hid, target in explicit.items():  # a hamlet with a target but nobody listed yet
        if hid not in hamlets and hid in hamlet_rows:
            hamlets[hid] = GroupStats(key=hid, name=hamlet_rows[hid].name)
    for tid in active:  # working teams without residents still show (with their load of 0)
        if tid not in teams:
            teams[tid] = GroupStats(key=tid, name=team_rows[tid].name)

    for hid, h in hamlets.items():
        h.target = explicit.get(hid, h.eligible)
        h.teams = len(hamlet_teams.get(hid, ()))
        _fill(h, keys, quota, days)
    shares = _team_shares(hamlets, team_hamlet_n)
    for tid, t in teams.items():
        t.target = shares.get(tid, 0)
        t.teams = 1 if tid in active else 0
        _fill(t, keys, quota, days)
    total.target = sum(h.target for h in hamlets.values())
    total.teams = len(set().union(*hamlet_teams.values())) if hamlet_teams else 0
    _fill(total, keys, quota, days)

    by_status = {s: 0 for s in STATUSES}
    for (_h, _t, status, *_rest), n in keys.items():
        by_status[status] = by_status.get(status, 0) + n

    # progress curve, from the campaign start (or the first activation) to as_of
    first_day = camp.start if camp is not None else (min(any_days) if any_days else None)
    daily: list[DayPoint] = []
    if first_day is not None and first_day <= as_of:
        span = (camp.end - camp.start).days + 1 if camp is not None else None
        cum_sys = sum(n for d, n in sys_days.items() if d < first_day)
        cum_any = sum(n for d, n in any_days.items() if d < first_day)
        day = first_day
        while day <= as_of:
            cum_sys += sys_days.get(day, 0)
            cum_any += any_days.get(day, 0)
            if span:
                elapsed = min((day - camp.start).days + 1, span)
                target_cum = round(total.target * elapsed / span, 2)
            else:
                target_cum = 0.0
            daily.append(DayPoint(day=day, activated_reported_cum=cum_any, activated_system_cum=cum_sys,
                                  target_cum=target_cum))
            day += dt.timedelta(days=1)

    # pace of the last 7 days and the projected finish
    window = [as_of - dt.timedelta(days=i) for i in range(PACE_DAYS)]
    recent_sys = sum(sys_days.get(d, 0) for d in window)
    recent_any = sum(any_days.get(d, 0) for d in window)
    pace, basis = None, None
    if recent_sys:
        pace, basis = recent_sys / PACE_DAYS, "system"
    elif recent_any:
        pace, basis = recent_any / PACE_DAYS, "reported"
    if total.eligible == 0:
        projected = None
    elif total.remaining == 0:
        projected = as_of
    elif pace:
        projected = as_of + dt.timedelta(days=math.ceil(total.remaining / pace))
    else:
        projected = None

    key_name = lambda g: sort_key(g.name)  # noqa: E731
    return CampaignStats(
        as_of=as_of, campaign_name=camp.name if camp else None, start=camp.start if camp else None,
        end=camp.end if camp else None,
        report_deadline=camp.report_deadline if camp else DEFAULT_DEADLINE,
        quota_per_team_day=quota, days_left=days, total=total,
        hamlets=sorted(hamlets.values(), key=key_name), teams=sorted(teams.values(), key=key_name),
        by_status=by_status, daily=daily, projected_finish=projected,
        pace_per_day=round(pace, 2) if pace else None, pace_basis=basis)
