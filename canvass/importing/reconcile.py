"""Reconciling a parsed list with the database, by CCCD, and writing the outcome in bulk.

Rules (re-import is the daily routine):
- A CCCD not in the database: a new resident (event `imported`).
- A CCCD already there: fields compared; any difference is an update (event `updated` with
  {field: [old, new]}); no difference: unchanged (no event, no write).
- A row without a valid ID (missing or mistyped: kept as written in `id_raw`) is matched by folded name,
  birth year and hamlet (the exact date of birth decides between several); a row with a valid CCCD that is
  not in the database is matched the same way to a resident still without one, whose ID it then sets.
- The same CCCD twice in the file: one resident; the later rows are duplicates, their differences warnings.
  Rows without a valid ID are duplicates only of a row with the same name, birth, hamlet and ID as written.
- Mode "complete" (the whole current extraction for the hamlets it covers): a resident of this commune who is
  missing from the list, in a hamlet the file covers (a hamlet with at least one resident row in this file),
  is "activated per system" (event `activated_system` with the batch), unless already so. A file with one
  hamlet never activates the other hamlets. Mode "supplement" (danh sách bổ sung, one team's list): adds and
  updates, activates nobody. Mode "auto": complete, unless it would activate more than PARTIAL_LIST_SHARE of
  the open residents of the hamlets it covers (`Plan.partial`: the importer then refuses to write).
- A resident who was activated per system and is on the newer list again: event `system_reopened`, their
  state is derived again from the log, and a warning says so.
- Extraction dates: a list extracted before the newest list already imported for one of its hamlets is
  older there: it activates nobody and re-opens nobody in those hamlets, and leaves unchanged every resident
  a newer list named (notice "older_list"); it still adds residents never seen.
The plan is computed in memory from dictionaries loaded once (no query per row); writing it is one
transaction of bulk inserts (raw executemany on SQLite, Core elsewhere).
"""
from __future__ import annotations

import datetime as dt
import itertools
import json
from operator import itemgetter
from contextlib import contextmanager
from dataclasses import dataclass, field
from hashlib import blake2b
from typing import Any, Callable, Optional

from sqlalchemy import Connection, bindparam, func, select, text, update
from sqlalchemy.exc import DBAPIError

from canvass.address import (address_sort_key, clean_hamlet_name, commune_match_key, hamlet_kind,
                             hamlet_match_key)
from canvass.dates import parse_date
from canvass.db import bulk_insert, next_id, sync_sequence
from canvass.errors import Cancelled, CanvassError
from canvass.events import (CACHED_COLUMNS, ResidentState, refresh_states, state_columns,
                            write_system_activation)
from canvass.models import (BatchHamlet, Commune, Event, Hamlet, Household, ImportBatch, Resident, ResidentWord,
                            SourceRow, SourceText)
from canvass.residents import name_words
from canvass.text import fold

from canvass.importing.rows import W_REOPENED, Note, ParsedRow

DEFAULT_COMMUNE = "Xã chưa rõ tên"
# Resident columns a list sets, compared on re-import (in this order).
COMPARED = ("name", "id_kind", "gender", "dob", "dob_raw", "phone", "phone_raw", "address", "hamlet_id",
            "household_id", "relation", "is_head", "account_level", "source_status", "source_note", "extra",
            "id_raw")
MODES = ("auto", "complete", "supplement")
# Mode "auto" refuses a list that would mark more than this share of the open residents (not yet activated
# per system) of the hamlets it covers as "activated per system". A daily re-import of the complete list
# activates 1-10 % of a commune's open list (the campaign's own figures), two days' worth after a weekend
# up to ~20 %; a supplement or one team's list leaves most of its hamlets out (the reported case: 156 of the
# 170 open residents of 4 hamlets, 92 %). A quarter lies between: the normal routine goes through, a partial
# list waits for the person to say --complete or --supplement.
PARTIAL_LIST_SHARE = 0.25
CHUNK = 20000
_DOB = COMPARED.index("dob")


@dataclass
class Existing:
    """What the database already holds, loaded once into dictionaries."""
    commune_id: Optional[int]
    commune_name: str
    hamlets: dict[str, int] = field(default_factory=dict)            # match key -> id (this commune)
    hamlet_names: dict[int, str] = field(default_factory=dict)
    households: dict[tuple[int, str], int] = field(default_factory=dict)
    household_keys: dict[int, str] = field(default_factory=dict)
    residents: dict[str, tuple] = field(default_factory=dict)  # cccd -> (id, fingerprint, status, hamlet_id)
    commune_residents: list[tuple[int, int, str]] = field(default_factory=list)  # id, hamlet, status
    # residents without a valid ID: (hamlet, folded name, birth year) -> [(id, fingerprint, status, hamlet, dob)]
    noid: dict[tuple, list[tuple]] = field(default_factory=dict)
    newest: dict[int, dt.date] = field(default_factory=dict)  # hamlet -> newest extraction imported for it


def find_commune(conn: Connection, name: Optional[str]) -> tuple[Optional[int], str]:
    """The commune a list belongs to: by name when the list names one, else the only commune there is."""
    c = Commune.__table__
    if name:  # "Xã Tân Văn" on the list is the "Tân Văn" someone typed when creating the database
        key = commune_match_key(name)
        cid = next((i for i, n in conn.execute(select(c.c.id, c.c.name)) if commune_match_key(n) == key), None)
        return cid, name
    rows = conn.execute(select(c.c.id, c.c.name).limit(2)).all()
    if len(rows) == 1:
        return rows[0][0], rows[0][1]
    cid = conn.execute(select(c.c.id).where(c.c.name_fold == fold(DEFAULT_COMMUNE))).scalar()
    return cid, DEFAULT_COMMUNE


def _fetch(conn: Connection, stmt):
    """The rows of a SELECT as tuples; on SQLite straight from the DB-API cursor (several times faster
    for 300k rows than result rows; no type processing: dates are ISO text, booleans 0/1)."""
    if conn.dialect.name != "sqlite":
        return conn.execute(stmt)
    compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    args = [params[k] for k in compiled.positiontup] if compiled.positiontup else []
    return conn.connection.driver_connection.execute(str(compiled), args)


def load_existing(conn: Connection, commune_name: Optional[str], cccds: set[str]) -> Existing:
    """Load the commune's hamlets and households, the residents whose CCCD is in the file, and the
    commune's residents (for the activation rule)."""
    cid, cname = find_commune(conn, commune_name)
    ex = Existing(commune_id=cid, commune_name=cname)
    h, hh, r = Hamlet.__table__, Household.__table__, Resident.__table__
    if cid is not None:
        for hid, name in conn.execute(select(h.c.id, h.c.name).where(h.c.commune_id == cid)):
            ex.hamlets.setdefault(hamlet_match_key(name), hid)
            ex.hamlet_names[hid] = name
        if ex.hamlet_names:
            for hhid, hid, key in _fetch(conn, select(hh.c.id, hh.c.hamlet_id, hh.c.key)
                                         .where(hh.c.hamlet_id.in_(list(ex.hamlet_names)))):
                ex.households[(hid, key)] = hhid
                ex.household_keys[hhid] = key
            ex.commune_residents = [tuple(x) for x in _fetch(conn, select(r.c.id, r.c.hamlet_id, r.c.status)
                                                             .where(r.c.hamlet_id.in_(list(ex.hamlet_names))))]
            b, bh = ImportBatch.__table__, BatchHamlet.__table__
            for hid, newest in conn.execute(select(bh.c.hamlet_id, func.max(b.c.extracted_on))
                                            .select_from(bh.join(b, b.c.id == bh.c.batch_id))
                                            .where(bh.c.hamlet_id.in_(list(ex.hamlet_names)))
                                            .group_by(bh.c.hamlet_id)):
                if newest is not None:
                    ex.newest[hid] = dt.date.fromisoformat(newest) if isinstance(newest, str) else newest
    total = conn.execute(select(func.count()).select_from(r)).scalar() or 0
    if total:
        cols = [r.c.id] + [r.c[x] for x in COMPARED] + [r.c.status, r.c.hamlet_id, r.c.cccd]
        n = len(COMPARED)
        # kept per resident: (id, fingerprint of the compared fields, status, hamlet): small enough for 300k+;
        # the full old values are loaded afterwards only for the residents whose fingerprint differs
        # on SQLite the rows come straight from the DB-API cursor (dates as ISO text: _DOB converts them)
        iso = conn.dialect.name == "sqlite"
        keep = ex.residents

        def values_of(row) -> tuple:
            vals = row[1:1 + n]
            if iso and vals[_DOB] is not None:
                vals = vals[:_DOB] + (dt.date.fromisoformat(vals[_DOB]),) + vals[_DOB + 1:]
            return vals

        def add_all(rows, wanted: Optional[set[str]]) -> None:
            """Keep the rows (whose CCCD is in `wanted`, if given); inlined: it runs for every listed resident."""
            fromiso, after = dt.date.fromisoformat, _DOB + 1
            for row in rows:
                cccd = row[-1]
                if wanted is not None and cccd not in wanted:
                    continue
                vals = row[1:1 + n]
                if iso and vals[_DOB] is not None:
                    vals = vals[:_DOB] + (fromiso(vals[_DOB]),) + vals[after:]
                keep[cccd] = (row[0], fingerprint(vals) if "" in vals else hash(vals), row[n + 1], row[n + 2])

        if ex.hamlet_names:   # residents without a valid ID (or whose ID was corrected by hand), matched by
            # name, birth and hamlet: the list may still carry the ID as mistyped
            # (two indexed lookups, the commune's hamlets checked here: a hamlet filter would walk every resident)
            e = Event.__table__
            corrected = select(e.c.resident_id).where(e.c.kind == "id_corrected")
            seen: set[int] = set()
            for row in itertools.chain(_fetch(conn, select(*cols, r.c.name_fold).where(r.c.cccd.is_(None))),
                                       _fetch(conn, select(*cols, r.c.name_fold).where(r.c.id.in_(corrected)))):
                if row[n + 2] not in ex.hamlet_names or row[0] in seen:
                    continue
                seen.add(row[0])
                vals = values_of(row[:-1])
                dob = vals[_DOB]
                key = (row[n + 2], row[-1], birth_year(dob, vals[_DOB + 1]))
                ex.noid.setdefault(key, []).append((row[0], fingerprint(vals), row[n + 1], row[n + 2], dob,
                                                    row[n + 3], vals[COMPARED.index("id_kind")]))

        if total > 4 * len(cccds):
            ids = sorted(cccds)
            for i in range(0, len(ids), 900):
                add_all(_fetch(conn, select(*cols).where(r.c.cccd.in_(ids[i:i + 900]))), None)
        else:
            add_all(_fetch(conn, select(*cols).where(r.c.cccd.is_not(None))), cccds)
        other = {x[-1] for x in ex.residents.values()} - set(ex.hamlet_names)
        if other:  # residents listed now but recorded in another commune's hamlets
            for hid, name in conn.execute(select(h.c.id, h.c.name).where(h.c.id.in_(list(other)))):
                ex.hamlet_names[hid] = name
            for hhid, key in conn.execute(select(hh.c.id, hh.c.key).where(hh.c.hamlet_id.in_(list(other)))):
                ex.household_keys[hhid] = key
    return ex


@dataclass
class Plan:
    """Everything an import will write (computed without writing)."""
    batch_id: int
    commune: Optional[tuple] = None                                  # new commune row
    hamlets: list[tuple] = field(default_factory=list)
    households: list[tuple] = field(default_factory=list)
    residents: list[tuple] = field(default_factory=list)
    words: list[tuple] = field(default_factory=list)
    updates: list[dict] = field(default_factory=list)
    update_events: list[tuple[int, dict]] = field(default_factory=list)
    activate: list[int] = field(default_factory=list)
    reopen: list[int] = field(default_factory=list)
    renamed: list[int] = field(default_factory=list)
    rows: list[ParsedRow] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    hamlets_seen: set[int] = field(default_factory=set)
    households_seen: set[int] = field(default_factory=set)
    mode: str = "auto"                 # as asked; `effective_mode` is what was done
    extracted: dt.date = field(default_factory=dt.date.today)
    would_activate: int = 0            # residents a complete import would mark activated per system
    open_residents: int = 0            # open residents of the covered hamlets (not activated per system)
    partial: bool = False              # mode "auto" and would_activate above PARTIAL_LIST_SHARE of them
    newer: Optional[dt.date] = None    # the newest extraction already imported for a covered hamlet, if later
    kept_newer: int = 0                # listed residents left as a newer list set them
    id_found: dict[int, str] = field(default_factory=dict)   # resident without an ID -> the CCCD now listed

    @property
    def effective_mode(self) -> str:
        """"complete" or "supplement": what the import does (auto acts as complete when it may)."""
        return "supplement" if self.mode == "supplement" else "complete"

    @property
    def notices(self) -> list[str]:
        """Codes about the whole list: "partial_list" (auto refused), "older_list" (a newer list was kept)."""
        return (["partial_list"] if self.partial else []) + (["older_list"] if self.newer else [])


def birth_year(dob: Optional[dt.date], dob_raw: Optional[str]) -> Optional[int]:
    """The birth year a resident's date gives (a full date, else a year-only or partial text), for matching."""
    if dob is not None:
        return dob.year
    return parse_date(dob_raw).year if dob_raw else None


def _values(p: ParsedRow, hamlet_id: int, household_id: int) -> tuple:
    return (p.name, p.id_kind, p.gender, p.dob, p.dob_raw, p.phone, p.phone_raw, p.address, hamlet_id,
            household_id, p.relation, bool(p.is_head), p.account_level, p.source_status, p.note, p.extra, p.id_raw)


def _match_noid(ex: Existing, hid: int, p: ParsedRow) -> Optional[tuple]:
    """The resident without a valid ID this row names (same hamlet, folded name, birth year; the same full
    date first), taken so that no second row matches them; None if there is none."""
    found = ex.noid.get((hid, p.name_fold, birth_year(p.dob, p.dob_raw)))
    if p.cccd and found:    # a resident whose ID was corrected by hand is not another valid ID's holder
        found = [c for c in found if c[5] is None]
    if not found:
        return None
    best = next((c for c in found if p.dob is not None and c[4] == p.dob), found[0])
    ex.noid[(hid, p.name_fold, birth_year(p.dob, p.dob_raw))].remove(best)
    if best[5] is not None:   # corrected by hand: the list's mistyped ID does not undo the correction
        p.id_kind, p.id_raw = best[6], None
    return best[:4]


def plan_import(conn: Connection, rows: list[ParsedRow], commune_name: Optional[str], *, mode: str = "auto",
                extracted: Optional[dt.date] = None, cancel: Optional[Callable[[], bool]] = None) -> Plan:
    """Compute what importing these rows changes (reads only). `mode` is one of MODES; `extracted` the day
    the list was extracted (None: today)."""
    if mode not in MODES:
        raise ValueError(f"unknown import mode {mode!r}")
    cccds = {p.cccd for p in rows if p.cccd}
    ex = load_existing(conn, commune_name, cccds)
    plan = Plan(batch_id=next_id(conn, ImportBatch.__table__), rows=rows, mode=mode,
                extracted=extracted or dt.date.today())
    if ex.commune_id is None:
        ex.commune_id = next_id(conn, Commune.__table__)
        plan.commune = (ex.commune_id, ex.commune_name, fold(ex.commune_name))
    next_hamlet = next_id(conn, Hamlet.__table__)
    next_household = next_id(conn, Household.__table__)
    next_resident = next_id(conn, Resident.__table__)
    counts = dict(imported=0, updated=0, unchanged=0, duplicates=0, rejected=0)
    first_row: dict[Any, ParsedRow] = {}
    stale = {hid for hid, day in ex.newest.items() if day > plan.extracted}   # a newer list covered them
    maybe: list[tuple[ParsedRow, tuple]] = []   # listed residents whose fields may have changed
    # a household's number/head/address/sort key come from its first member row
    for n, p in enumerate(rows):
        if cancel and n % CHUNK == 0 and cancel():
            raise Cancelled("cancelled")
        if p.reason is not None:
            p.disposition = "rejected"
            counts["rejected"] += 1
            continue
        key = hamlet_match_key(p.hamlet)
        dkey = p.cccd or (key, p.name_fold, p.dob or p.dob_raw, p.id_raw)
        prev = first_row.get(dkey)
        if prev is not None:
            p.disposition, p.resident_id, p.duplicate_of = "duplicate", prev.resident_id, prev.row
            counts["duplicates"] += 1
            diff = _row_differences(prev, p)
            if diff:
                p.warn("cccd", Note("duplicate_cccd" if p.cccd else "same_person", row=prev.row, fields=list(diff)))
            continue
        first_row[dkey] = p
        hid = ex.hamlets.get(key)
        if hid is None:
            hid = next_hamlet
            next_hamlet += 1
            name = clean_hamlet_name(p.hamlet)
            ex.hamlets[key] = hid
            ex.hamlet_names[hid] = name
            plan.hamlets.append((hid, ex.commune_id, name, fold(name), hamlet_kind(name)))
        plan.hamlets_seen.add(hid)
        hkey = p.household_key[:200]
        hhid = ex.households.get((hid, hkey))
        if hhid is None:
            hhid = next_household
            next_household += 1
            ex.households[(hid, hkey)] = hhid
            ex.household_keys[hhid] = hkey
            number = p.household_no
            if number and number.isdigit():
                sort = f"{int(number):09d}"
            else:
                sort = address_sort_key(p.address or "") or (number or "")
            head = p.head_name or (p.name if p.is_head else None)
            plan.households.append((hhid, hid, hkey, number, head, p.address, sort[:400]))
        plan.households_seen.add(hhid)
        new = _values(p, hid, hhid)
        old = ex.residents.get(p.cccd) if p.cccd else None
        if old is None:
            old = _match_noid(ex, hid, p)
            if old is not None:
                new = _values(p, hid, hhid)
                if p.cccd:
                    plan.id_found[old[0]] = p.cccd
        if old is None:
            rid = next_resident
            next_resident += 1
            p.resident_id, p.disposition = rid, "imported"
            counts["imported"] += 1
            plan.residents.append((rid, p.cccd) + new + (p.name_fold, p.name_sort,
                                                        fold(p.address) if p.address else None))
            plan.words.extend((w, rid) for w in name_words(p.name_fold))
            continue
        rid, status = old[0], old[2]
        p.resident_id = rid
        if status == "activated_system" and old[3] not in stale and hid not in stale:
            plan.reopen.append(rid)
            p.warn("status", W_REOPENED)
        if fingerprint(new) != old[1]:
            maybe.append((p, new))
        else:
            p.disposition = "unchanged"
            counts["unchanged"] += 1
    _compare(conn, plan, maybe, ex, counts)
    newer = [ex.newest[h] for h in plan.hamlets_seen & stale]
    if newer:
        plan.newer = max(newer)
        _keep_newer(conn, plan, counts)
    # residents missing from the list, in the hamlets it covers (where no newer list was imported)
    listed = {p.resident_id for p in rows if p.resident_id is not None}
    missing = []
    for rid, hid, status in ex.commune_residents:
        if hid in plan.hamlets_seen and hid not in stale and status != "activated_system":
            plan.open_residents += 1
            if rid not in listed:
                missing.append(rid)
    missing.sort()     # in id order whatever order the database gave them (PostgreSQL: the heap's)
    plan.would_activate = len(missing)
    plan.partial = mode == "auto" and len(missing) > PARTIAL_LIST_SHARE * plan.open_residents
    if plan.effective_mode == "complete":
        plan.activate = missing
    counts["activated_per_system"] = len(plan.activate)
    plan.counts = counts
    return plan


def _keep_newer(conn: Connection, plan: Plan, counts: dict[str, int]) -> None:
    """An older list: drop the updates of residents that a list extracted after it named (they stay as the
    newer list set them; their rows count as unchanged)."""
    ids = [u["_id"] for u in plan.updates]
    if not ids:
        return
    s, b = SourceRow.__table__, ImportBatch.__table__
    newer: set[int] = set()
    for i in range(0, len(ids), 900):
        newer.update(conn.execute(select(s.c.resident_id).select_from(s.join(b, b.c.id == s.c.batch_id))
                                  .where(s.c.resident_id.in_(ids[i:i + 900]), b.c.extracted_on > plan.extracted)
                                  .distinct()).scalars())
    if not newer:
        return
    plan.kept_newer = len(newer)
    plan.updates = [u for u in plan.updates if u["_id"] not in newer]
    plan.update_events = [(rid, d) for rid, d in plan.update_events if rid not in newer]
    plan.renamed = [rid for rid in plan.renamed if rid not in newer]
    plan.words = [w for w in plan.words if w[1] not in newer]   # new residents are never in `newer`
    for rid in newer:
        plan.id_found.pop(rid, None)
    for p in plan.rows:
        if p.disposition == "updated" and p.resident_id in newer:
            p.disposition = "unchanged"
            counts["updated"] -= 1
            counts["unchanged"] += 1



def _norm(v: Any) -> Any:
    if v is None or v == "":
        return None
    return int(v) if isinstance(v, bool) else v


def fingerprint(values: tuple) -> int:
    """A hash of a resident's compared fields, equal when `_same` would find every field the same
    (booleans need no conversion: True and 1 hash alike; only "" must become None)."""
    if "" in values:
        values = tuple(_norm(v) for v in values)
    return hash(values)


def _compare(conn: Connection, plan: "Plan", maybe: list[tuple[ParsedRow, tuple]], ex: Existing,
             counts: dict[str, int]) -> None:
    """Load the old values of the residents whose fingerprint differs and record their real changes."""
    r = Resident.__table__
    old_rows: dict[int, tuple] = {}
    ids = [p.resident_id for p, _ in maybe]
    for i in range(0, len(ids), 900):
        for row in conn.execute(select(r.c.id, *[r.c[x] for x in COMPARED]).where(r.c.id.in_(ids[i:i + 900]))):
            old_rows[row[0]] = tuple(row[1:])
    for p, new in maybe:
        rid = p.resident_id
        old = old_rows[rid]
        changes = {col: (old[i], new[i]) for i, col in enumerate(COMPARED) if not _same(old[i], new[i])}
        if rid in plan.id_found:
            changes["cccd"] = (None, plan.id_found[rid])
        if not changes:
            p.disposition = "unchanged"
            counts["unchanged"] += 1
            continue
        p.disposition = "updated"
        counts["updated"] += 1
        values = dict(zip(COMPARED, new))
        values.update(_id=rid, name_fold=p.name_fold, name_sort=p.name_sort,
                      address_fold=fold(p.address) if p.address else None)
        plan.updates.append(values)
        plan.update_events.append((rid, _describe(changes, ex)))
        if "name" in changes:
            plan.renamed.append(rid)
            plan.words.extend((w, rid) for w in name_words(p.name_fold))


def _same(a: Any, b: Any) -> bool:
    if a is None or a == "":
        return b is None or b == ""
    if isinstance(a, bool) or isinstance(b, bool):
        return bool(a) == bool(b)
    return a == b


_DIFF_FIELDS = (("name", "name"), ("dob", "dob"), ("dob_raw", "dob"), ("gender", "gender"), ("phone", "phone"),
                ("phone_raw", "phone"), ("address", "address"), ("hamlet", "hamlet"),
                ("household_key", "household"), ("relation", "relation"))


def _row_differences(a: ParsedRow, b: ParsedRow) -> list[str]:
    out: list[str] = []
    for attr, label in _DIFF_FIELDS:
        if not _same(getattr(a, attr), getattr(b, attr)) and label not in out:
            out.append(label)
    return out


def _describe(changes: dict[str, tuple], ex: Existing) -> dict:
    out = {}
    for col, (old, new) in changes.items():
        if col == "hamlet_id":
            out["hamlet"] = [ex.hamlet_names.get(old), ex.hamlet_names.get(new)]
        elif col == "household_id":
            out["household"] = [ex.household_keys.get(old), ex.household_keys.get(new)]
        else:
            out[col] = [old.isoformat() if isinstance(old, dt.date) else old,
                        new.isoformat() if isinstance(new, dt.date) else new]
    return out


# ---- writing -------------------------------------------------------------------------------------------

def _dt_sql(v: Optional[dt.datetime]) -> Optional[str]:
    return v.strftime("%Y-%m-%d %H:%M:%S.%f") if v is not None else None


def _d_sql(v: Optional[dt.date]) -> Optional[str]:
    return v.isoformat() if v is not None else None


BULK_TABLES = ("resident", "event", "source_row", "household", "resident_word")
# A table's secondary indexes are dropped and built again when an import at least doubles it and adds this many
# rows (5,000 residents into a new database: 0.75 s CPU for plan and write instead of 0.95 s; below ~500 rows
# the thirty DROP/CREATE statements cost more than they save).
BULK_MIN_ROWS = 1000
ANALYZE_MIN_ROWS = 1000


def _new_rows(plan: "Plan") -> dict[str, int]:
    """How many rows the plan adds to each table of BULK_TABLES."""
    return {"resident": len(plan.residents), "household": len(plan.households), "source_row": len(plan.rows),
            "event": len(plan.residents) + len(plan.update_events) + len(plan.activate) + len(plan.reopen),
            "resident_word": len(plan.words)}


@contextmanager
def _indexes_dropped(conn: Connection, plan: "Plan"):
    """On SQLite, drop the secondary indexes of each table of BULK_TABLES the import at least doubles (by at
    least BULK_MIN_ROWS rows) and build them again after: faster than updating them row by row. The rows there
    already are counted by the highest id (resident_word, without one, follows resident). DDL is transactional
    in SQLite: a rollback brings the indexes back too."""
    saved: list[str] = []
    new = _new_rows(plan)
    if conn.dialect.name == "sqlite" and max(new.values()) >= BULK_MIN_ROWS:
        raw = conn.connection.driver_connection
        doubled = [t for t in BULK_TABLES if t != "resident_word" and new[t] >= BULK_MIN_ROWS
                   and new[t] >= (raw.execute(f"SELECT MAX(id) FROM {t}").fetchone()[0] or 0)]
        if "resident" in doubled and new["resident_word"] >= BULK_MIN_ROWS:
            doubled.append("resident_word")
        if doubled:
            if not raw.in_transaction:  # sqlite3 only opens one before DML: the DROPs must be inside it
                raw.execute("BEGIN")
            marks = ", ".join("?" * len(doubled))
            for name, sql in raw.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT "
                                         f"NULL AND tbl_name IN ({marks})", doubled).fetchall():
                if "UNIQUE" in sql.upper():
                    continue
                saved.append(sql)
                raw.execute(f'DROP INDEX "{name}"')
    yield
    if saved:
        raw = conn.connection.driver_connection
        for sql in saved:
            raw.execute(sql)


def write_plan(conn: Connection, plan: Plan, *, file_name: str, sha256: str, sheets: list[str], summary: dict,
               at: dt.datetime, progress: Optional[Callable[[int, int], None]] = None,
               cancel: Optional[Callable[[], bool]] = None, actor: Optional[str] = None) -> None:
    """Write a computed plan in the caller's transaction. On a shared server, what a login's rights refuse
    (`_refused`) raises a CanvassError that says why, not the database's own error."""
    try:
        with _indexes_dropped(conn, plan):
            _write_plan(conn, plan, file_name=file_name, sha256=sha256, sheets=sheets, summary=summary, at=at,
                        progress=progress, cancel=cancel, actor=actor)
    except DBAPIError as exc:
        refusal = _refused(conn, exc, plan)
        if refusal is None:
            raise
        raise refusal from None
    if conn.dialect.name == "sqlite" and len(plan.residents) >= ANALYZE_MIN_ROWS:
        # fresh statistics, so the planner knows e.g. that a status matches most rows and a hamlet few
        raw = conn.connection.driver_connection
        raw.execute("PRAGMA analysis_limit=1000")
        raw.execute("ANALYZE")
    elif conn.dialect.name == "postgresql" and plan.residents:
        # the statistics of the tables this transaction fills (ANALYZE counts its own uncommitted rows): a
        # province list is written commune after commune in one transaction, and with an empty table's
        # statistics the next commune's `cccd IN (...)` lookups were sequential scans (60k-row province: 36
        # lookups over 140 ms, none after). A login that does not own the tables is skipped with a warning.
        conn.exec_driver_sql("ANALYZE resident, source_text, household, hamlet")


def _refused(conn: Connection, exc: DBAPIError, plan: Plan) -> Optional[CanvassError]:
    """A write a PostgreSQL login's row-level security refuses, in words (None: another error). A police login
    sees only its commune, so its plan may (1) add a commune the owner has not created (refused by the commune
    policy) or (2) add a resident whose CCCD a resident of another commune holds (the unique CCCD index sees
    every commune; the server hides the key from the login, so `canvass_cccds_held`, on another connection as
    the transaction has failed, says which). Only the row is named (no personal data in the message)."""
    state = getattr(exc.orig, "sqlstate", None)
    diag = getattr(exc.orig, "diag", None)
    if state == "42501" and plan.commune and 'table "commune"' in str(exc.orig):
        return CanvassError("import_commune_not_on_server", commune=plan.commune[1])
    if state == "23505" and diag is not None and diag.constraint_name == "resident_cccd_key":
        mine = [r[1] for r in plan.residents if r[1]] + list(plan.id_found.values())
        held: set[str] = set()
        with conn.engine.connect() as other:
            if other.execute(text("SELECT to_regprocedure('canvass_cccds_held(text[])') IS NOT NULL")).scalar():
                held = set(other.execute(text("SELECT canvass_cccds_held(:c)"), {"c": mine}).scalar() or ())
        p = next((p for p in plan.rows if p.cccd and p.cccd in held), None)
        return CanvassError("import_cccd_in_other_commune", sheet=p.sheet if p else "?", row=p.row if p else "?")
    return None


def _write_plan(conn: Connection, plan: Plan, *, file_name: str, sha256: str, sheets: list[str], summary: dict,
                at: dt.datetime, progress: Optional[Callable[[int, int], None]] = None,
                cancel: Optional[Callable[[], bool]] = None, actor: Optional[str] = None) -> None:
    sqlite = conn.dialect.name == "sqlite"
    ts = _dt_sql(at) if sqlite else at
    dconv = _d_sql if sqlite else (lambda v: v)
    total = max(1, len(plan.residents) + len(plan.rows) + len(plan.words) // 4)
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if cancel and cancel():
            raise Cancelled("cancelled")
        if progress:
            progress(min(done, total), total)

    counts = plan.counts
    bulk_insert(conn, ImportBatch.__table__,
                ("id", "file_name", "file_sha256", "sheets", "imported_at", "rows_read", "imported", "updated",
                 "unchanged", "duplicates", "rejected", "activated_per_system", "summary", "extracted_on", "mode"),
                [(plan.batch_id, file_name, sha256, json.dumps(sheets, ensure_ascii=False), ts, len(plan.rows),
                  counts["imported"], counts["updated"], counts["unchanged"], counts["duplicates"],
                  counts["rejected"], counts["activated_per_system"],
                  json.dumps(summary, ensure_ascii=False, default=str), dconv(plan.extracted), plan.effective_mode)])
    if plan.commune:
        bulk_insert(conn, Commune.__table__, ("id", "name", "name_fold"), [plan.commune])
    bulk_insert(conn, Hamlet.__table__, ("id", "commune_id", "name", "name_fold", "kind"), plan.hamlets)
    bulk_insert(conn, BatchHamlet.__table__, ("batch_id", "hamlet_id"),
                [(plan.batch_id, hid) for hid in sorted(plan.hamlets_seen)])
    bulk_insert(conn, Household.__table__, ("id", "hamlet_id", "key", "number", "head_name", "address", "sort_key"),
                plan.households)
    # a new resident's cached state is the fold of its one `imported` event (events.state_columns)
    fresh_state = state_columns(ResidentState())
    cols = ("id", "cccd") + COMPARED + ("name_fold", "name_sort", "address_fold", "first_batch_id",
                                        "last_batch_id") + CACHED_COLUMNS + ("version",)
    fresh = tuple(fresh_state[c] for c in CACHED_COLUMNS)
    dob_i = cols.index("dob")
    b = plan.batch_id
    for i in range(0, len(plan.residents), CHUNK):
        chunk = plan.residents[i:i + CHUNK]
        rows = []
        for r in chunk:
            r = r + (b, b) + fresh + (1,)
            if sqlite and r[dob_i] is not None:
                r = r[:dob_i] + (dconv(r[dob_i]),) + r[dob_i + 1:]
            rows.append(r)
        bulk_insert(conn, Resident.__table__, cols, rows)
        bulk_insert(conn, Event.__table__, ("resident_id", "kind", "at", "recorded_at", "batch_id", "actor"),
                    [(r[0], "imported", ts, ts, b, actor) for r in chunk])
        step(len(chunk))
    # updates (a changed name rewrites its search words)
    if plan.updates:
        r, w = Resident.__table__, ResidentWord.__table__
        for i in range(0, len(plan.renamed), 900):
            conn.execute(w.delete().where(w.c.resident_id.in_(plan.renamed[i:i + 900])))
        stmt = (update(r).where(r.c.id == bindparam("_id"))
                .values({**{c: bindparam(c) for c in COMPARED + ("name_fold", "name_sort", "address_fold")},
                         "last_batch_id": b, "version": r.c.version + 1}))
        for i in range(0, len(plan.updates), CHUNK):
            conn.execute(stmt, plan.updates[i:i + CHUNK])
        if plan.id_found:   # residents without an ID whom this list names with a valid CCCD
            conn.execute(update(r).where(r.c.id == bindparam("_id")).values(cccd=bindparam("c")),
                         [{"_id": rid, "c": c} for rid, c in plan.id_found.items()])
        bulk_insert(conn, Event.__table__,
                    ("resident_id", "kind", "at", "recorded_at", "batch_id", "data", "actor"),
                    [(rid, "updated", ts, ts, b, json.dumps(d, ensure_ascii=False, default=str), actor)
                     for rid, d in plan.update_events])
    # in word order, so the primary key (word, resident) fills nearly in order; by the word alone (half the
    # time of comparing tuples): the stable sort keeps each word's residents as added, ascending for new ones.
    # Each resident's words are distinct: no duplicates to remove
    plan.words.sort(key=itemgetter(0))
    words = plan.words
    for i in range(0, len(words), CHUNK * 5):
        bulk_insert(conn, ResidentWord.__table__, ("word", "resident_id"), words[i:i + CHUNK * 5])
        step(min(CHUNK * 5, len(words) - i) // 4)
    # source rows: every data row, whatever became of it; each distinct text stored once (source_text)
    text_ids = store_texts(conn, [p.raw for p in plan.rows])
    src_cols = ("batch_id", "sheet", "row_number", "raw", "text_id", "resident_id", "disposition", "reason")
    for i in range(0, len(plan.rows), CHUNK):
        chunk = plan.rows[i:i + CHUNK]
        bulk_insert(conn, SourceRow.__table__, src_cols,
                    [(b, p.sheet[:200], p.row, "", tid, p.resident_id, p.disposition,
                      p.reason if p.disposition == "rejected" else
                      (f"duplicate of row {p.duplicate_of}" if p.disposition == "duplicate" else None))
                     for p, tid in zip(chunk, text_ids[i:i + CHUNK])])
        step(len(chunk))
    # activated per system, re-opened
    r = Resident.__table__
    if plan.activate:
        bulk_insert(conn, Event.__table__, ("resident_id", "kind", "at", "recorded_at", "batch_id", "actor"),
                    [(rid, "activated_system", ts, ts, b, actor) for rid in plan.activate])
        write_system_activation(conn, plan.activate, at)
    if plan.reopen:
        bulk_insert(conn, Event.__table__, ("resident_id", "kind", "at", "recorded_at", "batch_id", "actor"),
                    [(rid, "system_reopened", ts, ts, b, actor) for rid in plan.reopen])
        refresh_states(conn, plan.reopen)
    for table in (Commune, Hamlet, Household, Resident, ImportBatch):
        sync_sequence(conn, table.__table__)


def text_hash(raw: str) -> bytes:
    """The key of a source row's text in source_text (128-bit BLAKE2b of its UTF-8)."""
    return blake2b(raw.encode(), digest_size=16).digest()


def store_texts(conn: Connection, texts: list[str]) -> list[int]:
    """The source_text id of each text, adding the texts not stored yet (each distinct text once)."""
    t = SourceText.__table__
    hashes = [blake2b(x.encode(), digest_size=16).digest() for x in texts]   # text_hash, inlined
    known: dict[bytes, int] = {}
    stored = conn.execute(select(func.max(t.c.id))).scalar()
    if stored is not None:
        wanted = set(hashes)
        if stored > 4 * len(wanted):     # a big table: look the file's hashes up
            keys = list(wanted)
            for i in range(0, len(keys), 900):
                for h, tid in conn.execute(select(t.c.hash, t.c.id).where(t.c.hash.in_(keys[i:i + 900]))):
                    known[bytes(h)] = tid
        elif conn.dialect.name == "sqlite":   # else one pass over the hash index (BLOBs come as bytes)
            known = {h: tid for h, tid in _fetch(conn, select(t.c.hash, t.c.id)) if h in wanted}
        else:
            for h, tid in _fetch(conn, select(t.c.hash, t.c.id)):
                h = bytes(h)
                if h in wanted:
                    known[h] = tid
    fresh = {h: x for h, x in zip(hashes, texts) if h not in known}
    # ids in hash order: the unique hash index is filled in order (on a first import, only at its end)
    nid = next_id(conn, t)   # PostgreSQL: from the sequence (a login's MAX(id) sees only the rows it may read)
    order = sorted(fresh)
    new = [(nid + i, h, fresh[h]) for i, h in enumerate(order)]
    known.update(zip(order, range(nid, nid + len(order))))
    ids = [known[h] for h in hashes]
    for i in range(0, len(new), CHUNK):
        bulk_insert(conn, t, ("id", "hash", "raw"), new[i:i + CHUNK])
    if new:
        sync_sequence(conn, t)
    return ids
