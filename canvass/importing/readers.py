"""Reading spreadsheets: .xlsx/.xls with python-calamine (measured several times faster than openpyxl),
.csv in UTF-8 (with or without BOM) or Windows-1258, `,` `;` or tab separated.

A file is checked before it is parsed: its real format comes from its first bytes (not its extension),
an encrypted workbook is recognised (msoffcrypto), a zip whose parts would inflate beyond sane sizes
(a zip bomb) and XML parts that declare a DTD or entities (an XML bomb; real workbooks never do) are
refused. Every refusal is an `ImportFileError` with a short code the UI translates and an English message.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

from canvass.errors import CanvassError
from canvass.messages import FILE_ERRORS
from canvass.text import strip_format

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# Limits for a workbook's zip parts: a 300k-row list inflates to ~250 MB of XML.
MAX_UNCOMPRESSED = 2 * 1024 ** 3          # all parts together
MAX_RATIO = 200                           # inflated / compressed, for parts above RATIO_FLOOR
RATIO_FLOOR = 20 * 1024 ** 2
MAX_CSV_BYTES = 1024 ** 3
# The longest CSV cell read: Python's csv default (131,072 characters), four times what one Excel cell can hold
# (32,767), so no list saved by a spreadsheet program comes near it. A longer cell is a broken quote or not a
# list: the file is refused with the code "cell_too_large" and its line, never a traceback.
MAX_CSV_CELL = 131_072


class ImportFileError(CanvassError):
    """A file that cannot be imported: not a spreadsheet, encrypted, empty, headers only, unsafe.

    `code` is one of: not_found, not_spreadsheet, encrypted, unsafe, empty, no_header, no_data, unreadable,
    no_sheet, cell_too_large (params: row, the CSV line where the cell starts). `params` hold the values the
    UI's sentence needs (never personal data). `str()` is the technical English (logs, `--json`); a person reads
    `canvass.messages.text(exc, lang)`, from the code's row of FILE_ERRORS (`texts`)."""

    texts = FILE_ERRORS

    def __init__(self, code: str, message: str, **params: Any):
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass
class RawSheet:
    """One sheet as read: rows of cells (0-based absolute columns), merged ranges, Excel row numbers."""
    name: str
    total_rows: int                                   # rows in the sheet (an upper bound of data rows)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (r0, c0, r1, c1), 0-based
    _rows: Callable[[], Iterator[tuple[int, list[Any]]]] | None = None

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        """(row number as Excel shows it, or the CSV line number; cells) for every row, blank ones included."""
        assert self._rows is not None
        return self._rows()


@dataclass
class Book:
    """An opened file: its format ("xlsx", "xls", "csv") and its sheets (read lazily)."""
    path: str
    format: str
    sheets: list[RawSheet]
    encoding: Optional[str] = None       # csv only
    delimiter: Optional[str] = None      # csv only
    _close: Callable[[], None] | None = None

    def close(self) -> None:
        """Release the reader."""
        if self._close:
            self._close()

    def __enter__(self) -> "Book":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def sniff_format(path: Path) -> str:
    """"xlsx" (a zip), "ole" (xls or an encrypted workbook), or "text", from the first bytes."""
    with open(path, "rb") as f:
        head = f.read(8)
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head == OLE_MAGIC:
        return "ole"
    return "text"


def _is_encrypted_ole(path: Path) -> bool:
    import msoffcrypto

    try:
        with open(path, "rb") as f:
            return bool(msoffcrypto.OfficeFile(f).is_encrypted())
    except Exception:  # noqa: BLE001 - an OLE file msoffcrypto does not know: let calamine decide
        return False


def check_zip(path: Path) -> None:
    """Refuse a workbook zip that would inflate beyond sane sizes or whose XML declares a DTD/entities."""
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise ImportFileError("not_spreadsheet", "the file is damaged or not a spreadsheet (bad zip)") from None
    with zf:
        infos = zf.infolist()
        names = {i.filename for i in infos}
        if "EncryptedPackage" in names:
            raise ImportFileError("encrypted", "the workbook is password-protected; remove the password in Excel")
        if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
            raise ImportFileError("not_spreadsheet", "the file is a zip but not an Excel workbook")
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise ImportFileError("unsafe", "the workbook inflates to an implausible size (a zip bomb?)")
        if total > MAX_UNCOMPRESSED:
            raise ImportFileError("unsafe", "the workbook is too large to read safely")
        for info in infos:
            if not info.filename.endswith((".xml", ".rels", ".vml")):
                continue
            try:
                with zf.open(info) as part:
                    head = part.read(4096)
            except Exception:  # noqa: BLE001 - a damaged part
                raise ImportFileError("not_spreadsheet", "the workbook is damaged") from None
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise ImportFileError("unsafe", "the workbook contains XML entity declarations (an XML bomb?)")


def _cell(v: Any) -> Any:
    """A calamine cell as the importer handles it: str, int/float, date/datetime, or "" for empty."""
    if isinstance(v, str):
        return v
    if isinstance(v, float) and v.is_integer() and abs(v) < 2 ** 53:
        return int(v)
    if v is None or isinstance(v, bool):
        return "" if v is None else str(v).upper()
    if isinstance(v, (dt.time, dt.timedelta)):
        return str(v)
    return v


def _open_calamine(path: Path, fmt: str) -> Book:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # noqa: BLE001 - calamine raises several types; all mean "cannot read"
        name = type(exc).__name__
        if "Password" in name:
            raise ImportFileError("encrypted", "the workbook is password-protected; remove the password in Excel") \
                from None
        raise ImportFileError("not_spreadsheet", f"the file cannot be read as a spreadsheet ({name})") from None
    sheets = []
    for meta in wb.sheets_metadata:
        if getattr(meta.typ, "name", str(meta.typ)) not in ("WorkSheet", "Worksheet") and "Work" not in str(meta.typ):
            continue
        try:
            sh = wb.get_sheet_by_name(meta.name)
        except Exception as exc:  # noqa: BLE001 - calamine raises several types; all mean "damaged"
            raise ImportFileError("unreadable", f"the sheet {meta.name!r} cannot be read "
                                                f"({type(exc).__name__})") from None
        merged = [(a[0], a[1], b[0], b[1]) for a, b in (sh.merged_cell_ranges or [])]
        pad = sh.start[1] if sh.start else 0

        def rows(sh=sh, pad=pad) -> Iterator[tuple[int, list[Any]]]:
            lead = [""] * pad
            try:
                it = sh.iter_rows()
            except Exception as exc:  # noqa: BLE001
                raise ImportFileError("unreadable", f"the sheet {sh.name!r} cannot be read "
                                                    f"({type(exc).__name__})") from None
            for i, r in enumerate(it, 1):
                # text loses its format characters here (every cell, once) and is NFC-normalised per field
                # later; whole floats (numbers typed in cells) become int
                cells = [(v if v.isascii() else strip_format(v)) if type(v) is str else (
                    int(v) if type(v) is float and v.is_integer() and abs(v) < 2 ** 53 else _cell(v)) for v in r]
                yield i, (lead + cells if pad else cells)

        total = (sh.end[0] + 1) if sh.end else 0
        sheets.append(RawSheet(name=meta.name, total_rows=total, merged=merged, _rows=rows))
    return Book(path=str(path), format=fmt, sheets=sheets, _close=getattr(wb, "close", None))


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a CSV's bytes: UTF-8 (BOM or not), else Windows-1258; NFC-normalised (cp1258 writes tone
    marks as combining characters), without format characters (the same rule as every spreadsheet cell)."""
    if data.startswith(b"\xef\xbb\xbf"):
        text, enc = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    else:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, enc = data.decode("cp1258", errors="replace"), "cp1258"
    return unicodedata.normalize("NFC", strip_format(text)), enc


def sniff_delimiter(text: str) -> str:
    """The separator that splits the first lines into the most consistent number of fields."""
    sample = [ln for ln in text[:65536].splitlines()[:40] if ln.strip()]
    best, best_score = ",", (-1, -1)
    for d in (",", ";", "\t"):
        counts = [len(r) for r in csv.reader(sample, delimiter=d)]
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        score = (counts.count(mode) if mode > 1 else 0, mode)
        if score > best_score:
            best, best_score = d, score
    return best


def _open_csv(path: Path) -> Book:
    size = path.stat().st_size
    if size > MAX_CSV_BYTES:
        raise ImportFileError("unsafe", "the text file is too large to import")
    data = path.read_bytes()
    if b"\x00" in data[:65536]:
        raise ImportFileError("not_spreadsheet", "the file is not a spreadsheet or a CSV text file")
    text, enc = decode_text(data)
    delim = sniff_delimiter(text)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        if csv.field_size_limit() != MAX_CSV_CELL:   # process-wide: set it to ours, whatever set it before
            csv.field_size_limit(MAX_CSV_CELL)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
        line = 0
        while True:
            try:
                rec = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                if "field larger than field limit" in str(exc):
                    raise ImportFileError("cell_too_large", f"a cell starting on line {line + 1} is longer than "
                                                            f"{MAX_CSV_CELL:,} characters", row=line + 1) from None
                raise ImportFileError("unreadable", f"the text file cannot be read as a list near line "
                                                    f"{line + 1}", row=line + 1) from None
            start, line = line + 1, reader.line_num   # a quoted cell may span lines
            yield start, [c.strip() for c in rec]

    total = text.count("\n") + 1
    sheet = RawSheet(name=path.stem, total_rows=total, merged=[], _rows=rows)
    return Book(path=str(path), format="csv", sheets=[sheet], encoding=enc, delimiter=delim)


def open_book(path: str | os.PathLike) -> Book:
    """Open a spreadsheet for reading after the safety checks; raises ImportFileError."""
    p = Path(path)
    if not p.is_file():
        raise ImportFileError("not_found", f"no such file: {p.name}")
    if p.stat().st_size == 0:
        raise ImportFileError("empty", "the file is empty")
    kind = sniff_format(p)
    if kind == "xlsx":
        check_zip(p)
        return _open_calamine(p, "xlsx")
    if kind == "ole":
        if _is_encrypted_ole(p):
            raise ImportFileError("encrypted", "the workbook is password-protected; remove the password in Excel")
        return _open_calamine(p, "xls")
    if p.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
        raise ImportFileError("not_spreadsheet", "the file has a spreadsheet name but is not a spreadsheet")
    return _open_csv(p)
