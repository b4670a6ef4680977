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
from canvass.ids import E_EMPTY, cccd_birth_year, id_parts
from canvass.phones import phone_parts
from canvass.text import clean_name, fold, name_sort_key, nfc

from canvass.importing.headers import (EXTRA, cell_text, has_id_like, is_footer_text, is_numbering_row, nonblank,
                                       section_row)

# Reasons a row is rejected and the warnings of a row: a fixed one is a short English phrase that is also its
# code (the window keys its Vietnamese text by it); one with values is a `Note` (below).
R_NO_NAME = "no name"
R_NO_CCCD = "no CCCD"
R_NO_HAMLET = "no hamlet"
# Warnings the importer adds to the normalisers' own.
W_BIRTH_YEAR = "birth year differs from the CCCD"
W_GENDER = "unknown gender"
W_REOPENED = "was activated per system; back on the list"

_GENDERS = {"nam": "Nam", "nu": "Nữ", "male": "Nam", "female": "Nữ", "m": "Nam", "f": "Nữ", "trai": "Nam",
            "gai": "Nữ"}
_HEAD_RELATIONS = {"chu ho", "ch", "la chu ho", "chu ho gia dinh", "chuho"}


# Row notes that carry values: code -> English template. `fields` is a list of field names.
NOTE_TEMPLATES = {
    "bad_id": "CCCD: {problem}",        # a row kept without a valid ID (the ID kept as written); problem: ids.E_*
    "duplicate_cccd": "same CCCD as row {row}; differs: {fields}",
    "same_person": "same person as row {row}; differs: {fields}",   # no valid ID: same name, birth, hamlet
}


class Note(str):
    """A row's warning with values: its English text (what logs, `--json` and tests read) that also carries its
    `code` and `params`, so the window renders its own language from them and never reads the sentence back."""

    def __new__(cls, code: str, **params: Any) -> "Note":
        shown = {k: ", ".join(v) if isinstance(v, (list, tuple)) else v for k, v in params.items()}
        self = super().__new__(cls, NOTE_TEMPLATES[code].format(**shown))
        self.code, self.params = code, params
        return self

    def __reduce__(self):   # pickles (a parsing process sends rows back) by code and values
        return _note, (self.code, self.params)


def _note(code: str, params: dict) -> Note:
    return Note(code, **params)


def note_parts(message: str) -> tuple[str, dict]:
    """The code and values of a row reason or warning (a fixed phrase is its own code, with no values)."""
    if isinstance(message, Note):
        return message.code, message.params
    return message, {}


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
_new_row = object.__new__


@lru_cache(maxsize=65536)
def _name_fields(cell: str) -> Optional[tuple[str, str, str]]:
    """(name, fold, sort key) of a name cell, None when it holds no name: one cache for the three (the
    functions' own caches are left to other callers)."""
    name = clean_name.__wrapped__(cell)
    return (name, fold.__wrapped__(name), name_sort_key.__wrapped__(name)) if name else None


@lru_cache(maxsize=1024)
def _gender_of(cell: str) -> Optional[tuple[str, bool]]:
    """(gender, unknown?) of a gender cell as text; None when it says nothing ("x")."""
    g = _GENDERS.get(fold(cell).strip(" ."))
    if g:
        return g, False
    if cell.strip().lower() != "x":
        return nfc(cell)[:10], True
    return None


def _relation(v: Any) -> Optional[tuple[str, bool]]:
    """(relation as stored, is the head?) of a relation cell, None when blank."""
    rel = _text(v)
    if rel is None:
        return None
    return rel[:80], fold(rel).strip(" .") in _HEAD_RELATIONS


_relation_of = lru_cache(maxsize=4096)(_relation)


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
        # the columns `parse` reads, in its order (one unpacking per row instead of a lookup per field)
        self.ix_row = tuple(self.ix[f] for f in ("name", "cccd", "dob", "gender", "phone", "address",
                                                  "household_no", "head_name", "relation", "account_level",
                                                  "source_status", "note", "commune"))
        self.i_hamlet = self.ix["hamlet"]
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
        if len(cells) < w:
            cells = cells + [""] * (w - len(cells) + 1)
        else:
            cells = cells[:w]   # a copy: the blank is appended to it, never to the row as read
            cells.append("")
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
        `cells` is padded to the mapped width plus one blank, so column -1 (an unmapped field) is blank.

        Written for speed (issue 14: it runs once per resident): each field's column is a local, a text cell
        goes to the cached `_nfc` without the `_text` call, repeated cells (names, genders, relations) hit one
        cache each, and the row object's slots are set once, here, instead of in `__init__` and again."""
        (i_name, i_cccd, i_dob, i_gender, i_phone, i_address, i_household_no, i_head_name, i_relation,
         i_account_level, i_source_status, i_note, i_commune) = self.ix_row
        ws: list[tuple[str, str]] = []
        warn = ws.append
        name = name_fold = name_sort = None
        v = cells[i_name]
        if v != "":
            fields = _name_fields(v if type(v) is str else str(v))
            if fields is not None:
                name, name_fold, name_sort = fields
        # CCCD
        cccd = id_kind = None
        v = cells[i_cccd]
        id_value, kind, warning, id_error = id_parts(v if v != "" else None)
        if id_value:
            cccd, id_kind = id_value, kind
            if warning:
                warn(("cccd", warning))
        # date of birth
        dob = dob_raw = gender = None
        v = cells[i_dob] if i_dob != -2 else self._get(cells, "dob")
        if v != "" and v is not None:
            d = parse_date(v, today=self.today)
            dob = d.value
            if dob is None:
                dob_raw = d.raw or _text(v)
            if d.warning:
                warn(("dob", d.warning))
            if self.dob_gender:
                for c, g in self.dob_gender.items():
                    if cells[c] not in ("", None):
                        gender = g
                        break
            if id_kind == "cccd":
                year = d.year or (dob.year if dob else None)
                if year and cccd_birth_year(cccd) not in (None, year):
                    warn(("dob", W_BIRTH_YEAR))
        # gender
        v = cells[i_gender]
        if v != "":
            g = _gender_of(v if type(v) is str else str(v))
            if g is not None:
                gender, unknown = g
                if unknown:
                    warn(("gender", W_GENDER))
        # phone (several phone columns are read as one cell with several numbers)
        phone = phone_raw = None
        if i_phone == -2:
            parts = [str(cells[c]) for c in self.cols["phone"] if cells[c] not in ("", None)]
            v = " / ".join(parts) if parts else ""
        else:
            v = cells[i_phone]
        if v != "" and v is not None:
            phone, ph_raw, warning = phone_parts(v)
            phone_raw = (ph_raw or _text(v) or "")[:80] or None
            if warning:
                warn(("phone", warning))
        # household, hamlet, address, the rest (a text cell: `_text` inlined)
        v = cells[i_address]
        address = (_nfc(v) or None) if type(v) is str else _text(v)
        v = cells[i_household_no]
        hn = str(v) if type(v) is int else (_nfc(v) or None) if type(v) is str else _text(v)
        household_no = hn[:40] if hn else None
        v = cells[i_head_name]
        head_name = (clean_name(v if type(v) is str else str(v)) or None) if v != "" else None
        v = cells[i_relation]
        rel = _relation_of(v) if type(v) is str else _relation(v)
        if rel is not None:
            relation, is_head = rel
        else:
            relation = None
            is_head = fold(head_name) == name_fold if head_name and name else False
        v = cells[self.i_hamlet]
        if v != "" and v is not None:
            hamlet = self.last_hamlet_cell = clean_hamlet_name(cell_text(v))
        else:
            hamlet = self._hamlet_else(address)
        v = cells[i_account_level]
        account_level = (_nfc(v) or None) if type(v) is str else _text(v)
        v = cells[i_source_status]
        source_status = (_nfc(v) or None) if type(v) is str else _text(v)
        v = cells[i_note]
        note = (_nfc(v) or None) if type(v) is str else _text(v)
        v = cells[i_commune]
        commune = (_nfc(v) or None) if type(v) is str else _text(v)
        extra = None
        if self.extra_cols:
            extra_cells = {}
            for c, label in self.extra_cols:
                if cells[c] != "" and cells[c] is not None:
                    extra_cells[label] = _text(cells[c])
            if extra_cells:
                extra = json.dumps(extra_cells, ensure_ascii=False)
        # only a row without a name cannot become a resident: a missing or mistyped ID is kept as written
        # (matched later by name, birth and hamlet), a row without a hamlet joins the "no hamlet" group
        reason = id_raw = household_key = None
        if not name:
            reason = R_NO_NAME
        elif not cccd:
            id_kind = "none"
            id_raw = (_text(cells[i_cccd]) or "")[:40] or None
            warn(("cccd", R_NO_CCCD if id_error == E_EMPTY else Note("bad_id", problem=id_error)))
        if name and not hamlet:
            hamlet = UNKNOWN_HAMLET
            warn(("hamlet", R_NO_HAMLET))
        if reason is None:
            if household_no:
                household_key = household_no
            else:
                key = household_key_from_address(address) if address else None
                if key:
                    household_key = key
                else:   # _person_key's rule
                    household_key = "~" + (cccd or f"{name_fold}|{dob.isoformat() if dob else (dob_raw or '')}")
        p = _new_row(ParsedRow)   # every slot set once (ParsedRow.__init__ lists the defaults)
        p.sheet = self.sheet
        p.row = number
        p.raw = raw_json(raw)
        p.reason = reason
        if ws:
            p.warnings = ws
            p.parse_warnings = len(ws)
        else:
            p.warnings = None
            p.parse_warnings = 0
        p.name = name
        p.name_fold = name_fold
        p.name_sort = name_sort
        p.cccd = cccd
        p.id_kind = id_kind
        p.dob = dob
        p.dob_raw = dob_raw
        p.gender = gender
        p.phone = phone
        p.phone_raw = phone_raw
        p.household_no = household_no
        p.head_name = head_name
        p.relation = relation
        p.is_head = is_head
        p.hamlet = hamlet
        p.address = address
        p.account_level = account_level
        p.source_status = source_status
        p.note = note
        p.extra = extra
        p.household_key = household_key
        p.disposition = p.resident_id = p.duplicate_of = None
        p.id_raw = id_raw
        p.commune = commune
        return p

    def _hamlet_else(self, address: Optional[str]) -> Optional[str]:
        """The hamlet of a row whose hamlet cell is blank (see the module's rules)."""
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
