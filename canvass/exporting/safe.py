"""Values that are safe to put in a spreadsheet or a CSV file (masked identifiers: canvass.display).

A spreadsheet program runs a cell as a formula when its text starts with `=`, `+`, `-` or `@` (and some
also after a leading tab or carriage return): a resident's name or a team's note could then compute, call
out or pull in other data (CSV/formula injection). Every text value these exports write goes through here:
- in .xlsx it is always written as a string cell, and a risky one also carries the `quotePrefix` style, so
  that editing the cell later keeps it text;
- in .csv a risky value is prefixed with an apostrophe, the convention spreadsheet programs understand.
XlsxWriter documents (sheets.py) get this from their cell formats, openpyxl workbooks (the team pack) from
`put_cell`.
"""
from __future__ import annotations

import re

RISKY_FIRST = frozenset("=+-@\t\r")
# Characters XML 1.0 (and so .xlsx) cannot hold: C0 controls other than tab, newline, carriage return.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def is_risky(text: str) -> bool:
    """True when a spreadsheet could read this text as the start of a formula."""
    return bool(text) and text[0] in RISKY_FIRST


def cell_text(value: object) -> str:
    """A value as cell text: str(), with the control characters XML cannot carry removed."""
    text = value if isinstance(value, str) else str(value)
    return _XML_ILLEGAL.sub("", text) if _XML_ILLEGAL.search(text) else text


def csv_text(value: object) -> str:
    """A value as CSV text that no spreadsheet will evaluate: risky values get a leading apostrophe."""
    text = cell_text(value)
    return "'" + text if text and text[0] in RISKY_FIRST else text


def put_cell(cell, value: object) -> None:
    """Set an openpyxl cell: text is always a string cell (never a formula, whatever it starts with) and a
    risky one also gets the quote prefix; numbers, dates and None are set as they are."""
    if not isinstance(value, str):
        cell.value = value
        return
    text = cell_text(value)
    cell.value = text
    cell.data_type = "s"        # openpyxl makes any text starting with "=" a formula
    if is_risky(text):
        cell.quotePrefix = True
