"""Merging a returned team pack: every filled row becomes a visit by the pack's team, in one transaction.

Concurrency: the whole merge (the pack's check, the "already in the log" reads and the writes) runs in one
writing transaction, which takes the write lock at BEGIN (canvass.db), so merges at the same moment (two
clicks, two PCs, the same pack or two) give what some serial order gives. The preview is a dry run of the
same function, rolled back; applying reads everything again and never trusts the preview.

Rules (what is matched, what wins, what is never done):
- The hidden sheet must be intact: its HMAC (per-database secret) must match and the pack must be known,
  else nothing is applied (`PackTampered`).
- What a row shows decides over its hidden id. A row is matched by its hidden resident id when what it
  shows (the full CCCD; under a mask the name, the year of birth and the CCCD's visible digits) agrees with
  that resident. When it does not (a sort of the visible columns only, an edited id), the row goes to the one
  resident of the pack it shows; if it shows several (namesakes a mask cannot tell apart), or shows nobody of
  the pack and contradicts the id, it is held as a conflict (`identity_ambiguous`, `identity_mismatch`) and
  nothing is recorded. Once any row of the sheet contradicts its id, ids no longer break ties: a row that
  fits several residents is held even if it fits its own id's. The id is kept when the row shows nobody
  else of the pack and agrees in part (a name or CCCD corrected at the commune while the pack was out).
  Never a guess. A row without an id is matched by
  the full CCCD, then by name + year of birth (unique in the pack). Only residents of the pack can be
  recorded; any other resident is reported as `outside_team`.
- The same resident in several filled rows of one return: the later row (lower on the sheet) wins, each
  earlier one is reported (`duplicate_row`, with the row that won); never two visits.
- A value that is not acceptable (outcome not in the list, missing reason, bad or future date or a date
  before the campaign, malformed phone) rejects that row only, with sheet and row number.
- A row whose visit is already in the log (same resident, team, outcome, reason, time, note and phone;
  from any import, counting or undone at the commune) is `unchanged`: a pack imported twice changes nothing
  the second time. A visit this pack's own correction voided does not count as in the log: a row put back
  to that earlier value corrects the current state again. A row without a date (dated by the file) is also
  `unchanged` when this pack already recorded the same undated visit from an earlier save of the workbook.
- Corrections (`corrected`), always new events (a `visit_void` of the pack's earlier visit, then the new
  visit), never an edit: a row of the same pack for the same resident and the same visit time but other
  values; and a row whose only change is its date (same outcome, reason, note and phone as the pack's
  latest visit for that resident) moves that visit to the new date instead of adding a second visit.
  Another outcome on another day is a new visit (the team went again).
- Conflict: the resident's version differs from the version the pack carries (after discounting the
  events this pack itself produced): someone else changed them while the pack was out (another team's
  visit, a re-import that showed system activation, a re-assignment). The row is still recorded as a visit
  (history is never dropped) and listed with both sides. System-verified activation always wins (the
  status stays `activated_system`); otherwise the later visit by date becomes current (`derive_state`).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from canvass.backup import before_change
from canvass.db import Database
from canvass.display import birth_year
from canvass.errors import Cancelled, InvalidInput
from canvass.events import append_event, apply_state, derive_state, validate_visit, voided_visits
from canvass.models import Campaign, Event, Pack, Resident, Team
from canvass.packs import layout as L
from canvass.packs.returned import (Hidden, PackTampered, Visit, detail, file_at, int_of, main_rows, parse_row,
                                    read_book, read_hidden, verify)
from canvass.text import fold

CHUNK = 500

@dataclass
class PackImportResult:
    """What merging a returned pack did (or would do, for a dry run)."""
    pack_id: str
    team_id: int
    team_name: str
    superseded: bool = False          # a newer pack of the team exists (the return is still accepted)
    dry_run: bool = False
    rows: int = 0                     # data rows read from the main sheet
    applied: int = 0                  # visits recorded (conflicts and corrections included)
    corrected: int = 0                # of which replaced an earlier import of the same pack row
    unchanged: int = 0                # already in the log
    blank: int = 0                    # rows with nothing filled in
    conflicts: list[dict] = field(default_factory=list)
    # rows not recorded: {"sheet", "row", "name" (the resident's, else as the row shows it), "reason" (a code),
    # "detail", and "resident_id" when the row was matched}
    rejected: list[dict] = field(default_factory=list)
    outside_team: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    touched: list[int] = field(default_factory=list)  # resident ids whose state changed (the UI refreshes them)
    # what the merge writes, per resident: {"resident_id", "before": [status, reason], "after": [status, reason]}
    # (a dry run says what applying would do: the preview shows every row's before -> after)
    changes: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        """The `--json` document: counts for applied/unchanged, lists for the rest."""
        d = asdict(self)
        d.pop("touched")
        return d


# ---------------------------------------------------------------- the merge

def _event_side(e: Optional[Event]) -> Optional[dict]:
    if e is None:
        return None
    return {"kind": e.kind, "at": e.at, "outcome": e.outcome, "reason": e.reason, "team_id": e.team_id}


def _data(e: Event) -> dict:
    try:
        return json.loads(e.data) if e.data else {}
    except ValueError:
        return {}


def _year_of(r: Resident) -> Optional[int]:
    """The year of birth the merge compares a row's "Năm sinh" with: the year the pack printed (display.py)."""
    return birth_year(r.dob, r.dob_raw)


_MASK_CHARS = frozenset("*•…xX")


@dataclass(frozen=True)
class _Shown:
    """Who a row shows: folded name, year of birth, and the CCCD as written (digits, or digits and mask)."""
    name: str
    year: Optional[int]
    cccd: str

    @classmethod
    def of(cls, values: dict) -> "_Shown":
        """What a row's visible identity cells say."""
        cccd = "".join(ch for ch in L.cell_text(values.get("cccd")) if ch.isdigit() or ch in _MASK_CHARS)
        return cls(fold(L.cell_text(values.get("name"))), int_of(values.get("birth_year")), cccd)

    @property
    def full_cccd(self) -> Optional[str]:
        """The whole CCCD (12 digits, or an old 9-digit CMND) when the row shows it unmasked."""
        return self.cccd if self.cccd.isdigit() and len(self.cccd) in (9, 12) else None

    def cccd_agrees(self, r: Resident) -> Optional[bool]:
        """Whether the shown CCCD (whole, or its visible leading/trailing digits) fits the resident's; None
        when the row shows no digits of one."""
        if not any(ch.isdigit() for ch in self.cccd):
            return None
        own = "".join(ch for ch in (r.cccd or "") if ch.isdigit())
        if self.full_cccd:
            return own == self.full_cccd
        if self.cccd.isdigit():     # a number cell that lost its leading zeros, or only the last digits
            return own.endswith(self.cccd)
        head = re.match(r"\d*", self.cccd).group(0)
        tail = re.search(r"\d*$", self.cccd).group(0)
        return bool(own) and own.startswith(head) and own.endswith(tail)

    def agrees(self, r: Resident) -> bool:
        """Nothing the row shows contradicts this resident (a whole CCCD decides alone)."""
        cccd = self.cccd_agrees(r)
        if self.full_cccd:
            return bool(cccd)
        if cccd is False:
            return False
        if self.name and fold(L.cell_text(r.name)) != self.name:
            return False
        year = _year_of(r)
        return not (self.year is not None and year is not None and year != self.year)

    def agrees_in_part(self, r: Resident) -> bool:
        """The row shows this resident's name or CCCD (the rest may have been corrected since)."""
        return bool(self.name and fold(L.cell_text(r.name)) == self.name) or bool(self.cccd_agrees(r))


class _Merge:
    """One merge of one returned workbook inside one session."""

    def __init__(self, session: Session, pack: Pack, hidden: Hidden, result: PackImportResult,
                 actor: Optional[str], today: dt.date):
        self.s, self.pack, self.hidden, self.result, self.actor, self.today = (session, pack, hidden, result,
                                                                                 actor, today)
        ids = list(hidden.items)
        self.residents: dict[int, Resident] = {}
        self.events: dict[int, list[Event]] = defaultdict(list)
        for i in range(0, len(ids), CHUNK):
            chunk = ids[i:i + CHUNK]
            for r in session.scalars(select(Resident).where(Resident.id.in_(chunk))):
                self.residents[r.id] = r
            for e in session.scalars(select(Event).where(Event.resident_id.in_(chunk)).order_by(Event.id)):
                self.events[e.resident_id].append(e)
        self.by_cccd = {r.cccd: r for r in self.residents.values() if r.cccd}
        by_name = defaultdict(list)
        for r in self.residents.values():
            by_name[(fold(r.name), _year_of(r))].append(r)
        self.by_name = {k: v[0] for k, v in by_name.items() if len(v) == 1}
        self.misaligned = False                  # see check_alignment
        self.by_fold: dict[str, list[Resident]] = defaultdict(list)
        for r in self.residents.values():
            self.by_fold[fold(L.cell_text(r.name))].append(r)
        self.version0 = {rid: r.version or 0 for rid, r in self.residents.items()}
        self.known: set[tuple] = set()       # visit keys already in the log
        self.own: dict[int, int] = defaultdict(int)  # events this pack produced, per resident
        self.own_at: dict[tuple[int, dt.datetime], Event] = {}
        voided = voided_visits((e.kind, e.data) for evs in self.events.values() for e in evs)
        corrected = set()                   # of the voided visits, those voided by a pack's own correction
        for rid, evs in self.events.items():
            for e in evs:
                if e.kind == "visit_void":
                    d = _data(e)
                    if d.get("pack"):
                        corrected.add(d.get("voids"))
                    if d.get("pack") == pack.id:
                        self.own[rid] += 1
        for rid, evs in self.events.items():
            for e in evs:
                d = _data(e)
                if e.kind == "visit" and e.id not in corrected:
                    self.known.add(self._key(rid, e.team_id, e.outcome, e.reason, e.at, e.note, d.get("new_phone")))
                if e.kind == "visit" and d.get("pack") == pack.id:
                    self.own[rid] += 1
                    # an undated row: a later save of the file changes its date
                    if e.id not in corrected and d.get("file_date"):
                        self.known.add(self._key(rid, e.team_id, e.outcome, e.reason, None, e.note,
                                                 d.get("new_phone")))
        self.own_latest: dict[int, Event] = {}   # the pack's latest visit that counts, per resident
        for rid, evs in self.events.items():
            for e in evs:
                if e.kind == "visit" and e.id not in voided and _data(e).get("pack") == pack.id:
                    self.own_at[(rid, e.at)] = e
                    self.own_latest[rid] = e
        self.touched: dict[int, Resident] = {}
        self.team_names = {t.id: t.name for t in session.scalars(select(Team))}
        # events after the pack's own `pack_export` entry happened while the pack was out
        self.export_mark = session.scalar(select(func.max(Event.id)).where(
            Event.kind == "pack_export", Event.data.contains(pack.id))) or 0

    @staticmethod
    def _key(rid, team_id, outcome, reason, at, note, phone) -> tuple:
        return (rid, team_id, outcome, reason or None, at, note or None, phone or None)

    def match(self, values: dict) -> tuple[Optional[Resident], Optional[int], Optional[str]]:
        """(pack resident, None, None), or (None, id of a resident outside the pack, None), or (None, None,
        code of a held row), or (None, None, None) when nobody is found. See the module's rules."""
        rid = int_of(values.get("rid"))
        shown = _Shown.of(values)
        outside = None
        if rid is not None:
            r = self.residents.get(rid)
            if r is not None:
                return self._check_id(r, shown)
            if self.s.get(Resident, rid) is not None:
                outside = rid
        cccd = "".join(ch for ch in L.cell_text(values.get("cccd")) if ch.isdigit())
        if len(cccd) in (9, 12):
            r = self.by_cccd.get(cccd)
            if r is not None:
                return r, None, None
            other = self.s.scalar(select(Resident.id).where(Resident.cccd == cccd))
            outside = outside or other
        year = int_of(values.get("birth_year"))
        name = shown.name
        if name and outside is None:
            r = self.by_name.get((name, year))
            if r is not None:
                return r, None, None
        return None, outside, None

    def check_alignment(self, rows: list[tuple[int, dict]]) -> None:
        """Note whether any row of the sheet, filled or not, shows someone other than its hidden id's resident:
        then the id column was moved apart from the rest (a sort of the visible columns only), and an id is
        no tie-breaker for a row that fits several residents."""
        for _rownum, values in rows:
            r = self.residents.get(int_of(values.get("rid")))
            if r is not None and not _Shown.of(values).agrees(r):
                self.misaligned = True
                return

    def _namesakes(self, r: Resident, shown: _Shown) -> list[Resident]:
        """Other residents of the pack the row fits as well as `r`."""
        if shown.full_cccd:
            return []
        return [c for c in self.by_fold.get(shown.name, ()) if c.id != r.id and shown.agrees(c)]

    def _check_id(self, r: Resident, shown: _Shown) -> tuple[Optional[Resident], Optional[int], Optional[str]]:
        """The hidden id's resident cross-checked with what the row shows (see the module's rules)."""
        if shown.agrees(r):
            if self.misaligned and self._namesakes(r, shown):
                return None, None, "identity_ambiguous"
            return r, None, None
        if shown.full_cccd:
            seen = self.by_cccd.get(shown.full_cccd)
            if seen is not None:
                return seen, None, None
            other = self.s.scalar(select(Resident.id).where(Resident.cccd == shown.full_cccd))
            if other is not None:
                return None, other, None
            others = []
        else:
            others = self._namesakes(r, shown)
        if len(others) == 1:
            return others[0], None, None
        if others:
            return None, None, "identity_ambiguous"
        if shown.agrees_in_part(r):
            return r, None, None
        return None, None, "identity_mismatch"

    def current_side(self, r: Resident) -> dict:
        own_kinds = ("visit", "visit_void")
        foreign = [e for e in self.events.get(r.id, []) if not (e.kind in own_kinds
                                                                 and _data(e).get("pack") == self.pack.id)]
        last = max(foreign, key=lambda e: (e.at, e.id), default=None)
        changes = sorted({e.kind for e in foreign if e.id > self.export_mark})
        return {"version": self.version0[r.id], "status": r.status, "reason": r.status_reason,
                "status_at": r.status_at, "team_id": r.team_id, "team": self.team_names.get(r.team_id),
                "last_event": _event_side(last), "changes": changes}

    def apply(self, sheet: str, rownum: int, r: Resident, v: Visit, in_run: set) -> None:
        res, team_id = self.result, self.pack.team_id
        key = self._key(r.id, team_id, v.outcome, v.reason, v.at, v.note, v.new_phone)
        undated = None if v.dated else self._key(r.id, team_id, v.outcome, v.reason, None, v.note, v.new_phone)
        if key in self.known or key in in_run or undated in self.known:
            res.unchanged += 1
            return
        in_run.add(key)
        item_version = self.hidden.items[r.id]
        conflict = self.version0[r.id] != item_version + self.own[r.id]
        before = self.current_side(r) if conflict else None
        prev = self.own_at.pop((r.id, v.at), None)
        if prev is None:     # only the date changed: the pack's visit moves to the new date
            latest = self.own_latest.get(r.id)
            if latest is not None and (latest.outcome, latest.reason or None, latest.note or None,
                                       _data(latest).get("new_phone") or None) == \
                    (v.outcome, v.reason or None, v.note or None, v.new_phone or None):
                prev = self.own_at.pop((r.id, latest.at), None)
        if prev is not None:  # a correction of this pack's earlier return
            self.events[r.id].append(append_event(
                self.s, r, "visit_void", at=prev.at, actor=self.actor, team_id=prev.team_id,
                data={"voids": prev.id, "pack": self.pack.id, "row": rownum}))
            res.corrected += 1
        # what record_visit stores (the values were validated with validate_visit); the cached state of every
        # touched resident is refreshed once, in finish()
        data = {"pack": self.pack.id, "row": rownum}
        if not v.dated:
            data["file_date"] = True
        if v.new_phone:
            data["new_phone"] = v.new_phone
        self.events[r.id].append(append_event(
            self.s, r, "visit", at=v.at, actor=self.actor, team_id=team_id, outcome=v.outcome, reason=v.reason,
            note=v.note, data=data))
        self.touched.setdefault(r.id, r)
        res.applied += 1
        if conflict:
            res.conflicts.append({
                "sheet": sheet, "row": rownum, "resident_id": r.id, "name": r.name,
                "pack": {"version": item_version, "team_id": team_id, "team": self.team_names.get(team_id),
                         "outcome": v.outcome, "reason": v.reason, "visit_at": v.at, "note": v.note},
                "current": before, "resolution": None, "recorded": True})

    def hold(self, sheet: str, rownum: int, values: dict, code: str) -> None:
        """A row whose resident cannot be told for sure: listed as a conflict, nothing recorded."""
        self.result.conflicts.append({
            "sheet": sheet, "row": rownum, "resident_id": None, "hidden_id": int_of(values.get("rid")),
            "name": detail(values.get("name")),
            "pack": {"outcome": L.code_for(values.get("outcome"), L.OUTCOME_LOOKUP),
                     "reason": L.code_for(values.get("reason"), L.REASON_LOOKUP), "visit_at": None},
            "current": None, "resolution": code, "recorded": False})

    def finish(self) -> None:
        """Write the new events and refresh the cached state of every touched resident (as refresh_state
        does, from the events already loaded), then say which side of each conflict is current."""
        self.s.flush()
        for rid, r in self.touched.items():
            st = derive_state(self.events[rid])
            self.result.changes.append({"resident_id": rid, "before": [r.status, r.status_reason],
                                        "after": [st.status, st.reason]})
            apply_state(r, st)
        self.result.touched = sorted(self.touched)
        for c in self.result.conflicts:
            if not c["recorded"]:
                continue
            r, p = self.touched[c["resident_id"]], c["pack"]
            if r.status == "activated_system":
                c["resolution"] = "system_activation_wins"
            elif r.status == p["outcome"] and r.status_at == p["visit_at"]:
                c["resolution"] = "pack_visit_current"
            else:
                c["resolution"] = "commune_state_current"


def _campaign_start(session: Session) -> Optional[dt.date]:
    c = session.scalars(select(Campaign).order_by(Campaign.id.desc()).limit(1)).first()
    return c.start_date if c else None


def import_pack(db: Database, path, *, dry_run: bool = False, actor: Optional[str] = None,
                progress: Optional[Callable[[int, int], None]] = None,
                cancel: Optional[Callable[[], bool]] = None, today: Optional[dt.date] = None) -> PackImportResult:
    """Merge a returned pack in one transaction (rolled back for a dry run); see the module's rules."""
    path = Path(path)
    book = read_book(path)
    hidden = read_hidden(book)
    sheet, rows = main_rows(book)
    today = today or dt.date.today()
    saved_at = file_at(book, path)
    if not dry_run:
        before_change(db, "merge")
    s = db.Session()
    try:
        s.begin()
        pack = verify(s, hidden)
        team = s.get(Team, pack.team_id)
        result = PackImportResult(pack_id=pack.id, team_id=pack.team_id, team_name=team.name if team else "",
                                  superseded=pack.superseded_by is not None, dry_run=dry_run, rows=len(rows))
        merge = _Merge(s, pack, hidden, result, actor, today)
        start = _campaign_start(s)
        in_run: set = set()
        total = len(rows)
        if progress:
            progress(0, total)
        matched: list[tuple[int, dict, Resident]] = []
        merge.check_alignment(rows)
        for n, (rownum, values) in enumerate(rows, start=1):
            if n % 200 == 0 and cancel is not None and cancel():
                raise Cancelled("cancelled")
            if all(L.cell_text(values.get(k)) == "" for k in L.FILL_KEYS):
                result.blank += 1
                continue
            r, outside, held = merge.match(values)
            if held is not None:
                merge.hold(sheet, rownum, values, held)
            elif r is not None:
                matched.append((rownum, values, r))
            elif outside is not None:
                other = s.get(Resident, outside)
                result.outside_team.append({"sheet": sheet, "row": rownum, "resident_id": outside,
                                            "name": detail(values.get("name")),
                                            "team_id": other.team_id if other else None,
                                            "outcome": detail(values.get("outcome"))})
            else:
                result.rejected.append({"sheet": sheet, "row": rownum, "name": detail(values.get("name")),
                                        "reason": "unknown_resident", "detail": ""})
        last_row = {r.id: rownum for rownum, _values, r in matched}   # the later row of a resident wins
        for n, (rownum, values, r) in enumerate(matched, start=1):
            if n % 200 == 0:
                if cancel is not None and cancel():
                    raise Cancelled("cancelled")
                if progress:
                    progress(n, total)
            if last_row[r.id] != rownum:
                result.rejected.append({"sheet": sheet, "row": rownum, "resident_id": r.id, "name": r.name,
                                        "reason": "duplicate_row", "detail": str(last_row[r.id])})
                continue

            def warn(code: str, text: str, _row=rownum) -> None:
                result.warnings.append({"sheet": sheet, "row": _row, "warning": code, "detail": text})
            try:
                visit = parse_row(values, saved_at, start, today, warn)
                validate_visit(visit.outcome, visit.reason, visit.note, visit.at, today=today)
            except InvalidInput as exc:
                code, why = (exc.args + ("",))[:2] if len(exc.args) > 1 else ("invalid", str(exc))
                result.rejected.append({"sheet": sheet, "row": rownum, "resident_id": r.id, "name": r.name,
                                        "reason": code, "detail": why})
                continue
            merge.apply(sheet, rownum, r, visit, in_run)
        merge.finish()
        if result.applied:
            append_event(s, None, "pack_import", actor=actor, team_id=pack.team_id,
                         data={"pack": pack.id, "file": path.name, "applied": result.applied,
                               "unchanged": result.unchanged, "conflicts": len(result.conflicts),
                               "rejected": len(result.rejected), "outside_team": len(result.outside_team)})
        if progress:
            progress(total, total)
        if dry_run:
            s.rollback()
        else:
            s.commit()
        return result
    except BaseException:
        s.rollback()
        raise
    finally:
        s.close()


__all__ = ["PackImportResult", "PackTampered", "import_pack"]
