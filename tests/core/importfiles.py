"""Small generators of police-list files for the importer tests (generated people only)."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any, Iterable, Sequence

SURNAMES = ["Nguyễn", "Trần", "Hoàng", "Nông", "Lý", "Đinh", "Vi", "Lương"]
MIDDLE = ["Văn", "Thị", "Đức", "Ngọc", "Minh"]
GIVEN = ["An", "Bình", "Dũng", "Đức", "Hà", "Lan", "Nam", "Sơn", "Yến", "Ánh", "Đạt", "Hùng"]

HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Số điện thoại", "Số hộ", "Chủ hộ",
          "Quan hệ với chủ hộ", "Thôn", "Nơi thường trú", "Trạng thái"]
TITLE = [["CÔNG AN HUYỆN BÌNH GIA", None, None, None, None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
         ["CÔNG AN XÃ HƯNG ĐẠO", None, None, None, None, None, None, "Độc lập - Tự do - Hạnh phúc"],
         [None] * 7 + ["Hưng Đạo, ngày 10 tháng 03 năm 2025"],
         ["DANH SÁCH CÔNG DÂN CHƯA KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ"]]
FOOTER = [[], ["Tổng số: {n} công dân./."], [None, "NGƯỜI LẬP BIỂU", None, None, None, None, None, None,
                                              "TRƯỞNG CÔNG AN XÃ"],
          [None, "(Ký, ghi rõ họ tên)"], [], [], [None, "Lương Thị Hiền", None, None, None, None, None, None,
                                                   "Trung tá Hoàng Văn Chung"]]


def cccd(i: int, year: int = 1980, female: bool = False) -> str:
    """A well-formed generated CCCD (province 020) for person i."""
    century = (0 if year < 2000 else 2) + (1 if female else 0)
    return f"020{century}{year % 100:02d}{i:06d}"


def person(i: int, hamlet: str = "Thôn Nà Thí", household: int | None = None, **over: Any) -> dict:
    """Generated resident i as a dict of list columns."""
    year = 1950 + (i * 7) % 55
    female = i % 2 == 1
    name = f"{SURNAMES[i % len(SURNAMES)]} {'Thị' if female else 'Văn'} {GIVEN[(i * 5) % len(GIVEN)]}"
    p = {"stt": i, "name": name, "dob": f"{1 + i % 28:02d}/{1 + i % 12:02d}/{year}",
         "gender": "Nữ" if female else "Nam",
         "cccd": cccd(i, year, female), "phone": f"091{i:07d}", "household": i if household is None else household,
         "head": name, "relation": "Chủ hộ", "hamlet": hamlet,
         "address": f"{hamlet}, xã Hưng Đạo, huyện Bình Gia, tỉnh Lạng Sơn",
         "status": "Đã phê duyệt, chưa kích hoạt"}
    p.update(over)
    return p


def row_of(p: dict) -> list:
    """A person as a row under HEADER."""
    return [p["stt"], p["name"], p["dob"], p["gender"], p["cccd"], p["phone"], p["household"], p["head"],
            p["relation"], p["hamlet"], p["address"], p["status"]]


def people(n: int, start: int = 1, **kw: Any) -> list[dict]:
    """n generated residents."""
    return [person(i, **kw) for i in range(start, start + n)]


def standard_rows(persons: Sequence[dict], *, title: bool = True, numbering: bool = True,
                  footer: bool = True) -> list[list]:
    """Title rows, header, numbering row, the persons, a footer: the usual police layout."""
    rows: list[list] = []
    if title:
        rows += [list(r) for r in TITLE] + [[]]
    rows.append(list(HEADER))
    if numbering:
        rows.append([f"({i + 1})" for i in range(len(HEADER))])
    rows += [row_of(p) for p in persons]
    if footer:
        rows += [[c.format(n=len(persons)) if isinstance(c, str) else c for c in r] for r in FOOTER]
    return rows


def write_xlsx(path: Path, rows: Iterable[Sequence[Any]] | None = None, *, sheet: str = "Danh sách",
               sheets: dict[str, Iterable[Sequence[Any]]] | None = None,
               merges: dict[str, list[str]] | Sequence[str] = ()) -> Path:
    """Write rows (None cells stay empty) to an .xlsx; `sheets` for several sheets; `merges` ranges."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    sheets = sheets if sheets is not None else {sheet: rows or []}
    for name, srows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(srows, 1):
            for c, v in enumerate(row, 1):
                if v is not None and v != "":
                    ws.cell(row=r, column=c, value=v)
        ranges = merges.get(name, []) if isinstance(merges, dict) else merges
        for rng in ranges:
            ws.merge_cells(rng)
    wb.save(path)
    return path


def write_csv(path: Path, rows: Iterable[Sequence[Any]], *, encoding: str = "utf-8-sig",
              delimiter: str = ",") -> Path:
    """Write rows as CSV in the given encoding."""
    with open(path, "w", encoding=encoding, newline="", errors="strict") as f:
        w = csv.writer(f, delimiter=delimiter)
        for row in rows:
            w.writerow(["" if v is None else v for v in row])
    return path


def today() -> dt.date:
    """Today (dates in tests are relative to it)."""
    return dt.date.today()
