"""Helpers shared by the window's tests (fixtures live in conftest.py)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

from openpyxl import load_workbook


def fill_pack(path: Path, rows: dict, day: Optional[str] = None) -> None:
    """Write outcomes into a team pack like a team lead would: {row offset: (outcome, reason)}, all dated `day`
    (dd/mm/yyyy text, today by default)."""
    from canvass.packs import layout as L

    wb = load_workbook(path)
    ws = wb[L.MAIN_SHEET]
    col = {k: i + 1 for i, k in enumerate(L.COLUMN_KEYS)}
    day = day or dt.date.today().strftime("%d/%m/%Y")
    for offset, (outcome, reason) in rows.items():
        r = L.HEADER_ROW + 1 + offset
        ws.cell(row=r, column=col["outcome"], value=outcome)
        if reason:
            ws.cell(row=r, column=col["reason"], value=reason)
        ws.cell(row=r, column=col["visit_date"], value=day)
    wb.save(path)
