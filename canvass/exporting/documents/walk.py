"""The printed walk list: per team, household by household in the one walk order (canvass.walklist), each
open resident with boxes for the outcome and room to write. In the PDF the household is a column whose
label runs down its residents' rows (a header row per household once doubled the pages); spreadsheets keep
a group row per household."""
from __future__ import annotations

import collections
import itertools
from typing import Iterator, Optional

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from canvass.display import household_heading, phone_text, shown_number
from canvass.events import OPEN_STATUSES, REASON_LABELS_VI, STATUS_LABELS_VI
from canvass.exporting.documents.heading import official, short_address
from canvass.exporting.documents.model import Column, Document, Row, Scope, Section, Signature, roman
from canvass.exporting.documents.query import (counts, hamlet_rank, household_order, id_cells, select_rows,
                                               stream, year_of)
from canvass.models import Campaign, Hamlet, Resident, Team
from canvass.text import sort_key

OUTCOME_BOXES = ("Đã KH", "Vắng", "Không thể KH", "Sai SĐT", "Từ chối", "Hẹn lại")


def _quota(session: Session) -> Optional[int]:
    camp = session.scalars(select(Campaign).order_by(Campaign.id.desc()).limit(1)).first()
    return camp.quota_per_team_day if camp is not None else None


def walklist(session: Session, scope: Scope) -> Document:
    """Per team: household by household in address order, each open resident with boxes for the outcome."""
    off = official(session)
    cond = Resident.status.in_(OPEN_STATUSES)
    # widths in mm of A4 landscape's 273: the digits of a CCCD and a phone on one line, a box to tick, room to
    # write a note; the household column (PDF) is inserted after STT
    columns = [Column("STT", "seq", 9), Column("Họ và tên", "text", 33), Column("Năm sinh", "year", 11),
               Column("Số định danh", "code", 24), Column("Số điện thoại", "code", 22),
               Column("Tình trạng hiện tại", "text", 24, wrap=True), Column("Lần đến", "int", 9)]
    columns += [Column(b, "box", 13 if len(b) > 8 else 11) for b in OUTCOME_BOXES]
    columns += [Column("Ghi chú (lý do, SĐT mới, ngày hẹn)", "text", 33)]
    n = counts(session, cond, scope, Resident.team_id, Hamlet.name)
    households = counts(session, cond, scope, Resident.team_id, Resident.household_id)
    teams = {t.id: t for t in session.scalars(select(Team))}
    team_order = sorted({k[0] for k in n}, key=lambda t: (t is None, sort_key(teams[t].name) if t else ""))
    rank = {tid: i for i, tid in enumerate(team_order)}
    team_rank = case(rank, value=Resident.team_id, else_=len(rank)) if rank else Resident.team_id
    stmt = select_rows(cond, scope, (Resident.team_id.is_(None), team_rank, hamlet_rank(session),
                                     *household_order()))
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
        for r, _v in stream(session, stmt, scope, False):
            if r.team_id != current:
                seq, current = 0, r.team_id
            seq += 1
            if doc.row_residents is not None:
                doc.row_residents.append((r.id, r.team_id))
            cccd, phone = id_cells(r, scope)
            hh = household_label(r)
            yield ((r.team_id, r.hamlet, hh), (seq, r.name, year_of(r.dob, r.dob_raw), cccd, phone,
                                              status_text(r), r.attempts, None, None, None, None, None, None,
                                              None), False)

    def sections() -> Iterator[Section]:
        produced = False
        for tid, part in itertools.groupby(rows(), key=lambda row: row[0][0]):
            produced = True
            team = teams.get(tid)
            total = sum(v for k, v in n.items() if k[0] == tid)
            n_hh = sum(1 for k in households if k[0] == tid)
            hamlets = [k[1] for k in sorted(n, key=lambda k: sort_key(k[1])) if k[0] == tid]
            info = [("Tổ", team.name if team else "Chưa phân tổ"),
                    ("Tổ trưởng", " - ".join(p for p in (team.lead_name,
                                                          shown_number(phone_text(team.lead_phone), scope.mask)) if p)
                     if team else ""),
                    ("Địa bàn", ", ".join(hamlets)), ("Ngày", day),
                    ("Chỉ tiêu", f"{quota} công dân/ngày" if quota is not None else ""),
                    ("Số hộ / công dân", f"{n_hh} hộ / {total} công dân")]
            label_counts = {k[1:]: v for k, v in n.items() if k[0] == tid}
            yield Section(name=team.name if team else "Chưa phân tổ", subtitle=[], info=info, count=total,
                          rows=((g[1:], v, b) for g, v, b in part),
                          group_label=_walk_label(label_counts))
        if not produced:
            yield Section(name="", subtitle=[], info=[("Ngày", day)], count=0, rows=())

    doc = Document(kind="walklist", title="DANH SÁCH XÁC MINH, KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ",
                   official=off, date=scope.as_of, columns=columns, total=sum(n.values()),
                   sections=sections(), group_titles=("Thôn", "Hộ"), min_row_mm=7.5,
                   group_column=Column("Hộ, địa chỉ", "text", 40, wrap=True), group_column_at=1,
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
