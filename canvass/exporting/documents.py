"""What each exported document holds: its heading, title, columns, groups, sections and rows (the queries).

A `Document` is format-free: `sheets.py`, `pdf.py` and `csv` lay out the same document. Its rows stream
from the database in chunks (with the visits of each chunk fetched alongside), so a list of 300,000
residents never sits in memory. Row values are plain Python: str, int, float, datetime.date or None.
"""
from __future__ import annotations

import collections
import datetime as dt
import itertools
import json
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, NamedTuple, Optional, Sequence

from sqlalchemy import String, case, func, select, type_coerce
from sqlalchemy.orm import Session

from canvass.display import birth_year, household_heading, phone_text, shown_number, shown_text
from canvass.events import INELIGIBLE_REASONS, REASON_LABELS_VI, STATUS_LABELS_VI
from canvass.models import Campaign, Commune, Event, Hamlet, Household, Resident, Team
from canvass.text import fold, sort_key
from canvass.walklist import household_order_sql

CHUNK = 1000
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
SIGN_HINT = "(Ký, ghi rõ họ tên)"
SEAL_HINT = "(Ký tên, đóng dấu)"
# Statuses still to be worked on a walk list (activated and ineligible residents are done).
OPEN_STATUSES = ("pending", "absent", "revisit", "refused", "wrong_phone")
_ADMIN_PREFIXES = (("thi tran", "THỊ TRẤN"), ("thi xa", "THỊ XÃ"), ("thanh pho", "THÀNH PHỐ"), ("tp.", "THÀNH PHỐ"),
                   ("xa", "XÃ"), ("phuong", "PHƯỜNG"), ("huyen", "HUYỆN"), ("quan", "QUẬN"), ("tinh", "TỈNH"))
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
          "XVII", "XVIII", "XIX", "XX")


@dataclass(frozen=True)
class Column:
    """One column: its title, the kind of value and its width in the PDF (mm on A4 landscape, scaled to fit).

    kind: text | code (digits kept as text: CCCD, phone) | int | seq (row number) | year | date | float |
    percent (a percentage number, 12.5 for 12,5 %) | box (an empty box for a team to tick).
    `group` is the title of a spanning header over consecutive columns (the daily report's two-row header).
    """
    title: str
    kind: str = "text"
    width: float = 20.0
    group: Optional[str] = None
    wrap: bool = False


@dataclass
class Official:
    """The official heading: issuing body on the left (its superior above it), the nation on the right."""
    superior: Optional[str]
    issuer: str
    place: str
    commune_kind: str = "XÃ"         # XÃ | PHƯỜNG | THỊ TRẤN, for the signature titles
    commune_upper: str = ""          # "TÂN VĂN"
    commune_fold: str = ""           # "xa tan van"

    def dated(self, day: dt.date) -> str:
        """The place-and-date line: "Tân Văn, ngày 10 tháng 3 năm 2025" (day and months 1-2 written with two
        digits, as Decree 30/2020 asks)."""
        d = f"{day.day:02d}" if day.day < 10 else str(day.day)
        m = f"{day.month:02d}" if day.month < 3 else str(day.month)
        return f"{self.place}, ngày {d} tháng {m} năm {day.year}"


@dataclass
class Signature:
    """A signature block: an optional line above the title (e.g. "TM. ỦY BAN NHÂN DÂN"), the title, a hint."""
    title: str
    above: Optional[str] = None
    hint: str = SIGN_HINT


# A row: (group values from the outermost level, cell values, bold?)
Row = tuple


@dataclass
class Section:
    """A part of a document printed on its own pages / written on its own sheet (a hamlet, a team)."""
    name: str
    subtitle: list[str]
    info: list[tuple[str, str]]
    count: int
    rows: Iterable[Row]
    group_label: Callable[[int, tuple], str] = lambda level, path: str(path[-1])


@dataclass
class Document:
    """A document ready to be laid out in any format."""
    kind: str
    title: str
    official: Official
    date: dt.date
    columns: list[Column]
    sections: Iterable[Section]
    total: int
    group_titles: tuple[str, ...] = ()
    signatures: list[Signature] = field(default_factory=list)
    landscape: bool = True
    noun: str = "công dân"
    total_line: bool = True
    min_row_mm: float = 0.0          # PDF: taller rows leave room to write (walk list)
    # Walk list read back from a photo (canvass.scan): the (resident id, team id) of each data row, appended
    # as the rows stream and taken by the PDF writer (a deque: it never holds more than a few); the writer
    # then prints the camera's markers and QR code and fills `printed` with where each row went (page ->
    # layout), which the export records. Other formats set it to None (nothing is collected).
    row_residents: Optional[collections.deque] = None
    printed: Optional[dict] = None


# --------------------------------------------------------------------------------------------- helpers

def _split_admin(name: Optional[str], default: str) -> tuple[str, str]:
    """("XÃ", "Tân Văn") from "Xã Tân Văn" or "Tân Văn"."""
    name = (name or "").strip()
    folded = fold(name)
    for prefix, label in _ADMIN_PREFIXES:
        if folded.startswith(prefix + " ") or (prefix.endswith(".") and folded.startswith(prefix)):
            return label, name[len(prefix):].strip()
    return default, name


def official(session: Session) -> Official:
    """The heading of the commune police from the `commune` table (the first commune)."""
    c = session.scalars(select(Commune).order_by(Commune.id).limit(1)).first()
    if c is None:
        return Official(superior=None, issuer="CÔNG AN XÃ", place="……………", commune_upper="")
    kind, base = _split_admin(c.name, "XÃ")
    district, province = c.district, c.province
    if not district and not province:
        district, province = _from_address(session, fold(base))
    superior = None
    if district:
        dkind, dbase = _split_admin(district, "HUYỆN")
        superior = f"CÔNG AN {dkind} {dbase.upper()}"
    elif province:
        pkind, pbase = _split_admin(province, "TỈNH")
        superior = f"CÔNG AN {pkind} {pbase.upper()}"
    return Official(superior=superior, issuer=f"CÔNG AN {kind} {base.upper()}", place=base,
                    commune_kind=kind, commune_upper=base.upper(), commune_fold=fold(c.name))


_DISTRICT_WORDS = ("huyen ", "quan ", "thi xa ", "thanh pho ", "tp ")


def _from_address(session: Session, commune_base: str) -> tuple[Optional[str], Optional[str]]:
    """District and province read from a resident's address ("…, xã Tân Văn, huyện Bình Gia, tỉnh Lạng Sơn")
    when the commune row does not have them."""
    for (address,) in session.execute(select(Resident.address).where(Resident.address.is_not(None)).limit(20)):
        parts = [p.strip() for p in address.split(",")]
        folded = [fold(p) for p in parts]
        at = next((i for i, f in enumerate(folded) if f.endswith(commune_base)), None)
        if at is None:
            continue
        district = next((parts[i] for i in range(at + 1, len(parts)) if folded[i].startswith(_DISTRICT_WORDS)), None)
        province = next((parts[i] for i in range(at + 1, len(parts)) if folded[i].startswith("tinh ")), None)
        if district or province:
            return district, province
    return None, None


def short_address(address: Optional[str], commune_fold: str) -> Optional[str]:
    """An address without its commune, district and province (they are in the heading)."""
    if not address or not commune_fold:
        return address
    parts = address.split(",")
    for i, part in enumerate(parts):
        if i and fold(part) == commune_fold:
            return ",".join(parts[:i]).strip()
    return address


_DAYS: dict[str, dt.date] = {}   # ISO day text -> date (bounded by the number of distinct days)


def _day(v) -> Optional[dt.date]:
    """A date from a driver value: SQLite gives ISO text (read uncoerced, fast), PostgreSQL date/datetime."""
    if v is None or type(v) is dt.date:
        return v
    if isinstance(v, str):
        key = v[:10]
        day = _DAYS.get(key)
        if day is None:
            day = _DAYS[key] = dt.date.fromisoformat(key)
        return day
    return v.date() if isinstance(v, dt.datetime) else v


def _dob(dob, raw) -> object:
    return _day(dob) if dob is not None else (raw or None)


def _year(dob, raw) -> Optional[int]:
    return birth_year(_day(dob), raw)


def roman(n: int) -> str:
    """I, II, III ... (numbers past 20 as digits)."""
    return _ROMAN[n - 1] if 0 < n <= len(_ROMAN) else str(n)


class Visit(NamedTuple):
    """One visit that counts (not voided, not a re-opening)."""
    day: dt.date
    outcome: str
    reason: Optional[str]
    note: Optional[str]


def _events_of(session: Session, ids: Sequence[int]) -> list[tuple]:
    """(id, resident_id, kind, at, outcome, reason, note, data) of every event of these residents.

    Straight through the driver's cursor (one statement per chunk of a big export: SQLAlchemy's compiling of
    a 1,000-value IN list and its row processing cost more than the query itself); `at` comes back as the
    driver gives it (ISO text on SQLite, datetime on PostgreSQL), which `_day` reads.
    """
    conn = session.connection()
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = ("SELECT id, resident_id, kind, at, outcome, reason, note, data FROM event WHERE resident_id IN ("
           + ",".join([mark] * len(ids)) + ")")
    cur = conn.connection.driver_connection.cursor()
    try:
        cur.execute(sql, list(ids))
        return cur.fetchall()
    finally:
        cur.close()


def visits_of(session: Session, ids: Sequence[int]) -> dict[int, list[Visit]]:
    """The visits that count of these residents, oldest first.

    The kinds are filtered here, not in SQL: given `kind IN (...)` SQLite would walk the (kind, at) index
    over every visit of the commune instead of the resident index.
    """
    rows = [r for r in _events_of(session, ids) if r[2] == "visit" or r[2] == "visit_void"]
    voided = {json.loads(r[7]).get("voids") for r in rows if r[2] == "visit_void" and r[7]}
    out: dict[int, list[Visit]] = {}
    rows.sort(key=lambda r: (r[1], r[3], r[0]))
    for eid, rid, kind, at, outcome, reason, note, _data in rows:
        if kind == "visit" and outcome != "pending" and eid not in voided:
            out.setdefault(rid, []).append(Visit(_day(at), outcome, reason, note))
    return out


@dataclass
class Scope:
    """What a document covers and how it is written."""
    hamlet_id: Optional[int] = None
    team_id: Optional[int] = None
    as_of: dt.date = field(default_factory=dt.date.today)
    mask: bool = False
    by_hamlet: bool = False
    tick: Callable[[int], None] = lambda done: None


def _hamlet_rank(session: Session):
    """A SQL expression ordering hamlets in Vietnamese name order (as the daily report lists them)."""
    names = session.execute(select(Hamlet.id, Hamlet.name)).all()
    ranked = sorted(names, key=lambda r: (sort_key(r.name), r.id))
    if not ranked:
        return Hamlet.id
    return case({hid: i for i, (hid, _n) in enumerate(ranked)}, value=Resident.hamlet_id, else_=len(ranked))


def _reason_rank():
    return case({r: i for i, r in enumerate(INELIGIBLE_REASONS)}, value=Resident.status_reason,
                else_=len(INELIGIBLE_REASONS))


# dates are read as the driver gives them and converted by _day (SQLAlchemy's SQLite date parsing is slow)
_BASE_COLUMNS = (Resident.id, Resident.name, type_coerce(Resident.dob, String).label("dob"), Resident.dob_raw,
                 Resident.cccd, Resident.phone, Resident.phone_raw, Resident.phone_new, Resident.address,
                 Resident.status, Resident.status_reason, type_coerce(Resident.status_at, String).label("status_at"),
                 Resident.attempts, Resident.team_id, Resident.hamlet_id, Resident.is_head,
                 Resident.household_id, Hamlet.name.label("hamlet"), Household.number.label("hh_number"),
                 Household.key.label("hh_key"), Household.head_name.label("hh_head"),
                 Household.address.label("hh_address"), Team.name.label("team"))


def _where(stmt, scope: Scope, condition):
    stmt = stmt.where(condition)
    if scope.hamlet_id is not None:
        stmt = stmt.where(Resident.hamlet_id == scope.hamlet_id)
    if scope.team_id is not None:
        stmt = stmt.where(Resident.team_id == scope.team_id)
    return stmt


def _select(condition, scope: Scope, order: Sequence):
    stmt = (select(*_BASE_COLUMNS).select_from(Resident).join(Hamlet, Resident.hamlet_id == Hamlet.id)
            .outerjoin(Household, Resident.household_id == Household.id)
            .outerjoin(Team, Resident.team_id == Team.id))
    return _where(stmt, scope, condition).order_by(*order)


def _counts(session: Session, condition, scope: Scope, *keys) -> dict[tuple, int]:
    """Number of rows per group key (e.g. per hamlet name), with the document's filters."""
    stmt = (select(*keys, func.count()).select_from(Resident).join(Hamlet, Resident.hamlet_id == Hamlet.id)
            .outerjoin(Team, Resident.team_id == Team.id))
    stmt = _where(stmt, scope, condition).group_by(*keys)
    return {tuple(r[:-1]): r[-1] for r in session.execute(stmt)}


def _household_order():
    return household_order_sql()


def _stream(session: Session, stmt, scope: Scope, need_visits: bool) -> Iterator[tuple]:
    """(row, visits) for every row of the query, fetched in chunks; reports progress per chunk."""
    done = 0
    result = session.connection().execution_options(yield_per=CHUNK).execute(stmt)
    for chunk in result.partitions():
        visits = visits_of(session, [r.id for r in chunk]) if need_visits else {}
        for r in chunk:
            yield r, visits.get(r.id, ())
        done += len(chunk)
        scope.tick(done)


def _ids(r, scope: Scope) -> tuple[Optional[str], Optional[str]]:
    """The CCCD and phone cells of a row (masked when the document is: see canvass.display)."""
    return shown_number(r.cccd, scope.mask), shown_number(phone_text(r.phone, r.phone_raw), scope.mask)


def _address(r, scope: Scope) -> Optional[str]:
    return shown_text(r.address or r.hh_address, scope.mask)


def _join(scope: Scope, *parts) -> Optional[str]:
    """Free-text parts (a reason, a team's note) in one cell; masked documents hide long digit runs."""
    text = "; ".join(p for p in parts if p)
    return shown_text(text, scope.mask) or None


def _sections_by_hamlet(rows: Iterator[Row], counts: dict[tuple, int], scope: Scope, noun: str,
                        subtitle: list[str], hamlet_level: int) -> Iterator[Section]:
    """One section for the whole list, or one per hamlet (`by_hamlet`), each numbering its groups from I."""
    if not scope.by_hamlet:
        yield Section(name="", subtitle=subtitle, info=[], count=sum(counts.values()), rows=rows,
                      group_label=_counted_label(counts, noun))
        return
    any_rows = False
    for hamlet, part in itertools.groupby(rows, key=lambda row: row[0][hamlet_level]):
        any_rows = True
        n = sum(v for k, v in counts.items() if k[hamlet_level] == hamlet)
        yield Section(name=hamlet, subtitle=[hamlet] + subtitle, info=[], count=n, rows=part,
                      group_label=_counted_label(counts, noun))
    if not any_rows:
        yield Section(name="", subtitle=subtitle, info=[], count=0, rows=(), group_label=_counted_label(counts, noun))


def _counted_label(counts: dict[tuple, int], noun: str, numbering=("roman", "arabic")):
    """A group-label function: "I. Thôn Nà Thí (12 công dân)", numbered per level, restarting below."""
    numbers: dict[int, int] = {}

    def label(level: int, path: tuple) -> str:
        numbers[level] = numbers.get(level, 0) + 1
        for deeper in [k for k in numbers if k > level]:
            del numbers[deeper]
        n = sum(v for k, v in counts.items() if k[:level + 1] == path[:level + 1])
        style = numbering[level] if level < len(numbering) else "arabic"
        mark = roman(numbers[level]) if style == "roman" else str(numbers[level])
        return f"{mark}. {path[level]} ({n} {noun})"
    return label


def _scope_lines(session: Session, scope: Scope) -> list[str]:
    parts = []
    if scope.hamlet_id is not None and not scope.by_hamlet:
        parts.append(session.get(Hamlet, scope.hamlet_id).name)
    if scope.team_id is not None:
        parts.append(session.get(Team, scope.team_id).name)
    return [" - ".join(parts)] if parts else []


def _as_of_line(scope: Scope) -> str:
    return f"(Tính đến ngày {scope.as_of.strftime('%d/%m/%Y')})"


def _police_signatures(off: Official) -> list[Signature]:
    return [Signature("NGƯỜI LẬP BIỂU"), Signature(f"TRƯỞNG CÔNG AN {off.commune_kind}", hint=SEAL_HINT)]


# --------------------------------------------------------------------------------------------- the lists

PERSON_COLUMNS = [Column("STT", "seq", 9), Column("Họ và tên", "text", 38), Column("Ngày sinh", "date", 19),
                  Column("Số định danh cá nhân", "code", 27), Column("Số điện thoại", "code", 22)]


def absent(session: Session, scope: Scope) -> Document:
    """Return list of the residents found absent, grouped by hamlet, with the dates of the visits."""
    off = official(session)
    cond = Resident.status == "absent"
    columns = PERSON_COLUMNS + [Column("Địa chỉ", "text", 42, wrap=True), Column("Tổ", "text", 16, wrap=True),
                                Column("Số lần đến", "int", 12), Column("Ngày đến lần 1", "date", 19),
                                Column("Ngày đến lần 2", "date", 19), Column("Ngày đến gần nhất", "date", 19),
                                Column("Ghi chú", "text", 32, wrap=True)]
    counts = _counts(session, cond, scope, Hamlet.name)
    stmt = _select(cond, scope, (_hamlet_rank(session), *_household_order()))

    def rows() -> Iterator[Row]:
        seq = 0
        for r, visits in _stream(session, stmt, scope, True):
            seq += 1
            cccd, phone = _ids(r, scope)
            dates = [v.day for v in visits]
            first = dates[0] if dates else None
            second = dates[1] if len(dates) > 1 else None
            last = dates[-1] if len(dates) > 2 else None
            last_note = next((v.note for v in reversed(visits) if v.note), None)
            yield ((r.hamlet,), (seq, r.name, _dob(r.dob, r.dob_raw), cccd, phone, _address(r, scope), r.team,
                                 r.attempts, first, second, last,
                                 _join(scope, REASON_LABELS_VI.get(r.status_reason or ""), last_note)), False)

    sub = _scope_lines(session, scope) + [_as_of_line(scope)]
    return Document(kind="absent", title="DANH SÁCH CÔNG DÂN VẮNG MẶT TẠI ĐỊA PHƯƠNG",
                    official=off, date=scope.as_of, columns=columns, total=sum(counts.values()),
                    sections=_sections_by_hamlet(_renumber(rows(), scope), counts, scope,
                                                 "công dân", sub, 0),
                    group_titles=("Thôn",), signatures=_police_signatures(off))


def _renumber(rows: Iterator[Row], scope: Scope) -> Iterator[Row]:
    """Row numbers restart on each sheet when the document is split by hamlet."""
    if not scope.by_hamlet:
        yield from rows
        return
    seq, current = 0, object()
    for groups, values, bold in rows:
        if groups[0] != current:
            seq, current = 0, groups[0]
        seq += 1
        yield groups, (seq,) + values[1:], bold


def ineligible(session: Session, scope: Scope) -> Document:
    """Residents who cannot be activated, grouped by reason then hamlet, with an explanation column and the
    confirmation block of the commune People's Committee."""
    off = official(session)
    cond = Resident.status == "ineligible"
    columns = PERSON_COLUMNS + [Column("Địa chỉ", "text", 44, wrap=True), Column("Tổ", "text", 16, wrap=True),
                                Column("Ngày xác minh", "date", 19),
                                Column("Giải trình cụ thể", "text", 60, wrap=True)]
    reason_label = case({r: REASON_LABELS_VI[r] for r in INELIGIBLE_REASONS}, value=Resident.status_reason,
                        else_=REASON_LABELS_VI["other"])
    if scope.by_hamlet:
        counts = _counts(session, cond, scope, Hamlet.name, reason_label)
        order = (_hamlet_rank(session), _reason_rank(), *_household_order())
    else:
        counts = _counts(session, cond, scope, reason_label, Hamlet.name)
        order = (_reason_rank(), _hamlet_rank(session), *_household_order())
    stmt = _select(cond, scope, order)

    def rows() -> Iterator[Row]:
        seq = 0
        for r, visits in _stream(session, stmt, scope, True):
            seq += 1
            cccd, phone = _ids(r, scope)
            reason = REASON_LABELS_VI.get(r.status_reason or "other", REASON_LABELS_VI["other"])
            last = visits[-1] if visits else None
            groups = (r.hamlet, reason) if scope.by_hamlet else (reason, r.hamlet)
            yield (groups, (seq, r.name, _dob(r.dob, r.dob_raw), cccd, phone, _address(r, scope), r.team,
                            last.day if last else _day(r.status_at), _join(scope, last.note if last else None)), False)

    off_ubnd = f"XÁC NHẬN CỦA UBND {off.commune_kind} {off.commune_upper}".strip()
    signatures = [Signature("NGƯỜI LẬP BIỂU"), Signature(f"TRƯỞNG CÔNG AN {off.commune_kind}", hint=SEAL_HINT),
                  Signature("CHỦ TỊCH", above=off_ubnd, hint=SEAL_HINT)]
    sub = _scope_lines(session, scope) + [_as_of_line(scope)]
    return Document(kind="ineligible", title="DANH SÁCH CÔNG DÂN KHÔNG THỂ KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ",
                    official=off, date=scope.as_of, columns=columns, total=sum(counts.values()),
                    sections=_sections_by_hamlet(_renumber(rows(), scope), counts, scope, "công dân", sub, 0),
                    group_titles=("Thôn", "Lý do") if scope.by_hamlet else ("Lý do", "Thôn"),
                    signatures=signatures)


def wrong_phone(session: Session, scope: Scope) -> Document:
    """Task list for the police station: residents whose listed phone is wrong, with the number the team
    found and an empty column for the result."""
    off = official(session)
    cond = Resident.status == "wrong_phone"
    columns = PERSON_COLUMNS[:4] + [Column("SĐT trên danh sách", "code", 22),
                                    Column("SĐT mới (tổ ghi nhận)", "code", 22),
                                    Column("Địa chỉ", "text", 42, wrap=True), Column("Tổ", "text", 16, wrap=True),
                                    Column("Ngày xác minh", "date", 19), Column("Ghi chú", "text", 30, wrap=True),
                                    Column("Kết quả xử lý", "box", 30)]
    counts = _counts(session, cond, scope, Hamlet.name)
    stmt = _select(cond, scope, (_hamlet_rank(session), *_household_order()))

    def rows() -> Iterator[Row]:
        seq = 0
        for r, visits in _stream(session, stmt, scope, True):
            seq += 1
            cccd, phone = _ids(r, scope)
            new = shown_number(phone_text(r.phone_new), scope.mask)
            last = visits[-1] if visits else None
            yield ((r.hamlet,), (seq, r.name, _dob(r.dob, r.dob_raw), cccd, phone, new, _address(r, scope), r.team,
                                 last.day if last else _day(r.status_at), _join(scope, last.note if last else None),
                                 None),
                   False)

    sub = ["(Đề nghị cập nhật số điện thoại để công dân nhận mã kích hoạt)"] + _scope_lines(session, scope) \
        + [_as_of_line(scope)]
    return Document(kind="wrong-phone", title="DANH SÁCH CÔNG DÂN SAI SỐ ĐIỆN THOẠI CẦN CẬP NHẬT",
                    official=off, date=scope.as_of, columns=columns, total=sum(counts.values()),
                    sections=_sections_by_hamlet(_renumber(rows(), scope), counts, scope,
                                                 "công dân", sub, 0),
                    group_titles=("Thôn",), signatures=_police_signatures(off))


def activated(session: Session, scope: Scope) -> Document:
    """Residents the teams reported activated, with whether the national system has confirmed it."""
    off = official(session)
    reported = select(Event.id).where(Event.resident_id == Resident.id, Event.kind == "visit",
                                      Event.outcome == "activated").exists()
    cond = (Resident.status == "activated") | ((Resident.status == "activated_system") & reported)
    columns = PERSON_COLUMNS + [Column("Địa chỉ", "text", 44, wrap=True), Column("Tổ", "text", 16, wrap=True),
                                Column("Ngày tổ báo cáo", "date", 20), Column("Hệ thống xác nhận", "text", 22),
                                Column("Ngày hệ thống xác nhận", "date", 22)]
    counts = _counts(session, cond, scope, Hamlet.name)
    stmt = _select(cond, scope, (_hamlet_rank(session), *_household_order()))

    def rows() -> Iterator[Row]:
        seq = 0
        for r, visits in _stream(session, stmt, scope, True):
            seq += 1
            cccd, phone = _ids(r, scope)
            reports = [v.day for v in visits if v.outcome == "activated"]
            confirmed = r.status == "activated_system"
            yield ((r.hamlet,), (seq, r.name, _dob(r.dob, r.dob_raw), cccd, phone, _address(r, scope), r.team,
                                 reports[-1] if reports else None, "Đã xác nhận" if confirmed else "Chưa xác nhận",
                                 _day(r.status_at) if confirmed else None), False)

    sub = _scope_lines(session, scope) + [_as_of_line(scope)]
    return Document(kind="activated", title="DANH SÁCH CÔNG DÂN ĐÃ KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ",
                    official=off, date=scope.as_of, columns=columns, total=sum(counts.values()),
                    sections=_sections_by_hamlet(_renumber(rows(), scope), counts, scope,
                                                 "công dân", sub, 0),
                    group_titles=("Thôn",), signatures=_police_signatures(off))


# --------------------------------------------------------------------------------------------- walk list

OUTCOME_BOXES = ("Đã KH", "Vắng", "Không thể KH", "Sai SĐT", "Từ chối", "Hẹn lại")


def _quota(session: Session) -> Optional[int]:
    camp = session.scalars(select(Campaign).order_by(Campaign.id.desc()).limit(1)).first()
    return camp.quota_per_team_day if camp is not None else None


def walklist(session: Session, scope: Scope) -> Document:
    """Per team: household by household in address order, each open resident with boxes for the outcome."""
    off = official(session)
    cond = Resident.status.in_(OPEN_STATUSES)
    columns = [Column("STT", "seq", 9), Column("Họ và tên", "text", 40), Column("Năm sinh", "year", 13),
               Column("Số định danh", "code", 25), Column("Số điện thoại", "code", 22),
               Column("Tình trạng hiện tại", "text", 33, wrap=True), Column("Lần đến", "int", 11)]
    columns += [Column(b, "box", 13 if len(b) < 8 else 16) for b in OUTCOME_BOXES]
    columns += [Column("Ghi chú (lý do, SĐT mới, ngày hẹn)", "text", 44)]
    counts = _counts(session, cond, scope, Resident.team_id, Hamlet.name)
    households = _counts(session, cond, scope, Resident.team_id, Resident.household_id)
    teams = {t.id: t for t in session.scalars(select(Team))}
    team_order = sorted({k[0] for k in counts}, key=lambda t: (t is None, sort_key(teams[t].name) if t else ""))
    rank = {tid: i for i, tid in enumerate(team_order)}
    team_rank = case(rank, value=Resident.team_id, else_=len(rank)) if rank else Resident.team_id
    stmt = _select(cond, scope, (Resident.team_id.is_(None), team_rank, _hamlet_rank(session),
                                 *_household_order()))
    quota = _quota(session)
    day = scope.as_of.strftime("%d/%m/%Y")

    def status_text(r) -> str:
        label = STATUS_LABELS_VI.get(r.status, r.status)
        reason = REASON_LABELS_VI.get(r.status_reason or "")
        return f"{label} ({reason.lower()})" if reason else label

    def household_label(r) -> str:
        if r.household_id is None:
            return household_heading(None, None, None, r.address, resident_name=r.name, mask=scope.mask)
        return household_heading(r.hh_number, r.hh_key, r.hh_head,
                                 short_address(r.hh_address or r.address, off.commune_fold),
                                 resident_name=r.name, mask=scope.mask)

    def rows() -> Iterator[Row]:
        seq, current = 0, object()
        for r, _v in _stream(session, stmt, scope, False):
            if r.team_id != current:
                seq, current = 0, r.team_id
            seq += 1
            if doc.row_residents is not None:
                doc.row_residents.append((r.id, r.team_id))
            cccd, phone = _ids(r, scope)
            hh = household_label(r)
            yield ((r.team_id, r.hamlet, hh), (seq, r.name, _year(r.dob, r.dob_raw), cccd, phone, status_text(r),
                                              r.attempts, None, None, None, None, None, None, None), False)

    def sections() -> Iterator[Section]:
        produced = False
        for tid, part in itertools.groupby(rows(), key=lambda row: row[0][0]):
            produced = True
            team = teams.get(tid)
            n = sum(v for k, v in counts.items() if k[0] == tid)
            n_hh = sum(1 for k in households if k[0] == tid)
            hamlets = [k[1] for k in sorted(counts, key=lambda k: sort_key(k[1])) if k[0] == tid]
            info = [("Tổ", team.name if team else "Chưa phân tổ"),
                    ("Tổ trưởng", " - ".join(p for p in (team.lead_name,
                                                          shown_number(phone_text(team.lead_phone), scope.mask)) if p)
                     if team else ""),
                    ("Địa bàn", ", ".join(hamlets)), ("Ngày", day),
                    ("Chỉ tiêu", f"{quota} công dân/ngày" if quota is not None else ""),
                    ("Số hộ / công dân", f"{n_hh} hộ / {n} công dân")]
            label_counts = {k[1:]: v for k, v in counts.items() if k[0] == tid}
            yield Section(name=team.name if team else "Chưa phân tổ", subtitle=[], info=info, count=n,
                          rows=((g[1:], v, b) for g, v, b in part),
                          group_label=_walk_label(label_counts))
        if not produced:
            yield Section(name="", subtitle=[], info=[("Ngày", day)], count=0, rows=())

    doc = Document(kind="walklist", title="DANH SÁCH XÁC MINH, KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ",
                   official=off, date=scope.as_of, columns=columns, total=sum(counts.values()),
                   sections=sections(), group_titles=("Thôn", "Hộ"), min_row_mm=7.5,
                   signatures=[Signature("NGƯỜI LẬP BIỂU"), Signature("TỔ TRƯỞNG")],
                   row_residents=collections.deque())
    return doc


def _walk_label(counts: dict[tuple, int]):
    hamlet_numbers: dict[str, int] = {}

    def label(level: int, path: tuple) -> str:
        if level == 0:
            hamlet_numbers[path[0]] = len(hamlet_numbers) + 1
            n = sum(v for k, v in counts.items() if k[0] == path[0])
            return f"{roman(hamlet_numbers[path[0]])}. {path[0]} ({n} công dân)"
        return str(path[1])
    return label
