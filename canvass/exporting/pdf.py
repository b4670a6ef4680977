"""Laying out a document as PDF with fpdf2 and an embedded Vietnamese font (Liberation Serif, metric twin of
Times New Roman, the typeface of Vietnamese administrative documents; subset into each file).

Tables are drawn by a small renderer of our own (widths from the font's metrics, word wrap, rectangles and
text): fpdf2's `table()` managed ~180 rows/s here, this ~5,000. Header rows repeat on every page, group rows
("I. Thôn Nà Thí (12 công dân)") span the table, every page is numbered "Trang n/N".
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence

from fpdf import FPDF

import resources

from canvass.exporting.documents import MOTTO, NATION, Document, Section

FONT_DIR = resources.path("fonts")
FONT_FILES = {"": "LiberationSerif-Regular.ttf", "B": "LiberationSerif-Bold.ttf", "I": "LiberationSerif-Italic.ttf",
              "BI": "LiberationSerif-BoldItalic.ttf"}
FALLBACK_DIRS = (Path("/usr/share/fonts/truetype/liberation2"), Path("/usr/share/fonts/truetype/liberation"))
FAMILY = "serif"
TABLE_PT = 10
HEAD_PT = 12
LINE = 4.3          # mm per text line in tables
PAD_X, PAD_Y = 1.0, 0.9
GREY_HEADER = (231, 230, 230)
GREY_GROUP = (242, 242, 242)
CENTERED = {"seq", "int", "year", "date", "box", "float", "percent"}
INFO_LINES = 4      # lines a heading value may take (a team's hamlets)
FLOW_PT, FLOW_LINE, FLOW_PAD = 8.5, 3.55, 0.15  # the group column (walk list households): two lines in a 7.5 mm row


def font_path(style: str) -> Path:
    """The font file of a style, from resources/fonts (or the system's Liberation fonts)."""
    name = FONT_FILES[style]
    for folder in (FONT_DIR, *FALLBACK_DIRS):
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(f"font {name} not found in {FONT_DIR}")


def cell_text(v, kind: str) -> str:
    """A value as printed: dates dd/mm/yyyy, thousands with ".", decimals with ","."""
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, dt.date):
        return v.strftime("%d/%m/%Y")
    if kind == "percent":
        return f"{v:.1f}%".replace(".", ",")
    if isinstance(v, float):
        return f"{v:.1f}".replace(".", ",")
    if kind in ("int",) and abs(v) >= 1000:
        return f"{v:,}".replace(",", ".")
    return str(v)


class _Pdf(FPDF):
    """FPDF with the embedded font and numbered pages."""

    def __init__(self, landscape: bool):
        super().__init__(orientation="L" if landscape else "P", unit="mm", format="A4")
        for style in FONT_FILES:
            self.add_font(FAMILY, style, str(font_path(style)))
        self.set_margins(12, 12, 12)
        self.set_auto_page_break(False)
        self.alias_nb_pages()
        self.set_line_width(0.2)
        self.set_draw_color(0)
        self.bottom = self.h - 14
        self.section_name = ""
        self.section_first_page = 1
        self.top = self.t_margin      # where a table continues on a following page
        self.scan_key: str | None = None   # walk list: the print key its QR codes carry (canvass.scan)

    def header(self) -> None:
        """Walk-list pages carry the camera's corner markers and the page's QR code (canvass.scan.layout)."""
        if self.scan_key is not None:
            _camera_marks(self, self.scan_key, self.page_no())

    def footer(self) -> None:
        """"Trang n/N" at the bottom centre; the section (team, hamlet) and its own sheet number at the left."""
        self.set_font(FAMILY, "I", 9)
        self.set_xy(self.l_margin, self.h - 10)
        self.cell(self.epw, 5, f"Trang {self.page_no()}/{{nb}}", align="C")
        if self.section_name:
            sheet = self.page_no() - self.section_first_page + 1
            self.set_xy(self.l_margin, self.h - 10)
            self.cell(self.epw, 5, f"{self.section_name} - tờ {sheet}", align="L")

    # fast text measure and wrap over the current font's widths
    def width(self, text: str) -> float:
        """Width of text in the current font, in mm."""
        cw = self.current_font.cw
        return sum(cw[ord(c)] for c in text) * self.font_size_pt * 0.001 / self.k

    def wrap(self, text: str, avail: float) -> list[str]:
        """Split text into lines that fit `avail` mm (words, and characters for a word too long)."""
        out: list[str] = []
        for para in text.split("\n"):
            if self.width(para) <= avail:
                out.append(para)
                continue
            cur = ""
            for word in para.split(" "):
                cand = f"{cur} {word}" if cur else word
                if self.width(cand) <= avail:
                    cur = cand
                    continue
                if cur:
                    out.append(cur)
                cur = word
                while self.width(cur) > avail and len(cur) > 1:
                    cut = len(cur) - 1
                    while cut > 1 and self.width(cur[:cut]) > avail:
                        cut -= 1
                    out.append(cur[:cut])
                    cur = cur[cut:]
            out.append(cur)
        return out or [""]

    def centered(self, y: float, text: str, x0: float, width: float, style: str = "", size: float = HEAD_PT,
                 underline: bool = False) -> float:
        """Centre each wrapped line of text in [x0, x0+width]; returns the y below it."""
        self.set_font(FAMILY, style, size)
        lh = size * 0.45
        for line in self.wrap(text, width):
            w = self.width(line)
            x = x0 + (width - w) / 2
            self.text(x, y + lh * 0.8, line)
            if underline:
                self.line(x + w * 0.15, y + lh + 0.3, x + w * 0.85, y + lh + 0.3)
            y += lh
        return y


def _camera_marks(pdf: _Pdf, key: str, page: int) -> None:
    """The four ArUco markers in the corners and the QR code "GC1:<key>:<page>" (positions: scan.layout)."""
    from canvass.scan import layout

    pdf.set_fill_color(0)
    cell = layout.MARKER / 6
    for mid in range(4):
        x0, y0 = layout.marker_origin(mid)
        for r, c, n in layout.runs(layout.marker_cells(mid)):
            pdf.rect(x0 + c * cell, y0 + r * cell, n * cell, cell, style="F")
    modules = layout.qr_cells(layout.qr_payload(key, page))
    m = layout.QR_SIZE / len(modules)
    for r, c, n in layout.runs(modules):
        pdf.rect(layout.QR_X + c * m, layout.QR_Y + r * m, n * m, m, style="F")


def _printed_row(pdf: _Pdf, doc: Document, table: "_Table", y: float, h: float) -> None:
    """Note where a walk-list data row went (page, resident, top, height) for the print record."""
    rid, team = doc.row_residents.popleft()
    if "boxes" not in doc.printed:
        doc.printed["boxes"] = [[round(x, 3), round(w, 3)] for x, w, k in zip(table.xs, table.widths, table.kinds)
                                if k == "box"]
    page = doc.printed["pages"].setdefault(pdf.page_no(), {"team": team, "rows": []})
    page["rows"].append([rid, round(y, 3), round(h, 3)])


def write_pdf(doc: Document, path: Path) -> int:
    """Lay out the document; returns the number of data rows."""
    pdf = _Pdf(doc.landscape)
    if doc.row_residents is not None and doc.landscape:
        import secrets
        from base64 import b32encode

        from canvass.scan.layout import TABLE_TOP
        pdf.scan_key = b32encode(secrets.token_bytes(5)).decode()
        pdf.top = TABLE_TOP
        doc.printed = {"key": pdf.scan_key, "pages": {}}
    pdf.set_title(doc.title)
    pdf.set_author(doc.official.issuer)
    pdf.set_creator("Gõ Cửa")
    rows = 0
    any_section = False
    for section in doc.sections:
        any_section = True
        rows += _section(pdf, doc, section)
    if not any_section:
        _section(pdf, doc, Section(name="", subtitle=[], info=[], count=0, rows=()))
    if doc.printed is not None:
        for page in range(1, pdf.page_no() + 1):
            doc.printed["pages"].setdefault(page, {"team": None, "rows": []})
    pdf.output(str(path))
    return rows


def _heading(pdf: _Pdf, doc: Document, section: Section) -> float:
    off = doc.official
    x0, epw = pdf.l_margin, pdf.epw
    left_w, right_w = epw * 0.42, epw * 0.55
    y = pdf.t_margin
    yl = y
    if off.superior:
        yl = pdf.centered(yl, off.superior, x0, left_w)
    yl = pdf.centered(yl, off.issuer, x0, left_w, "B", underline=True)
    yr = pdf.centered(y, NATION, x0 + epw - right_w, right_w, "B")
    yr = pdf.centered(yr, MOTTO, x0 + epw - right_w, right_w, "B", underline=True)
    yr = pdf.centered(yr + 1.5, off.dated(doc.date), x0 + epw - right_w, right_w, "I")
    y = max(yl, yr) + 5
    y = pdf.centered(y, doc.title, x0 + epw * 0.05, epw * 0.9, "B", 14)
    for line in section.subtitle:
        y = pdf.centered(y + 0.5, line, x0, epw, "I", HEAD_PT)
    if section.info:
        y += 2
        y = _info(pdf, section.info, y)
    return y + 3


def _info(pdf: _Pdf, info: Sequence[tuple[str, str]], y: float) -> float:
    """Label/value pairs, three per line: "Tổ: Tổ 1   Tổ trưởng: …"; a long value (a team's many hamlets)
    wraps onto more lines (at most INFO_LINES, the last one ending in "…") instead of being cut."""
    col_w = pdf.epw / 3
    lh = HEAD_PT * 0.45
    tallest = 1
    for i, (label, value) in enumerate(info):
        x = pdf.l_margin + (i % 3) * col_w
        pdf.set_font(FAMILY, "B", HEAD_PT - 1)
        text = f"{label}: "
        pdf.text(x, y + lh * 0.8, text)
        lx = x + pdf.width(text)
        pdf.set_font(FAMILY, "", HEAD_PT - 1)
        value = value or "……………………"
        avail = col_w - (lx - x) - 2
        lines = pdf.wrap(value, avail)
        if len(lines) > INFO_LINES:
            lines = lines[:INFO_LINES]
            last = lines[-1]
            while last and pdf.width(last + "…") > avail:
                last = last[:-1]
            lines[-1] = last.rstrip(" ,") + "…"
        for k, line in enumerate(lines):
            pdf.text(lx, y + lh * 0.8 + k * lh, line)
        tallest = max(tallest, len(lines))
        if i % 3 == 2 or i == len(info) - 1:
            y += tallest * lh + 0.8
            tallest = 1
    return y


class _Table:
    """Draws the rows of one section, with the header repeated on every page."""

    def __init__(self, pdf: _Pdf, doc: Document):
        self.pdf, self.doc = pdf, doc
        self.columns = list(doc.columns)
        self.flow: Optional[int] = None     # index of the group column (Document.group_column), if any
        if doc.group_column is not None:
            self.flow = doc.group_column_at
            self.columns.insert(self.flow, doc.group_column)
        scale = pdf.epw / sum(c.width for c in self.columns)
        self.widths = [c.width * scale for c in self.columns]
        self.kinds = [c.kind for c in self.columns]
        self.xs = []
        x = pdf.l_margin
        for w in self.widths:
            self.xs.append(x)
            x += w

    def header(self, y: float) -> float:
        """Draw the table header at y; returns the y below it."""
        pdf, cols = self.pdf, self.columns
        pdf.set_font(FAMILY, "B", TABLE_PT)
        pdf.set_fill_color(*GREY_HEADER)
        two = any(c.group for c in cols)
        lines = [pdf.wrap(c.title, w - 2 * PAD_X) for c, w in zip(cols, self.widths)]
        if not two:
            h = max(len(ls) for ls in lines) * LINE + 2 * PAD_Y
            for i, ls in enumerate(lines):
                self._cell(self.xs[i], y, self.widths[i], h, ls, "C", fill=True)
            return y + h
        # two rows: group titles above their columns, ungrouped titles spanning both rows
        low = max(len(ls) for c, ls in zip(cols, lines) if c.group) * LINE + 2 * PAD_Y
        top = LINE * 2 + 2 * PAD_Y
        i = 0
        while i < len(cols):
            g = cols[i].group
            if g:
                end = i
                while end + 1 < len(cols) and cols[end + 1].group == g:
                    end += 1
                w = sum(self.widths[i:end + 1])
                self._cell(self.xs[i], y, w, top, pdf.wrap(g, w - 2 * PAD_X), "C", fill=True)
                for j in range(i, end + 1):
                    self._cell(self.xs[j], y + top, self.widths[j], low, lines[j], "C", fill=True)
                i = end + 1
            else:
                self._cell(self.xs[i], y, self.widths[i], top + low, lines[i], "C", fill=True)
                i += 1
        return y + top + low

    def _cell(self, x: float, y: float, w: float, h: float, lines: list[str], align: str, fill=False) -> None:
        pdf = self.pdf
        pdf.rect(x, y, w, h, style="DF" if fill else "D")
        top = y + (h - len(lines) * LINE) / 2
        for i, line in enumerate(lines):
            if not line:
                continue
            if align == "C":
                tx = x + (w - pdf.width(line)) / 2
            elif align == "R":
                tx = x + w - PAD_X - pdf.width(line)
            else:
                tx = x + PAD_X
            pdf.text(tx, top + i * LINE + LINE * 0.78, line)

    def row(self, y: float, values: Sequence, bold: bool, flow: Sequence[str] = ()) -> tuple[float, list]:
        """Measure a data row: (height, wrapped cells); `flow` are the group column's lines it must hold."""
        pdf = self.pdf
        pdf.set_font(FAMILY, "B" if bold else "", TABLE_PT)
        if self.flow is not None:
            values = (*values[:self.flow], None, *values[self.flow:])
        cells = []
        for v, w, kind in zip(values, self.widths, self.kinds):
            text = cell_text(v, kind)
            cells.append(pdf.wrap(text, w - 2 * PAD_X) if text else [""])
        h = max(max(len(c) for c in cells) * LINE + 2 * PAD_Y, len(flow) * FLOW_LINE + 2 * FLOW_PAD,
                self.doc.min_row_mm)
        return h, cells

    def flow_lines(self, label: str) -> list[str]:
        """The group column's label wrapped to its width."""
        self.pdf.set_font(FAMILY, "I", FLOW_PT)
        return self.pdf.wrap(label, self.widths[self.flow] - 2 * PAD_X)

    def flow_fit(self, h: float) -> int:
        """How many group-column lines a row of height h holds."""
        return max(1, int((h - 2 * FLOW_PAD + 0.01) // FLOW_LINE))

    def draw_row(self, y: float, h: float, cells: list, bold: bool, flow: Optional[tuple] = None) -> None:
        """Draw a measured row at y; `flow` = (lines, opens, closes) draws the group column's part: its lines
        from the top, with a rule above only where the group opens and below only where it closes."""
        pdf = self.pdf
        pdf.set_font(FAMILY, "B" if bold else "", TABLE_PT)
        for i, (x, w, kind, lines) in enumerate(zip(self.xs, self.widths, self.kinds, cells)):
            if i != self.flow:
                self._cell(x, y, w, h, lines, "C" if kind in CENTERED else "L")
        if self.flow is None:
            return
        lines, opens, closes = flow or ((), True, True)
        x, w = self.xs[self.flow], self.widths[self.flow]
        pdf.line(x, y, x, y + h)
        pdf.line(x + w, y, x + w, y + h)
        if opens:
            pdf.line(x, y, x + w, y)
        if closes:
            pdf.line(x, y + h, x + w, y + h)
        pdf.set_font(FAMILY, "I", FLOW_PT)
        for k, line in enumerate(lines):
            pdf.text(x + PAD_X, y + FLOW_PAD + k * FLOW_LINE + FLOW_LINE * 0.8, line)

    def group_row(self, y: float, label: str, level: int) -> tuple[float, list]:
        """Measure a group row spanning the table."""
        self.pdf.set_font(FAMILY, "B" if level == 0 else "BI", TABLE_PT)
        lines = self.pdf.wrap(label, self.pdf.epw - 2 * PAD_X)
        return len(lines) * LINE + 2 * PAD_Y, lines

    def draw_group(self, y: float, h: float, lines: list, level: int) -> None:
        """Draw a measured group row at y."""
        pdf = self.pdf
        pdf.set_font(FAMILY, "B" if level == 0 else "BI", TABLE_PT)
        pdf.set_fill_color(*(GREY_GROUP if level == 0 else (255, 255, 255)))
        self._cell(pdf.l_margin, y, pdf.epw, h, lines, "L", fill=True)


def _ahead(rows: Iterable) -> Iterator[tuple]:
    """(row, next row or None) for every row: the layout looks one row ahead."""
    it = iter(rows)
    cur = next(it, None)
    while cur is not None:
        nxt = next(it, None)
        yield cur, nxt
        cur = nxt


def _section(pdf: _Pdf, doc: Document, section: Section) -> int:
    """Lay out one section from a new page: heading, table (group rows, or a group column), closing.

    The last row goes to the next page with the closing when the total and signatures would not fit under it:
    signatures never stand alone on a page."""
    pdf.add_page()   # (closes the previous section's last page, whose footer still names that section)
    pdf.section_name, pdf.section_first_page = section.name, pdf.page_no()
    y = _heading(pdf, doc, section)
    table = _Table(pdf, doc)
    y = table.header(y)
    page_top = y
    flowing = table.flow is not None
    levels = len(doc.group_titles) - (1 if flowing else 0)   # group levels printed as rows
    current: tuple = ()
    label: list[str] = []        # the group column's label of the current group, and what is left to print
    left: list[str] = []
    data = 0
    closing = _closing_height(doc)

    def new_page() -> float:
        if flowing and current and y > page_top:    # close the group column at the foot of the page
            x, w = table.xs[table.flow], table.widths[table.flow]
            pdf.line(x, y, x + w, y)
        pdf.add_page()
        return table.header(pdf.top)

    for (groups, values, bold), nxt in _ahead(section.rows):
        opens = groups != current
        if opens:
            for level in range(levels):
                if current[:level + 1] != groups[:level + 1]:
                    text = section.group_label(level, groups)
                    h, lines = table.group_row(y, text, level)
                    if y + h + LINE * 2 > pdf.bottom:   # keep a group title with its first row
                        y = new_page()
                        page_top = y
                    table.draw_group(y, h, lines, level)
                    y += h
            current = groups
            if flowing:
                label = table.flow_lines(section.group_label(levels, groups))
                left = list(label)
        closes = nxt is None or nxt[0] != groups
        need = (left if closes else left[:table.flow_fit(doc.min_row_mm)]) if flowing else ()
        h, cells = table.row(y, values, bold, need)
        last = nxt is None and y > page_top
        if y + h > pdf.bottom or (last and y + h + closing > pdf.bottom):
            y = new_page()
            page_top = y
            if flowing and not opens:      # a group going on over the page: its label again
                left = list(label)
                opens = True
                need = left if closes else left[:table.flow_fit(doc.min_row_mm)]
                h, cells = table.row(y, values, bold, need)
        flow = None
        if flowing:
            fit = len(left) if closes else table.flow_fit(h)
            flow, left = (left[:fit], opens, closes), left[fit:]
        table.draw_row(y, h, cells, bold, flow)
        if pdf.scan_key is not None and not bold:
            _printed_row(pdf, doc, table, y, h)
        y += h
        data += not bold   # bold rows are totals
    _closing(pdf, doc, section, y)
    return data


def _closing_height(doc: Document) -> float:
    """The height of the total line and the signature blocks (titles, hints and about 15 mm to sign in)."""
    sigs = doc.signatures
    return (8 if doc.total_line else 0) + ((4 + 14 + (5 if any(s.above for s in sigs) else 0) + 15) if sigs else 0)


def _closing(pdf: _Pdf, doc: Document, section: Section, y: float) -> None:
    """The total line and the signature blocks (moved to a new page together when they do not fit)."""
    sigs = doc.signatures
    if y + _closing_height(doc) > pdf.bottom:
        pdf.add_page()
        y = pdf.top
    if doc.total_line:
        pdf.set_font(FAMILY, "B", HEAD_PT - 1)
        total = f"{section.count:,}".replace(",", ".")
        pdf.text(pdf.l_margin, y + 6, f"Tổng số: {total} {doc.noun}./.")
        y += 8
    if not sigs:
        return
    y += 4
    w = pdf.epw / len(sigs)
    has_above = any(s.above for s in sigs)
    for i, s in enumerate(sigs):
        x = pdf.l_margin + i * w
        yy = y
        if s.above:
            yy = pdf.centered(yy, s.above, x, w, "B", HEAD_PT - 1)
        elif has_above:
            yy += (HEAD_PT - 1) * 0.45
        yy = pdf.centered(yy, s.title, x, w, "B", HEAD_PT - 1)
        pdf.centered(yy, s.hint, x, w, "I", HEAD_PT - 2)
