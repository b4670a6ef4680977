"""The province (or district) report: one row per commune in the layout of the provincial allocation tables
(eligible residents, target, activated per system so far, remaining, teams, days left, required per team per
day) and a total row, from `canvass.communes.province_figures` (no figure is computed here)."""
from __future__ import annotations

from typing import Iterator, Optional

from sqlalchemy.orm import Session

from canvass.communes import CommuneFigures, ProvinceFigures, province_figures
from canvass.exporting.documents import SEAL_HINT, Column, Document, Official, Scope, Section, Signature

COLUMNS = [
    Column("STT", "seq", 10), Column("Xã, phường", "text", 44), Column("Huyện, thị xã, thành phố", "text", 36),
    Column("Số công dân đủ điều kiện", "int", 24), Column("Chỉ tiêu", "int", 18),
    Column("Đã kích hoạt (hệ thống xác nhận)", "int", 24), Column("Còn lại", "int", 18),
    Column("Số tổ", "int", 13), Column("Số ngày còn lại", "int", 17),
    Column("Số cần kích hoạt/tổ/ngày", "float", 22),
]


def _values(seq: Optional[int], row: CommuneFigures) -> tuple:
    return (seq, row.name, row.district or "", row.eligible, row.target, row.activated, row.remaining, row.teams,
            row.days_left, row.required_per_team_per_day)


def _rows(fig: ProvinceFigures) -> Iterator[tuple]:
    for i, row in enumerate(fig.rows, 1):
        yield (), _values(i, row), False
    yield (), _values(None, fig.total), True


def _official(fig: ProvinceFigures, provinces: set[str]) -> Official:
    province = fig.province or (next(iter(provinces)) if len(provinces) == 1 else None)
    if province:
        name = province.strip()
        bare = name[5:].strip() if name.lower().startswith("tỉnh ") else name
        return Official(superior=None, issuer=f"CÔNG AN TỈNH {bare.upper()}", place=bare)
    return Official(superior=None, issuer="BAN CHỈ ĐẠO ĐỀ ÁN 06", place="……………")


def province_report(session: Session, scope: Scope, *, province: Optional[str] = None,
                    district: Optional[str] = None) -> Document:
    """The province (or district) report as of scope.as_of."""
    fig = province_figures(session, scope.as_of, province=province, district=district)
    provinces = set(fig.provinces)
    info = [("Tỉnh", fig.province or ", ".join(sorted(provinces))), ("Huyện", fig.district or ""),
            ("Số xã, phường", str(len(fig.rows)))]
    section = Section(name="", subtitle=[f"(Số liệu tính đến hết ngày {scope.as_of.strftime('%d/%m/%Y')})"],
                      info=[(k, v) for k, v in info if v], count=len(fig.rows) + 1, rows=_rows(fig))
    return Document(kind="province-report",
                    title="BẢNG TỔNG HỢP TIẾN ĐỘ KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ THEO XÃ, PHƯỜNG",
                    official=_official(fig, provinces), date=scope.as_of, columns=COLUMNS, sections=[section],
                    total=len(fig.rows) + 1,
                    signatures=[Signature("NGƯỜI LẬP BIỂU"), Signature("THỦ TRƯỞNG ĐƠN VỊ", hint=SEAL_HINT)],
                    total_line=False, noun="xã, phường")
