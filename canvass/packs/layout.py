"""What a team pack workbook looks like, shared by the writer and the reader: sheet names, columns,
the hidden sheet's keys, the checksum, and how filled-in cell values are read back into codes."""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import unicodedata
from typing import Iterable, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from canvass.dates import DATE_ONLY_HOUR
from canvass.events import (ABSENT_REASONS, INELIGIBLE_REASONS, OUTCOMES, REASON_LABELS_VI, STATUS_LABELS_VI)
from canvass.models import Meta
from canvass.text import fold

FORMAT_VERSION = 1
MAIN_SHEET = "Danh sách"
GUIDE_SHEET = "Hướng dẫn"
DATA_SHEET = "_pack"
LISTS_SHEET = "_lists"
TITLE_ROW, HEADER_ROW = 1, 3        # data rows start below the header row
SECRET_KEY = "pack_secret"          # meta key of the per-database HMAC secret

# (key, header, width); the first column carries the resident id and is hidden.
COLUMNS = (
    ("rid", "Mã hệ thống (không sửa)", 8),
    ("stt", "STT", 6),
    ("hamlet", "Thôn", 16),
    ("household", "Số hộ", 8),
    ("name", "Họ và tên", 24),
    ("birth_year", "Năm sinh", 9),
    ("cccd", "Số CCCD", 15),
    ("phone", "Số điện thoại", 13),
    ("address", "Địa chỉ", 28),
    ("status", "Trạng thái hiện tại", 24),
    ("outcome", "Kết quả", 26),
    ("reason", "Lý do", 30),
    ("visit_date", "Ngày đến (ngày/tháng/năm)", 14),
    ("new_phone", "Số điện thoại mới", 15),
    ("note", "Ghi chú", 32),
)
COLUMN_KEYS = tuple(c[0] for c in COLUMNS)
FILL_KEYS = ("outcome", "reason", "visit_date", "new_phone", "note")
HEADER_TO_KEY = {fold(h): k for k, h, _w in COLUMNS}

# Outcomes a team may write in a pack: every visit outcome except `pending` (a pack row left empty is
# "not visited"; re-opening a resident is done at the commune).
PACK_OUTCOMES = tuple(o for o in OUTCOMES if o != "pending")
PACK_REASONS = INELIGIBLE_REASONS + ABSENT_REASONS
NOTE_MAX = 2000                     # longer notes are cut (with a warning), so later exports stay valid
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_OOXML_ESCAPE_RE = re.compile(r"_x([0-9A-Fa-f]{4})_")  # how xlsx files spell control characters
_PAREN_RE = re.compile(r"\s*\([^)]*\)\s*$")


def _variants(code: str, label: str) -> set[str]:
    out = {fold(code), fold(code.replace("_", " ")), fold(label)}
    short = _PAREN_RE.sub("", label)
    if short != label:
        out.add(fold(short))
    return out


def _lookup(codes: Iterable[str], labels: dict[str, str]) -> dict[str, str]:
    table: dict[str, str] = {}
    for code in codes:
        for v in _variants(code, labels[code]):
            table.setdefault(v, code)
    return table


# folded label / code / code with spaces -> code. "Đã kích hoạt" alone means the team's activation.
OUTCOME_LOOKUP = _lookup(PACK_OUTCOMES, STATUS_LABELS_VI)
REASON_LOOKUP = _lookup(PACK_REASONS, REASON_LABELS_VI)
# Values a person may write that are real statuses but not for a team to record.
NOT_FOR_TEAMS = {v for code in ("pending", "activated_system") for v in _variants(code, STATUS_LABELS_VI[code])}
NOT_FOR_TEAMS -= set(OUTCOME_LOOKUP)


def outcome_labels() -> list[str]:
    """The outcome drop-down, in the order of OUTCOMES."""
    return [STATUS_LABELS_VI[o] for o in PACK_OUTCOMES]


def reason_labels() -> list[str]:
    """The reason drop-down: the ineligible reasons, then the absence details."""
    return [REASON_LABELS_VI[r] for r in PACK_REASONS]


# ---------------------------------------------------------------- the checksum

def database_secret(session: Session, *, create: bool = True) -> Optional[bytes]:
    """The per-database secret packs are signed with (made on first use, kept in `meta`)."""
    value = session.scalar(select(Meta.value).where(Meta.key == SECRET_KEY))
    if value is None and create:
        value = secrets.token_hex(32)
        session.add(Meta(key=SECRET_KEY, value=value))
        session.flush()
    return bytes.fromhex(value) if value else None


def pack_checksum(secret: bytes, pack_id: str, team_id: int, items: Iterable[tuple[int, int]]) -> str:
    """HMAC-SHA256 over the pack id, the team and every (resident id, version) pair, in id order."""
    msg = [f"gocua-pack-v{FORMAT_VERSION}", str(pack_id), str(int(team_id))]
    msg += [f"{int(r)}:{int(v)}" for r, v in sorted(items)]
    return hmac.new(secret, "\n".join(msg).encode("ascii"), hashlib.sha256).hexdigest()


# ---------------------------------------------------------------- cell values

def cell_text(value) -> str:
    """Any cell value as plain text: `_x0007_` escapes decoded, then no control characters (tab and
    line breaks stay), NFC, trimmed. Formulas stay as their text."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        text = value.isoformat(sep=" ")
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = str(value)
    if "_x" in text:
        text = _OOXML_ESCAPE_RE.sub(lambda m: chr(int(m.group(1), 16)), text)
    text = _CONTROL_RE.sub("", unicodedata.normalize("NFC", text))
    return text.strip()


def code_for(value, lookup: dict[str, str]) -> Optional[str]:
    """The code a drop-down label, a code or a folded variant of either stands for (None if unknown)."""
    key = fold(cell_text(value))
    key = re.sub(r"\s*[-:.]\s*$", "", key)
    return lookup.get(key)


_DATE_PATTERNS = (
    re.compile(r"^(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4}|\d{2})(?:\s+(?P<H>\d{1,2})[:h](?P<M>\d{2}))?$"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2}(?:\.\d+)?)?)?$"),
)


def parse_visit_date(value) -> Optional[dt.datetime]:
    """A visit date from a cell (date, date-time, Excel serial number or dd/mm/yyyy text); None if not one.

    A date without a time becomes 12:00 that day (see DATE_ONLY_HOUR).
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.replace(hour=DATE_ONLY_HOUR, second=0, microsecond=0)
        return value.replace(second=0, microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(DATE_ONLY_HOUR))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 30000 <= value <= 80000:  # an Excel serial day number (1982..2119)
            day = dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
            return dt.datetime.combine(day, dt.time(DATE_ONLY_HOUR))
        return None
    text = cell_text(value)
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        year = int(m.group("y"))
        year = year + 2000 if year < 100 else year
        try:
            if m.group("H") is not None:
                return dt.datetime(year, int(m.group("m")), int(m.group("d")), int(m.group("H")), int(m.group("M")))
            return dt.datetime(year, int(m.group("m")), int(m.group("d")), DATE_ONLY_HOUR)
        except ValueError:
            return None
    return None


def phone_text(value) -> str:
    """A phone cell as text; a number cell that lost its leading zero (912345678) gets it back."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        digits = str(int(value))
        return "0" + digits if len(digits) == 9 else digits
    return cell_text(value)


