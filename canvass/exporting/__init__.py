"""Exports: return lists, walk lists and the daily report as .xlsx, .pdf or .csv.

`export(db, kind, out_path, ...)` builds the document (`documents.py`), lays it out in the format named by
the file's suffix (`sheets.py` for .xlsx/.csv, `pdf.py`), writes it atomically (`atomic.py`: an interrupted
or killed export leaves neither a half-written file nor personal data under a temporary name), then records an `export`
event: these lists hold citizens' personal data, so the log says what was exported, by whom, when, how
many rows and where to.
"""
from __future__ import annotations

import datetime as dt
import gc
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from canvass.errors import Cancelled, InvalidInput
from canvass.exporting.atomic import atomic_path
from canvass.events import append_event

KINDS = ("absent", "ineligible", "wrong-phone", "activated", "walklist", "daily-report")   # a commune's documents
AREA_KINDS = ("province-report",)       # many communes' figures (canvass/exporting/province.py)
REPORTS = ("daily-report", "province-report")   # figures of a whole commune / province: no hamlet or team
FORMATS = {".xlsx": "xlsx", ".pdf": "pdf", ".csv": "csv"}
MAX_PDF_ROWS = 50_000   # a PDF of more rows is unprintable in practice; use .xlsx or .csv
MAX_SHEET_ROWS = 1_048_000  # a worksheet holds 1,048,576 rows, heading and signatures included


@dataclass
class ExportResult:
    """What an export wrote."""
    kind: str
    path: str
    rows: int
    format: str


def _resolve(session, hamlet, team, commune=None) -> tuple[Optional[int], Optional[int]]:
    from canvass.communes import find_commune
    from canvass.teams import find_hamlet, find_team

    cid = find_commune(session, commune).id if commune not in (None, "") else None
    hamlet_id = find_hamlet(session, hamlet, cid).id if hamlet not in (None, "") else None
    team_id = find_team(session, team, cid).id if team not in (None, "") else None
    return hamlet_id, team_id


def build_document(session, kind: str, scope, *, province: Optional[str] = None, district: Optional[str] = None):
    """The document of a kind for a scope (see documents.py); `province`/`district` narrow the province report."""
    from canvass.exporting import documents

    if kind == "province-report":
        from canvass.exporting.province import province_report
        return province_report(session, scope, province=province, district=district)
    if kind == "daily-report":
        from canvass.exporting.report import daily_report
        return daily_report(session, scope)
    return {"absent": documents.absent, "ineligible": documents.ineligible, "wrong-phone": documents.wrong_phone,
            "activated": documents.activated, "walklist": documents.walklist}[kind](session, scope)


def export(db, kind: str, out_path, *, hamlet: str | int | None = None, team: str | int | None = None,
           as_of: dt.date | None = None, mask: bool = False, by_hamlet: bool = False, actor: str | None = None,
           progress: Optional[Callable[[int, int], None]] = None,
           cancel: Optional[Callable[[], bool]] = None, commune: str | int | None = None,
           province: Optional[str] = None, district: Optional[str] = None) -> ExportResult:
    """Write one document to out_path (format from the suffix: .xlsx, .pdf, .csv) and log the export.

    `hamlet`/`team` (name or id) narrow the lists; `as_of` dates the document (and is the cut-off of the
    daily report); `mask` shows only the last 3 digits of CCCD and phone numbers; `by_hamlet` writes one
    sheet (PDF: one set of pages) per hamlet. `commune` (name or id) says whose hamlet or team a name means
    when several communes use it; `province`/`district` narrow the province report. Raises CanvassError subclasses for unknown kinds, suffixes,
    hamlets and teams, and Cancelled when `cancel()` turns true (nothing is written then).
    """
    from canvass.exporting.documents import Scope

    if kind not in KINDS + AREA_KINDS:
        raise InvalidInput("export_kind_unknown", kind=kind, choices=", ".join(KINDS + AREA_KINDS))
    out = Path(out_path)
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise InvalidInput("export_format_unknown", suffix=out.suffix or "(none)")
    if not out.parent.exists():
        raise InvalidInput("folder_missing", folder=str(out.parent))
    as_of = as_of or dt.date.today()
    if fmt == "pdf":
        from canvass.exporting.pdf import write_pdf as writer
    else:
        from canvass.exporting.sheets import write_csv, write_xlsx
        writer = write_xlsx if fmt == "xlsx" else write_csv
    with db.session() as s:
        hamlet_id, team_id = _resolve(s, hamlet, team, commune)
        if kind in REPORTS and (hamlet_id is not None or team_id is not None):
            raise InvalidInput("report_whole_commune")
        total = [0]

        def tick(done: int) -> None:
            if cancel is not None and cancel():
                raise Cancelled("cancelled")
            if progress is not None:
                progress(done, total[0])

        scope = Scope(hamlet_id=hamlet_id, team_id=team_id, as_of=as_of, mask=mask, by_hamlet=by_hamlet,
                      tick=tick)
        doc = build_document(s, kind, scope, province=province, district=district)
        if fmt != "pdf":
            doc.row_residents = None   # only a printed walk list is read back from photos (canvass.scan)
        total[0] = doc.total
        if fmt == "pdf" and doc.total > MAX_PDF_ROWS:
            raise InvalidInput("pdf_too_many_rows", rows=doc.total, limit=MAX_PDF_ROWS)
        if fmt == "xlsx" and doc.total > MAX_SHEET_ROWS and not by_hamlet:
            raise InvalidInput("sheet_too_many_rows", rows=doc.total)
        tick(0)
        collecting = gc.isenabled()
        gc.disable()   # millions of short-lived rows: the cyclic collector would rescan the heap ~30% of the time
        try:
            with atomic_path(out) as tmp:
                rows = writer(doc, tmp)
        finally:
            if collecting:
                gc.enable()
        if progress is not None:
            progress(doc.total, doc.total)
    filters = {k: v for k, v in (("hamlet", hamlet_id), ("team", team_id), ("mask", mask or None),
                                 ("by_hamlet", by_hamlet or None), ("province", province or None),
                                 ("district", district or None)) if v is not None}
    data = {"kind": kind, "rows": rows, "path": str(out.resolve()), "filters": filters, "format": fmt,
            "as_of": as_of.isoformat()}
    with db.session() as s:
        if doc.printed is not None:   # a walk list to be read back from photos (canvass.scan)
            from canvass.scan.printing import record_print
            record_print(s, doc.printed, as_of)
            data["print"] = doc.printed["key"]
        append_event(s, None, "export", actor=actor, data=data)
    return ExportResult(kind=kind, path=str(out), rows=rows, format=fmt)


__all__ = ["KINDS", "AREA_KINDS", "ExportResult", "export"]
