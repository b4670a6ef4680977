"""A generator of a realistic, messy province-size police list (.xlsx), for benches.

`make_list(path, rows, seed=1)` writes one sheet laid out like the real extractions: heading rows, the header
on row 6, a numbering row "(1) … (14)", then the residents grouped by hamlet and household (Số hộ restarting
in every hamlet), and a footer with totals and signatures. The values are as messy as real lists: CCCDs as
text, as numbers that lost their leading zero, old 9-digit CMNDs; phones with dots, spaces, +84, without the
leading 0, old 11-digit prefixes, two in a cell; dates as dd/mm/yyyy text, Excel dates or a bare year; names
in ALL CAPS or with extra spaces; a few duplicates, blank rows and rows without a name. Every person is made up.

`cached_list(rows, seed=1)` returns the path of a list in bench/out/, generating it the first time.
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

OUT = Path(__file__).parent / "out"

SURNAMES = [("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Huỳnh", 4), ("Vũ", 4),
            ("Phan", 3), ("Võ", 3), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 1), ("Ngô", 1), ("Dương", 1),
            ("Lý", 1), ("Nông", 1), ("Vi", 1), ("Lương", 1), ("Triệu", 1), ("Hà", 1), ("Đinh", 1), ("Lò", 1),
            ("Chu", 1), ("Mã", 1), ("La", 1), ("Tô", 1), ("Đàm", 1), ("Lã", 1), ("Bế", 1)]
MIDDLE_M = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thanh", "Ngọc", "Xuân", "Tiến", "Duy",
            "Thế", "Đình", "Trọng", "Anh", "Quốc", "Gia", "Hoàng"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Minh", "Hồng", "Thùy", "Phương", "Diệu",
            "Bảo", "Mai", "Lan", "Hải", "Quỳnh"]
GIVEN_M = ["An", "Bảo", "Bình", "Cường", "Chiến", "Dũng", "Duy", "Đạt", "Đức", "Giang", "Hải", "Hiếu", "Hoàng",
           "Hùng", "Huy", "Khánh", "Khoa", "Kiên", "Lâm", "Long", "Lực", "Mạnh", "Minh", "Nam", "Nghĩa", "Nhân",
           "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn",
           "Tùng", "Việt", "Vinh", "Vũ", "Tường", "Hưng", "Lộc", "Thọ", "Chung", "Đông", "Hậu", "Tín"]
GIVEN_F = ["Anh", "Ánh", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Huệ", "Hương",
           "Hường", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương",
           "Quyên", "Quỳnh", "Sen", "Tâm", "Thảo", "Thơ", "Thu", "Thủy", "Trang", "Tuyết", "Uyên", "Vân", "Xuân",
           "Yến", "Đào", "Hiên", "Lụa", "Nhàn", "Tươi", "Vui", "Thắm", "Diệp", "Bích", "Hồng"]
SYLLABLES = ["Nà", "Pò", "Bản", "Khòn", "Cốc", "Nặm", "Phiêng", "Lũng", "Khuổi", "Tồng", "Nà Thí", "Quyền", "Cuổi",
             "Đứa", "Mò", "Lạn", "Slăng", "Hin", "Pác", "Bó", "Kéo", "Vài", "Pan", "Rọ", "Tẩư", "Mạ", "Cáp", "Lẹng"]
KINDS = ["Thôn", "Thôn", "Thôn", "Xóm", "Bản", "Tổ dân phố", "Ấp", "Khu phố"]
RELATIONS = ["Vợ", "Con", "Con", "Con", "Mẹ", "Bố", "Cháu", "Con dâu", "Chồng", "Anh", "Em"]
OLD_PREFIX = {"38": "168", "39": "169", "32": "162", "83": "123", "70": "120", "79": "121", "77": "122"}
MOBILE = ["32", "33", "34", "35", "36", "37", "38", "39", "70", "76", "77", "78", "79", "81", "82", "83", "84",
          "85", "86", "88", "91", "94", "96", "97", "98", "56", "58", "59"]
PROVINCES = ["020", "020", "020", "020", "024", "006", "004", "019", "001", "070", "079"]
HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số định danh cá nhân", "Số điện thoại", "Số hộ",
           "Chủ hộ", "Quan hệ với chủ hộ", "Thôn", "Nơi thường trú", "Mức độ tài khoản", "Trạng thái", "Ghi chú"]


def _weighted(rnd: random.Random, pairs):
    total = sum(w for _, w in pairs)
    x = rnd.uniform(0, total)
    for v, w in pairs:
        x -= w
        if x <= 0:
            return v
    return pairs[-1][0]


def _hamlets(rnd: random.Random, n: int) -> list[str]:
    names, seen = [], set()
    while len(names) < n:
        kind = rnd.choice(KINDS)
        if kind in ("Tổ dân phố", "Khu phố", "Xóm") and rnd.random() < 0.6:
            base = str(rnd.randint(1, 30))
        else:
            base = f"{rnd.choice(SYLLABLES)} {rnd.choice(SYLLABLES)}"
        name = f"{kind} {base}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def _phone(rnd: random.Random):
    x = rnd.random()
    if x < 0.10:
        return ""
    pre = rnd.choice(MOBILE)
    rest = f"{rnd.randrange(10 ** 7):07d}"
    plain = f"0{pre}{rest}"
    if x < 0.62:
        return plain
    if x < 0.72:
        return f"0{pre}{rest[0]}.{rest[1:4]}.{rest[4:]}"
    if x < 0.77:
        return f"+84 {pre}{rest[0]} {rest[1:4]} {rest[4:]}"
    if x < 0.82:
        return int(f"{pre}{rest}")            # a number cell: the leading 0 is lost
    if x < 0.85 and pre in OLD_PREFIX:
        return f"0{OLD_PREFIX[pre]}{rest}"    # pre-2018 11-digit number
    if x < 0.87:
        return f"{plain} / 0{rnd.choice(MOBILE)}{rnd.randrange(10 ** 7):07d}"
    if x < 0.88:
        return f"02{rnd.choice(['05', '04', '13', '03'])}{rnd.randrange(10 ** 7):07d}"  # landline
    return plain


def _dob(rnd: random.Random, born: dt.date, book):
    x = rnd.random()
    if x < 0.80:
        return born.strftime("%d/%m/%Y")
    if x < 0.90:
        return born                             # a real Excel date cell
    if x < 0.95:
        return str(born.year)
    if x < 0.99:
        return born.strftime("%d-%m-%Y")
    return f"31/02/{born.year}"                 # impossible: kept raw with a warning


def make_list(path: str | Path, rows: int, seed: int = 1, *, commune: str = "Tân Văn") -> Path:
    """Write a messy police list of about `rows` residents to `path` (.xlsx, via XlsxWriter)."""
    import xlsxwriter

    rnd = random.Random(seed)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("DS chua kich hoat")
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_string(0, 0, "CÔNG AN TỈNH LẠNG SƠN")
    ws.write_string(0, 7, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    ws.write_string(1, 0, f"CÔNG AN XÃ {commune.upper()}")
    ws.write_string(1, 7, "Độc lập - Tự do - Hạnh phúc")
    ws.write_string(2, 7, f"{commune}, ngày 10 tháng 03 năm 2025")
    ws.write_string(3, 0, "DANH SÁCH CÔNG DÂN ĐÃ ĐƯỢC PHÊ DUYỆT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ CHƯA KÍCH HOẠT")
    for c, h in enumerate(HEADERS):  # constant_memory: rows must be written in order
        ws.write_string(5, c, h)
    for c in range(len(HEADERS)):
        ws.write_string(6, c, f"({c + 1})")
    hamlets = _hamlets(rnd, max(4, rows // 150))
    today = dt.date(2025, 3, 10)
    r = 7
    stt = 0
    serial = 0
    cccds: list[str] = []
    per_hamlet = max(1, rows // len(hamlets))
    for hamlet in hamlets:
        if stt >= rows:
            break
        hh_no = 0
        in_hamlet = 0
        while in_hamlet < per_hamlet and stt < rows:
            hh_no += rnd.randint(1, 3)
            size = rnd.choice([1, 1, 2, 2, 2, 3, 3, 4, 5])
            surname = _weighted(rnd, SURNAMES)
            head_name = f"{surname} {rnd.choice(MIDDLE_M)} {rnd.choice(GIVEN_M)}"
            address = (f"{hamlet}, xã {commune}, huyện Bình Gia, tỉnh Lạng Sơn" if rnd.random() < 0.8
                       else f"Số {rnd.randint(1, 300)} {hamlet}, xã {commune}")
            for m in range(size):
                if stt >= rows:
                    break
                stt += 1
                in_hamlet += 1
                serial += 1
                male = rnd.random() < 0.5 if m else True
                if m == 0:
                    name, rel = head_name, "Chủ hộ"
                else:
                    fam = surname if male or rnd.random() < 0.3 else _weighted(rnd, SURNAMES)
                    mid = rnd.choice(MIDDLE_M if male else MIDDLE_F)
                    name = f"{fam} {mid} {rnd.choice(GIVEN_M if male else GIVEN_F)}"
                    rel = rnd.choice(RELATIONS)
                born = today - dt.timedelta(days=rnd.randint(14 * 365, 90 * 365))
                century = (0 if born.year < 2000 else 2) + (0 if male else 1)
                cccd = f"{rnd.choice(PROVINCES)}{century}{born.year % 100:02d}{serial % 1000000:06d}"
                x = rnd.random()
                cccd_cell: object = cccd
                if x < 0.02:
                    cccd_cell = int(cccd)                 # typed as a number: leading zero lost
                elif x < 0.03:
                    cccd_cell = f"{cccd[:3]} {cccd[3:6]} {cccd[6:]}"
                elif x < 0.04:
                    cccd_cell = f"{rnd.randrange(10 ** 9):09d}"  # old CMND
                elif x < 0.043 and cccds:
                    cccd_cell = rnd.choice(cccds[-50:])  # a duplicate of someone listed just before
                cccds.append(cccd)
                if rnd.random() < 0.05:
                    name = name.upper()
                elif rnd.random() < 0.03:
                    name = "  " + name.replace(" ", "  ") + " "
                if rnd.random() < 0.002:
                    name = ""                             # no name: rejected
                dob = _dob(rnd, born, wb)
                ws.write_number(r, 0, stt)
                ws.write_string(r, 1, name)
                if isinstance(dob, dt.date):
                    ws.write_datetime(r, 2, dt.datetime(dob.year, dob.month, dob.day), date_fmt)
                else:
                    ws.write_string(r, 2, dob)
                ws.write_string(r, 3, "Nam" if male else "Nữ")
                if isinstance(cccd_cell, int):
                    ws.write_number(r, 4, cccd_cell)
                else:
                    ws.write_string(r, 4, cccd_cell)
                phone = _phone(rnd)
                if isinstance(phone, int):
                    ws.write_number(r, 5, phone)
                elif phone:
                    ws.write_string(r, 5, phone)
                ws.write_number(r, 6, hh_no)
                ws.write_string(r, 7, head_name)
                ws.write_string(r, 8, rel)
                ws.write_string(r, 9, hamlet)
                ws.write_string(r, 10, address)
                ws.write_string(r, 11, "Mức 2" if rnd.random() < 0.9 else "Mức 1")
                ws.write_string(r, 12, "Đã phê duyệt, chưa kích hoạt")
                if rnd.random() < 0.05:
                    ws.write_string(r, 13, rnd.choice(["Đi làm ăn xa", "Đi học", "Ốm", "Không liên lạc được"]))
                r += 1
                if rnd.random() < 0.0005:
                    r += 1                                # a blank row inside the data
    r += 1
    ws.write_string(r, 0, f"Tổng số: {stt} công dân./.")
    ws.write_string(r + 1, 1, "NGƯỜI LẬP BIỂU")
    ws.write_string(r + 1, 9, "TRƯỞNG CÔNG AN XÃ")
    ws.write_string(r + 2, 1, "(Ký, ghi rõ họ tên)")
    ws.write_string(r + 5, 1, "Lương Thị Hiền")
    ws.write_string(r + 5, 9, "Trung tá Hoàng Văn Chung")
    wb.close()
    return path


def cached(path: Path, make) -> Path:
    """`path`, made by `make(tmp_path)` the first time it is asked for (under a temporary name, then renamed: an
    interrupted generation leaves no half list under the real name)."""
    if not path.exists():
        tmp = path.with_suffix(".tmp.xlsx")
        make(tmp)
        tmp.replace(path)
    return path


def cached_list(rows: int, seed: int = 1) -> Path:
    """bench/out/list_<rows>_<seed>.xlsx, generated the first time it is asked for."""
    return cached(OUT / f"list_{rows}_{seed}.xlsx", lambda tmp: make_list(tmp, rows, seed=seed))


if __name__ == "__main__":
    import sys
    import time

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300_000
    t = time.perf_counter()
    p = cached_list(n)
    print(f"{p} ({p.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t:.1f} s")
