"""Reading a returned team pack: the workbook's cells (formulas kept as text, a zip bomb refused), its hidden
sheet checked against the pack's HMAC, the main sheet's data rows found under their header, when the file was
saved, and the visit a filled row asks for. `merge.py` decides what to do with the rows."""
from __future__ import annotations

import datetime as dt
import hmac
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from sqlalchemy.orm import Session

from canvass.db import now
from canvass.errors import CanvassError, InvalidInput
from canvass.events import REASONS
from canvass.models import Pack
from canvass.packs import layout as L

_DETAIL_MAX = 80


class PackTampered(CanvassError):
    """The returned workbook is not an intact pack of this database: nothing was applied."""


@dataclass
class Book:
    sheets: dict[str, list[tuple]]
    modified: Optional[dt.datetime]


_SKIP_SHEETS = (L.GUIDE_SHEET, L.LISTS_SHEET)
_MAX_UNZIPPED = 400 * 1024 * 1024  # a 5,000-row pack unzips to ~3 MB; more is a zip bomb, not a pack
_FORMULA_RE = re.compile(rb"<(?:\w+:)?f[ >/]")
_MODIFIED_RE = re.compile(rb"<dcterms:modified[^>]*>([^<]+)<")


def read_book(path: Path) -> Book:
    """Every sheet's cell values (formulas as their text), and when the file was last saved.

    calamine reads the values fast, but it only knows a formula's cached result; a workbook with any
    formula cell (a hostile `=HYPERLINK(...)`, say) is read with openpyxl instead, which gives the
    formula's text, so it is stored as plain text rather than evaluated or lost.
    """
    if path.suffix.lower() in (".ods", ".xls"):
        return _read_calamine(path)
    try:
        with zipfile.ZipFile(path) as z:
            if sum(i.file_size for i in z.infolist()) > _MAX_UNZIPPED:
                raise CanvassError("pack_too_large", name=path.name)
            names = z.namelist()
            formulas = any(_FORMULA_RE.search(z.read(n)) for n in names
                           if n.startswith("xl/worksheets/") and n.endswith(".xml"))
            core = z.read("docProps/core.xml") if "docProps/core.xml" in names else b""
    except FileNotFoundError:
        raise CanvassError("file_missing", name=path.name) from None
    except (zipfile.BadZipFile, OSError, KeyError) as exc:
        raise CanvassError("workbook_unreadable", name=path.name) from exc
    modified = None
    m = _MODIFIED_RE.search(core)
    if m:
        try:
            stamp = dt.datetime.fromisoformat(m.group(1).decode("ascii").strip().replace("Z", "+00:00"))
            if stamp.tzinfo is None:
                stamp = stamp.replace(tzinfo=dt.timezone.utc)
            modified = stamp.astimezone().replace(tzinfo=None)
        except ValueError:
            modified = None
    if not formulas:
        try:
            book = _read_calamine(path)
        except CanvassError:
            pass
        else:
            book.modified = modified
            return book
    book = _read_openpyxl(path)
    book.modified = modified
    return book


def _read_openpyxl(path: Path) -> Book:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException
    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except FileNotFoundError:
        raise CanvassError("file_missing", name=path.name) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise CanvassError("workbook_unreadable", name=path.name) from exc
    try:
        sheets = {}
        for ws in wb.worksheets:
            if ws.title in _SKIP_SHEETS:
                continue
            ws.reset_dimensions()
            sheets[ws.title] = [tuple(r) for r in ws.iter_rows(values_only=True)]
    finally:
        wb.close()
    return Book(sheets, None)


def _read_calamine(path: Path) -> Book:
    try:
        from python_calamine import CalamineWorkbook
        wb = CalamineWorkbook.from_path(str(path))
        sheets = {name: [tuple(r) for r in wb.get_sheet_by_name(name).to_python(skip_empty_area=False)]
                  for name in wb.sheet_names if name not in _SKIP_SHEETS}
    except FileNotFoundError:
        raise CanvassError("file_missing", name=path.name) from None
    except Exception as exc:  # noqa: BLE001 - calamine raises its own error types
        raise CanvassError("workbook_unreadable", name=path.name) from exc
    return Book(sheets, None)


def int_of(value) -> Optional[int]:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = str(value).strip()
    try:
        f = float(text)
    except ValueError:
        return None
    return int(f) if f.is_integer() else None


@dataclass
class Hidden:
    pack_id: str
    team_id: int
    checksum: str
    items: dict[int, int]


def read_hidden(book: Book) -> Hidden:
    rows = book.sheets.get(L.DATA_SHEET)
    if rows is None:
        raise PackTampered("pack_not_a_pack")
    meta: dict[str, object] = {}
    items: dict[int, int] = {}
    in_items = False
    for row in rows:
        a = row[0] if row else None
        b = row[1] if len(row) > 1 else None
        if (a is None or a == "") and (b is None or b == ""):
            continue
        if not in_items:
            if str(a).strip() == "resident_id":
                in_items = True
            else:
                meta[str(a).strip()] = b
            continue
        rid, ver = int_of(a), int_of(b)
        if rid is None or ver is None or rid in items:
            raise PackTampered("pack_hidden_changed")
        items[rid] = ver
    pack_id = L.cell_text(meta.get("pack_id"))
    team_id = int_of(meta.get("team_id"))
    checksum = L.cell_text(meta.get("checksum")).lower()
    if not pack_id or team_id is None or not checksum:
        raise PackTampered("pack_hidden_changed")
    return Hidden(pack_id, team_id, checksum, items)


def verify(session: Session, hidden: Hidden) -> Pack:
    pack = session.get(Pack, hidden.pack_id)
    if pack is None:
        raise PackTampered("pack_unknown")
    secret = L.database_secret(session, create=False)
    if secret is None:
        raise PackTampered("pack_none_exported")
    expected = L.pack_checksum(secret, hidden.pack_id, hidden.team_id, hidden.items.items())
    if not (hmac.compare_digest(expected, hidden.checksum) and hmac.compare_digest(expected, pack.checksum)
            and pack.team_id == hidden.team_id):
        raise PackTampered("pack_hidden_changed")
    return pack


def _header(rows: list[tuple]) -> tuple[int, dict[str, int]]:
    """(index of the header row, key -> column index) of the main sheet."""
    for i, row in enumerate(rows[:30]):
        cols = {}
        for j, v in enumerate(row):
            key = L.HEADER_TO_KEY.get(L.fold(L.cell_text(v))) if v is not None else None
            if key and key not in cols:
                cols[key] = j
        if "outcome" in cols and ("rid" in cols or "cccd" in cols or "name" in cols):
            return i, cols
    raise CanvassError("pack_main_sheet_broken")


def main_rows(book: Book) -> tuple[str, list[tuple[int, dict]]]:
    """The main sheet's name and its data rows as (sheet row number, {key: value})."""
    names = [L.MAIN_SHEET] + [n for n in book.sheets if n not in (L.MAIN_SHEET, L.DATA_SHEET)]
    for name in names:
        rows = book.sheets.get(name)
        if not rows:
            continue
        try:
            hi, cols = _header(rows)
        except CanvassError:
            continue
        out = []
        for i in range(hi + 1, len(rows)):
            row = rows[i]
            values = {k: (row[j] if j < len(row) else None) for k, j in cols.items()}
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values.values()):
                continue
            out.append((i + 1, values))
        return name, out
    raise CanvassError("pack_main_sheet_broken")


# ---------------------------------------------------------------- values

def _phone(value) -> tuple[Optional[str], Optional[str]]:
    """(E.164, warning) of a new-phone cell; raises InvalidInput when it is not a usable number."""
    from canvass.phones import typed_phone

    return typed_phone(L.phone_text(value))


def detail(value) -> str:
    text = L.cell_text(value)
    return text if len(text) <= _DETAIL_MAX else text[:_DETAIL_MAX] + "…"


@dataclass
class Visit:
    outcome: str
    reason: Optional[str]
    at: dt.datetime
    note: Optional[str]
    new_phone: Optional[str]
    dated: bool = True   # False: the row had no date and took the file's


def parse_row(values: dict, file_at: dt.datetime, start: Optional[dt.date], today: dt.date,
               warn: Callable[[str, str], None]) -> Visit:
    """The visit a filled row asks for; raises InvalidInput(code, detail) when a value is not acceptable."""
    raw_outcome = values.get("outcome")
    if L.cell_text(raw_outcome) == "":
        raise InvalidInput("missing_outcome", "")
    outcome = L.code_for(raw_outcome, L.OUTCOME_LOOKUP)
    if outcome is None:
        raise InvalidInput("bad_outcome", detail(raw_outcome))
    raw_reason = values.get("reason")
    reason = None
    if L.cell_text(raw_reason):
        reason = L.code_for(raw_reason, L.REASON_LOOKUP)
        if reason is None:
            raise InvalidInput("bad_reason", detail(raw_reason))
        if reason not in REASONS.get(outcome, ()):
            raise InvalidInput("reason_not_for_outcome", detail(raw_reason))
    if outcome == "ineligible" and reason is None:
        raise InvalidInput("missing_reason", "")
    note = L.cell_text(values.get("note")) or None
    if note and len(note) > L.NOTE_MAX:
        note = note[:L.NOTE_MAX] + "…"
        warn("note_truncated", f"{L.NOTE_MAX} characters kept")
    if reason == "other" and not note:
        raise InvalidInput("missing_note", "")
    raw_date = values.get("visit_date")
    if L.cell_text(raw_date):
        at = L.parse_visit_date(raw_date)
        if at is None:
            raise InvalidInput("bad_date", detail(raw_date))
    else:
        at = file_at
    dated = bool(L.cell_text(raw_date))
    if at.date() > today:
        raise InvalidInput("future_date", at.date().isoformat())
    if start is not None and at.date() < start:
        raise InvalidInput("before_campaign", at.date().isoformat())
    try:
        new_phone, warning = _phone(values.get("new_phone"))
    except InvalidInput:
        raise InvalidInput("bad_phone", detail(values.get("new_phone"))) from None
    if warning:
        warn("phone", warning)
    return Visit(outcome, reason, at, note, new_phone, dated)


def file_at(book: Book, path: Path) -> dt.datetime:
    """When the returned file was saved (workbook properties, else the file's time), at most now."""
    stamp = book.modified
    if stamp is None:
        try:
            stamp = dt.datetime.fromtimestamp(os.path.getmtime(path))
        except OSError:
            stamp = now()
    return min(stamp.replace(microsecond=0), now())
