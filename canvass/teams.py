"""Field teams (tổ): add, rename, update, merge, retire, list with their load, and find teams and hamlets by name.

A team is never deleted: a merged team keeps its row (marked `merged_into_id`, retired) and its history, and its
residents and hamlets move to the team it was merged into. A retired team takes no new assignments. Every
change is a `team` event (resident_id None) whose data names the action and the changed fields (a change of
hamlets also the hamlets `before`; a reactivation or merge whether the team was working before).

`teams_as_of` reads from those events the teams as they were at the end of a day (name, working or not,
hamlets): a team's events recorded by then, replayed from its `add`. A team made without an `add` event (by
an older program) starts from its current values with the later changes undone.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from sqlalchemy import case, delete, func, select
from sqlalchemy.orm import Session

from canvass.address import hamlet_match_key
from canvass.db import now
from canvass.errors import InvalidInput, NotFound
from canvass.events import OPEN_STATUSES, append_event
from canvass.models import Commune, Event, Hamlet, Resident, Team, TeamHamlet
from canvass.text import fold, nfc, sort_key

TEAM_KINDS = ("to_cong_tac_06", "cong_nghe_so", "doan_thanh_nien", "hoi_phu_nu", "cong_an_khu_vuc", "other")
TEAM_KIND_LABELS_VI = {
    "to_cong_tac_06": "Tổ công tác Đề án 06 thôn",
    "cong_nghe_so": "Tổ công nghệ số cộng đồng",
    "doan_thanh_nien": "Đoàn thanh niên",
    "hoi_phu_nu": "Hội phụ nữ",
    "cong_an_khu_vuc": "Công an khu vực",
    "other": "Khác",
}
_UNSET = object()


@dataclass
class TeamInfo:
    """One team with its hamlets and its load, as lists and the CLI show it."""
    id: int
    name: str
    kind: Optional[str]
    kind_label: str
    lead_name: Optional[str]
    lead_phone: Optional[str]
    members: list[str]
    hamlet_ids: list[int]
    hamlets: list[str]
    active: bool
    retired_at: Optional[str]
    merged_into_id: Optional[int]
    assigned: int = 0           # residents assigned now
    remaining: int = 0          # of them, still open: pending, revisit, absent, refused, wrong phone
    activated_reported: int = 0
    activated_system: int = 0


@dataclass(frozen=True)
class TeamAsOf:
    """A team as it was at the end of a day: what the figures of that day show."""
    id: int
    name: str
    active: bool
    hamlet_ids: frozenset[int]


@dataclass
class MergeResult:
    """What a merge moved."""
    source_id: int
    target_id: int
    residents_moved: int
    hamlets_moved: int


def normalize_lead_phone(value: Optional[str]) -> Optional[str]:
    """A phone typed by a person, in E.164 (canvass.phones); None for empty; InvalidInput when unusable."""
    from canvass.phones import typed_phone

    return typed_phone(value)[0]


def _members(value: Optional[Iterable[str] | str]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        parts = value.replace(";", "\n").replace(",", "\n").split("\n")
    else:
        parts = list(value)
    return [nfc(p) for p in parts if p and nfc(p)]


def team_members(team: Team) -> list[str]:
    """A team's members (stored as a JSON list; plain text with one name per line is read too)."""
    if not team.members:
        return []
    try:
        value = json.loads(team.members)
    except ValueError:
        return _members(team.members)
    return [str(v) for v in value] if isinstance(value, list) else _members(str(value))


def is_active(team: Team) -> bool:
    """Whether a team still works (not retired, not merged)."""
    return team.retired_at is None and team.merged_into_id is None


def _check_kind(kind: Optional[str]) -> Optional[str]:
    if kind is None or kind == "":
        return None
    if kind not in TEAM_KINDS:
        raise InvalidInput("team_kind_unknown", kind=kind, choices=", ".join(TEAM_KINDS))
    return kind


def _check_name(session: Session, name: str, exclude_id: Optional[int] = None,
                commune_id: Optional[int] = None) -> str:
    name = nfc(name or "")
    if not name:
        raise InvalidInput("team_name_missing")
    key = fold(name)
    same_commune = Team.commune_id.is_(None) if commune_id is None else Team.commune_id == commune_id
    for tid, other in session.execute(select(Team.id, Team.name).where(same_commune)):
        if tid != exclude_id and fold(other) == key:
            raise InvalidInput("team_name_taken", name=other)
    return name


def find_hamlet(session: Session, key: str | int, commune_id: Optional[int] = None) -> Hamlet:
    """A hamlet by id or by name (case and diacritics ignored, with or without "Thôn"/"Xóm"...), of one commune
    when `commune_id` is given (a name found in several communes is refused, naming them)."""
    if isinstance(key, int):
        h = session.get(Hamlet, key)
        if h is None:
            raise NotFound("hamlet_id_unknown", id=key)
        return h
    text = nfc(str(key))
    q = select(Hamlet)
    if commune_id is not None:
        q = q.where(Hamlet.commune_id == commune_id)
    hamlets = list(session.scalars(q))
    folded = fold(text)
    exact = [h for h in hamlets if h.name_fold == folded or fold(h.name) == folded]
    if len(exact) == 1:
        return exact[0]
    if not exact:  # without the kind word: "Nà Thí" == "Thôn Nà Thí"
        mk = hamlet_match_key(text)
        exact = [h for h in hamlets if hamlet_match_key(h.name) == mk]
        if len(exact) == 1:
            return exact[0]
    if len(exact) > 1:
        from canvass.communes import ambiguous_across_communes
        ambiguous_across_communes(session, "hamlet", text, (h.commune_id for h in exact))
        raise InvalidInput("hamlet_ambiguous", text=text)
    if text.isdigit():
        h = session.get(Hamlet, int(text))
        if h is not None:
            return h
    raise NotFound("hamlet_unknown", text=text)


def find_team(session: Session, key: "str | int | Team", commune_id: Optional[int] = None) -> Team:
    """A team by name (case and diacritics ignored) or by id (a number, "#12"): the one rule of every command,
    dialog and document (a name wins over an id; two teams with one folded name are refused, not guessed).
    With `commune_id`, a name is looked up among that commune's teams; without, a name used in several
    communes is refused naming them (`team_in_several_communes`)."""
    if isinstance(key, Team):
        return key
    if isinstance(key, int):
        t = session.get(Team, key)
        if t is None:
            raise NotFound("team_id_unknown", id=key)
        return t
    text = nfc(str(key)).strip()
    if not text:
        raise InvalidInput("team_name_missing")
    folded = fold(text)
    q = select(Team) if commune_id is None else select(Team).where(Team.commune_id == commune_id)
    found = [t for t in session.scalars(q) if fold(t.name) == folded]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        from canvass.communes import ambiguous_across_communes
        ambiguous_across_communes(session, "team", text, (t.commune_id for t in found))
        raise InvalidInput("team_ambiguous", text=text)
    if text.lstrip("#").isdigit():
        t = session.get(Team, int(text.lstrip("#")))
        if t is not None:
            return t
    raise NotFound("team_unknown", text=text)


def _log(session: Session, team: Team, action: str, actor: Optional[str], **data) -> None:
    append_event(session, None, "team", team_id=team.id, actor=actor, data={"action": action, **data})


def _set_hamlets(session: Session, team: Team, hamlet_ids: Sequence[int]) -> None:
    session.execute(delete(TeamHamlet).where(TeamHamlet.team_id == team.id))
    for hid in dict.fromkeys(hamlet_ids):
        if session.get(Hamlet, hid) is None:
            raise NotFound("hamlet_id_unknown", id=hid)
        session.add(TeamHamlet(team_id=team.id, hamlet_id=hid))


def add_team(session: Session, name: str, *, kind: Optional[str] = None, lead_name: Optional[str] = None,
             lead_phone: Optional[str] = None, members: Optional[Iterable[str] | str] = None,
             hamlet_ids: Sequence[int] = (), actor: Optional[str] = None,
             commune: "str | int | None" = None) -> Team:
    """Create a team of a commune (`commune`: name or id; by default the database's only one). Names are unique
    within a commune, ignoring case and diacritics."""
    from canvass.communes import commune_id_of
    commune_id = commune_id_of(session, commune)
    team = Team(name=_check_name(session, name, commune_id=commune_id), kind=_check_kind(kind),
                commune_id=commune_id,
                lead_name=nfc(lead_name) if lead_name and nfc(lead_name) else None,
                lead_phone=normalize_lead_phone(lead_phone),
                members=json.dumps(_members(members), ensure_ascii=False) if members else None,
                created_at=now())
    session.add(team)
    session.flush()
    _set_hamlets(session, team, hamlet_ids)
    _log(session, team, "add", actor, name=team.name, kind=team.kind, hamlets=list(hamlet_ids))
    session.flush()
    return team


def rename_team(session: Session, team: Team | int | str, new_name: str, *, actor: Optional[str] = None) -> Team:
    """Rename a team (its history stays attached to its id)."""
    team = _team(session, team)
    old = team.name
    team.name = _check_name(session, new_name, exclude_id=team.id, commune_id=team.commune_id)
    _log(session, team, "rename", actor, old=old, new=team.name)
    session.flush()
    return team


def update_team(session: Session, team: Team | int | str, *, kind=_UNSET, lead_name=_UNSET, lead_phone=_UNSET,
                members=_UNSET, hamlet_ids=_UNSET, actor: Optional[str] = None) -> Team:
    """Change a team's kind, lead, members or hamlets (arguments left out keep their value)."""
    team = _team(session, team)
    changed = {}
    before_hamlets = team_hamlet_ids(session, team.id) if hamlet_ids is not _UNSET else None
    if kind is not _UNSET:
        team.kind = _check_kind(kind)
        changed["kind"] = team.kind
    if lead_name is not _UNSET:
        team.lead_name = nfc(lead_name) if lead_name and nfc(lead_name) else None
        changed["lead_name"] = team.lead_name
    if lead_phone is not _UNSET:
        team.lead_phone = normalize_lead_phone(lead_phone)
        changed["lead_phone"] = team.lead_phone
    if members is not _UNSET:
        team.members = json.dumps(_members(members), ensure_ascii=False) if members else None
        changed["members"] = team_members(team)
    if hamlet_ids is not _UNSET:
        _set_hamlets(session, team, list(hamlet_ids or ()))
        changed["hamlets"] = list(hamlet_ids or ())
    if changed:
        extra = {"before": {"hamlets": before_hamlets}} if "hamlets" in changed else {}
        _log(session, team, "update", actor, **changed, **extra)
    session.flush()
    return team


def add_hamlets(session: Session, team: Team | int | str, hamlet_ids: Sequence[int], *,
                actor: Optional[str] = None) -> Team:
    """Add hamlets to the ones a team covers."""
    team = _team(session, team)
    current = set(team_hamlet_ids(session, team.id))
    return update_team(session, team, hamlet_ids=sorted(current) + [h for h in hamlet_ids if h not in current],
                       actor=actor)


def team_hamlet_ids(session: Session, team_id: int) -> list[int]:
    """The hamlets a team covers."""
    return list(session.scalars(select(TeamHamlet.hamlet_id).where(TeamHamlet.team_id == team_id)
                                .order_by(TeamHamlet.hamlet_id)))


def _team(session: Session, team: Team | int | str) -> Team:
    return team if isinstance(team, Team) else find_team(session, team)


def retire_team(session: Session, team: Team | int | str, *, actor: Optional[str] = None) -> Team:
    """Retire a team: it keeps its residents and history but takes no new assignments."""
    team = _team(session, team)
    if team.retired_at is not None:
        raise InvalidInput("team_retired_already", name=team.name)
    team.retired_at = now()
    _log(session, team, "retire", actor)
    session.flush()
    return team


def reactivate_team(session: Session, team: Team | int | str, *, actor: Optional[str] = None) -> Team:
    """Bring a retired (not merged) team back to work."""
    team = _team(session, team)
    if team.merged_into_id is not None:
        raise InvalidInput("team_merged_already", name=team.name)
    was_active = is_active(team)
    team.retired_at = None
    _log(session, team, "reactivate", actor, active_before=was_active)
    session.flush()
    return team


def merge_teams(session: Session, source: Team | int | str, target: Team | int | str, *,
                actor: Optional[str] = None) -> MergeResult:
    """Merge `source` into `target`: its residents and hamlets move to the target (each move an `assigned`
    event), and the source is kept, retired and marked merged_into, with its history intact."""
    from canvass.assignment import assign_residents

    source, target = _team(session, source), _team(session, target)
    if source.id == target.id:
        raise InvalidInput("team_merge_self")
    if source.commune_id != target.commune_id:
        raise InvalidInput("team_merge_other_commune", name=target.name)
    if not is_active(target):
        raise InvalidInput("team_merge_into_retired", name=target.name)
    if source.merged_into_id is not None:
        raise InvalidInput("team_merge_source_merged", name=source.name)
    session.flush()
    ids = list(session.scalars(select(Resident.id).where(Resident.team_id == source.id)))
    moved = assign_residents(session, ids, target.id, actor=actor, note=f"merge of team {source.id}",
                             allow_retired=True)
    src_hamlets = team_hamlet_ids(session, source.id)
    tgt_hamlets = set(team_hamlet_ids(session, target.id))
    new_hamlets = [h for h in src_hamlets if h not in tgt_hamlets]
    for hid in new_hamlets:
        session.add(TeamHamlet(team_id=target.id, hamlet_id=hid))
    session.execute(delete(TeamHamlet).where(TeamHamlet.team_id == source.id))
    was_active = is_active(source)
    source.merged_into_id = target.id
    source.retired_at = source.retired_at or now()
    _log(session, source, "merge", actor, into=target.id, residents=moved.moved, hamlets=src_hamlets,
         active_before=was_active)
    _log(session, target, "absorb", actor, source=source.id, residents=moved.moved, hamlets=new_hamlets)
    session.flush()
    return MergeResult(source_id=source.id, target_id=target.id, residents_moved=moved.moved,
                       hamlets_moved=len(new_hamlets))


def _by_name(rows) -> list[tuple[int, str]]:
    """(id, name) in Vietnamese name order (walk-list hamlet order). Rows may carry a third value, the commune's
    name: a name the list holds more than once (each commune of a province has its "Thôn 1", its "Tổ 1") is
    then shown with it, "Tổ 1 (Xã An Hưng)", so the entries of a pick list can be told apart."""
    rows = [tuple(r) for r in rows]
    seen: dict[str, int] = {}
    for r in rows:
        seen[fold(r[1])] = seen.get(fold(r[1]), 0) + 1
    out = [(int(r[0]), f"{r[1]} ({r[2]})" if len(r) > 2 and r[2] and seen[fold(r[1])] > 1 else r[1])
           for r in rows]
    return sorted(out, key=lambda x: (sort_key(x[1]), x[0]))


def hamlet_choices(session: Session, commune_id: Optional[int] = None) -> list[tuple[int, str]]:
    """(id, name) of every hamlet (of one commune, given its id), in Vietnamese name order: the hamlet pick
    list of every view and dialog (a name several communes use is followed by the commune's)."""
    stmt = select(Hamlet.id, Hamlet.name, Commune.name).outerjoin(Commune, Commune.id == Hamlet.commune_id)
    if commune_id is not None:
        stmt = stmt.where(Hamlet.commune_id == commune_id)
    return _by_name(session.execute(stmt).all())


def team_choices(session: Session, commune_id: Optional[int] = None) -> list[tuple[int, str]]:
    """(id, name) of the working (not retired) teams (of one commune, given its id), in Vietnamese name order:
    the team pick list (a name several communes use is followed by the commune's)."""
    stmt = (select(Team.id, Team.name, Commune.name).outerjoin(Commune, Commune.id == Team.commune_id)
            .where(Team.retired_at.is_(None)))
    if commune_id is not None:
        stmt = stmt.where(Team.commune_id == commune_id)
    return _by_name(session.execute(stmt).all())


def commune_choices(session: Session) -> list[tuple[int, str]]:
    """(id, name) of every commune, in Vietnamese name order: the commune pick list (shown where a database
    holds several)."""
    return _by_name(session.execute(select(Commune.id, Commune.name)).all())


def team_hamlets(session: Session, team_id: Optional[int]) -> list[tuple[int, str]]:
    """(id, name) of the hamlets a team covers or has residents in (every hamlet for no team), by name."""
    if team_id is None:
        return hamlet_choices(session)
    ids = set(session.scalars(select(Resident.hamlet_id).distinct().where(Resident.team_id == team_id)))
    ids |= set(session.scalars(select(TeamHamlet.hamlet_id).where(TeamHamlet.team_id == team_id)))
    if not ids:
        return []
    return _by_name(session.execute(select(Hamlet.id, Hamlet.name, Commune.name)
                                    .outerjoin(Commune, Commune.id == Hamlet.commune_id)
                                    .where(Hamlet.id.in_(ids))).all())


def visited_counts(session: Session) -> dict[int, int]:
    """Team id -> how many of its residents have had at least one visit."""
    rows = session.execute(select(Resident.team_id, func.count())
                           .where(Resident.team_id.is_not(None), Resident.attempts > 0)
                           .group_by(Resident.team_id)).all()
    return {int(k): int(v) for k, v in rows}


def list_teams(session: Session, *, include_inactive: bool = True, commune_id: Optional[int] = None) -> list[TeamInfo]:
    """Every team (of one commune, with `commune_id`) with its hamlets and load (assigned, remaining open,
    activated), in Vietnamese name order."""
    session.flush()
    load = {tid: (n, op, rep, sysn) for tid, n, op, rep, sysn in session.execute(
        select(Resident.team_id, func.count(),
               func.sum(case((Resident.status.in_(OPEN_STATUSES), 1), else_=0)),
               func.sum(case((Resident.status == "activated", 1), else_=0)),
               func.sum(case((Resident.status == "activated_system", 1), else_=0)))
        .where(Resident.team_id.is_not(None)).group_by(Resident.team_id))}
    hamlet_names = dict(session.execute(select(Hamlet.id, Hamlet.name)).all())
    covers: dict[int, list[int]] = {}
    for tid, hid in session.execute(select(TeamHamlet.team_id, TeamHamlet.hamlet_id)):
        covers.setdefault(tid, []).append(hid)
    out = []
    for t in session.scalars(select(Team)):
        if (not include_inactive and not is_active(t)) or (commune_id is not None and t.commune_id != commune_id):
            continue
        hids = sorted(covers.get(t.id, []), key=lambda h: sort_key(hamlet_names.get(h, "")))
        n, op, rep, sysn = load.get(t.id, (0, 0, 0, 0))
        out.append(TeamInfo(id=t.id, name=t.name, kind=t.kind, kind_label=TEAM_KIND_LABELS_VI.get(t.kind or "", ""),
                            lead_name=t.lead_name, lead_phone=t.lead_phone, members=team_members(t),
                            hamlet_ids=hids, hamlets=[hamlet_names.get(h, str(h)) for h in hids],
                            active=is_active(t), retired_at=t.retired_at.isoformat() if t.retired_at else None,
                            merged_into_id=t.merged_into_id, assigned=int(n or 0), remaining=int(op or 0),
                            activated_reported=int(rep or 0), activated_system=int(sysn or 0)))
    out.sort(key=lambda i: (not i.active, sort_key(i.name)))
    return out


def teams_as_of(session: Session, as_of: dt.date) -> dict[int, TeamAsOf]:
    """The teams that existed at the end of `as_of` (id -> TeamAsOf), from the `team` events (see the module)."""
    from canvass.campaign import end_of_day

    cut = end_of_day(as_of)
    session.flush()
    changes: dict[int, list[tuple[dt.datetime, dict]]] = {}
    for tid, when, data in session.execute(select(Event.team_id, Event.recorded_at, Event.data)
                                           .where(Event.kind == "team").order_by(Event.id)):
        if tid is not None and data:
            changes.setdefault(tid, []).append((when, json.loads(data)))
    covers: dict[int, set[int]] = {}
    for tid, hid in session.execute(select(TeamHamlet.team_id, TeamHamlet.hamlet_id)):
        covers.setdefault(tid, set()).add(hid)
    out = {}
    for t in session.scalars(select(Team)):
        log = changes.get(t.id, [])
        if any(d.get("action") == "add" for _w, d in log):
            state = None
            for when, d in log:
                if when < cut:
                    state = _replay(state, d)
        elif t.created_at is not None and t.created_at >= cut:
            state = None
        else:
            state = {"name": t.name, "active": is_active(t), "hamlets": set(covers.get(t.id, ()))}
            for when, d in reversed(log):
                if when >= cut:
                    _undo(state, d)
        if state is not None:
            out[t.id] = TeamAsOf(id=t.id, name=state["name"], active=state["active"],
                                 hamlet_ids=frozenset(state["hamlets"]))
    return out


def _replay(state: Optional[dict], d: dict) -> Optional[dict]:
    """A team's state after one of its changes (None: not created yet)."""
    action = d.get("action")
    if action == "add":
        return {"name": d["name"], "active": True, "hamlets": set(d.get("hamlets") or ())}
    if state is None:
        return None
    if action == "rename":
        state["name"] = d["new"]
    elif action == "update" and "hamlets" in d:
        state["hamlets"] = set(d["hamlets"] or ())
    elif action == "retire":
        state["active"] = False
    elif action == "reactivate":
        state["active"] = True
    elif action == "merge":
        state["active"], state["hamlets"] = False, set()
    elif action == "absorb":
        state["hamlets"] |= set(d.get("hamlets") or ())
    return state


def _undo(state: dict, d: dict) -> None:
    """A team's state before one of its changes (the inverse of `_replay`, for a team without `add`)."""
    action = d.get("action")
    if action == "rename":
        state["name"] = d["old"]
    elif action == "update" and "hamlets" in (d.get("before") or {}):
        state["hamlets"] = set(d["before"]["hamlets"] or ())
    elif action == "retire":
        state["active"] = True
    elif action == "reactivate":
        state["active"] = d.get("active_before", False)
    elif action == "merge":
        state["active"], state["hamlets"] = d.get("active_before", True), set(d.get("hamlets") or ())
    elif action == "absorb":
        state["hamlets"] -= set(d.get("hamlets") or ())
