"""The four return lists (absent, cannot activate, wrong phone, activated) on one skeleton: the residents of
one status within the scope, grouped by hamlet (the cannot-activate list also by reason), numbered, with the
police signatures; one section per hamlet when `by_hamlet`. Each list says only its condition, its columns,
its order and the cells of a row."""
from __future__ import annotations

import itertools
from typing import Callable, Iterator, Optional, Sequence

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from canvass.display import phone_text, shown_number
from canvass.events import INELIGIBLE_REASONS, REASON_LABELS_VI
from canvass.exporting.documents.heading import as_of_line, official, police_signatures, scope_lines
from canvass.exporting.documents.model import (SEAL_HINT, Column, Document, Official, Row, Scope, Section,
                                               Signature, roman)
from canvass.exporting.documents.query import (Visit, address_cell, counts, day_of, dob_of, hamlet_rank,
                                               household_order, id_cells, joined, reason_rank, select_rows, stream)
from canvass.models import Event, Hamlet, Resident

PERSON_COLUMNS = [Column("STT", "seq", 9), Column("Họ và tên", "text", 38), Column("Ngày sinh", "date", 19),
                  Column("Số định danh cá nhân", "code", 27), Column("Số điện thoại", "code", 22)]


def _person(r, scope: Scope) -> tuple:
    """The cells of PERSON_COLUMNS after the row number: name, date of birth, CCCD, phone."""
    cccd, phone = id_cells(r, scope)
    return r.name, dob_of(r.dob, r.dob_raw), cccd, phone


def _status_list(session: Session, scope: Scope, *, kind: str, title: str, condition, columns: list[Column],
                 cells: Callable[[object, Sequence[Visit]], tuple[tuple, tuple]],
                 count_keys: Sequence = (Hamlet.name,), order: Optional[Sequence] = None,
                 group_titles: tuple[str, ...] = ("Thôn",), subtitle: Sequence[str] = (),
                 signatures: Optional[Callable[[Official], list[Signature]]] = None) -> Document:
    """The skeleton of a return list: `cells(row, visits)` gives a row's (group path, cells after the row
    number); rows in hamlet then walk order unless `order` says otherwise."""
    off = official(session)
    n = counts(session, condition, scope, *count_keys)
    stmt = select_rows(condition, scope, order or (hamlet_rank(session), *household_order()))

    def rows() -> Iterator[Row]:
        for seq, (r, visits) in enumerate(stream(session, stmt, scope, True), start=1):
            groups, values = cells(r, visits)
            yield groups, (seq, *values), False

    sub = list(subtitle) + scope_lines(session, scope) + [as_of_line(scope)]
    return Document(kind=kind, title=title, official=off, date=scope.as_of, columns=columns,
                    total=sum(n.values()),
                    sections=_sections_by_hamlet(_renumber(rows(), scope), n, scope, "công dân", sub, 0),
                    group_titles=group_titles, signatures=(signatures or police_signatures)(off))


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


def _last_run(visits: Sequence[Visit], outcome: str) -> list[Visit]:
    """The latest visits in a row with this outcome (the current absence, not an older status's visits)."""
    run: list[Visit] = []
    for v in reversed(visits):
        if v.outcome != outcome:
            break
        run.append(v)
    return run[::-1]


def absent(session: Session, scope: Scope) -> Document:
    """Return list of the residents found absent, grouped by hamlet, with the dates of the visits.

    The dates are of every visit that counts (first, second, latest); the note is the latest note of the
    current absence only (an older visit's note, say of a cannot-activate finding since overturned, would
    mislead)."""
    columns = PERSON_COLUMNS + [Column("Địa chỉ", "text", 42, wrap=True), Column("Tổ", "text", 16, wrap=True),
                                Column("Số lần đến", "int", 12), Column("Ngày đến lần 1", "date", 19),
                                Column("Ngày đến lần 2", "date", 19), Column("Ngày đến gần nhất", "date", 19),
                                Column("Ghi chú", "text", 32, wrap=True)]

    def cells(r, visits):
        dates = [v.day for v in visits]
        last_note = next((v.note for v in reversed(_last_run(visits, "absent")) if v.note), None)
        return (r.hamlet,), (*_person(r, scope), address_cell(r, scope), r.team, r.attempts,
                             dates[0] if dates else None, dates[1] if len(dates) > 1 else None,
                             dates[-1] if dates else None,
                             joined(scope, REASON_LABELS_VI.get(r.status_reason or ""), last_note))

    return _status_list(session, scope, kind="absent", title="DANH SÁCH CÔNG DÂN VẮNG MẶT TẠI ĐỊA PHƯƠNG",
                        condition=Resident.status == "absent", columns=columns, cells=cells)


def ineligible(session: Session, scope: Scope) -> Document:
    """Residents who cannot be activated, grouped by reason then hamlet, with an explanation column and the
    confirmation block of the commune People's Committee."""
    columns = PERSON_COLUMNS + [Column("Địa chỉ", "text", 44, wrap=True), Column("Tổ", "text", 16, wrap=True),
                                Column("Ngày xác minh", "date", 19),
                                Column("Giải trình cụ thể", "text", 60, wrap=True)]
    reason_label = case({r: REASON_LABELS_VI[r] for r in INELIGIBLE_REASONS}, value=Resident.status_reason,
                        else_=REASON_LABELS_VI["other"])
    if scope.by_hamlet:
        keys, order = (Hamlet.name, reason_label), (hamlet_rank(session), reason_rank(), *household_order())
    else:
        keys, order = (reason_label, Hamlet.name), (reason_rank(), hamlet_rank(session), *household_order())

    def cells(r, visits):
        reason = REASON_LABELS_VI.get(r.status_reason or "other", REASON_LABELS_VI["other"])
        last = visits[-1] if visits else None
        groups = (r.hamlet, reason) if scope.by_hamlet else (reason, r.hamlet)
        return groups, (*_person(r, scope), address_cell(r, scope), r.team,
                        last.day if last else day_of(r.status_at), joined(scope, last.note if last else None))

    def signatures(off: Official) -> list[Signature]:
        off_ubnd = f"XÁC NHẬN CỦA UBND {off.commune_kind} {off.commune_upper}".strip()
        return police_signatures(off) + [Signature("CHỦ TỊCH", above=off_ubnd, hint=SEAL_HINT)]

    return _status_list(session, scope, kind="ineligible",
                        title="DANH SÁCH CÔNG DÂN KHÔNG THỂ KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ",
                        condition=Resident.status == "ineligible", columns=columns, cells=cells, count_keys=keys,
                        order=order, group_titles=("Thôn", "Lý do") if scope.by_hamlet else ("Lý do", "Thôn"),
                        signatures=signatures)


def wrong_phone(session: Session, scope: Scope) -> Document:
    """Task list for the police station: residents whose listed phone is wrong, with the number the team
    found and an empty column for the result."""
    columns = PERSON_COLUMNS[:4] + [Column("SĐT trên danh sách", "code", 22),
                                    Column("SĐT mới (tổ ghi nhận)", "code", 22),
                                    Column("Địa chỉ", "text", 42, wrap=True), Column("Tổ", "text", 16, wrap=True),
                                    Column("Ngày xác minh", "date", 19), Column("Ghi chú", "text", 30, wrap=True),
                                    Column("Kết quả xử lý", "box", 30)]

    def cells(r, visits):
        last = visits[-1] if visits else None
        return (r.hamlet,), (*_person(r, scope), shown_number(phone_text(r.phone_new), scope.mask),
                             address_cell(r, scope), r.team, last.day if last else day_of(r.status_at),
                             joined(scope, last.note if last else None), None)

    return _status_list(session, scope, kind="wrong-phone", title="DANH SÁCH CÔNG DÂN SAI SỐ ĐIỆN THOẠI CẦN CẬP NHẬT",
                        condition=Resident.status == "wrong_phone", columns=columns, cells=cells,
                        subtitle=["(Đề nghị cập nhật số điện thoại để công dân nhận mã kích hoạt)"])


def activated(session: Session, scope: Scope) -> Document:
    """Residents the teams reported activated, with whether the national system has confirmed it."""
    reported = select(Event.id).where(Event.resident_id == Resident.id, Event.kind == "visit",
                                      Event.outcome == "activated").exists()
    columns = PERSON_COLUMNS + [Column("Địa chỉ", "text", 44, wrap=True), Column("Tổ", "text", 16, wrap=True),
                                Column("Ngày tổ báo cáo", "date", 20), Column("Hệ thống xác nhận", "text", 22),
                                Column("Ngày hệ thống xác nhận", "date", 22)]

    def cells(r, visits):
        reports = [v.day for v in visits if v.outcome == "activated"]
        confirmed = r.status == "activated_system"
        return (r.hamlet,), (*_person(r, scope), address_cell(r, scope), r.team, reports[-1] if reports else None,
                             "Đã xác nhận" if confirmed else "Chưa xác nhận",
                             day_of(r.status_at) if confirmed else None)

    return _status_list(session, scope, kind="activated",
                        title="DANH SÁCH CÔNG DÂN ĐÃ KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ",
                        condition=(Resident.status == "activated")
                        | ((Resident.status == "activated_system") & reported),
                        columns=columns, cells=cells)
