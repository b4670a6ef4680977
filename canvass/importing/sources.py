"""The rows of imported files as read, per resident: what the resident details view shows as "the raw
source row". Every data row of every import is kept (`source_row`: batch, sheet, row number, what became of
it); its cells are stored once per distinct content (`source_text`), so re-importing the same list adds
small references, not the text again. Rows written before `source_text` existed hold the text inline;
`raw_cells` reads both.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from canvass.models import ImportBatch, SourceRow, SourceText


@dataclass
class SourceRecord:
    """One listed row of a resident: which import, sheet and row, the cells as read, what became of it."""
    batch_id: int
    file_name: str
    imported_at: dt.datetime
    summary: Optional[str]          # the batch's summary JSON (headers per sheet, for the UI)
    sheet: str
    row_number: int
    cells: list[str]
    disposition: str
    reason: Optional[str]


def raw_cells(raw: Optional[str]) -> list[str]:
    """A stored row text (JSON list of cells) as a list of cell texts; a text that is not such a list
    (never written by this importer) comes back as one cell."""
    if raw is None:
        return []
    try:
        cells = json.loads(raw)
    except ValueError:
        return [raw]
    if isinstance(cells, dict):
        cells = list(cells.values())
    if not isinstance(cells, list):
        return [raw]
    return ["" if c is None else str(c) for c in cells]


def source_rows_of(session: Session, resident_id: int) -> list[SourceRecord]:
    """Every listed row of a resident, newest first (one query, whichever way the text is stored)."""
    sr, st, b = SourceRow, SourceText, ImportBatch
    rows = session.execute(
        select(sr.batch_id, b.file_name, b.imported_at, b.summary, sr.sheet, sr.row_number, sr.raw_inline,
               st.raw, sr.disposition, sr.reason)
        .join(b, b.id == sr.batch_id).outerjoin(st, st.id == sr.text_id)
        .where(sr.resident_id == resident_id).order_by(sr.id.desc())).all()
    return [SourceRecord(batch_id=r[0], file_name=r[1], imported_at=r[2], summary=r[3], sheet=r[4],
                         row_number=r[5], cells=raw_cells(r[7] if r[7] is not None else r[6]),
                         disposition=r[8], reason=r[9]) for r in rows]


def sheet_headers(summary: Optional[str], sheet: str) -> list[str]:
    """The header cells the importer recorded for a sheet (its batch summary JSON), or [] when it did not."""
    try:
        data = json.loads(summary or "{}")
    except ValueError:
        return []
    for key in ("headers", "header"):
        v = data.get(key)
        if isinstance(v, dict):
            v = v.get(sheet)
        if isinstance(v, list):
            return [str(x) if x is not None else "" for x in v]
    sheets = data.get("sheets")
    if isinstance(sheets, list):
        for sh in sheets:
            if isinstance(sh, dict) and sh.get("name") == sheet and isinstance(sh.get("header"), list):
                return [str(x) if x is not None else "" for x in sh["header"]]
    return []


__all__ = ["SourceRecord", "raw_cells", "source_rows_of", "sheet_headers"]
