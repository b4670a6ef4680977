"""The document model: what every exported document holds (heading, title, columns, groups, sections, rows),
free of any format: `sheets.py` and `pdf.py` lay out the same `Document`."""
from __future__ import annotations

import collections
import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
SIGN_HINT = "(Ký, ghi rõ họ tên)"
SEAL_HINT = "(Ký tên, đóng dấu)"
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
          "XVII", "XVIII", "XIX", "XX")


@dataclass(frozen=True)
class Column:
    """One column: its title, the kind of value and its width in the PDF (mm on A4 landscape, scaled to fit).

    kind: text | code (digits kept as text: CCCD, phone) | int | seq (row number) | year | date | float |
    percent (a percentage number, 12.5 for 12,5 %) | box (an empty box for a team to tick).
    `group` is the title of a spanning header over consecutive columns (the daily report's two-row header).
    """
    title: str
    kind: str = "text"
    width: float = 20.0
    group: Optional[str] = None
    wrap: bool = False


@dataclass
class Official:
    """The official heading: issuing body on the left (its superior above it), the nation on the right."""
    superior: Optional[str]
    issuer: str
    place: str
    commune_kind: str = "XÃ"         # XÃ | PHƯỜNG | THỊ TRẤN, for the signature titles
    commune_upper: str = ""          # "TÂN VĂN"
    commune_fold: str = ""           # "xa tan van"

    def dated(self, day: dt.date) -> str:
        """The place-and-date line: "Tân Văn, ngày 10 tháng 3 năm 2025" (day and months 1-2 written with two
        digits, as Decree 30/2020 asks)."""
        d = f"{day.day:02d}" if day.day < 10 else str(day.day)
        m = f"{day.month:02d}" if day.month < 3 else str(day.month)
        return f"{self.place}, ngày {d} tháng {m} năm {day.year}"


@dataclass
class Signature:
    """A signature block: an optional line above the title (e.g. "TM. ỦY BAN NHÂN DÂN"), the title, a hint."""
    title: str
    above: Optional[str] = None
    hint: str = SIGN_HINT


# A row: (group values from the outermost level, cell values, bold?)
Row = tuple


@dataclass
class Section:
    """A part of a document printed on its own pages / written on its own sheet (a hamlet, a team)."""
    name: str
    subtitle: list[str]
    info: list[tuple[str, str]]
    count: int
    rows: Iterable[Row]
    group_label: Callable[[int, tuple], str] = lambda level, path: str(path[-1])


@dataclass
class Document:
    """A document ready to be laid out in any format."""
    kind: str
    title: str
    official: Official
    date: dt.date
    columns: list[Column]
    sections: Iterable[Section]
    total: int
    group_titles: tuple[str, ...] = ()
    signatures: list[Signature] = field(default_factory=list)
    landscape: bool = True
    noun: str = "công dân"
    total_line: bool = True
    min_row_mm: float = 0.0          # PDF: taller rows leave room to write (walk list)
    # PDF only: the innermost group level printed in a column of its own (inserted before column
    # `group_column_at`), its label flowing down the group's rows, instead of as a row above them (the
    # walk list's households: a header row per household doubled its pages). Spreadsheets keep the group rows.
    group_column: Optional[Column] = None
    group_column_at: int = 0
    # Walk list read back from a photo (canvass.scan): the (resident id, team id) of each data row, appended
    # as the rows stream and taken by the PDF writer (a deque: it never holds more than a few); the writer
    # then prints the camera's markers and QR code and fills `printed` with where each row went (page ->
    # layout), which the export records. Other formats set it to None (nothing is collected).
    row_residents: Optional[collections.deque] = None
    printed: Optional[dict] = None


@dataclass
class Scope:
    """What a document covers and how it is written."""
    hamlet_id: Optional[int] = None
    team_id: Optional[int] = None
    as_of: dt.date = field(default_factory=dt.date.today)
    mask: bool = False
    by_hamlet: bool = False
    tick: Callable[[int], None] = lambda done: None


def roman(n: int) -> str:
    """I, II, III ... (numbers past 20 as digits)."""
    return _ROMAN[n - 1] if 0 < n <= len(_ROMAN) else str(n)
