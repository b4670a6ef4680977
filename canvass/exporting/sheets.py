"""Writing a document as .xlsx (XlsxWriter in constant-memory mode: rows stream to disk) and as .csv.

Measured for 300k rows x 10 columns: openpyxl write-only 101 s, XlsxWriter constant_memory 64 s, CSV 2 s;
so .xlsx goes through XlsxWriter and very large lists are better written as .csv.

Layout of a sheet: the official heading (issuing body left, nation right, place and date), the title and
subtitle, a header row (frozen, repeated on every printed page), group rows ("I. Thôn Nà Thí (12 công
dân)") merged across, the data rows with borders, the total and the signature blocks. A4, fit to the
page width, landscape for wide lists, page numbers in the footer, the print area set.
Text is always written with `write_string` (a risky value also gets the quote-prefix style, see safe.py);
CCCD and phone columns have the text format "@", dates are date cells shown dd/mm/yyyy.
"""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from canvass.exporting.documents import Document, Section, MOTTO, NATION
from canvass.exporting.safe import RISKY_FIRST, _XML_ILLEGAL, csv_text

EXCEL_EPOCH = dt.date(1899, 12, 30)
DATE_FMT = "dd/mm/yyyy"
STREAM_ABOVE = 2000         # rows: above this the workbook streams rows to disk
WIDTH_SAMPLE = 2000          # rows of each sheet measured to fit the column widths
MAX_WIDTH = {"text": 42, "code": 16, "box": 11}
FONT = "Times New Roman"
BAD_SHEET_CHARS = str.maketrans({c: "_" for c in "[]:*?/\\"})

if TYPE_CHECKING:       # XlsxWriter is imported by write_xlsx only: a .csv export does not load it
    import xlsxwriter


class _Formats:
    """The cell formats of a workbook, made once."""

    def __init__(self, wb: xlsxwriter.Workbook):
        base = {"font_name": FONT, "font_size": 11, "valign": "vcenter"}
        self.wb, self.base = wb, base
        f = lambda **kw: wb.add_format({**base, **kw})  # noqa: E731
        self.center_bold = f(bold=True, align="center")
        self.center = f(align="center")
        self.center_bold_u = f(bold=True, align="center", underline=1)
        self.center_italic = f(italic=True, align="center")
        self.title = f(bold=True, align="center", font_size=14, text_wrap=True)
        self.info = f(align="left")
        self.header = f(bold=True, align="center", text_wrap=True, border=1, bg_color="#E7E6E6")
        self.group = f(bold=True, align="left", border=1, bg_color="#F2F2F2")
        self.group2 = f(bold=True, italic=True, align="left", border=1)
        self.total = f(bold=True, align="left")
        self.sign_hint = f(italic=True, align="center")
        self._cells: dict = {}

    def cell(self, kind: str, wrap: bool = False, risky: bool = False, bold: bool = False):
        """The format of a data cell of a column kind."""
        key = (kind, wrap, risky, bold)
        fmt = self._cells.get(key)
        if fmt is None:
            props = {**self.base, "border": 1}
            if bold:
                props["bold"] = True
            if kind == "code":
                props.update(num_format="@", align="left")
            elif kind == "text":
                props.update(num_format="@", align="left")
                if wrap:
                    props["text_wrap"] = True
            elif kind == "date":
                props.update(num_format=DATE_FMT, align="center")
            elif kind in ("int", "seq", "year"):
                props.update(num_format="0" if kind != "int" else "#,##0", align="center")
            elif kind == "float":
                props.update(num_format="0.0", align="center")
            elif kind == "percent":
                props.update(num_format='0.0"%"', align="center")
            if risky:
                props["quote_prefix"] = True
            fmt = self._cells[key] = self.wb.add_format(props)
        return fmt


def _sheet_name(name: str, used: set[str]) -> str:
    base = (name or "Danh sách").translate(BAD_SHEET_CHARS).strip("'")[:31] or "Danh sách"
    candidate, n = base, 1
    while candidate.lower() in used:
        n += 1
        suffix = f" ({n})"
        candidate = base[:31 - len(suffix)] + suffix
    used.add(candidate.lower())
    return candidate


def write_xlsx(doc: Document, path: Path) -> int:
    """Write the document; returns the number of data rows."""
    # Streaming (constant memory) needs rows written in order: fine for lists, not for the daily report's
    # two-row header with vertical merges, which is small anyway.
    import xlsxwriter

    streaming = doc.total > STREAM_ABOVE and not any(c.group for c in doc.columns)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": streaming, "strings_to_formulas": False,
                                         "strings_to_numbers": False, "strings_to_urls": False})
    wb.set_properties({"title": doc.title, "company": doc.official.issuer, "comments": "Gõ Cửa"})
    fmts = _Formats(wb)
    used: set[str] = set()
    rows = 0
    for section in doc.sections:
        ws = wb.add_worksheet(_sheet_name(section.name or _default_sheet(doc), used))
        rows += _write_section(ws, fmts, doc, section)
    if not used:
        ws = wb.add_worksheet(_default_sheet(doc))
        _write_section(ws, fmts, doc, Section(name="", subtitle=[], info=[], count=0, rows=()))
    wb.close()
    return rows


def _default_sheet(doc: Document) -> str:
    return {"absent": "Vắng mặt", "ineligible": "Không thể kích hoạt", "wrong-phone": "Sai SĐT",
            "activated": "Đã kích hoạt", "walklist": "Danh sách xác minh",
            "daily-report": "Báo cáo ngày"}.get(doc.kind, "Danh sách")


def _merge(ws, row: int, first: int, last: int, text: str, fmt) -> None:
    if last > first:
        ws.merge_range(row, first, row, last, text, fmt)
    else:
        ws.write_string(row, first, text, fmt)


def _heading(ws, fmts: _Formats, doc: Document, section: Section, ncols: int) -> int:
    """The official heading, title, subtitle and info lines; returns the next free row."""
    off = doc.official
    left_last = max(1, round(ncols * 0.4) - 1)
    right_first = min(ncols - 1, left_last + 2) if ncols > 4 else left_last + 1
    right_last = ncols - 1
    r = 0
    if off.superior:
        _merge(ws, r, 0, left_last, off.superior, fmts.center)
    _merge(ws, r, right_first, right_last, NATION, fmts.center_bold)
    r += 1
    _merge(ws, r, 0, left_last, off.issuer, fmts.center_bold_u)
    _merge(ws, r, right_first, right_last, MOTTO, fmts.center_bold_u)
    r += 1
    _merge(ws, r, right_first, right_last, off.dated(doc.date), fmts.center_italic)
    r += 2
    ws.set_row(r, 36)
    _merge(ws, r, 0, ncols - 1, doc.title, fmts.title)
    r += 1
    for line in section.subtitle:
        _merge(ws, r, 0, ncols - 1, line, fmts.center_italic)
        r += 1
    if section.info:
        pairs = [f"{k}: {v}" for k, v in section.info if v]
        for i in range(0, len(pairs), 3):
            _merge(ws, r, 0, ncols - 1, "        ".join(pairs[i:i + 3]), fmts.info)
            r += 1
    return r + 1


def _header(ws, fmts: _Formats, doc: Document, r: int) -> int:
    """The table header (two rows when columns have group titles); returns the row after it."""
    cols = doc.columns
    two = any(c.group for c in cols)
    if not two:
        for c, col in enumerate(cols):
            ws.write_string(r, c, col.title, fmts.header)
        ws.set_row(r, 33)
        return r + 1
    c = 0
    while c < len(cols):
        g = cols[c].group
        if g:
            end = c
            while end + 1 < len(cols) and cols[end + 1].group == g:
                end += 1
            _merge(ws, r, c, end, g, fmts.header)
            c = end + 1
        else:
            c += 1
    for c, col in enumerate(cols):
        if col.group:
            ws.write_string(r + 1, c, col.title, fmts.header)
        else:
            ws.merge_range(r, c, r + 1, c, col.title, fmts.header)
    ws.set_row(r, 30)
    ws.set_row(r + 1, 45)
    return r + 2


def _text_len(v) -> int:
    if isinstance(v, str):
        return max((len(p) for p in v.split("\n")), default=0)
    if isinstance(v, dt.date):
        return 10
    if isinstance(v, float):
        return len(f"{v:.1f}")
    return len(str(v))


def _write_section(ws, fmts: _Formats, doc: Document, section: Section) -> int:
    cols = doc.columns
    ncols = len(cols)
    plain = [fmts.cell(c.kind, c.wrap) for c in cols]
    risky = [fmts.cell(c.kind, c.wrap, risky=True) for c in cols]
    bold = [fmts.cell(c.kind, c.wrap, bold=True) for c in cols]
    widths = [0] * ncols
    for c, col in enumerate(cols):
        longest = max((len(w) for w in col.title.split()), default=4)
        widths[c] = max(longest, min(len(col.title), 14 if col.kind in ("text", "code") else 8))
        if col.kind == "text":  # room for what a team writes in by hand (the walk list's notes)
            widths[c] = max(widths[c], int(col.width * 0.45))
    r = _heading(ws, fmts, doc, section, ncols)
    header_row = r
    r = _header(ws, fmts, doc, r)
    last_header = r - 1
    ws.freeze_panes(r, 0)
    write_string, write_number, write_blank = ws.write_string, ws.write_number, ws.write_blank
    levels = len(doc.group_titles)
    row_height = doc.min_row_mm * 72 / 25.4 if doc.min_row_mm else 0   # points
    current: tuple = ()
    data = 0
    for groups, values, is_bold in section.rows:
        if groups != current:
            for level in range(levels):
                if current[:level + 1] != groups[:level + 1]:
                    label = section.group_label(level, groups)
                    _merge(ws, r, 0, ncols - 1, label, fmts.group if level == 0 else fmts.group2)
                    r += 1
            current = groups
        fmt_row = bold if is_bold else plain
        if row_height:
            ws.set_row(r, row_height)
        for c, v in enumerate(values):
            if v is None or v == "":
                write_blank(r, c, None, fmt_row[c])
            elif isinstance(v, str):   # (XlsxWriter escapes control characters itself)
                if v[0] in RISKY_FIRST:
                    write_string(r, c, v, risky[c])
                else:
                    write_string(r, c, v, fmt_row[c])
            elif isinstance(v, dt.date):
                write_number(r, c, (v - EXCEL_EPOCH).days, fmt_row[c])
            else:
                write_number(r, c, v, fmt_row[c])
        if data < WIDTH_SAMPLE:
            for c, v in enumerate(values):
                if v is not None:
                    n = _text_len(v)
                    if n > widths[c]:
                        widths[c] = n
        r += 1
        data += not is_bold   # bold rows are totals
    last_data = r - 1
    if doc.total_line:
        r += 1
        _merge(ws, r, 0, ncols - 1, f"Tổng số: {section.count:,} {doc.noun}./.".replace(",", "."), fmts.total)
        r += 1
    r = _signatures(ws, fmts, doc, r + 1, ncols)
    for c, col in enumerate(cols):
        cap = MAX_WIDTH.get(col.kind, 14)
        w = 8 if col.kind == "box" else min(widths[c], cap) + 2
        ws.set_column(c, c, w)
    ws.set_paper(9)
    if doc.landscape:
        ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(header_row, last_header)
    ws.print_area(0, 0, max(r - 1, last_data), ncols - 1)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_footer("&C&\"Times New Roman\"&10Trang &P/&N")
    ws.center_horizontally()
    return data


def _signatures(ws, fmts: _Formats, doc: Document, r: int, ncols: int) -> int:
    """The signature blocks side by side; returns the row after them."""
    sigs = doc.signatures
    if not sigs:
        return r
    k = len(sigs)
    spans = []
    for i in range(k):
        first = round(i * ncols / k)
        last = round((i + 1) * ncols / k) - 1
        spans.append((first, max(first, last)))
    if any(s.above for s in sigs):
        for (a, b), s in zip(spans, sigs):
            if s.above:
                _merge(ws, r, a, b, s.above, fmts.center_bold)
        r += 1
    for (a, b), s in zip(spans, sigs):
        _merge(ws, r, a, b, s.title, fmts.center_bold)
    r += 1
    for (a, b), s in zip(spans, sigs):
        _merge(ws, r, a, b, s.hint, fmts.sign_hint)
    return r + 5


def write_csv(doc: Document, path: Path) -> int:
    """Write the rows as CSV (UTF-8 with BOM so spreadsheet programs read the Vietnamese), group values as
    leading columns, dates dd/mm/yyyy; risky text gets a leading apostrophe (see safe.py)."""
    data = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([*doc.group_titles, *(c.title for c in doc.columns)])
        for section in doc.sections:
            for groups, values, is_bold in section.rows:
                out = [csv_text(g) for g in groups]
                for v in values:
                    if v is None or v == "":
                        out.append("")
                    elif isinstance(v, str):
                        out.append(csv_text(v) if v[0] in RISKY_FIRST or _XML_ILLEGAL.search(v) else v)
                    elif isinstance(v, dt.date):
                        out.append(v.strftime("%d/%m/%Y"))
                    else:
                        out.append(v)
                w.writerow(out)
                data += not is_bold
    return data
