"""The export dialog writes the chosen document in the background and previews a PDF."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from canvass.events import record_visit
from canvass.models import Event, Resident
from tests.factories import make_commune

COMMUNE = False     # ctx (tests/ui/conftest.py) starts empty: these tests build their own commune


@pytest.fixture
def absent_names(ctx):
    ids = make_commune(ctx.db)
    with ctx.db.session() as s:
        for rid in ids[:3]:
            record_visit(s, rid, "absent")
        return [s.get(Resident, rid).name for rid in ids[:3]]


def run_export(dlg, qtbot):
    with qtbot.waitSignal(dlg.taskbar.finished, timeout=60000):
        dlg.export_button.click()


def test_exports_the_absent_list_to_xlsx(ctx, qtbot, tmp_path, absent_names):
    from ui.dialogs.export_dialog import ExportDialog

    dlg = ExportDialog(ctx, None, kind="absent")
    qtbot.addWidget(dlg)
    assert dlg.kind.currentData() == "absent"
    assert dlg.path.text().endswith(".xlsx")
    out = tmp_path / "vang.xlsx"
    dlg.path.setText(str(out))
    dlg._path_edited("")
    run_export(dlg, qtbot)
    assert dlg.written == str(out), dlg.message.text()
    assert out.exists()
    wb = load_workbook(out, read_only=True)
    cells = {str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c}
    assert all(name in cells for name in absent_names)
    assert not dlg.open_button.isHidden()
    with ctx.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Event).where(Event.kind == "export")) == 1


def test_daily_report_to_pdf_is_previewed(ctx, qtbot, tmp_path, absent_names):
    from ui.dialogs.export_dialog import ExportDialog

    dlg = ExportDialog(ctx, None)
    qtbot.addWidget(dlg)
    dlg.kind.setCurrentIndex(dlg.kind.findData("daily-report"))
    assert not dlg.hamlet.isEnabled() and not dlg.team.isEnabled()
    dlg.format.setCurrentIndex(dlg.format.findData(".pdf"))
    assert dlg.path.text().endswith(".pdf")
    dlg.path.setText(str(tmp_path / "bao_cao.pdf"))
    dlg._path_edited("")
    run_export(dlg, qtbot)
    assert dlg.written, dlg.message.text()
    assert (tmp_path / "bao_cao.pdf").read_bytes().startswith(b"%PDF")
    assert dlg.preview is not None and dlg.preview.document().pageCount() >= 1
    assert not dlg.preview.isHidden()


def test_a_missing_folder_is_reported_and_nothing_written(ctx, qtbot, tmp_path, absent_names):
    from ui.dialogs.export_dialog import ExportDialog

    dlg = ExportDialog(ctx, None, kind="walklist")
    qtbot.addWidget(dlg)
    dlg.path.setText(str(tmp_path / "no" / "such" / "dir" / "x.xlsx"))
    dlg._path_edited("")
    run_export(dlg, qtbot)
    assert dlg.written is None
    assert dlg.message.text()
    # changing the format keeps the person's path, with the new suffix
    dlg.format.setCurrentIndex(dlg.format.findData(".csv"))
    assert dlg.path.text().endswith("x.csv")
