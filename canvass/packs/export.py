"""Writing a team pack: one workbook per team with its residents by household in address order,
drop-downs and date checks on the fill-in cells, a protected main sheet, a Vietnamese how-to sheet and
a hidden, protected sheet that carries the pack id, the team, every row's resident id and version,
and the HMAC that proves them."""
from __future__ import annotations

import datetime as dt
import secrets
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from canvass.db import Database, now
from canvass.display import birth_year, household_label, phone_text, shown_number, shown_text
from canvass.errors import Cancelled, CanvassError, InvalidInput, NotFound
from canvass.events import REASON_LABELS_VI, STATUS_LABELS_VI, append_event
from canvass.exporting.safe import put_cell
from canvass.exporting.atomic import atomic_path
from canvass.models import Campaign, Hamlet, Household, Pack, PackItem, Resident, Team
from canvass.packs import layout as L
from canvass.teams import find_team
from canvass.walklist import walk_key

_FILL_BG = PatternFill("solid", fgColor="FFF9E5")     # fill-in cells: pale yellow
_ZEBRA = PatternFill("solid", fgColor="F2F2F2")       # every other household
_HEAD_BG = PatternFill("solid", fgColor="1F4E78")
_THIN = Side(style="thin", color="BFBFBF")


@dataclass
class PackExportResult:
    """What `export_pack` wrote."""
    pack_id: str
    team_id: int
    team_name: str
    path: Path
    rows: int
    households: int
    masked: bool
    superseded: list[str] = field(default_factory=list)  # ids of the team's earlier packs, now superseded


def _put(ws, row: int, column: int, value):
    """Write one cell of the pack: every cell goes through here, so text from residents' data (or a team's
    name) is always a string cell that no spreadsheet evaluates (see canvass.exporting.safe)."""
    c = ws.cell(row=row, column=column)
    put_cell(c, value)
    return c


def _status_label(r: Resident) -> str:
    text = STATUS_LABELS_VI.get(r.status, r.status)
    if r.status_reason:
        text += ": " + REASON_LABELS_VI.get(r.status_reason, r.status_reason)
    return text


def team_residents(session: Session, team_id: int) -> list[tuple[Resident, Hamlet, Optional[Household]]]:
    """A team's residents grouped by household in address order (hamlet, household sort key, head first)."""
    stmt = (select(Resident, Hamlet, Household)
            .join(Hamlet, Hamlet.id == Resident.hamlet_id)
            .outerjoin(Household, Household.id == Resident.household_id)
            .where(Resident.team_id == team_id))
    rows = [tuple(t) for t in session.execute(stmt)]

    rows.sort(key=lambda t: walk_key(t[1].name, t[1].id, t[2].id if t[2] else None, t[2].sort_key if t[2] else None,
                                     t[0].is_head, t[0].name_sort, t[0].id))
    return rows


def _campaign_start(session: Session) -> Optional[dt.date]:
    c = session.scalars(select(Campaign).order_by(Campaign.id.desc()).limit(1)).first()
    return c.start_date if c else None


def _guide(wb: Workbook, team: Team, pack_id: str, created: dt.datetime, rows: int, start: Optional[dt.date]) -> None:
    ws = wb.create_sheet(L.GUIDE_SHEET)
    ws.column_dimensions["A"].width = 62
    since = f" và không trước ngày bắt đầu chiến dịch ({start:%d/%m/%Y})" if start else ""
    example = max(created.date(), start) if start else created.date()   # a date its own rule accepts
    lines = [
        ("HƯỚNG DẪN ĐIỀN DANH SÁCH CỦA TỔ", True),
        (f"Tổ: {team.name}    Số gói: {pack_id[:8]}    Ngày xuất: {created:%d/%m/%Y %H:%M}    Số người: {rows}", False),
        ("", False),
        (f"1. Mở trang \"{L.MAIN_SHEET}\". Mỗi dòng là một công dân; các công dân cùng hộ đứng liền nhau, "
         "theo thứ tự địa chỉ.", False),
        ("2. Chỉ điền vào các cột nền vàng: Kết quả, Lý do, Ngày đến, Số điện thoại mới, Ghi chú. "
         "Các cột còn lại bị khóa, không sửa.", False),
        ("3. Kết quả: chọn trong danh sách thả xuống (Đã kích hoạt, Vắng mặt, Không thể kích hoạt, "
         "Sai số điện thoại, Từ chối, Hẹn quay lại).", False),
        ("4. Lý do: bắt buộc khi Kết quả là \"Không thể kích hoạt\" (người cao tuổi, ốm đau, không có điện thoại, "
         "đã chuyển đi, đã chết, đang ở cơ sở tập trung, lý do khác). Khi chọn \"Lý do khác\" phải ghi rõ ở cột "
         "Ghi chú. Với \"Vắng mặt\" có thể chọn thêm lý do vắng (không bắt buộc).", False),
        (f"5. Ngày đến: ngày tổ đến nhà, viết ngày/tháng/năm (ví dụ {example:%d/%m/%Y}); không được sau ngày hôm "
         f"nay{since}. "
         "Để trống thì lấy ngày lưu tệp.", False),
        ("6. Số điện thoại mới: chỉ điền khi công dân dùng số khác với số trong danh sách (10 chữ số, ví dụ "
         "0912345678).", False),
        ("7. Công dân chưa đến thì để trống cả dòng. Không thêm, xóa hay chèn dòng, không đổi tên các trang.", False),
        ("8. Có thể lọc (Data → Filter / Dữ liệu → Bộ lọc). Muốn sắp xếp lại thì bỏ bảo vệ trang (Review → "
         "Unprotect Sheet, không có mật khẩu) rồi sắp xếp cả bảng; mỗi dòng mang mã riêng nên vẫn được nhận đúng.",
         False),
        ("9. Lưu tệp dạng .xlsx (Excel, WPS hoặc LibreOffice đều được) và gửi lại cho Công an xã. "
         "Không sửa trang ẩn: tệp bị sửa trang ẩn sẽ không được nhận.", False),
        ("10. Nếu cấp lại danh sách mới cho tổ, tệp cũ gửi về vẫn được nhận; những dòng đã thay đổi ở xã trong "
         "thời gian đó sẽ được báo là xung đột để cán bộ xem lại.", False),
    ]
    for i, (text, bold) in enumerate(lines, start=1):
        c = _put(ws, i, 1, text)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        if bold:
            c.font = Font(bold=True, size=13)
        ws.row_dimensions[i].height = 15 * max(1, -(-len(text) // 58)) + 3  # viewers do not grow wrapped rows
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.protection.sheet = True


def _lists(wb: Workbook) -> tuple[str, str]:
    ws = wb.create_sheet(L.LISTS_SHEET)
    for i, label in enumerate(L.outcome_labels(), start=1):
        _put(ws, i, 1, label)
    for i, label in enumerate(L.reason_labels(), start=1):
        _put(ws, i, 2, label)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
    ws.protection.password = secrets.token_hex(8)
    outcome_ref = f"'{L.LISTS_SHEET}'!$A$1:$A${len(L.outcome_labels())}"
    reason_ref = f"'{L.LISTS_SHEET}'!$B$1:$B${len(L.reason_labels())}"
    wb.defined_names["KetQua"] = DefinedName("KetQua", attr_text=outcome_ref)
    wb.defined_names["LyDo"] = DefinedName("LyDo", attr_text=reason_ref)
    return "KetQua", "LyDo"


def _data_sheet(wb: Workbook, pack: Pack, team: Team, items: list[tuple[int, int]]) -> None:
    ws = wb.create_sheet(L.DATA_SHEET)
    meta = [("format", L.FORMAT_VERSION), ("pack_id", pack.id), ("team_id", team.id), ("team", team.name),
            ("created_at", pack.created_at.isoformat(sep=" ")), ("rows", len(items)), ("mask", int(pack.mask)),
            ("checksum", pack.checksum)]
    for i, (k, v) in enumerate(meta, start=1):
        _put(ws, i, 1, k)
        _put(ws, i, 2, v)
    start = len(meta) + 2
    _put(ws, start, 1, "resident_id")
    _put(ws, start, 2, "version")
    for i, (rid, ver) in enumerate(items, start=start + 1):
        _put(ws, i, 1, rid)
        _put(ws, i, 2, ver)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
    ws.protection.password = secrets.token_hex(8)


def _write_workbook(path: Path, pack: Pack, team: Team, rows, start: Optional[dt.date],
                    cancel: Optional[Callable[[], bool]]) -> int:
    wb = Workbook()
    ws = wb.active
    ws.title = L.MAIN_SHEET
    ncols = len(L.COLUMNS)
    title = f"DANH SÁCH ĐI XÁC MINH, KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ — {team.name}"
    _put(ws, L.TITLE_ROW, 2, title).font = Font(bold=True, size=13)
    _put(ws, L.TITLE_ROW + 1, 2, f"Ngày xuất {pack.created_at:%d/%m/%Y %H:%M} · {len(rows)} người · "
                                 f"điền các cột nền vàng (xem trang \"{L.GUIDE_SHEET}\")").font = Font(italic=True)
    for col, (key, header, width) in enumerate(L.COLUMNS, start=1):
        c = _put(ws, L.HEADER_ROW, col, header)
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = _HEAD_BG
        c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.column_dimensions["A"].hidden = True
    ws.row_dimensions[L.HEADER_ROW].height = 45
    fill_cols = {L.COLUMN_KEYS.index(k) + 1 for k in L.FILL_KEYS}
    date_col = L.COLUMN_KEYS.index("visit_date") + 1
    unlocked = Protection(locked=False)
    border = Border(bottom=_THIN)
    last_hh, zebra, households = object(), False, 0
    first = L.HEADER_ROW + 1
    for n, (r, h, hh) in enumerate(rows, start=1):
        if cancel is not None and n % 500 == 0 and cancel():
            raise Cancelled("cancelled")
        hh_key = hh.id if hh is not None else ("r", r.id)
        if hh_key != last_hh:
            last_hh, zebra, households = hh_key, not zebra, households + 1
        phone = r.phone_new or r.phone
        values = {
            "rid": r.id, "stt": n, "hamlet": h.name,
            "household": (household_label(hh.number, hh.key) if hh else None) or "", "name": r.name,
            "birth_year": birth_year(r.dob, r.dob_raw),   # the merge finds a row by this year too
            "cccd": shown_number(r.cccd, pack.mask) or "",
            "phone": shown_number(phone_text(phone), pack.mask) or "",
            "address": shown_text(r.address or (hh.address if hh else "") or "", pack.mask), "status": _status_label(r),
        }
        row = first + n - 1
        for col, key in enumerate(L.COLUMN_KEYS, start=1):
            c = _put(ws, row, col, values.get(key))
            if col in fill_cols:
                c.protection = unlocked
                c.fill = _FILL_BG
            elif zebra:
                c.fill = _ZEBRA
            if key in ("cccd", "phone", "new_phone"):
                c.number_format = "@"
            if col == date_col:
                c.number_format = "dd/mm/yyyy"
            c.border = border
    last = first + max(len(rows), 1) - 1
    _guide(wb, team, pack.id, pack.created_at, len(rows), start)
    outcome_name, reason_name = _lists(wb)

    def letter(key: str) -> str:
        return get_column_letter(L.COLUMN_KEYS.index(key) + 1)

    dv_outcome = DataValidation(type="list", formula1=f"={outcome_name}", allow_blank=True, showErrorMessage=True,
                                errorTitle="Kết quả", error="Chọn kết quả trong danh sách.")
    dv_reason = DataValidation(type="list", formula1=f"={reason_name}", allow_blank=True, showErrorMessage=True,
                               errorTitle="Lý do", error="Chọn lý do trong danh sách.")
    lo = start or dt.date(2020, 1, 1)
    dv_date = DataValidation(type="date", operator="between", formula1=f"DATE({lo.year},{lo.month},{lo.day})",
                             formula2="TODAY()", allow_blank=True, showErrorMessage=True, errorTitle="Ngày đến",
                             error="Ngày viết ngày/tháng/năm, không sau hôm nay"
                                   + (f" và không trước {lo:%d/%m/%Y}." if start else "."))
    for dv, key in ((dv_outcome, "outcome"), (dv_reason, "reason"), (dv_date, "visit_date")):
        dv.add(f"{letter(key)}{first}:{letter(key)}{last}")
        ws.add_data_validation(dv)
    ws.freeze_panes = ws.cell(row=first, column=L.COLUMN_KEYS.index("name") + 2)
    ws.auto_filter.ref = f"A{L.HEADER_ROW}:{get_column_letter(ncols)}{last}"
    ws.protection.sheet = True
    for attr in ("autoFilter", "sort", "formatColumns", "formatRows"):
        setattr(ws.protection, attr, False)  # False = allowed on the protected sheet
    ws.print_title_rows = f"{L.HEADER_ROW}:{L.HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    _data_sheet(wb, pack, team, [(r.id, r.version or 0) for r, _h, _hh in rows])
    wb.active = 0
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return households


def export_pack(db: Database, team, out_path, *, mask: bool = False, actor: Optional[str] = None,
                progress: Optional[Callable[[int, int], None]] = None,
                cancel: Optional[Callable[[], bool]] = None) -> PackExportResult:
    """Write the pack of one team (id, name or Team) to `out_path` and record it; earlier packs of the
    team are marked superseded (their returns are still accepted)."""
    out_path = Path(out_path)
    if out_path.suffix.lower() != ".xlsx":
        raise InvalidInput("pack_needs_xlsx")
    if not out_path.parent.exists():
        raise NotFound("folder_missing", folder=str(out_path.parent))
    with db.session() as s:
        team = find_team(s, team)
        rows = team_residents(s, team.id)
        if not rows:
            raise InvalidInput("team_has_no_residents", name=team.name)
        if progress:
            progress(0, len(rows))
        secret = L.database_secret(s)
        pack_id = uuid.uuid4().hex
        items = [(r.id, r.version or 0) for r, _h, _hh in rows]
        pack = Pack(id=pack_id, team_id=team.id, created_at=now(), rows=len(rows), mask=bool(mask),
                    checksum=L.pack_checksum(secret, pack_id, team.id, items))
        old = list(s.scalars(select(Pack.id).where(Pack.team_id == team.id, Pack.superseded_by.is_(None))))
        s.add(pack)
        s.flush()
        if old:
            s.execute(update(Pack).where(Pack.id.in_(old)).values(superseded_by=pack_id))
        s.execute(PackItem.__table__.insert(), [{"pack_id": pack_id, "resident_id": r, "version": v}
                                                for r, v in items])
        try:
            households = _write_workbook(out_path, pack, team, rows, _campaign_start(s), cancel)
        except OSError as exc:
            raise CanvassError("file_not_writable", name=out_path.name) from exc
        append_event(s, None, "pack_export", actor=actor, team_id=team.id,
                     data={"pack": pack_id, "team": team.id, "rows": len(rows), "mask": bool(mask)})
        if progress:
            progress(len(rows), len(rows))
        return PackExportResult(pack_id=pack_id, team_id=team.id, team_name=team.name, path=out_path,
                                rows=len(rows), households=households, masked=bool(mask), superseded=old)
