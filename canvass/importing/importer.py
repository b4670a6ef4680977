"""The importer's two phases: `inspect_file` (sheets, header row, guessed mapping, sample rows: the
wizard's first page) and `run_import` (with that mapping, corrected or not; returns the import log).

`run_import(..., dry_run=True)` computes the whole result (new, updated, unchanged, duplicates, rejected
with reasons, residents that would become "activated per system") and writes nothing: it is the wizard's
preview. A real import is one transaction; `cancel()` returning True raises Cancelled and nothing is written.

Modes (see canvass.importing.reconcile): "complete", "supplement", or "auto", which refuses (PartialList,
nothing written) a list that would mark more than PARTIAL_LIST_SHARE of the open residents of its hamlets as
activated per system; its dry run says so in `ImportResult.partial_list`. The extraction date is `extracted`,
else the first date in the list's heading (title rows above the header), else the import day.
"""
from __future__ import annotations

import datetime as dt
import functools
import gc
import hashlib
import itertools
import json
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

from canvass.backup import before_change
from canvass.address import clean_hamlet_name, hamlet_kind
from canvass.db import Database, now
from canvass.dates import date_in_text
from canvass.errors import Cancelled, CanvassError
from canvass.text import fold

from canvass.importing.headers import (EXTRA, FIELDS, HeaderGuess, cell_text, clean_mapping, commune_from_text,
                                       commune_from_titles, detect_header)
from canvass.importing.readers import Book, ImportFileError, RawSheet, open_book
from canvass.importing.reconcile import MODES, PARTIAL_LIST_SHARE, plan_import, write_plan
from canvass.importing.rows import ParsedRow, SheetParser, note_parts

HEAD_ROWS = 25          # rows read to find the header
SAMPLE_ROWS = 5
_GENERIC_SHEET_RE = re.compile(r"^(sheet|trang tinh|worksheet|tong hop|ds|danh sach|du lieu|data)\b")


@dataclass
class SheetInspection:
    """What the first phase found in one sheet."""
    name: str
    header_row: int                      # 1-based, as Excel shows; the last header row of a two-row header
    headers: list[str]
    mapping: dict[int, str]              # column index -> field (FIELDS or "extra")
    sample_rows: list[list[str]]
    data_rows: int                       # an estimate
    hamlet_from_sheet: Optional[str]
    problems: list[str] = field(default_factory=list)


@dataclass
class FileInspection:
    """What the first phase found in a file."""
    path: str
    format: str                          # "xlsx" | "xls" | "csv"
    sheets: list[SheetInspection]


@dataclass
class ImportPlan:
    """The user's choices for the second phase (None: what inspection guessed)."""
    sheets: Optional[list[str]] = None
    hamlet: Optional[str] = None
    mappings: Optional[dict[str, dict[int, str]]] = None
    header_rows: Optional[dict[str, int]] = None


@dataclass
class RowIssue:
    """A row that could not become a resident, and why."""
    sheet: str
    row: int
    reason: str


@dataclass
class RowWarning:
    """Something worth checking in a row that was imported (or was a duplicate)."""
    sheet: str
    row: int
    field: str
    message: str


class PartialList(CanvassError):
    """Mode "auto" refused a list that would mark many residents activated per system (nothing was written):
    --complete or --supplement decides. Code "partial_list"; `params`: would_activate, open_residents, share."""

    def __init__(self, would_activate: int, open_residents: int):
        super().__init__("partial_list", would_activate=would_activate, open_residents=open_residents,
                         share=PARTIAL_LIST_SHARE)


@dataclass
class ImportResult:
    """The import log: counts, rejected rows with reasons, warnings, and how the list was taken: `mode`
    ("complete" or "supplement"), the extraction date and where it came from ("given", "heading", "import_day"),
    what a complete import would activate, and notices ("partial_list", "older_list")."""
    rows_read: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    activated_per_system: int = 0
    rejected: list[RowIssue] = field(default_factory=list)
    warnings: list[RowWarning] = field(default_factory=list)
    hamlets: int = 0
    households: int = 0
    batch: Optional[int] = None
    dry_run: bool = False
    commune: Optional[str] = None
    mode: str = "complete"
    extracted_on: Optional[dt.date] = None
    extracted_from: str = "import_day"
    would_activate: int = 0
    open_residents: int = 0
    partial_list: bool = False
    newer_list: Optional[dt.date] = None      # an older list: the newest extraction already imported
    kept_newer: int = 0                       # listed residents left as the newer list set them
    notices: list[str] = field(default_factory=list)
    sheets_skipped: list[str] = field(default_factory=list)   # chosen sheets with content but no header row
    # a list of several communes (a commune column): each one's own log, imported as its own batch; the
    # counts above are their sums
    by_commune: list["ImportResult"] = field(default_factory=list)

    def to_json(self) -> dict:
        """The CLI's `import --json` object (a stable contract)."""
        return {"rows_read": self.rows_read, "imported": self.imported, "updated": self.updated,
                "unchanged": self.unchanged, "duplicates": self.duplicates,
                "activated_per_system": self.activated_per_system,
                "rejected": [{"sheet": r.sheet, "row": r.row, "reason": r.reason} for r in self.rejected],
                "warnings": [{"sheet": w.sheet, "row": w.row, "field": w.field, "message": w.message,
                              **dict(zip(("code", "params"), note_parts(w.message)))}
                             for w in self.warnings],
                "hamlets": self.hamlets, "households": self.households, "batch": self.batch,
                "mode": self.mode, "extracted_on": self.extracted_on.isoformat() if self.extracted_on else None,
                "extracted_from": self.extracted_from, "would_activate": self.would_activate,
                "open_residents": self.open_residents, "partial_list": self.partial_list,
                "newer_list": self.newer_list.isoformat() if self.newer_list else None,
                "kept_newer": self.kept_newer, "notices": list(self.notices),
                "sheets_skipped": list(self.sheets_skipped), "commune": self.commune,
                "communes": [dict(r.to_json(), commune=r.commune) for r in self.by_commune]}


# ---- layout of a sheet -----------------------------------------------------------------------------------

@dataclass
class _Layout:
    sheet: RawSheet
    head: list[tuple[int, list[Any]]]
    rest: Iterator[tuple[int, list[Any]]]
    guess: HeaderGuess
    blank: bool


def _layout(sheet: RawSheet, mapping: Optional[dict[int, str]] = None,
            header_row: Optional[int] = None) -> _Layout:
    it = sheet.rows()
    head = list(itertools.islice(it, HEAD_ROWS))
    blank = not any(cell_text(c) for _, cells in head for c in cells)
    rows = [cells for _, cells in head]
    first = head[0][0] if head else 1
    guess = detect_header(rows, sheet.merged, first_row=first)
    if header_row and guess.row != header_row:   # the person chose another header row
        guess = detect_header(rows[header_row - first:header_row - first + 2], sheet.merged, first_row=header_row,
                              scan=1)
        if guess.row != header_row:  # the user's row names no known field: keep their row anyway
            labels = [cell_text(c) for c in rows[header_row - first]] if header_row - first < len(rows) else []
            guess = HeaderGuess(row=header_row, top_row=header_row, headers=labels,
                                mapping={i: EXTRA for i, t in enumerate(labels) if t}, score=0)
    if mapping is not None:
        guess.mapping = clean_mapping(mapping)
        guess.problems = [p for p in guess.problems if p != "no header row found"] if guess.row else guess.problems
    return _Layout(sheet=sheet, head=head, rest=it, guess=guess, blank=blank)


def _sheet_hamlet(sheet_name: str, guess: HeaderGuess, data_sheets: int) -> Optional[str]:
    """The hamlet a sheet's name gives (one sheet per hamlet), when the sheet has no hamlet column."""
    if "hamlet" in guess.mapping.values():
        return None
    name = sheet_name.strip()
    if not name or _GENERIC_SHEET_RE.match(fold(name)):
        return None
    if hamlet_kind(name) or data_sheets > 1:
        return clean_hamlet_name(name)
    return None


def _parser(lay: _Layout, sheet_hamlet: Optional[str], default_hamlet: Optional[str]) -> SheetParser:
    g = lay.guess
    return SheetParser(lay.sheet.name, g.mapping, g.headers, merged=lay.sheet.merged, header_row=g.row,
                       skip_numbering=g.skip_numbering, sheet_hamlet=sheet_hamlet, default_hamlet=default_hamlet)


def _select_sheets(book: Book, wanted: Optional[list[str]]) -> list[RawSheet]:
    if not book.sheets:
        raise ImportFileError("empty", "the workbook has no sheets")
    if not wanted:
        return book.sheets
    by_name = {s.name: s for s in book.sheets}
    by_fold = {fold(s.name): s for s in book.sheets}
    out = []
    for w in wanted:
        s = by_name.get(w) or by_fold.get(fold(w))
        if s is None:
            raise ImportFileError("no_sheet", f"no sheet named {w!r}; sheets: {', '.join(by_name)}")
        out.append(s)
    return out


def _text_row(cells: list[Any]) -> list[str]:
    out = [cell_text(c.isoformat() if isinstance(c, (dt.date, dt.datetime)) else c) for c in cells]
    while out and not out[-1]:
        out.pop()
    return out


# ---- phase 1 ---------------------------------------------------------------------------------------------

def inspect_file(path: str | os.PathLike, header_rows: Optional[dict[str, int]] = None) -> FileInspection:
    """Look at a file without importing it: its sheets, header rows, guessed mapping and a few data rows.
    `header_rows` {sheet: row} reads a sheet's header from the row a person chose instead."""
    with open_book(path) as book:
        layouts = [_layout(s, None, (header_rows or {}).get(s.name)) for s in book.sheets]
        if not layouts or all(lay.blank for lay in layouts):
            raise ImportFileError("empty", "the file holds no data")
        data_sheets = sum(1 for lay in layouts if lay.guess.row)
        sheets = []
        for lay in layouts:
            g = lay.guess
            problems = list(g.problems)
            hamlet = _sheet_hamlet(lay.sheet.name, g, data_sheets) if g.row else None
            samples: list[list[str]] = []
            if lay.blank:
                problems = ["empty sheet"]
            elif g.row:
                parser = _parser(lay, hamlet, None)
                for number, cells in itertools.chain(lay.head, lay.rest):
                    p = parser.feed(number, cells)
                    if p is not None:
                        samples.append(_text_row(json.loads(p.raw)))
                        if len(samples) >= SAMPLE_ROWS:
                            break
                if not samples:
                    problems.append("no data rows")
                elif "hamlet" not in g.mapping.values() and not hamlet:
                    problems.append("no hamlet column")
            estimate = max(0, lay.sheet.total_rows - g.row - (1 if g.skip_numbering else 0)) if samples else 0
            sheets.append(SheetInspection(name=lay.sheet.name, header_row=g.row, headers=g.headers,
                                          mapping=dict(g.mapping), sample_rows=samples, data_rows=estimate,
                                          hamlet_from_sheet=hamlet, problems=problems))
        if not any(s.header_row for s in sheets):
            raise ImportFileError("no_header", "no header row with a name column was found in the first rows")
        if not any(s.sample_rows for s in sheets):
            raise ImportFileError("no_data", "the list has a header but no residents")
        return FileInspection(path=str(path), format=book.format, sheets=sheets)


# ---- phase 2 ---------------------------------------------------------------------------------------------

def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_rows(path: str | os.PathLike, plan: Optional[ImportPlan] = None, *,
              progress: Optional[Callable[[int, int], None]] = None,
              cancel: Optional[Callable[[], bool]] = None
              ) -> tuple[list[ParsedRow], Optional[str], list[str], str, dict[str, list[str]], Optional[dt.date],
                         list[str]]:
    """Read and normalise every data row of the chosen sheets: (rows, commune named, sheets used, format,
    {sheet: header cells by column}, the date the heading names, chosen sheets with content but no header row:
    not read, and said so)."""
    plan = plan or ImportPlan()
    with open_book(path) as book:
        chosen = _select_sheets(book, plan.sheets)
        layouts = [_layout(s, (plan.mappings or {}).get(s.name), (plan.header_rows or {}).get(s.name))
                   for s in chosen]
        if all(lay.blank for lay in layouts):
            raise ImportFileError("empty", "the file holds no data")
        usable = [lay for lay in layouts if lay.guess.row and "name" in lay.guess.mapping.values()]
        if not usable:
            raise ImportFileError("no_header", "no header row with a name column was found in the first rows")
        commune = heading_date = None
        for lay in usable:
            titles = [cells for n, cells in lay.head if n < lay.guess.top_row]
            commune = commune or commune_from_titles(titles)
            heading_date = heading_date or _titles_date(titles)
        total = sum(lay.sheet.total_rows for lay in usable) or 1
        rows: list[ParsedRow] = []
        seen = 0
        for lay in usable:
            hamlet = _sheet_hamlet(lay.sheet.name, lay.guess, len(usable))
            parser = _parser(lay, hamlet, plan.hamlet)
            feed = parser.feed
            for number, cells in itertools.chain(lay.head, lay.rest):
                seen += 1
                if seen % 5000 == 0:
                    if cancel and cancel():
                        raise Cancelled("cancelled")
                    if progress:
                        progress(seen, total)
                p = feed(number, cells)
                if p is not None:
                    rows.append(p)
        if not rows:
            raise ImportFileError("no_data", "the list has a header but no residents")
        if commune is None:
            for p in itertools.islice((p for p in rows if p.address), 200):
                commune = commune_from_text(p.address)
                if commune:
                    break
        headers = {lay.sheet.name: list(lay.guess.headers) for lay in usable}
        skipped = [lay.sheet.name for lay in layouts if not lay.blank and all(lay is not u for u in usable)]
        return rows, commune, [lay.sheet.name for lay in usable], book.format, headers, heading_date, skipped


def _titles_date(rows: list[list[Any]]) -> Optional[dt.date]:
    """The first date the title rows above a header write ("ngày 28 tháng 3 năm 2025", "tính đến 28/3/2025")."""
    for cells in rows:
        for c in cells:
            if isinstance(c, str) and c:
                d = date_in_text(c)
                if d:
                    return d
    return None


# The rows the last dry run read, for the import that follows it (the wizard previews, then imports the same
# file with the same choices: reading and normalising 300k rows is ~16 s, done once instead of twice).
# Keyed by the file's path and SHA-256, the plan and the day; taken (not copied) by the next run_import.
_last_read: Optional[tuple[tuple, tuple]] = None
_last_read_lock = threading.Lock()


def clear_read_cache() -> None:
    """Free the rows a dry run kept for the import that usually follows it (call when the wizard closes
    without importing: at 300k rows they hold several hundred MB)."""
    global _last_read
    with _last_read_lock:
        _last_read = None


def _read_key(p: Path, sha: str, plan: ImportPlan) -> tuple:
    return (str(p.resolve()), sha, repr(plan), dt.date.today())


def _take_read(key: tuple) -> Optional[tuple]:
    global _last_read
    with _last_read_lock:
        entry, _last_read = _last_read, None
    if entry is None or entry[0] != key:
        return None
    rows = entry[1][0]
    for r in rows:
        r.reset()
    return entry[1]


class _Background(threading.Thread):
    """`fn(*args)` on its own thread, started at once; `take()` waits and returns its result or raises its error.
    For work that runs outside Python's lock (SQLite's backup API), beside the reading of a list."""

    def __init__(self, fn: Callable, *args: Any):
        super().__init__(name="import-backup", daemon=True)
        self._call = (fn, args)
        self._result: Any = None
        self._error: Optional[BaseException] = None
        self.start()

    def run(self) -> None:
        fn, args = self._call
        try:
            self._result = fn(*args)
        except BaseException as exc:  # noqa: BLE001 - handed to take()
            self._error = exc

    def take(self) -> Any:
        """Wait for the work; its result, or its error raised here."""
        self.join()
        if self._error is not None:
            raise self._error
        return self._result

    def discard(self) -> None:
        """Wait for the work and remove the file it made (a backup no longer needed); errors are dropped."""
        self.join()
        if isinstance(self._result, Path):
            self._result.unlink(missing_ok=True)


# The cyclic garbage collector is paused while an import runs: the import allocates millions of objects that
# live until it ends (rows, cells, parsed values) and makes no reference cycles worth collecting, yet every
# full collection walks all of them (measured: ~10 % of a 50,000-row read, more at 300,000). Imports on
# several threads share one count; the collector runs again when the last one ends.
_gc_lock = threading.Lock()
_gc_paused_by = 0
_gc_was_enabled = True


def _gc_paused(fn):
    """Run `fn` with the cyclic garbage collector paused (reference counting still frees everything)."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        global _gc_paused_by, _gc_was_enabled
        with _gc_lock:
            if _gc_paused_by == 0:
                _gc_was_enabled = gc.isenabled()
                gc.disable()
            _gc_paused_by += 1
        try:
            return fn(*args, **kwargs)
        finally:
            with _gc_lock:
                _gc_paused_by -= 1
                if _gc_paused_by == 0 and _gc_was_enabled:
                    gc.enable()
    return wrapper


@_gc_paused
def run_import(db: Database, path: str | os.PathLike, plan: Optional[ImportPlan] = None, *, dry_run: bool = False,
               mode: str = "auto", extracted: Optional[dt.date] = None,
               progress: Optional[Callable[[int, int], None]] = None,
               cancel: Optional[Callable[[], bool]] = None, actor: Optional[str] = None,
               commune: Optional[str] = None) -> ImportResult:
    """Import a list (or, with dry_run, compute what importing it would do). One transaction.
    `mode`: "auto", "complete" or "supplement" (module docstring); mode "auto" raises PartialList, writing
    nothing, where a dry run reports `partial_list`. `extracted`: the day the list was extracted (else its
    heading's date, else today). `actor` (who imports) is written on the events the import adds. A dry run
    keeps the rows it read for the next run_import of the same file and plan on the same day (see
    `clear_read_cache`). `commune` (a name or id of the database) takes the whole list for that commune; else a
    list with a commune column is imported commune by commune (`canvass.communes.import_groups`), each its
    own batch in the one transaction, and `by_commune` holds each one's log."""
    if mode not in MODES:
        raise ValueError(f"unknown import mode {mode!r}")
    global _last_read
    p = Path(path)
    plan = plan or ImportPlan()

    def scaled(lo: int, hi: int) -> Optional[Callable[[int, int], None]]:
        if progress is None:
            return None
        return lambda done, total: progress(lo + (hi - lo) * done // max(total, 1), 100)

    if not p.is_file():
        raise ImportFileError("not_found", f"no such file: {p.name}")
    # the backup before the import is copied while the list is read: SQLite's backup and calamine's loading of
    # a sheet both run without Python's lock, so the copy (seconds for a province database) costs no time
    backup = None if dry_run else _Background(before_change, db, "import")
    try:
        sha = _sha256(p)
        key = _read_key(p, sha, plan)
        read = _take_read(key)
        if read is None:
            read = read_rows(p, plan, progress=scaled(0, 60), cancel=cancel)
        elif progress:
            progress(60, 100)
        rows, listed, sheets, _fmt, headers, heading_date, skipped = read
        source = "given" if extracted else ("heading" if heading_date else "import_day")
        extracted = extracted or heading_date or now().date()
        from canvass.communes import combine_results, import_groups
        with db.read() as s:
            groups = import_groups(s, rows, listed, commune)
    except BaseException:
        if backup is not None:   # nothing was changed: the copy would only push an older one out of the rotation
            backup.discard()
        raise
    if dry_run:
        results = []
        with db.read_connect() as conn:
            for commune, group in groups:
                iplan = plan_import(conn, group, commune, mode=mode, extracted=extracted, cancel=cancel)
                results.append(_result(iplan, group, dry_run=True, source=source))
                results[-1].commune = iplan.commune[1] if iplan.commune else commune
        result = combine_results(results)
        result.sheets_skipped = list(skipped)
        with _last_read_lock:
            _last_read = (key, read)
        return result
    backup.take()     # the copy is whole before the import writes
    try:
        with db.connect() as conn:
            results = []
            for n, (commune, group) in enumerate(groups):
                iplan = plan_import(conn, group, commune, mode=mode, extracted=extracted, cancel=cancel)
                if iplan.partial:
                    with _last_read_lock:    # the person will say --complete or --supplement: keep what was read
                        _last_read = (key, read)
                    raise PartialList(iplan.would_activate, iplan.open_residents)
                result = _result(iplan, group, dry_run=False, source=source)
                result.sheets_skipped = list(skipped)
                result.commune = iplan.commune[1] if iplan.commune else commune
                summary = {"commune": result.commune, "plan": {
                    "sheets": sheets, "hamlet": plan.hamlet}, "headers": headers, "result": stored_result(result)}
                write_plan(conn, iplan, file_name=p.name, sha256=sha, sheets=sheets, summary=summary, at=now(),
                           progress=scaled(60 + 40 * n // len(groups), 60 + 40 * (n + 1) // len(groups)),
                           cancel=cancel, actor=actor)
                result.batch = iplan.batch_id
                results.append(result)
            if progress:
                progress(100, 100)
            return combine_results(results)
    except BaseException:   # rolled back (refused, cancelled, failed): nothing changed, the copy goes
        backup.discard()
        raise


def stored_result(result: ImportResult) -> dict:
    """The import log as the batch's summary stores it: `to_json()` with the warnings grouped by sheet, field and
    message (one entry per kind of warning with its rows and places in the log, not one object per warning: a
    300k-row list has ~28k warnings, 3 MB as objects, re-stored on every re-import). `logged_warnings` reads
    them back as `to_json()` gave them."""
    data = result.to_json()
    groups: dict[tuple, dict] = {}
    for i, w in enumerate(data["warnings"]):
        key = (w["sheet"], w["field"], w["message"])
        g = groups.get(key)
        if g is None:
            g = groups[key] = {"sheet": w["sheet"], "field": w["field"], "message": w["message"], "code": w["code"],
                               "params": w["params"], "rows": [], "at": []}
        g["rows"].append(w["row"])
        g["at"].append(i)
    data["warnings"] = len(data["warnings"])
    data["warning_groups"] = list(groups.values())
    return data


def logged_warnings(stored: dict) -> list[dict]:
    """The warnings of a stored import log (`stored_result`, or a log stored before it: a list), as `to_json()`
    gives them, in their order."""
    if isinstance(stored.get("warnings"), list):
        return stored["warnings"]
    out: list[Optional[dict]] = [None] * int(stored.get("warnings") or 0)
    for g in stored.get("warning_groups", ()):
        for row, at in zip(g["rows"], g["at"]):
            out[at] = {"sheet": g["sheet"], "row": row, "field": g["field"], "message": g["message"],
                       "code": g["code"], "params": g["params"]}
    return [w for w in out if w is not None]


def _result(iplan, rows: list[ParsedRow], *, dry_run: bool, source: str = "import_day") -> ImportResult:
    c = iplan.counts
    res = ImportResult(rows_read=len(rows), imported=c["imported"], updated=c["updated"], unchanged=c["unchanged"],
                       duplicates=c["duplicates"], activated_per_system=c["activated_per_system"],
                       hamlets=len(iplan.hamlets_seen), households=len(iplan.households_seen),
                       batch=None if dry_run else iplan.batch_id, dry_run=dry_run, mode=iplan.effective_mode,
                       extracted_on=iplan.extracted, extracted_from=source, would_activate=iplan.would_activate,
                       open_residents=iplan.open_residents, partial_list=iplan.partial, newer_list=iplan.newer,
                       kept_newer=iplan.kept_newer, notices=iplan.notices)
    for p in rows:
        if p.reason is not None:
            res.rejected.append(RowIssue(p.sheet, p.row, p.reason))
        for f, msg in p.warnings or ():
            res.warnings.append(RowWarning(p.sheet, p.row, f, msg))
    return res


__all__ = ["FIELDS", "SheetInspection", "FileInspection", "ImportPlan", "RowIssue", "RowWarning", "ImportResult",
           "ImportFileError", "PartialList", "MODES", "PARTIAL_LIST_SHARE", "inspect_file", "run_import", "read_rows",
           "stored_result", "logged_warnings",
           "clear_read_cache"]
