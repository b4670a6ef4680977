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
    run_export(dlg, qtbot)
    assert dlg.written is None
    assert dlg.message.text()
    # changing the format keeps the person's path, with the new suffix
    dlg.format.setCurrentIndex(dlg.format.findData(".csv"))
    assert dlg.path.text().endswith("x.csv")


def test_default_names_carry_kind_hamlet_team_and_day_and_follow_the_kind(ctx, qtbot, tmp_path, absent_names):
    """Changing the kind after the folder was edited renames the file (it was the dialog's name, not the
    person's); a hamlet or team chosen is in the name, so team 2's walk list never takes team 1's name."""
    from ui.dialogs.export_dialog import ExportDialog
    from canvass.teams import add_team

    with ctx.db.session() as s:
        add_team(s, "Tổ 1")
        add_team(s, "Tổ Hai")
    dlg = ExportDialog(ctx, None, kind="absent")
    qtbot.addWidget(dlg)
    dlg.path.setText(str(tmp_path / dlg.default_name()))          # the person picks another folder
    dlg.kind.setCurrentIndex(dlg.kind.findData("ineligible"))
    first = dlg.path.text()
    assert first.startswith(str(tmp_path)) and "DS_khong_the_kich_hoat" in first and "vang_mat" not in first
    dlg.kind.setCurrentIndex(dlg.kind.findData("walklist"))
    dlg.team.setCurrentIndex(dlg.team.findText("Tổ 1"))
    one = dlg.path.text()
    dlg.team.setCurrentIndex(dlg.team.findText("Tổ Hai"))
    two = dlg.path.text()
    assert "To_1" in one and "To_Hai" in two and one != two
    dlg.hamlet.setCurrentIndex(1)
    assert "Thon_" in dlg.path.text()
    dlg.path.setText(str(tmp_path / "my_list.xlsx"))               # a name the person typed stays
    dlg.kind.setCurrentIndex(dlg.kind.findData("absent"))
    assert dlg.path.text() == str(tmp_path / "my_list.xlsx")
    dlg.format.setCurrentIndex(dlg.format.findData(".pdf"))
    assert dlg.path.text() == str(tmp_path / "my_list.pdf")


def test_an_existing_file_is_replaced_only_after_a_yes(ctx, qtbot, tmp_path, absent_names, monkeypatch):
    from ui.dialogs.base import SaveDialog
    from ui.dialogs.export_dialog import ExportDialog

    out = tmp_path / "list.xlsx"
    out.write_bytes(b"the absent list handed in yesterday")
    asked = []
    monkeypatch.setattr(SaveDialog, "ask_replace", lambda self, target: asked.append(target) or False)
    dlg = ExportDialog(ctx, None, kind="ineligible")
    qtbot.addWidget(dlg)
    dlg.path.setText(str(out))
    dlg.export_button.click()
    assert asked == [out] and not dlg.taskbar.running()
    assert out.read_bytes() == b"the absent list handed in yesterday" and dlg.written is None
    assert dlg.message.text()

    monkeypatch.setattr(SaveDialog, "ask_replace", lambda self, target: asked.append(target) or True)
    run_export(dlg, qtbot)
    assert len(asked) == 2 and dlg.written == str(out)
    assert out.read_bytes().startswith(b"PK")                      # the new workbook


def test_a_pack_never_replaces_a_file_without_asking(ctx, qtbot, tmp_path, monkeypatch):
    from canvass.teams import add_team
    from ui.dialogs.base import SaveDialog
    from ui.dialogs.pack_dialogs import PackExportDialog

    make_commune(ctx.db)
    with ctx.db.session() as s:
        add_team(s, "Tổ 1")
    out = tmp_path / "pack.xlsx"
    out.write_bytes(b"team 1's pack of this morning")
    monkeypatch.setattr(SaveDialog, "ask_replace", lambda self, target: False)
    dlg = PackExportDialog(ctx, None)
    qtbot.addWidget(dlg)
    dlg.path.setText(str(out))
    dlg.export_button.click()
    assert out.read_bytes() == b"team 1's pack of this morning" and not dlg.taskbar.running()


def test_a_written_pdf_prints_and_an_unopenable_folder_is_explained(ctx, qtbot, tmp_path, absent_names, monkeypatch):
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    import ui.dialogs.base as base
    from ui.dialogs.export_dialog import ExportDialog

    dlg = ExportDialog(ctx, None, kind="absent")
    qtbot.addWidget(dlg)
    dlg.format.setCurrentIndex(dlg.format.findData(".pdf"))
    dlg.path.setText(str(tmp_path / "vang.pdf"))
    run_export(dlg, qtbot)
    assert not dlg.print_button.isHidden()
    printed = tmp_path / "printed.pdf"

    def printer(self):
        p = QPrinter(QPrinter.PrinterMode.HighResolution)
        p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        p.setOutputFileName(str(printed))
        return p
    monkeypatch.setattr(ExportDialog, "ask_printer", printer)
    pages = dlg.print_written()
    doc = QPdfDocument(None)
    doc.load(str(printed))
    assert pages >= 1 and doc.pageCount() == pages
    doc.close()

    monkeypatch.setattr(base, "open_folder", lambda path: False)
    assert dlg.open_written_folder() is False
    assert str(tmp_path / "vang.pdf") in dlg.message.text()


def test_the_province_report_is_offered_for_several_communes_and_covers_the_chosen_area(ctx, qtbot, tmp_path):
    """A province's database (several communes): the dialog offers the province report, with the areas the
    communes name (a province, each district under it); the file covers only the chosen district's communes
    and the export is logged with that area. A one-commune database is not offered it."""
    from canvass.communes import add_commune
    from canvass.models import Event
    from ui.dialogs.export_dialog import ExportDialog

    make_commune(ctx.db)            # "Xã Thử Nghiệm", without a province
    dlg = ExportDialog(ctx, None)
    qtbot.addWidget(dlg)
    assert dlg.kind.findData("province-report") < 0
    with ctx.db.session() as s:
        add_commune(s, "Xã Hoàng Văn Thụ", province="Tỉnh Lạng Sơn", district="Huyện Văn Lãng")
        add_commune(s, "Xã Tân Thanh", province="Tỉnh Lạng Sơn", district="huyện văn lãng")   # written otherwise
        add_commune(s, "Xã Bình Gia", province="Tỉnh Lạng Sơn", district="Huyện Bình Gia")
    dlg = ExportDialog(ctx, None, kind="province-report")
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.kind.currentData() == "province-report"
    assert not dlg.hamlet.isEnabled() and not dlg.team.isEnabled() and not dlg.mask.isEnabled()
    assert dlg.area.isVisible()
    areas = [dlg.area.itemData(i) for i in range(dlg.area.count())]
    assert areas == [(None, None), ("Tỉnh Lạng Sơn", None), ("Tỉnh Lạng Sơn", "Huyện Bình Gia"),
                     ("Tỉnh Lạng Sơn", "Huyện Văn Lãng")]
    dlg.area.setCurrentIndex(areas.index(("Tỉnh Lạng Sơn", "Huyện Văn Lãng")))
    assert "Bao_cao_tinh_Tinh_Lang_Son_Huyen_Van_Lang_" in dlg.path.text()
    out = tmp_path / "tinh.xlsx"
    dlg.path.setText(str(out))
    run_export(dlg, qtbot)
    assert dlg.written == str(out), dlg.message.text()
    cells = {str(c) for ws in load_workbook(out, read_only=True).worksheets
             for row in ws.iter_rows(values_only=True) for c in row if c}
    assert {"Xã Hoàng Văn Thụ", "Xã Tân Thanh"} <= cells
    assert not {"Xã Bình Gia", "Xã Thử Nghiệm"} & cells
    with ctx.db.session() as s:
        data = s.scalars(select(Event.data).where(Event.kind == "export")).one()
    assert '"district": "Huyện Văn Lãng"' in data and '"kind": "province-report"' in data
    dlg.kind.setCurrentIndex(dlg.kind.findData("absent"))
    assert not dlg.area.isVisible() and dlg.hamlet.isEnabled()
