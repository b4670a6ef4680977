"""Many communes (xã / phường) in one database: finding one by name, adding and listing them, splitting a
province list by its commune column, allocating a province target, and the province report's figures.

Rules:
- A commune is found by name with or without its kind word ("Xã Tân Văn", "TAN VAN", "Tân Văn": one
  commune, `canvass.address.commune_match_key`) or by id. With no name given, the database's only commune is
  meant; with several, a command that needs one refuses (`commune_required`) instead of guessing.
- A commune's target allocated from the top (`allocate_targets`) is a `commune` event (resident None) with the
  targets before and after: the log is the truth, so the province report of any past day uses the targets in
  force then. Without an allocated target a commune's target is the sum of its hamlets' targets.
- Allocation: a total split in proportion to each commune's remaining residents (not yet activated per system),
  by the largest remainder method (`canvass.quotas.largest_remainder`, which also splits a hamlet's target among
  its teams): every part is its exact share rounded down or up, the parts add up to the total (ties: the older
  commune).
- The province report counts only system-verified activations (as `canvass.quotas` does, whose figures per
  hamlet it adds up), and its required pace is `canvass.quotas.required_per_team_per_day`.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional, Sequence

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from canvass.address import commune_match_key
from canvass.errors import InvalidInput, NotFound
from canvass.models import Campaign, Commune, Event, Hamlet, Resident, Team
from canvass.quotas import largest_remainder
from canvass.text import fold, nfc, sort_key


@dataclass
class CommuneInfo:
    """A commune with its counts (`canvass commune list`)."""
    id: int
    name: str
    district: Optional[str]
    province: Optional[str]
    hamlets: int = 0
    teams: int = 0                 # working (not retired) teams
    residents: int = 0
    activated_system: int = 0
    remaining: int = 0             # residents not activated per system
    target: Optional[int] = None   # allocated from the top, if it was


@dataclass
class Allocation:
    """One commune's part of an allocated total."""
    commune_id: int
    name: str
    remaining: int
    target: int
    before: Optional[int]


# ---- finding a commune --------------------------------------------------------------------------------

def _key(name: str) -> str:
    return commune_match_key(nfc(name))


def find_commune(session: Session, key: "str | int | Commune") -> Commune:
    """A commune by name (with or without "Xã"/"Phường", case and diacritics ignored) or id ("12", "#12")."""
    if isinstance(key, Commune):
        return key
    if isinstance(key, int):
        c = session.get(Commune, key)
        if c is None:
            raise NotFound("commune_unknown", text=str(key))
        return c
    text = nfc(str(key)).strip()
    if not text:
        raise InvalidInput("commune_name_missing")
    wanted = _key(text)
    found = [c for c in session.scalars(select(Commune).order_by(Commune.id)) if _key(c.name) == wanted]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise InvalidInput("commune_ambiguous", text=text)
    if text.lstrip("#").isdigit():
        c = session.get(Commune, int(text.lstrip("#")))
        if c is not None:
            return c
    raise NotFound("commune_unknown", text=text)


def commune_names(session: Session) -> list[str]:
    """Every commune's name, in Vietnamese order."""
    return sorted(session.scalars(select(Commune.name)), key=sort_key)


def resolve_commune(session: Session, key: "str | int | None") -> Optional[Commune]:
    """The commune a command works on: the one named, else the only one (None when there is none yet).
    With several communes and no name: InvalidInput `commune_required` (naming them)."""
    if key not in (None, ""):
        return find_commune(session, key)
    rows = list(session.scalars(select(Commune).order_by(Commune.id).limit(2)))
    if len(rows) <= 1:
        return rows[0] if rows else None
    raise InvalidInput("commune_required", choices=", ".join(commune_names(session)))


def commune_id_of(session: Session, key: "str | int | None") -> Optional[int]:
    """`resolve_commune`'s id (None: no commune yet)."""
    c = resolve_commune(session, key)
    return c.id if c is not None else None


def ambiguous_across_communes(session: Session, what: str, text: str, commune_ids: Iterable[Optional[int]]) -> None:
    """Raise `<what>_in_several_communes` when a name (of a team or hamlet) matched in several communes."""
    ids = sorted({c for c in commune_ids if c is not None})
    if len(ids) > 1:
        names = [n for _i, n in sorted(session.execute(select(Commune.id, Commune.name).where(Commune.id.in_(ids))))]
        raise InvalidInput(f"{what}_in_several_communes", text=text, communes=", ".join(names))


# ---- adding and listing ----------------------------------------------------------------------------------

def _log(session: Session, action: str, actor: Optional[str], **data: Any) -> None:
    from canvass.events import append_event
    append_event(session, None, "commune", actor=actor, data={"action": action, **data})


def add_commune(session: Session, name: str, *, province: Optional[str] = None, district: Optional[str] = None,
                actor: Optional[str] = None) -> Commune:
    """Add a commune (a name already used, with or without its kind word, is refused). The first commune of a
    database takes the hamlets, teams and campaigns made before it."""
    name = nfc(name or "").strip()
    if not name:
        raise InvalidInput("commune_name_missing")
    wanted = _key(name)
    for other in session.scalars(select(Commune.name)):
        if _key(other) == wanted:
            raise InvalidInput("commune_name_taken", name=other)
    first = session.scalar(select(func.count()).select_from(Commune)) == 0
    c = Commune(name=name, name_fold=fold(name), province=nfc(province).strip() or None if province else None,
                district=nfc(district).strip() or None if district else None)
    session.add(c)
    session.flush()
    if first:
        for model in (Hamlet, Team, Campaign):
            session.execute(model.__table__.update().where(model.__table__.c.commune_id.is_(None))
                            .values(commune_id=c.id))
    _log(session, "add", actor, commune=c.id, name=c.name, province=c.province, district=c.district)
    session.flush()
    return c


def _in_area(c: Commune, province: Optional[str], district: Optional[str]) -> bool:
    return ((province in (None, "") or fold(c.province or "") == fold(province)) and
            (district in (None, "") or fold(c.district or "") == fold(district)))


def report_areas(session: Session) -> list[tuple[Optional[str], Optional[str]]]:
    """The areas a province report can cover, as (province, district) for `province_figures`: each province
    the communes name, then each of its districts under it (a district without a province on its own), one
    entry however the names are written (folded), in Vietnamese order."""
    seen: dict[tuple[str, str], tuple[Optional[str], Optional[str]]] = {}
    for province, district in session.execute(select(Commune.province, Commune.district)).all():
        province, district = (province or "").strip() or None, (district or "").strip() or None
        if province:
            seen.setdefault((fold(province), ""), (province, None))
        if district:
            seen.setdefault((fold(province or ""), fold(district)), (province, district))
    return sorted(seen.values(), key=lambda a: (sort_key(a[0] or ""), a[1] is not None, sort_key(a[1] or "")))


def _communes(session: Session, province: Optional[str] = None, district: Optional[str] = None) -> list[Commune]:
    return sorted((c for c in session.scalars(select(Commune)) if _in_area(c, province, district)),
                  key=lambda c: (sort_key(c.district or ""), sort_key(c.name), c.id))


def remaining_by_commune(session: Session) -> dict[int, tuple[int, int]]:
    """Commune id -> (residents on the list, of them activated per system), from the cached state."""
    session.flush()
    done = func.sum(case((Resident.status == "activated_system", 1), else_=0))
    return {int(cid): (int(n), int(d or 0)) for cid, n, d in session.execute(
        select(Hamlet.commune_id, func.count(), done).join(Hamlet, Hamlet.id == Resident.hamlet_id)
        .where(Hamlet.commune_id.is_not(None)).group_by(Hamlet.commune_id))}


def list_communes(session: Session, *, province: Optional[str] = None,
                  district: Optional[str] = None) -> list[CommuneInfo]:
    """Every commune (of a province or district) with its hamlets, working teams, residents and targets."""
    counts = remaining_by_commune(session)
    hamlets = dict(session.execute(select(Hamlet.commune_id, func.count()).group_by(Hamlet.commune_id)).all())
    teams = dict(session.execute(select(Team.commune_id, func.count()).where(Team.retired_at.is_(None))
                                 .group_by(Team.commune_id)).all())
    targets = commune_targets(session)
    out = []
    for c in _communes(session, province, district):
        total, done = counts.get(c.id, (0, 0))
        out.append(CommuneInfo(id=c.id, name=c.name, district=c.district, province=c.province,
                               hamlets=int(hamlets.get(c.id, 0)), teams=int(teams.get(c.id, 0)), residents=total,
                               activated_system=done, remaining=total - done, target=targets.get(c.id)))
    return out


# ---- targets from the top --------------------------------------------------------------------------------

def _target_changes(session: Session, cut: Optional[dt.datetime]) -> dict[int, int]:
    targets: dict[int, int] = {}
    q = select(Event.data).where(Event.kind == "commune").order_by(Event.id)
    if cut is not None:
        q = q.where(Event.recorded_at < cut)
    for (data,) in session.execute(q):
        d = json.loads(data)
        if d.get("action") == "targets":
            targets.update({int(k): int(v) for k, v in d["after"].items()})
    return targets


def commune_targets(session: Session, as_of: Optional[dt.date] = None) -> dict[int, int]:
    """Commune id -> target allocated from the top, as now or as in force at the end of `as_of`."""
    from canvass.campaign import end_of_day
    session.flush()
    return _target_changes(session, end_of_day(as_of) if as_of is not None else None)


def allocate_targets(session: Session, total: int, *, province: Optional[str] = None,
                     district: Optional[str] = None, dry_run: bool = False,
                     actor: Optional[str] = None) -> list[Allocation]:
    """Split a province (or district) target across its communes in proportion to their remaining residents
    (see the module) and record the parts (one `commune` event), unless `dry_run`."""
    communes = _communes(session, province, district)
    if not communes:
        raise NotFound("commune_none_in_area", province=province or "", district=district or "")
    if total < 0:
        raise InvalidInput("allocation_total_negative", total=total)
    counts = remaining_by_commune(session)
    remaining = {c.id: counts.get(c.id, (0, 0))[0] - counts.get(c.id, (0, 0))[1]
                 for c in sorted(communes, key=lambda c: c.id)}     # ties go to the older commune
    if not any(remaining.values()):
        raise InvalidInput("allocation_nothing_remaining")
    parts = largest_remainder(total, remaining)
    before = commune_targets(session)
    out = [Allocation(commune_id=c.id, name=c.name, remaining=remaining[c.id], target=parts[c.id],
                      before=before.get(c.id)) for c in communes]
    if not dry_run:
        _log(session, "targets", actor, total=total, province=province, district=district,
             before={str(a.commune_id): a.before for a in out if a.before is not None},
             after={str(a.commune_id): a.target for a in out})
        session.flush()
    return out


# ---- a province list split by its commune column ---------------------------------------------------------

def split_rows_by_commune(rows: Sequence[Any], default: Optional[str]) -> list[tuple[Optional[str], list[Any]]]:
    """A list's rows grouped by their commune cell (`row.commune`), in the order each commune first appears:
    (commune as first written, rows). Rows with an empty cell go with `default` (the commune the heading names
    or none). A list without a commune column is one group."""
    groups: dict[str, tuple[Optional[str], list[Any]]] = {}
    default_key = _key(default) if default else ""
    for r in rows:
        name = getattr(r, "commune", None)
        k = _key(name) if name else default_key
        if k not in groups:
            groups[k] = (name if name else default, [])
        groups[k][1].append(r)
    return list(groups.values())


def import_groups(session: Session, rows: Sequence[Any], listed: Optional[str],
                  commune: "str | int | None" = None) -> list[tuple[Optional[str], list[Any]]]:
    """How the importer takes a list: (commune name, rows) per commune. `commune` given (`import --commune`):
    the whole list is that commune's (it must exist). Else split by the commune column; rows naming no commune
    go to the one the heading names, else the database's only commune (with several: `commune_required`),
    else (an empty database) the importer's default."""
    if commune not in (None, ""):
        return [(find_commune(session, commune).name, list(rows))]
    groups = split_rows_by_commune(rows, listed)
    out = []
    for name, group in groups:
        if not name:
            only = resolve_commune(session, None)
            name = only.name if only is not None else None
        out.append((name, group))
    return out


def combine_results(results: list[Any]) -> Any:
    """One import log of a list imported commune by commune: the sums, and each commune's own in `by_commune`
    (a list of one commune is its own log)."""
    if len(results) == 1:
        return results[0]
    from canvass.importing.importer import ImportResult
    first = results[0]
    out = ImportResult(dry_run=first.dry_run, mode=first.mode, extracted_on=first.extracted_on,
                       extracted_from=first.extracted_from, by_commune=list(results),
                       batch=results[-1].batch, sheets_skipped=list(first.sheets_skipped))
    for name in ("rows_read", "imported", "updated", "unchanged", "duplicates", "activated_per_system", "hamlets",
                 "households", "would_activate", "open_residents", "kept_newer"):
        setattr(out, name, sum(getattr(r, name) for r in results))
    for r in results:
        out.rejected.extend(r.rejected)
        out.warnings.extend(r.warnings)
        out.notices.extend(n for n in r.notices if n not in out.notices)
        out.partial_list = out.partial_list or r.partial_list
        if r.newer_list is not None and (out.newer_list is None or r.newer_list > out.newer_list):
            out.newer_list = r.newer_list
    return out


# ---- the province report's figures ----------------------------------------------------------------------

@dataclass
class CommuneFigures:
    """One row of the province report (the total row has commune_id None)."""
    commune_id: Optional[int]
    name: str
    district: Optional[str] = None
    eligible: int = 0
    target: int = 0
    activated: int = 0                      # system-verified only
    remaining: int = 0
    teams: int = 0
    days_left: Optional[int] = None
    required_per_team_per_day: Optional[float] = None


@dataclass
class ProvinceFigures:
    """The province (or district) report: one row per commune and the total."""
    as_of: dt.date
    province: Optional[str]
    district: Optional[str]
    rows: list[CommuneFigures] = field(default_factory=list)
    total: CommuneFigures = field(default_factory=lambda: CommuneFigures(None, "Tổng cộng"))
    provinces: list[str] = field(default_factory=list)       # the provinces its communes name


def province_figures(session: Session, as_of: Optional[dt.date] = None, *, province: Optional[str] = None,
                     district: Optional[str] = None) -> ProvinceFigures:
    """The figures of every commune (of a province or district) as of the end of `as_of` (default today): the
    residents listed then, its target (allocated from the top, else its hamlets' targets in its campaign),
    system-verified activations, what remains, its working teams (covering a hamlet or holding residents), the days left of its campaign (all as in force
    that day) and the required pace."""
    from canvass.quotas import compute_stats, required_per_team_per_day
    from canvass.teams import teams_as_of

    from canvass.campaign import campaign_info, days_left

    as_of = as_of or dt.date.today()
    stats = compute_stats(session, as_of)      # one pass over every commune's residents
    hamlet_commune = dict(session.execute(select(Hamlet.id, Hamlet.commune_id)).all())
    team_commune = dict(session.execute(select(Team.id, Team.commune_id)).all())
    allocated = commune_targets(session, as_of)
    rep = ProvinceFigures(as_of=as_of, province=province, district=district)
    rows: dict[int, CommuneFigures] = {}
    camps = {}
    default = campaign_info(session, as_of)
    for c in _communes(session, province, district):
        if c.province and c.province not in rep.provinces:
            rep.provinces.append(c.province)
        camp = camps[c.id] = campaign_info(session, as_of, c.id) or default   # its campaign as it was that day
        rows[c.id] = CommuneFigures(commune_id=c.id, name=c.name, district=c.district,
                                    days_left=days_left(camp.end, as_of, camp.start) if camp else None)
    hamlet_targets: dict[int, int] = {}
    for h in stats.hamlets:
        row = rows.get(hamlet_commune.get(h.key))
        if row is not None:
            row.eligible += h.eligible
            row.activated += h.activated_system
            explicit = camps[row.commune_id].targets if camps[row.commune_id] else {}
            hamlet_targets[row.commune_id] = hamlet_targets.get(row.commune_id, 0) + explicit.get(h.key, h.eligible)
    assigned = {t.key: t.assigned for t in stats.teams}
    for tid, t in teams_as_of(session, as_of).items():   # working teams, as `stats` counts them: covering a
        row = rows.get(team_commune.get(tid))             # hamlet or holding residents that day
        if row is not None and t.active and (t.hamlet_ids or assigned.get(tid)):
            row.teams += 1
    total = rep.total
    for row in rows.values():
        row.target = allocated.get(row.commune_id, hamlet_targets.get(row.commune_id, 0))
        row.remaining = max(row.target - row.activated, 0)
        row.required_per_team_per_day = required_per_team_per_day(row.remaining, row.teams, row.days_left)
        for name in ("eligible", "target", "activated", "remaining", "teams"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
    spans = {row.days_left for row in rows.values()}
    total.days_left = spans.pop() if len(spans) == 1 else None     # one campaign end for all, else no pace
    total.required_per_team_per_day = required_per_team_per_day(total.remaining, total.teams, total.days_left)
    rep.rows = list(rows.values())
    return rep


__all__ = ["CommuneInfo", "Allocation", "CommuneFigures", "ProvinceFigures", "find_commune", "resolve_commune",
           "commune_id_of", "commune_names", "add_commune", "list_communes", "commune_targets", "allocate_targets",
           "split_rows_by_commune", "import_groups", "combine_results", "province_figures", "remaining_by_commune",
           "ambiguous_across_communes", "report_areas"]
