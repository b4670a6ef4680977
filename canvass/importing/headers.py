"""Finding the header of a police list and what each column holds.

The header is the row among the first ones whose cells name the most known fields (Vietnamese wordings,
with or without diacritics: see SYNONYMS). Two-row headers (a merged group cell above its sub-columns)
are recognised by scoring each row together with the one below it. A numbering row under the header
("(1) (2) …" or "1 2 3 …") is skipped. Rows are then classified: data, blank, section ("I | THÔN NÀ PÀN
(30 công dân)", "II. Xóm 3 - 25 người": see section_row; it sets the hamlet of the rows under it), or footer
(totals, signatures, dates of signing: see is_footer_text). A first resident is never taken for the second
row of a two-row header (see _sub_header)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

from canvass.address import clean_hamlet_name, hamlet_kind
from canvass.text import fold, nfc

FIELDS = ("stt", "name", "dob", "gender", "cccd", "phone", "household_no", "head_name", "relation", "hamlet",
          "address", "account_level", "source_status", "note", "commune")
EXTRA = "extra"

# Header wordings per field, as header_key() writes them (folded, punctuation as spaces).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "stt": ("stt", "tt", "so tt", "so thu tu", "thu tu", "s t t"),
    "name": ("ho va ten", "ho ten", "ho va ten cong dan", "ho ten cong dan", "ten", "ten cong dan",
             "ho chu dem va ten", "ho chu dem ten", "ho va ten khai sinh", "ho ten khai sinh", "cong dan",
             "ho va ten nguoi dan", "ten nguoi dan", "ho ten day du"),
    "dob": ("ngay sinh", "ngay thang nam sinh", "nam sinh", "ngay thang nam", "ns", "ngay sinh nam sinh",
            "sinh ngay", "ntns"),
    "gender": ("gioi tinh", "gt", "nam nu", "gioi", "phai"),
    "cccd": ("so cccd", "cccd", "so dinh danh", "so dinh danh ca nhan", "dinh danh ca nhan", "cccd cmnd",
             "so cccd cmnd", "cmnd cccd", "so cmnd cccd", "cmnd", "so cmnd", "so can cuoc", "can cuoc",
             "so can cuoc cong dan", "can cuoc cong dan", "ma dinh danh", "so ddcn", "ddcn", "so id", "ma so dinh danh",
             "so dinh danh cccd", "so cmt", "cmt", "so giay to tuy than", "giay to tuy than"),
    "phone": ("so dien thoai", "sdt", "dien thoai", "so dt", "dt", "dtdd", "so dtdd", "dien thoai di dong",
              "so di dong", "di dong", "so dien thoai lien he", "dien thoai lien he", "sdt lien he", "so thue bao",
              "thue bao", "so dien thoai di dong", "dt lien he"),
    "household_no": ("so ho", "ma ho", "so ho khau", "ho so", "ma so ho", "ma ho gia dinh", "so thu tu ho",
                     "stt ho", "ho gd so", "so so ho khau"),
    "head_name": ("chu ho", "ho ten chu ho", "ten chu ho", "ho va ten chu ho"),
    "relation": ("quan he voi chu ho", "quan he", "qh voi chu ho", "quan he chu ho", "qh voi ch", "qh chu ho",
                 "moi quan he", "quan he voi ch"),
    "hamlet": ("thon", "thon to dan pho", "thon xom", "ap", "khu pho", "to dan pho", "xom", "thon ban", "ban",
               "tdp", "thon tdp", "khu", "khoi", "to", "thon xom to dan pho", "thon ap", "ap khu pho",
               "thon ap to dan pho", "dia ban", "dia ban thon", "ten thon", "thon khu pho", "buon", "lang",
               "thon buon", "thon lang", "thon khoi", "to dan pho khu pho", "xom to dan pho"),
    "address": ("noi thuong tru", "dia chi", "dia chi thuong tru", "noi o hien tai", "noi o hien nay", "noi o",
                "cho o hien nay", "cho o hien tai", "dia chi cu tru", "noi cu tru", "dia chi noi o", "thuong tru",
                "dia chi thuong tru noi o hien tai", "noi dang ky thuong tru", "dia chi lien he", "cho o"),
    "account_level": ("muc do tai khoan", "muc do", "muc tai khoan", "loai tai khoan", "muc do tk", "muc tk",
                      "muc do dinh danh", "muc dinh danh", "tai khoan muc", "cap do tai khoan"),
    "source_status": ("trang thai", "tinh trang", "trang thai tai khoan", "trang thai kich hoat",
                      "tinh trang kich hoat", "tinh trang tai khoan", "ket qua"),
    "note": ("ghi chu", "note", "ly do", "ghi chu ly do"),
    # a province list's commune column (one list, many communes: canvass.communes splits it)
    "commune": ("xa", "phuong", "xa phuong", "phuong xa", "xa phuong thi tran", "xa thi tran", "ten xa",
                "ten xa phuong", "xa phuong dac khu", "don vi hanh chinh cap xa", "dvhc cap xa", "cap xa"),
}
# Synonyms short enough to be common inside other wordings: they only match a whole header.
_EXACT_ONLY = {"tt", "ten", "ns", "gt", "dt", "ap", "to", "khu", "ban", "gioi", "phai", "lang", "khoi", "buon",
               "ket qua", "cong dan", "so id", "muc do", "quan he", "thon", "xom", "s t t", "ho so",
               "xa", "phuong", "xa phuong", "phuong xa", "xa thi tran", "ten xa", "cap xa"}
_EXACT = {syn: f for f, syns in SYNONYMS.items() for syn in syns}
_CONTAINS = sorted(((syn, f) for syn, f in _EXACT.items() if syn not in _EXACT_ONLY),
                   key=lambda x: -len(x[0]))
_KEY_RE = re.compile(r"[^0-9a-z]+")
_NUMBERING_RE = re.compile(r"^[\(\[]?\s*(\d{1,2}|[a-z])\s*[\)\]]?\.?$")

# Rows after the data: totals, signature blocks, dates of signing. Written with their diacritics, so that
# "Trưởng công an" is a signature and "Trương Công An" a resident, "Tổng số" a total and "Tống Văn An" a
# resident; a text typed entirely without diacritics is compared with their folded forms.
FOOTER_STARTS = ("tổng số", "tổng cộng", "người lập", "trưởng công an", "trưởng ca ", "thủ trưởng", "ký tên",
                 "(ký", "ký, ghi", "ký ghi", "xác nhận", "lãnh đạo", "chủ tịch", "phó trưởng", "p. trưởng",
                 "danh sách này", "kết thúc", "cán bộ lập", "người duyệt", "tm.", "tm ", "t/m", "k/t", "kt.",
                 "kt ", "ghi chú:", "lưu ý:", "(đóng dấu", "nơi nhận")
_FOOTER_FOLDED = tuple(fold(f) for f in FOOTER_STARTS)
# "Cộng", "Cộng: 25", "Tổng: 180", "TỔNG" — a bare total word, alone or before a number
_TOTAL_RE = re.compile(r"^(?:tổng|cộng)\s*(?:[:\-–.]|\d|$)")
_TOTAL_FOLDED_RE = re.compile(r"^(?:tong|cong)\s*(?:[:\-–.]|\d|$)")
_DATE_LINE_RE = re.compile(r"ngay\s*\d*\s*(?:\.\.\.)?\s*thang\s*\d*.*nam\s*\d*"
                           r"|ngay\s*\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}")
_COMMUNE_RE = re.compile(r"(?:cong an|ubnd|uy ban nhan dan|cong an cap xa)\s+(xa|phuong|thi tran)\s+(.+)")
_ID_LIKE_RE = re.compile(r"\d{8,}")
_DATA_TEXT_RE = re.compile(r"\d{4,}|\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}")


def header_key(text: Any) -> str:
    """A header cell as the synonym table writes it: folded, punctuation turned into single spaces."""
    return _KEY_RE.sub(" ", fold(str(text))).strip() if text not in (None, "") else ""


def match_header(text: Any) -> Optional[str]:
    """The field a header cell names, or None."""
    key = header_key(text)
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key]
    padded = f" {key} "
    for syn, f in _CONTAINS:
        if f" {syn} " in padded:
            return f
    return None


def cell_text(v: Any) -> str:
    """A cell as text for classification (numbers without a trailing .0)."""
    if v is None:
        return ""
    if isinstance(v, str):
        return v.strip()
    return str(v)


def is_numbering_row(cells: Sequence[Any]) -> bool:
    """A row like "(1) (2) (3) …", "1 2 3 …" or "A B C …" under a header."""
    vals = [cell_text(c) for c in cells if cell_text(c)]
    if len(vals) < 2 or (len(vals) == 2 and not all(v.startswith(("(", "[")) for v in vals)):
        return False   # two columns: only "(1) (2)", never a resident's "1 | A"
    hits = [_NUMBERING_RE.match(fold(v)) for v in vals]
    if sum(1 for h in hits if h) < 0.8 * len(vals):
        return False
    nums = [int(h.group(1)) for h in hits if h and h.group(1).isdigit()]
    return len(nums) < 3 or sum(1 for a, b in zip(nums, nums[1:]) if b > a) >= 0.7 * (len(nums) - 1)


@dataclass
class HeaderGuess:
    """Where the header is and what each column holds."""
    row: int                    # 1-based row of the (last) header row; 0 when none was found
    top_row: int                # 1-based first header row (== row for one-row headers)
    headers: list[str]
    mapping: dict[int, str]     # column index -> field (FIELDS or "extra")
    score: int
    skip_numbering: bool = False
    problems: list[str] = field(default_factory=list)


def _fill_merged_across(cells: list[Any], row0: int, merged: Sequence[tuple[int, int, int, int]]) -> list[Any]:
    """Copy a merged cell's value to every column (and row) it spans, for one header row (0-based row0)."""
    out = list(cells)
    for r0, c0, r1, c1 in merged:
        if r0 <= row0 <= r1 and (c1 > c0 or r1 > r0):
            top = None
            if r0 == row0 and c0 < len(out):
                top = out[c0]
            if top in (None, ""):
                continue
            for c in range(c0, c1 + 1):
                if c < len(out) and out[c] in (None, ""):
                    out[c] = top
    return out


def _mapping_for(labels: Sequence[str]) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for i, label in enumerate(labels):
        f = match_header(label)
        if f is not None:
            mapping[i] = f
        elif cell_text(label):
            mapping[i] = EXTRA
    return mapping


def _score(mapping: dict[int, str]) -> int:
    fields = {f for f in mapping.values() if f != EXTRA}
    if "name" not in fields:
        return 0
    return len(fields) + ("cccd" in fields) + ("dob" in fields)


def _two_row_labels(top: Sequence[Any], bottom: Sequence[Any]) -> list[str]:
    n = max(len(top), len(bottom))
    labels = []
    for c in range(n):
        t = nfc(cell_text(top[c])) if c < len(top) else ""
        b = nfc(cell_text(bottom[c])) if c < len(bottom) else ""
        if b and _NUMBERING_RE.match(fold(b)):
            b = ""
        if not b:
            labels.append(t)
        elif not t or t == b:
            labels.append(b)
        elif match_header(b) is not None:
            labels.append(b)
        else:
            labels.append(f"{t} {b}")
    return labels


def detect_header(rows: Sequence[Sequence[Any]], merged: Sequence[tuple[int, int, int, int]] = (),
                  first_row: int = 1, scan: int = 20) -> HeaderGuess:
    """Find the header among the first `scan` rows (`rows[0]` is row `first_row`): the best-scoring row,
    or pair of rows when a group row above sub-columns names more fields than either row alone."""
    filled = [_fill_merged_across(list(r), first_row - 1 + i, merged) for i, r in enumerate(rows[:scan + 1])]
    labels = [[nfc(cell_text(c)) for c in r] for r in filled]
    maps = [_mapping_for(lb) for lb in labels]
    scores = [_score(m) for m in maps]
    best: Optional[HeaderGuess] = None
    for i in range(min(scan, len(filled))):
        cand = HeaderGuess(row=first_row + i, top_row=first_row + i, headers=labels[i], mapping=maps[i],
                           score=scores[i])
        sub = (_sub_header(filled[i], filled[i + 1], first_row - 1 + i, merged)
               if i + 1 < len(filled) and not is_numbering_row(filled[i + 1]) else None)
        if sub is not None:
            labels2 = _two_row_labels(filled[i], filled[i + 1])
            mapping2 = _mapping_for(labels2)
            score2 = _score(mapping2)
            # a tie goes to the pair only when the lower row holds sub-columns of a group ("Nam" | "Nữ")
            if score2 > max(scores[i], scores[i + 1]) or (sub and score2 == max(scores[i], scores[i + 1]) > 0):
                cand = HeaderGuess(row=first_row + i + 1, top_row=first_row + i, headers=labels2,
                                   mapping=mapping2, score=score2)
        if cand.score > 0 and (best is None or cand.score > best.score):
            best = cand
    if best is None:
        return HeaderGuess(row=0, top_row=0, headers=[], mapping={}, score=0, problems=["no header row found"])
    idx = best.row - first_row + 1
    if idx < len(filled) and is_numbering_row(filled[idx]):
        best.skip_numbering = True
    if "cccd" not in set(best.mapping.values()):
        best.problems.append("no CCCD column")
    return best


def _looks_like_data(cells: Sequence[Any]) -> bool:
    """A row holding a value no header cell holds: a long number, a year or date (typed or as text)."""
    for c in cells:
        if isinstance(c, (dt.date, dt.datetime)) or (type(c) in (int, float) and abs(c) >= 100):
            return True
        if type(c) is str and c and _DATA_TEXT_RE.search(c):
            return True
    return False


def _group_columns(top: Sequence[Any], bottom: Sequence[Any], row0: int,
                   merged: Sequence[tuple[int, int, int, int]]) -> set[int]:
    """The columns of a top header row that lie under a group cell (a label over several sub-columns): merged
    across columns, or (no merges, as in CSV) a label followed by empty top cells whose bottom cells are filled."""
    cols: set[int] = set()
    for r0, c0, r1, c1 in merged:
        if r0 <= row0 <= r1 and c1 > c0:
            cols.update(range(c0, c1 + 1))
    n = max(len(top), len(bottom))
    head = None
    for c in range(n):
        t = cell_text(top[c]) if c < len(top) else ""
        b = cell_text(bottom[c]) if c < len(bottom) else ""
        if t:
            head = c
        elif b and head is not None:
            cols.update((head, c))
    return cols


def _sub_header(top: Sequence[Any], bottom: Sequence[Any], row0: int,
                merged: Sequence[tuple[int, int, int, int]]) -> Optional[bool]:
    """Whether `bottom` (0-based sheet row row0 + 1) can be the second row of a two-row header: no value that
    looks like data, and each of its cells either names a field, repeats the cell above (merged down), or sits
    under a group cell ("Ngày sinh" over "Nam" | "Nữ"). A first resident with no long number ("Nguyễn Văn An"
    under "Họ và tên") is data, however many fields its other cells happen to name. None: not a header row;
    True: a header row with sub-columns of a group; False: a header row without any."""
    if _looks_like_data(bottom):
        return None
    groups: Optional[set[int]] = None
    seen = grouped = False
    for c, v in enumerate(bottom):
        b = cell_text(v)
        if not b or _NUMBERING_RE.match(fold(b)):
            continue
        seen = True
        t = cell_text(top[c]) if c < len(top) else ""
        if b == t or match_header(b) is not None:
            continue
        if groups is None:
            groups = _group_columns(top, bottom, row0, merged)
        if c not in groups:
            return None
        grouped = True
    return grouped if seen else None


def clean_mapping(mapping: dict[int, str]) -> dict[int, str]:
    """Validate a (user-corrected) mapping: known fields only."""
    out = {}
    for col, f in mapping.items():
        if f not in FIELDS and f != EXTRA and f not in ("", None, "ignore"):
            raise ValueError(f"unknown field {f!r}")
        if f and f != "ignore":
            out[int(col)] = f
    return out


# ---- row classification -------------------------------------------------------------------------------

def nonblank(cells: Sequence[Any]) -> list[tuple[int, str]]:
    """(column, text) of the cells that hold something."""
    return [(i, t) for i, t in ((i, cell_text(c)) for i, c in enumerate(cells)) if t]


def is_footer_text(text: str) -> bool:
    """Whether a row starting with this text is a total ("Tổng số: 180 công dân./.", "Cộng"), a signature
    line ("Người lập biểu", "TRƯỞNG CÔNG AN XÃ") or a date of signing ("..., ngày 28 tháng 3 năm 2025")."""
    t = nfc(text).lower()
    f = fold(t)
    if t.isascii():
        if f.startswith(_FOOTER_FOLDED) or _TOTAL_FOLDED_RE.match(f):
            return True
    elif t.startswith(FOOTER_STARTS) or _TOTAL_RE.match(t):
        return True
    return bool(len(f) < 80 and _DATE_LINE_RE.search(f))


def has_id_like(values: Sequence[tuple[int, str]]) -> bool:
    """Whether a row holds a long number (a CCCD or a phone): it is a resident, whatever else it says."""
    return any(_ID_LIKE_RE.search(t.replace(" ", "").replace(".", "")) for _, t in values)


@dataclass(frozen=True)
class SectionRow:
    """A section row of a printout: the hamlet it names ("I | THÔN NÀ PÀN (30 công dân)"), or None for a
    group heading that names none ("II. CÔNG DÂN ĐI LÀM ĂN XA")."""
    hamlet: Optional[str]


# A section's marker: a Roman numeral (upper case), a letter, or a number, with optional punctuation.
_ROMAN = r"[IVXLC]{1,6}"
_MARKER_CELL_RE = re.compile(rf"^(?:(?P<roman>{_ROMAN})|(?P<letter>[A-Za-z])|(?P<digit>\d{{1,3}}))\s*(?P<p>[.):\-–]?)$")
_MARKER_LEAD_RE = re.compile(rf"^(?:(?P<roman>{_ROMAN})|(?P<letter>[A-Za-z])|(?P<digit>\d{{1,3}}))\s*[.):\-–]\s*")
# A count after the title or in a cell of its own: "(30 công dân)", "- 25 người", ": 10 công dân", "(8 hộ, 20
# người)", "12 người" (folded).
_UNITS = r"(?:cong dan|nguoi|nhan khau|ho|khau|cd|tai khoan)"
_COUNT_TAIL_RE = re.compile(rf"\s*(?:[\(\[]\s*(?:co\s*)?\d[^\)\]]*[\)\]]|[:\-–,]?\s*(?:co\s*)?\d+\s*{_UNITS}\b.*)\s*[.:]*$")
_COUNT_CELL_RE = re.compile(rf"^[\(\[]?\s*(?:co\s*)?\d+\s*{_UNITS}?[^\)\]]*[\)\]]$|^(?:co\s*)?\d+\s*{_UNITS}\b.*$")
_LIST_PREFIX_RE = re.compile(r"^(?:danh sach\s+(?:cong dan\s+)?(?:cua\s+)?)")
_NAME_LIKE_KINDS = {"ban", "lang", "buon", "to", "khoi", "khu", "khom"}


def section_row(values: Sequence[tuple[int, str]], name_col: Optional[int] = None) -> Optional[SectionRow]:
    """The section a row without resident data is ("I | THÔN NÀ PÀN (30 công dân)", "II. Xóm 3 - 25 người",
    "A. TỔ DÂN PHỐ 2", "Thôn Nà Thí" alone), or None. `values` are the row's non-blank (column, text) cells.

    A title names a hamlet when it starts with a hamlet kind word (canvass.address.hamlet_kind). A title that
    names none is a section only with a Roman numeral or letter marker and in capitals (a group heading):
    a number alone is a resident's STT, and "1 | Nguyễn Văn An" a resident. In the name column, a title whose
    kind word is typed without accents and could be a name so typed ("To Van An" for Tô Văn An, "Ban" for
    Bàn) needs a marker, a count or a number to be a section; with its accents ("Bản Quyền") it is one."""
    cells = [(c, nfc(t)) for c, t in values if t]
    if not cells or len(cells) > 4:
        return None
    marker = None
    m = _MARKER_CELL_RE.match(cells[0][1])
    if m and len(cells) > 1:
        marker = m
        cells = cells[1:]
    counted = False
    rest = []
    for c, t in cells:
        if rest and _COUNT_CELL_RE.match(fold(t)):
            counted = True
            continue
        if rest and t.isdigit() and len(t) <= 3:   # a bare number after the title: a count, but no proof
            continue
        rest.append((c, t))
    if len(rest) != 1:
        return None
    col, title = rest[0]
    if marker is None:
        m = _MARKER_LEAD_RE.match(title)
        if m and m.end() < len(title):
            marker, title = m, title[m.end():]
    f = fold(title)
    if len(f) == len(title):   # fold keeps one character per character for Vietnamese NFC text
        tail = _COUNT_TAIL_RE.search(f)
        if tail and tail.start() > 0:
            title, f, counted = title[:tail.start()], f[:tail.start()], True
        lead = _LIST_PREFIX_RE.match(f)
        if lead:
            title = title[lead.end():]
    title = title.strip(" .:;,-–")
    if not title or len(title) > 60:
        return None
    kind = hamlet_kind(title)
    if kind is not None:
        hamlet = clean_hamlet_name(title)
        if (col == name_col and fold(kind) in _NAME_LIKE_KINDS and title.split()[0].isascii() and not counted
                and (marker is None or marker.group("digit")) and not any(ch.isdigit() for ch in title)):
            return None   # "To Van An" (Tô Văn An typed without accents): a name, not a place
        return SectionRow(hamlet)
    if marker is not None and not marker.group("digit") and title.isupper() and not any(ch.isdigit() for ch in title):
        return SectionRow(None)
    return None


def section_hamlet(values: Sequence[tuple[int, str]]) -> Optional[str]:
    """The hamlet a section row names ("Thôn Nà Thí", "II. XÓM 3 (25 người)"), or None."""
    sec = section_row(values)
    return sec.hamlet if sec else None


def commune_from_titles(rows: Sequence[Sequence[Any]]) -> Optional[str]:
    """The commune a list's heading names ("CÔNG AN XÃ TÂN VĂN" -> "Xã Tân Văn"), or None."""
    for cells in rows:
        for _, text in nonblank(cells):
            name = commune_from_text(text, titles=True)
            if name:
                return name
    return None


_ADDR_COMMUNE_RE = re.compile(r"(?:^|[,;\-]\s*)(xa|phuong|thi tran)\s+([^,;]+)")
_KIND_SHOW = {"xa": "Xã", "phuong": "Phường", "thi tran": "Thị trấn"}


def commune_from_text(text: str, *, titles: bool = False) -> Optional[str]:
    """The commune named in a heading (titles=True: "CÔNG AN XÃ …") or an address ("…, xã Tân Văn, …")."""
    t = nfc(text)
    f = fold(t)
    if len(f) != len(t):  # fold keeps one character per character for Vietnamese NFC text
        return None
    m = (_COMMUNE_RE.search(f) if titles else _ADDR_COMMUNE_RE.search(f))
    if not m:
        return None
    start, end = m.span(2)
    name = t[start:end].strip(" .,;:-")
    if not name or len(name) > 60:
        return None
    words = [w[:1].upper() + w[1:].lower() for w in name.split()]
    return f"{_KIND_SHOW[m.group(1)]} {' '.join(words)}"
