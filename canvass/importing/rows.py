"""From a sheet's rows to parsed resident rows: which rows are data, and each data row's values
normalised (name, CCCD, date of birth, phone, gender, hamlet, household) with its warnings, or the
reason it cannot become a resident.

Rules:
- A row is data when it holds something and is not a title, header, numbering, section, blank or footer
  row. Footer: a row starting like a total or a signature line ("Tổng số…", "Người lập biểu", a date of
  signing), and after it every row without a CCCD-like number (signature names); a row with a CCCD is
  always data. After two or more blank rows, a row with no CCCD-like number and no date also starts the
  footer.
- A section row ("I | THÔN NÀ PÀN (30 công dân)", "II. Xóm 3 - 25 người", "Thôn Nà Thí" alone; see
  headers.section_row) is not a row; a footer-like row whose birth-date cell holds a date is a resident.
- The hamlet of a row comes from its hamlet column, else the section row above it, else the sheet name (one
  sheet per hamlet), else the `--hamlet` the user gave, else the first part of its address, before the
  commune, that names a hamlet ("Số 12, Tổ dân phố 3, phường …"), else the "(Chưa rõ thôn)" group with a
  warning. Only a row without a name is rejected: a missing or mistyped CCCD is a warning, the cell kept as
  written (`id_raw`). A blank hamlet cell under a filled one
  means "same as above" (lists often write the hamlet once per group, merged or not).
- Merged cells that span rows (a merged "Thôn" or "Số hộ" cell) give their value to every row they span.
- The household: the list's Số hộ within the hamlet, else a key from an address that names a door, else a
  household of one (key "~" + CCCD) — never one household per hamlet.
"""
from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any, Optional, Sequence

from canvass.address import UNKNOWN_HAMLET, clean_hamlet_name, hamlet_from_address, household_key_from_address
from canvass.dates import parse_date
from canvass.ids import E_EMPTY, cccd_birth_year, normalize_id
from canvass.phones import normalize_phone
from canvass.text import clean_name, fold, name_sort_key, nfc

from canvass.importing.headers import (EXTRA, cell_text, has_id_like, is_footer_text, is_numbering_row, nonblank,
                                       section_row)

# Reasons a row is rejected (short English phrases the UI translates).
R_NO_NAME = "no name"
R_NO_CCCD = "no CCCD"
R_NO_HAMLET = "no hamlet"
R_BAD_CCCD = "CCCD: {}"   # also the warning of a row kept without a valid ID (the ID kept as written)
# Warnings the importer adds to the normalisers' own.
W_DUPLICATE = "same CCCD as row {}; differs: {}"
W_BIRTH_YEAR = "birth year differs from the CCCD"
W_GENDER = "unknown gender"
W_REOPENED = "was activated per system; back on the list"

_GENDERS = {"nam": "Nam", "nu": "Nữ", "male": "Nam", "female": "Nữ", "m": "Nam", "f": "Nữ", "trai": "Nam",
            "gai": "Nữ"}
_HEAD_RELATIONS = {"chu ho", "ch", "la chu ho", "chu ho gia dinh", "chuho"}


class ParsedRow:
    """One data row: where it came from, its raw cells, and its normalised values or why it was rejected."""
    __slots__ = ("sheet", "row", "raw", "reason", "warnings", "name", "name_fold", "name_sort", "cccd", "id_kind",
                 "dob", "dob_raw", "gender", "phone", "phone_raw", "household_no", "head_name", "relation",
                 "is_head", "hamlet", "address", "account_level", "source_status", "note", "extra",
                 "household_key", "disposition", "resident_id", "duplicate_of", "parse_warnings", "id_raw",
                 "commune")

    def __init__(self, sheet: str, row: int, raw: str):
        self.sheet, self.row, self.raw = sheet, row, raw   # raw: the cells as JSON text (compact in memory)
        self.reason: Optional[str] = None
        self.warnings: Optional[list[tuple[str, str]]] = None
        self.name = self.name_fold = self.name_sort = None
        self.cccd = self.id_kind = None
        self.dob: Optional[dt.date] = None
        self.dob_raw = self.gender = self.phone = self.phone_raw = None
        self.household_no = self.head_name = self.relation = None
        self.is_head = False
        self.hamlet = self.address = self.account_level = self.source_status = self.note = None
        self.extra: Optional[str] = None
        self.household_key: Optional[str] = None
        self.disposition: Optional[str] = None
        self.resident_id: Optional[int] = None
        self.duplicate_of: Optional[int] = None
        self.parse_warnings = 0      # how many of `warnings` the row itself gave (the rest: reconciling)
        self.id_raw: Optional[str] = None   # the ID cell as written when it is not a valid CCCD/CMND
        self.commune: Optional[str] = None  # a province list's commune cell (canvass.communes splits by it)

    def reset(self) -> None:
        """Forget what reconciling added (disposition, resident, its warnings): the row as parsed."""
        self.disposition = self.resident_id = self.duplicate_of = None
        if self.warnings is not None:
            del self.warnings[self.parse_warnings:]
            if not self.warnings:
                self.warnings = None

    def warn(self, field: str, message: str) -> None:
        """Add a warning to the row."""
        if self.warnings is None:
            self.warnings = []
        self.warnings.append((field, message))


_nfc = lru_cache(maxsize=131072)(nfc)


def _text(v: Any) -> Optional[str]:
    """A cell as stored text: NFC with single spaces (cached: lists repeat the same values), None if empty."""
    if type(v) is str:
        return _nfc(v) or None
    if v is None or v == "":
        return None
    if isinstance(v, (dt.datetime, dt.date)):
        return v.isoformat()
    return str(v)


def _json_default(v: Any) -> Any:
    return v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else str(v)


_RAW_ENCODER = json.JSONEncoder(ensure_ascii=False, default=_json_default)
# the C encoder JSONEncoder.encode ends up in, built once (skips ~1 µs of Python wrapping per row)
_C_ENCODE = (c_make_encoder(None, _json_default, encode_basestring, None, ": ", ", ", False, False, True)
             if c_make_encoder is not None else None)


def raw_json(cells: Sequence[Any]) -> str:
    """A row's cells as stored in source_row: JSON list, trailing blanks dropped, dates as ISO text."""
    n = len(cells)
    while n and cells[n - 1] == "":
        n -= 1
    cells = cells[:n] if n < len(cells) else cells
    if _C_ENCODE is not None and type(cells) is list:
        return "".join(_C_ENCODE(cells, 0))
    return _RAW_ENCODER.encode(cells)


class SheetParser:
    """Turns one sheet's rows (after its header) into ParsedRow objects, tracking sections, merged cells
    carried down, blank gaps and the footer."""

    def __init__(self, sheet: str, mapping: dict[int, str], headers: Sequence[str], *,
                 merged: Sequence[tuple[int, int, int, int]] = (), header_row: int = 0,
                 skip_numbering: bool = False, sheet_hamlet: Optional[str] = None,
                 default_hamlet: Optional[str] = None, today: Optional[dt.date] = None):
        self.sheet = sheet
        self.header_row = header_row
        self.skip_numbering = skip_numbering
        self.sheet_hamlet = sheet_hamlet
        self.default_hamlet = default_hamlet
        self.today = today or dt.date.today()
        self.cols: dict[str, list[int]] = {}
        for col, f in sorted(mapping.items()):
            self.cols.setdefault(f, []).append(col)
        self.extra_cols = [(c, headers[c] if c < len(headers) and headers[c] else f"col{c + 1}")
                           for c in self.cols.get(EXTRA, [])]
        # a "Ngày sinh" group over "Nam" / "Nữ" sub-columns: the column that holds the date gives the gender
        self.dob_gender = {}
        for c in self.cols.get("dob", []):
            last = fold(headers[c]).split()[-1] if c < len(headers) and headers[c] else ""
            if last in ("nam", "nu"):
                self.dob_gender[c] = _GENDERS[last]
        name_cols = self.cols.get("name", [])
        self.name_col = name_cols[0] if name_cols else None
        # where each field is: its column, -1 (not mapped: the blank padding cell) or -2 (several columns)
        self.width = max(mapping, default=-1) + 2
        self.ix = {f: (cols[0] if len(cols) == 1 or f not in ("phone", "dob") else -2)
                   for f, cols in self.cols.items()}
        for f in ("name", "cccd", "dob", "gender", "phone", "address", "household_no", "head_name", "relation",
                  "hamlet", "account_level", "source_status", "note", "commune"):
            self.ix.setdefault(f, -1)
        # merged cells spanning rows below the header: (first row, column) -> last row (1-based rows)
        self.merge_down = {}
        for r0, c0, r1, c1 in merged:
            if r1 > r0 and r0 + 1 >= header_row:
                self.merge_down.setdefault(r0 + 1, []).append((c0, r1 + 1))
        self.active: list[tuple[int, int, Any]] = []  # (column, last row, value)
        self.section: Optional[str] = None
        self.last_hamlet_cell: Optional[str] = None
        self.blank_run = 0
        self.footer = False
        self.seen_data = False
        self.numbering_checked = not skip_numbering

    def _carry(self, number: int, cells: list[Any]) -> list[Any]:
        if self.active:
            keep = []
            for col, last, value in self.active:
                if number <= last:
                    keep.append((col, last, value))
                    while len(cells) <= col:
                        cells.append("")
                    if cells[col] in ("", None):
                        cells[col] = value
            self.active = keep
        starts = self.merge_down.get(number)
        if starts:
            for col, last in starts:
                if col < len(cells) and cells[col] not in ("", None):
                    self.active.append((col, last, cells[col]))
        return cells

    def feed(self, number: int, cells: list[Any]) -> Optional[ParsedRow]:
        """Classify one row (after the header); returns a ParsedRow for a data row, else None."""
        if number <= self.header_row:
            return None
        if not self.numbering_checked:
            self.numbering_checked = True
            if is_numbering_row(cells):
                return None
        raw = cells
        if self.merge_down or self.active:
            cells = self._carry(number, list(cells))
        w = self.width - 1  # mapped columns, then one blank cell that unmapped fields read (index -1)
        cells = cells[:w] + [""] * (w - len(cells) + 1) if len(cells) <= w else cells[:w] + [""]
        # the common case first: a name and at least two more values, outside the footer
        nc = self.name_col
        name = cells[nc] if nc is not None else ""
        filled = len(cells) - cells.count("")
        if (name != "" and not self.footer and type(name) is str and filled >= 3
                and (filled >= 5 or (not is_footer_text(name)   # a footer or section never fills 5 columns
                                     and section_row(nonblank(cells), nc) is None))):
            self.blank_run = 0
            self.seen_data = True
            return self.parse(number, raw, cells)
        values = nonblank(cells)
        if not values:
            self.blank_run += 1
            return None
        if not has_id_like(values):
            first = values[0][1]
            if is_footer_text(first):
                self.footer = True
                self.blank_run = 0
                return None
            section = section_row(values, nc)
            if section is not None:   # "I | THÔN NÀ PÀN (30 công dân)": the hamlet of the rows under it
                if section.hamlet:
                    self.section = section.hamlet
                    self.last_hamlet_cell = None
                self.footer = False   # a subtotal ("Cộng") above a new section ended nothing
                self.blank_run = 0
                return None
            if len(values) == 1 and values[0][0] != nc:   # a title or a note, not a resident
                self.blank_run = 0
                return None
            if (self.footer or (self.seen_data and self.blank_run >= 2)) and not self._has_date(cells):
                self.footer = True
                return None
        self.footer = False
        self.blank_run = 0
        self.seen_data = True
        return self.parse(number, raw, cells)

    def _has_date(self, cells: list[Any]) -> bool:
        """Whether the row's date-of-birth cell holds a date or a year (a resident, never a signature)."""
        for c in self.cols.get("dob", []):
            v = cells[c]
            if v not in ("", None):
                d = parse_date(v, today=self.today)
                if d.value is not None or d.year is not None:
                    return True
        return False

    def _get(self, cells: list[Any], f: str) -> Any:
        for c in self.cols.get(f, ()):
            v = cells[c]
            if v != "" and v is not None:
                return v
        return None

    def parse(self, number: int, raw: list[Any], cells: list[Any]) -> ParsedRow:
        """Normalise one data row's values (never raises: problems become the reason or warnings).
        `cells` is padded to the mapped width plus one blank, so column -1 (an unmapped field) is blank."""
        p = ParsedRow(self.sheet, number, raw_json(raw))
        ws: list[tuple[str, str]] = []
        warn = ws.append
        ix = self.ix
        name = cells[ix["name"]]
        if name != "":
            name = clean_name(str(name))
            if name:
                p.name, p.name_fold, p.name_sort = name, fold(name), name_sort_key(name)
        # CCCD
        v = cells[ix["cccd"]]
        res = normalize_id(v if v != "" else None)
        if res.value:
            p.cccd, p.id_kind = res.value, res.kind
            if res.warning:
                warn(("cccd", res.warning))
        # date of birth
        v = cells[ix["dob"]] if ix["dob"] != -2 else self._get(cells, "dob")
        if v != "" and v is not None:
            d = parse_date(v, today=self.today)
            p.dob = d.value
            if d.value is None:
                p.dob_raw = d.raw or _text(v)
            if d.warning:
                warn(("dob", d.warning))
            if self.dob_gender:
                for c, g in self.dob_gender.items():
                    if cells[c] not in ("", None):
                        p.gender = g
                        break
            if p.id_kind == "cccd":
                year = d.year or (d.value.year if d.value else None)
                if year and cccd_birth_year(p.cccd) not in (None, year):
                    warn(("dob", W_BIRTH_YEAR))
        # gender
        v = cells[ix["gender"]]
        if v != "":
            g = _GENDERS.get(fold(str(v)).strip(" ."))
            if g:
                p.gender = g
            elif str(v).strip().lower() != "x":
                p.gender = nfc(str(v))[:10]
                warn(("gender", W_GENDER))
        # phone (several phone columns are read as one cell with several numbers)
        if ix["phone"] == -2:
            parts = [str(cells[c]) for c in self.cols["phone"] if cells[c] not in ("", None)]
            v = " / ".join(parts) if parts else ""
        else:
            v = cells[ix["phone"]]
        if v != "" and v is not None:
            ph = normalize_phone(v)
            p.phone = ph.e164
            p.phone_raw = (ph.raw or _text(v) or "")[:80] or None
            if ph.warning:
                warn(("phone", ph.warning))
        # household, hamlet, address, the rest
        p.address = _text(cells[ix["address"]])
        hn = _text(cells[ix["household_no"]])
        p.household_no = hn[:40] if hn else None
        v = cells[ix["head_name"]]
        p.head_name = clean_name(str(v)) or None if v != "" else None
        rel = _text(cells[ix["relation"]])
        if rel is not None:
            p.relation = rel[:80]
            p.is_head = fold(rel).strip(" .") in _HEAD_RELATIONS
        elif p.head_name and p.name:
            p.is_head = fold(p.head_name) == p.name_fold
        p.hamlet = self._hamlet(cells, p.address)
        p.account_level = _text(cells[ix["account_level"]])
        p.source_status = _text(cells[ix["source_status"]])
        p.note = _text(cells[ix["note"]])
        p.commune = _text(cells[ix["commune"]])
        if self.extra_cols:
            extra = {}
            for c, label in self.extra_cols:
                if cells[c] != "" and cells[c] is not None:
                    extra[label] = _text(cells[c])
            if extra:
                p.extra = json.dumps(extra, ensure_ascii=False)
        # only a row without a name cannot become a resident: a missing or mistyped ID is kept as written
        # (matched later by name, birth and hamlet), a row without a hamlet joins the "no hamlet" group
        if not p.name:
            p.reason = R_NO_NAME
        elif not p.cccd:
            p.id_kind = "none"
            p.id_raw = (_text(cells[ix["cccd"]]) or "")[:40] or None
            ws.append(("cccd", R_NO_CCCD if res.error == E_EMPTY else R_BAD_CCCD.format(res.error)))
        if p.name and not p.hamlet:
            p.hamlet = UNKNOWN_HAMLET
            ws.append(("hamlet", R_NO_HAMLET))
        if ws:
            p.warnings = ws
            p.parse_warnings = len(ws)
        if p.reason is None:
            if p.household_no:
                p.household_key = p.household_no
            else:
                key = household_key_from_address(p.address) if p.address else None
                p.household_key = key or "~" + (p.cccd or _person_key(p))
        return p

    def _hamlet(self, cells: list[Any], address: Optional[str]) -> Optional[str]:
        v = cells[self.ix["hamlet"]]
        if v != "" and v is not None:
            self.last_hamlet_cell = clean_hamlet_name(cell_text(v))
            return self.last_hamlet_cell
        if self.cols.get("hamlet") and self.last_hamlet_cell:
            return self.last_hamlet_cell  # a blank under a filled cell: same as above
        if self.section:
            return self.section
        if self.sheet_hamlet:
            return self.sheet_hamlet
        if self.default_hamlet:
            return self.default_hamlet
        if address:
            return hamlet_from_address(address)
        return None


def _person_key(p: ParsedRow) -> str:
    """A household-of-one key for a resident without a valid ID: stable across imports of the same row."""
    birth = p.dob.isoformat() if p.dob else (p.dob_raw or "")
    return f"{p.name_fold}|{birth}"
