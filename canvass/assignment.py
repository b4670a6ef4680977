"""Who visits whom: assign residents to teams by hamlet, balanced by household, or by hand.

Every change is an `assigned` event (team_id None = unassigned, data {"from": previous team}) and the cached
`Resident.team_id` / `version` are updated in bulk (`events.write_team`, the cache's one writer), so
assigning 300k residents takes seconds. A resident is on at most one team; re-assignment adds an event, so
the previous team and its visits stay in the log.

Balancing splits a hamlet's residents among teams by whole households (one door = one team), taking
households in address order (`Household.sort_key`) in contiguous runs so neighbours stay together; each cut is
placed at the household boundary nearest the even share, so every team's count is within one household of
even. Residents without a household count as households of one, after the others, in address order.
Balancing only the unassigned residents never splits a door either: the unassigned members of a household
already partly on a working team join that team (see `_hamlet_units`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Callable, Hashable, Iterable, Optional, Sequence

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from canvass.db import bulk_insert, now
from canvass.errors import Cancelled, InvalidInput, NotFound
from canvass.events import write_team
from canvass.models import Event, Hamlet, Household, Resident, Team, TeamHamlet

CHUNK = 5000
_IN_CHUNK = 900


@dataclass
class AssignResult:
    """What an assignment did: residents newly assigned, moved between teams, unassigned, left unchanged."""
    assigned: int = 0
    moved: int = 0
    unassigned: int = 0
    unchanged: int = 0
    per_team: dict[Optional[int], int] = field(default_factory=dict)  # residents handled, by their new team
    changed_ids: list[int] = field(default_factory=list)

    @property
    def changed(self) -> int:
        """Residents whose team changed."""
        return self.assigned + self.moved + self.unassigned

    def add(self, other: "AssignResult") -> "AssignResult":
        """Sum another result into this one."""
        self.assigned += other.assigned
        self.moved += other.moved
        self.unassigned += other.unassigned
        self.unchanged += other.unchanged
        for k, v in other.per_team.items():
            self.per_team[k] = self.per_team.get(k, 0) + v
        self.changed_ids.extend(other.changed_ids)
        return self


def _chunks(seq: Sequence, n: int):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def _check_team(session: Session, team_id: Optional[int], allow_retired: bool) -> None:
    if team_id is None:
        return
    team = session.get(Team, team_id)
    if team is None:
        raise NotFound("team_id_unknown", id=team_id)
    if not allow_retired and (team.retired_at is not None or team.merged_into_id is not None):
        raise InvalidInput("team_retired_no_assign", name=team.name)


def _current_teams(session: Session, ids: Sequence[int]) -> dict[int, Optional[int]]:
    conn = session.connection()
    if len(ids) > 20_000:
        return dict(conn.execute(text("SELECT id, team_id FROM resident")).all())
    out: dict[int, Optional[int]] = {}
    for chunk in _chunks(list(ids), _IN_CHUNK):
        out.update(conn.execute(select(Resident.id, Resident.team_id).where(Resident.id.in_(chunk))).all())
    return out


def apply_assignment(session: Session, mapping: dict[int, Optional[int]], *, actor: Optional[str] = None,
                     note: Optional[str] = None, allow_retired: bool = False,
                     progress: Optional[Callable[[int, int], None]] = None,
                     cancel: Optional[Callable[[], bool]] = None) -> AssignResult:
    """Put each resident of `mapping` (resident id -> team id or None) on that team, in bulk.

    Unknown residents or teams raise before anything is written; `cancel()` raises Cancelled (the caller's
    transaction then rolls back).
    """
    for tid in set(mapping.values()):
        _check_team(session, tid, allow_retired)
    session.flush()
    ids = list(mapping)
    current = _current_teams(session, ids)
    missing = [i for i in ids if i not in current]
    if missing:
        raise NotFound("residents_unknown", count=len(missing), first=missing[0])
    result = AssignResult()
    changes: list[tuple[int, Optional[int], Optional[int]]] = []
    for rid in ids:
        new, old = mapping[rid], current[rid]
        result.per_team[new] = result.per_team.get(new, 0) + 1
        if new == old:
            result.unchanged += 1
            continue
        if old is None:
            result.assigned += 1
        elif new is None:
            result.unassigned += 1
        else:
            result.moved += 1
        changes.append((rid, old, new))
    if not changes:
        return result
    conn = session.connection()
    stamp = now()
    if conn.dialect.name == "sqlite":  # format once (the driver's adapter would do it per row)
        stamp = stamp.isoformat(" ")
    cols = ("resident_id", "kind", "at", "recorded_at", "actor", "team_id", "note", "data")
    total = len(changes)
    done = 0
    for chunk in _chunks(changes, CHUNK):
        if cancel is not None and cancel():
            raise Cancelled("cancelled")
        bulk_insert(conn, Event.__table__, cols,
                    [(rid, "assigned", stamp, stamp, actor, new, note,
                      json.dumps({"from": old}) if old is not None else None) for rid, old, new in chunk])
        by_team: dict[Optional[int], list[int]] = {}
        for rid, _old, new in chunk:
            by_team.setdefault(new, []).append(rid)
        for tid, rids in by_team.items():
            write_team(conn, rids, tid)
        done += len(chunk)
        if progress is not None:
            progress(done, total)
    changed = {rid for rid, _o, _n in changes}
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Resident) and obj.id in changed:
            session.expire(obj)
    result.changed_ids = [rid for rid, _o, _n in changes]
    return result


def assign_residents(session: Session, resident_ids: Iterable[int], team_id: Optional[int], *,
                     actor: Optional[str] = None, note: Optional[str] = None, allow_retired: bool = False,
                     progress=None, cancel=None) -> AssignResult:
    """Put residents on one team (None: unassign them)."""
    mapping = {rid: team_id for rid in resident_ids}
    return apply_assignment(session, mapping, actor=actor, note=note, allow_retired=allow_retired,
                            progress=progress, cancel=cancel)


def household_residents(session: Session, household_ids: Iterable[int]) -> list[int]:
    """The residents of these households (NotFound for an unknown household)."""
    hids = list(dict.fromkeys(household_ids))
    found = set()
    out: list[int] = []
    for chunk in _chunks(hids, _IN_CHUNK):
        found.update(session.scalars(select(Household.id).where(Household.id.in_(chunk))))
        out.extend(session.scalars(select(Resident.id).where(Resident.household_id.in_(chunk))
                                   .order_by(Resident.id)))
    missing = [h for h in hids if h not in found]
    if missing:
        raise NotFound("household_unknown", id=missing[0])
    return out


def assign_households(session: Session, household_ids: Iterable[int], team_id: Optional[int], *,
                      actor: Optional[str] = None, note: Optional[str] = None, progress=None,
                      cancel=None) -> AssignResult:
    """Put whole households (every resident of each) on one team."""
    return assign_residents(session, household_residents(session, household_ids), team_id, actor=actor,
                            note=note, progress=progress, cancel=cancel)


def plan_balance(units: Sequence[tuple[Hashable, int]], n: int) -> list[list[Hashable]]:
    """Split units (household key, residents) kept in order into n contiguous runs of near-even size.

    Cut j goes at the unit boundary whose running total is nearest j * total / n (never going back), so each
    run's size is within one unit (the largest household) of the even share.
    """
    if n <= 0:
        raise InvalidInput("balance_no_team")
    total = sum(size for _k, size in units)
    cum = [0]
    for _k, size in units:
        cum.append(cum[-1] + size)
    cuts = [0]
    for j in range(1, n):
        goal = j * total / n
        lo = cuts[-1]
        best = lo
        for b in range(lo, len(cum)):
            if abs(cum[b] - goal) < abs(cum[best] - goal):
                best = b
            if cum[b] > goal:
                break
        cuts.append(best)
    cuts.append(len(units))
    return [[k for k, _s in units[cuts[j]:cuts[j + 1]]] for j in range(n)]


def _hamlet_units(session: Session, hamlet_id: int, only_unassigned: bool,
                  active_ids: set[int]) -> tuple[list[tuple[Hashable, list[int]]], dict[int, int]]:
    """A hamlet's residents grouped by household in address order (households of one at the end), and the
    residents who must join a team already chosen (resident id -> team id).

    With `only_unassigned`, residents on a working team stay out, and so does the rest of their household:
    a household partly on a working team is that team's door, so its unassigned members join it (the team
    with most of its members; the lowest id on a tie) instead of being balanced on their own."""
    q = (select(Resident.id, Resident.household_id, Resident.team_id, Household.sort_key, Resident.address_fold,
                Resident.name_sort)
         .outerjoin(Household, Household.id == Resident.household_id)
         .where(Resident.hamlet_id == hamlet_id))
    groups: dict[Hashable, list[int]] = {}
    order: dict[Hashable, tuple] = {}
    held: dict[int, dict[int, int]] = {}   # household id -> {working team: members on it}
    for rid, hid, tid, hsort, addr, nsort in session.execute(q):
        if only_unassigned and tid is not None and tid in active_ids:
            if hid is not None:
                held.setdefault(hid, {}).setdefault(tid, 0)
                held[hid][tid] += 1
            continue
        if hid is not None:
            key = ("h", hid)
            order.setdefault(key, (0, hsort or "", hid))
        else:
            key = ("r", rid)
            order[key] = (1, addr or "", nsort or "", rid)
        groups.setdefault(key, []).append(rid)
    joins: dict[int, int] = {}
    for hid, counts in held.items():
        rids = groups.pop(("h", hid), None)
        if rids:
            team = min(counts, key=lambda t: (-counts[t], t))
            joins.update((rid, team) for rid in rids)
    return [(k, groups[k]) for k in sorted(groups, key=lambda k: order[k])], joins


def _active_team_ids(session: Session) -> set[int]:
    return set(session.scalars(select(Team.id).where(Team.retired_at.is_(None), Team.merged_into_id.is_(None))))


def balance_hamlet(session: Session, hamlet_id: int, team_ids: Sequence[int], *, only_unassigned: bool = False,
                   actor: Optional[str] = None, progress=None, cancel=None) -> AssignResult:
    """Split a hamlet's residents among teams (in the order given) by whole households, neighbours together."""
    if session.get(Hamlet, hamlet_id) is None:
        raise NotFound("hamlet_id_unknown", id=hamlet_id)
    team_ids = list(dict.fromkeys(team_ids))
    if not team_ids:
        raise InvalidInput("balance_no_team")
    for tid in team_ids:
        _check_team(session, tid, allow_retired=False)
    units, joins = _hamlet_units(session, hamlet_id, only_unassigned, _active_team_ids(session))
    runs = plan_balance([(k, len(rids)) for k, rids in units], len(team_ids))
    members = dict(units)
    mapping: dict[int, Optional[int]] = dict(joins)
    for tid, run in zip(team_ids, runs):
        for key in run:
            for rid in members[key]:
                mapping[rid] = tid
    result = apply_assignment(session, mapping, actor=actor, note="balance", progress=progress, cancel=cancel)
    for tid in team_ids:
        result.per_team.setdefault(tid, 0)
    return result


def assign_by_hamlet(session: Session, *, hamlet_ids: Optional[Sequence[int]] = None,
                     only_unassigned: bool = False, actor: Optional[str] = None, progress=None,
                     cancel=None) -> AssignResult:
    """Give each working team the residents of the hamlets it covers; a hamlet covered by several teams is
    balanced among them (teams in id order). Hamlets no working team covers are left as they are.

    `only_unassigned` leaves residents already on a working team where they are.
    """
    active = _active_team_ids(session)
    covers: dict[int, list[int]] = {}
    for tid, hid in session.execute(select(TeamHamlet.team_id, TeamHamlet.hamlet_id)
                                    .order_by(TeamHamlet.hamlet_id, TeamHamlet.team_id)):
        if tid in active and (hamlet_ids is None or hid in hamlet_ids):
            covers.setdefault(hid, []).append(tid)
    mapping: dict[int, Optional[int]] = {}
    for hid, tids in covers.items():
        units, joins = _hamlet_units(session, hid, only_unassigned, active)
        mapping.update(joins)
        if cancel is not None and cancel():
            raise Cancelled("cancelled")
        runs = plan_balance([(k, len(rids)) for k, rids in units], len(tids))
        members = dict(units)
        for tid, run in zip(tids, runs):
            for key in run:
                for rid in members[key]:
                    mapping[rid] = tid
    result = apply_assignment(session, mapping, actor=actor, note="by hamlet", progress=progress, cancel=cancel)
    for tids in covers.values():
        for tid in tids:
            result.per_team.setdefault(tid, 0)
    return result
