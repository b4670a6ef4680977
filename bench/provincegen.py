"""A generated province list with a commune column (.xlsx), for `bench_province`.

`make_province_list(path, rows, communes=100, hamlets=10)` writes one sheet: a heading, the header row
(STT, Họ và tên, Ngày sinh, Giới tính, Số định danh cá nhân, Số điện thoại, Số hộ, Chủ hộ, Quan hệ với chủ hộ,
Thôn, Xã/Phường), then the residents commune by commune, hamlet by hamlet, household by household (Số hộ
restarting in every hamlet). Values are clean (the messy cells are `bench/listgen.py`'s business); every
person is made up and every CCCD is distinct. `cached_province_list(rows)` keeps one in bench/out/.
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from bench.listgen import OUT, cached

FIRST = ["Phước", "Xuân", "Tân", "An", "Hòa", "Mỹ", "Vĩnh", "Long", "Thạnh", "Bình"]
SECOND = ["Hải", "Sơn", "Thuận", "Hưng", "Lợi", "Phú", "Trung", "Đông", "Tây", "Nam"]
SURNAMES = ["Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ",
            "Chế", "Đàng", "Thiên", "Quảng", "Pinăng", "Katơr"]
MIDDLE = ["Văn", "Thị", "Ngọc", "Minh", "Thanh", "Hữu", "Đức", "Kim", "Xuân", "Quang"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Hùng", "Lan", "Linh", "Mai", "Nam", "Nga", "Phúc", "Quân",
         "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vân", "Yến", "Hiền", "Lộc", "Thủy"]
HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số định danh cá nhân", "Số điện thoại", "Số hộ",
           "Chủ hộ", "Quan hệ với chủ hộ", "Thôn", "Xã/Phường"]


def commune_names(n: int) -> list[str]:
    """`n` distinct commune names ("Xã Phước Hải", …; past 100 a number is added)."""
    names = [f"Xã {a} {b}" for a in FIRST for b in SECOND]
    return [names[i % 100] + (f" {i // 100 + 1}" if i >= 100 else "") for i in range(n)]


def make_province_list(path: str | Path, rows: int, *, communes: int = 100, hamlets: int = 10,
                       seed: int = 1) -> Path:
    """Write `rows` residents spread evenly over `communes` communes of `hamlets` hamlets each."""
    import xlsxwriter

    rnd = random.Random(seed)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("DS chua kich hoat")
    ws.write_string(0, 0, "CÔNG AN TỈNH NINH THUẬN")
    ws.write_string(1, 0, "DANH SÁCH CÔNG DÂN ĐÃ ĐƯỢC PHÊ DUYỆT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ CHƯA KÍCH HOẠT")
    for c, h in enumerate(HEADERS):
        ws.write_string(3, c, h)
    names = commune_names(communes)
    today = dt.date(2025, 3, 10)
    r, stt = 4, 0
    for ci, commune in enumerate(names):
        in_commune = rows // communes + (1 if ci < rows % communes else 0)
        for hi in range(hamlets):
            hamlet = f"Thôn {hi + 1}"
            n = in_commune // hamlets + (1 if hi < in_commune % hamlets else 0)
            hh_no, left = 0, n
            while left > 0:
                hh_no += 1
                size = min(left, rnd.choice([1, 2, 2, 3, 3, 4, 5]))
                head = f"{rnd.choice(SURNAMES)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"
                for m in range(size):
                    stt += 1
                    male = rnd.random() < 0.5
                    name = head if m == 0 else f"{rnd.choice(SURNAMES)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"
                    born = today - dt.timedelta(days=rnd.randint(14 * 365, 90 * 365))
                    century = (0 if born.year < 2000 else 2) + (0 if male else 1)
                    ws.write_number(r, 0, stt)
                    ws.write_string(r, 1, name)
                    ws.write_string(r, 2, born.strftime("%d/%m/%Y"))
                    ws.write_string(r, 3, "Nam" if male else "Nữ")
                    ws.write_string(r, 4, f"058{century}{born.year % 100:02d}{stt:06d}")
                    ws.write_string(r, 5, f"09{rnd.randrange(10 ** 8):08d}")
                    ws.write_number(r, 6, hh_no)
                    ws.write_string(r, 7, head)
                    ws.write_string(r, 8, "Chủ hộ" if m == 0 else rnd.choice(["Vợ", "Con", "Chồng", "Mẹ"]))
                    ws.write_string(r, 9, hamlet)
                    ws.write_string(r, 10, commune)
                    r += 1
                left -= size
    wb.close()
    return path


def cached_province_list(rows: int, communes: int = 100) -> Path:
    """bench/out/province_<rows>_<communes>.xlsx, generated the first time it is asked for."""
    return cached(OUT / f"province_{rows}_{communes}.xlsx",
                  lambda tmp: make_province_list(tmp, rows, communes=communes))
