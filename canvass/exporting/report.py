"""The daily report: the commune's figures by hamlet and by team, in the layout of the provincial quota tables,
from `canvass.quotas.compute_stats` (no figure is computed here)."""
from __future__ import annotations

from typing import Iterator, Optional

from sqlalchemy.orm import Session

from canvass.exporting.documents import (Column, Document, Scope, Section, official, police_signatures,
                                         roman)
from canvass.quotas import CampaignStats, GroupStats, compute_stats

DONE = "Đã kích hoạt (lũy kế)"
TODAY = "Kích hoạt trong ngày"
COLUMNS = [
    Column("STT", "seq", 10), Column("Đơn vị", "text", 46),
    Column("Số công dân trong danh sách", "int", 22), Column("Chỉ tiêu", "int", 18),
    Column("Hệ thống xác nhận", "int", 20, group=DONE), Column("Tổ báo cáo, chờ xác nhận", "int", 22, group=DONE),
    Column("Hệ thống xác nhận", "int", 20, group=TODAY), Column("Tổ báo cáo", "int", 18, group=TODAY),
    Column("Còn lại", "int", 18), Column("Số tổ", "int", 13),
    Column("Số cần kích hoạt/tổ/ngày", "float", 22), Column("Tỷ lệ hoàn thành", "percent", 20),
]


def _values(seq: Optional[int], name: str, g: GroupStats) -> tuple:
    return (seq, name, g.eligible, g.target, g.activated_system, g.activated_reported, g.done_today,
            g.done_today_reported, g.remaining, g.teams, g.required_per_team_per_day, g.percent)


def _sum(name: str, groups: list[GroupStats]) -> GroupStats:
    """The sum of the count fields of some groups (for the teams' total row)."""
    total = GroupStats(key=None, name=name)
    for g in groups:
        for f in ("eligible", "target", "activated_system", "activated_reported", "done_today",
                  "done_today_reported", "remaining", "teams"):
            setattr(total, f, getattr(total, f) + getattr(g, f))
    total.percent = round(total.activated_system / total.target * 100, 1) if total.target else 0.0
    return total


def _rows(stats: CampaignStats) -> Iterator[tuple]:
    hamlets_title = "Theo thôn, xóm"
    for i, h in enumerate(stats.hamlets, 1):
        yield (hamlets_title,), _values(i, h.name, h), False
    yield (hamlets_title,), _values(None, "Cộng toàn xã", stats.total), True
    if stats.teams:
        teams_title = "Theo tổ công tác"
        for i, t in enumerate(stats.teams, 1):
            yield (teams_title,), _values(i, t.name, t), False
        yield (teams_title,), _values(None, "Cộng các tổ", _sum("Cộng các tổ", stats.teams)), True


def _info(stats: CampaignStats) -> list[tuple[str, str]]:
    def d(x):
        return x.strftime("%d/%m/%Y") if x else ""
    info = [("Chiến dịch", stats.campaign_name or ""),
            ("Thời gian", f"{d(stats.start)} - {d(stats.end)}" if stats.start else ""),
            ("Số ngày còn lại", str(stats.days_left) if stats.days_left is not None else ""),
            ("Chỉ tiêu mỗi tổ", f"{stats.quota_per_team_day} công dân/ngày"),
            ("Hạn báo cáo", f"{stats.report_deadline} hằng ngày"),
            ("Dự kiến hoàn thành", d(stats.projected_finish) + (
                " (theo tốc độ tổ báo cáo, chưa được hệ thống xác nhận)"
                if stats.projected_finish and stats.pace_basis == "reported" else ""))]
    return info


def daily_report(session: Session, scope: Scope) -> Document:
    """The daily report as of scope.as_of."""
    stats = compute_stats(session, scope.as_of)
    off = official(session)
    numbers: dict[str, int] = {}

    def label(level: int, path: tuple) -> str:
        numbers[path[0]] = len(numbers) + 1
        return f"{roman(numbers[path[0]])}. {path[0]}"

    n = len(stats.hamlets) + (len(stats.teams) if stats.teams else 0)
    section = Section(name="", subtitle=[f"(Số liệu tính đến hết ngày {scope.as_of.strftime('%d/%m/%Y')})"],
                      info=_info(stats), count=n, rows=_rows(stats), group_label=label)
    return Document(kind="daily-report", title="BÁO CÁO TIẾN ĐỘ KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ",
                    official=off, date=scope.as_of, columns=COLUMNS, sections=[section], total=n,
                    group_titles=("Phần",), signatures=police_signatures(off), total_line=False,
                    noun="dòng")
