"""Every exported workbook opens in LibreOffice (no repair, converted headless in one call) and shows the
same text: hostile values stay text, dates show dd/mm/yyyy, CCCD keep their leading zeros."""
from __future__ import annotations

import csv
import subprocess

import pytest
from sqlalchemy import select

from canvass.db import open_database
from canvass.exporting import KINDS, export
from canvass.models import Resident
from tests.core.test_export_lists import build
from tests.helpers import require_tool

pytestmark = pytest.mark.libreoffice


def test_libreoffice_opens_every_export(tmp_path, monkeypatch):
    soffice = require_tool("soffice")
    db = open_database(tmp_path / "lo.db")
    build(db)
    src = tmp_path / "src"
    src.mkdir()
    files = [src / f"{kind}.xlsx" for kind in KINDS]
    for kind, path in zip(KINDS, files):
        export(db, kind, path)
    from canvass.exporting import sheets
    monkeypatch.setattr(sheets, "STREAM_ABOVE", 0)  # the streaming writer too
    files.append(src / "absent-streamed.xlsx")
    export(db, "absent", files[-1], by_hamlet=True)
    with db.session() as s:
        absent = list(s.scalars(select(Resident).where(Resident.status == "absent").order_by(Resident.id)))
    db.dispose()

    out = tmp_path / "out"
    profile = (tmp_path / "lo-profile").as_uri()
    proc = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                           "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(out), *map(str, files)],
                          capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr
    for path in files:
        converted = out / f"{path.stem}.csv"
        assert converted.exists(), (path.name, proc.stdout, proc.stderr)
        with open(converted, encoding="utf-8", newline="") as fh:
            cells = [c for row in csv.reader(fh) for c in row]
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells, path.name
        assert "STT" in cells, path.name

    with open(out / "absent.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    cells = [c for row in rows for c in row]
    assert "=Nguyễn Văn Độc" in cells  # shown as typed, not evaluated
    for r in absent:
        row = next(row for row in rows if r.cccd in row)  # leading zeros kept
        assert r.name in row and r.dob.strftime("%d/%m/%Y") in row
