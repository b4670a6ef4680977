"""The import wizard on a generated list: the mapping shown, a correction that changes the preview, the
import itself, a cancelled import that leaves nothing, and the log saved to CSV and xlsx."""
from __future__ import annotations

import csv
import threading

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from canvass.models import Resident

COMMUNE = False     # ctx (tests/ui/conftest.py) starts empty: these tests build their own commune
HAMLETS = ("Thôn Nà Thí", "Thôn Pò Đứa")
GIVEN = ("An", "Bình", "Cúc", "Dũng", "Hà", "Lan", "Minh", "Nam", "Sơn", "Yến")


def make_list(path, n=12, hamlet_header="Khu vực"):
    """A police-style list: title rows, a header on row 4, n residents; the hamlet column has a header the
    importer does not know (so it must be mapped by hand)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "DS chua kich hoat"
    ws["A1"] = "CÔNG AN XÃ THỬ NGHIỆM"
    ws["A2"] = "DANH SÁCH CÔNG DÂN CHƯA KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ"
    ws.append([])
    ws.append(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số định danh cá nhân", "Số điện thoại", "Số hộ",
               hamlet_header, "Ghi chú"])
    for i in range(n):
        ws.append([i + 1, f"Nguyễn Văn {GIVEN[i % len(GIVEN)]}", f"{1 + i % 28:02d}/0{1 + i % 9}/19{60 + i}",
                   "Nam", f"0200{60 + i:02d}{i:06d}", f"091{i:07d}", str(1 + i // 3), HAMLETS[i % 2], ""])
    wb.save(path)
    return path


@pytest.fixture
def wizard(ctx, qtbot, tmp_path):
    from ui.dialogs.import_wizard import ImportWizard

    path = make_list(tmp_path / "ds.xlsx")
    wiz = ImportWizard(ctx, None, str(path))
    qtbot.addWidget(wiz)
    wiz.show()
    return wiz


def residents(db):
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Resident))


def wait_preview(wiz, qtbot):
    page = wiz.preview_page
    if wiz.preview is None:
        with qtbot.waitSignal(page.taskbar.finished, timeout=60000):
            pass
    return wiz.preview


def column_of(model, header):
    return next(i for i in range(model.rowCount()) if model.headers[i] == header)


def test_mapping_correction_changes_the_preview_then_import(ctx, wizard, qtbot, tmp_path, qtmodeltester):
    from ui.dialogs.import_wizard import PAGE_LOG, PAGE_MAPPING, PAGE_PREVIEW, PAGE_RUN

    wizard.next()
    assert wizard.currentId() == PAGE_MAPPING
    page = wizard.mapping_page
    model = page.model
    qtmodeltester.check(model)
    assert page.header_row.value() == 4
    assert model.rowCount() == 9
    assert model.mapping[column_of(model, "Họ và tên")] == "name"
    hamlet_col = column_of(model, "Khu vực")
    assert model.mapping.get(hamlet_col) != "hamlet"
    assert page.sample_model.rowCount() > 0

    # preview without the hamlet: every row would go to the "no hamlet" group, with a warning
    wizard.next()
    assert wizard.currentId() == PAGE_PREVIEW
    preview = wait_preview(wizard, qtbot)
    assert preview.dry_run and preview.imported == 12 and preview.rejected == []
    assert [w.message for w in preview.warnings] == ["no hamlet"] * 12
    assert wizard.preview_page.model.rowCount() == 12
    assert residents(ctx.db) == 0

    # back; map "Khu vực" to the hamlet field through the model (what the drop-down does)
    wizard.back()
    assert model.setData(model.index(hamlet_col, model.COLUMNS.index("field")), "hamlet")
    assert model.data(model.index(hamlet_col, model.COLUMNS.index("field"))) == "Hamlet"
    assert wizard.preview is None
    wizard.next()
    preview = wait_preview(wizard, qtbot)
    assert preview.imported == 12 and not preview.rejected and preview.hamlets == 2
    assert residents(ctx.db) == 0                     # still a dry run

    # import
    wizard.next()
    assert wizard.currentId() == PAGE_RUN
    if wizard.result is None:
        with qtbot.waitSignal(wizard.run_page.taskbar.finished, timeout=60000):
            pass
    assert wizard.result is not None and wizard.result.imported == 12
    assert residents(ctx.db) == 12
    wizard.next()
    assert wizard.currentId() == PAGE_LOG
    assert "12" in wizard.log_page.summary.text()


def test_cancelled_import_leaves_nothing(ctx, wizard, qtbot):
    from ui.dialogs.import_wizard import PAGE_RUN

    wizard.next()
    wizard.mapping_page.model.setData(
        wizard.mapping_page.model.index(column_of(wizard.mapping_page.model, "Khu vực"), 2), "hamlet")
    wizard.next()
    wait_preview(wizard, qtbot)
    # hold the single worker so the import is queued, cancel it before it starts
    gate = threading.Event()
    ctx.runner.run(lambda progress, cancel: gate.wait(10))
    wizard.next()
    assert wizard.currentId() == PAGE_RUN
    wizard.run_page.taskbar.cancel_button.click()
    with qtbot.waitSignal(wizard.run_page.taskbar.finished, timeout=60000):
        gate.set()
    assert wizard.result is None
    assert wizard.run_page.taskbar.outcome.cancelled
    assert not wizard.run_page.again.isHidden()
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()
    assert residents(ctx.db) == 0


def test_log_is_saved_as_csv_and_xlsx(ctx, qtbot, tmp_path):
    from ui.dialogs.import_wizard import ImportWizard

    path = make_list(tmp_path / "ds.xlsx", n=6, hamlet_header="Thôn")
    # two bad rows: no name (rejected), and a CCCD with a wrong number of digits (kept as written, a warning)
    wb = load_workbook(path)
    ws = wb.active
    ws.append([7, "", "01/01/1980", "Nam", "020080000777", "", "9", "Thôn Nà Thí", ""])
    ws.append([8, "Lê Thị Hoa", "01/01/1981", "Nữ", "12345", "", "9", "Thôn Nà Thí", ""])
    wb.save(path)
    wiz = ImportWizard(ctx, None, str(path))
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.next()
    wiz.next()
    preview = wait_preview(wiz, qtbot)
    assert preview.imported == 7 and len(preview.rejected) == 1
    wiz.next()
    if wiz.result is None:
        with qtbot.waitSignal(wiz.run_page.taskbar.finished, timeout=60000):
            pass
    wiz.next()
    log = wiz.log_page
    assert log.model.rowCount() >= 2
    out_csv = log.save_log(str(tmp_path / "log.csv"))
    with open(out_csv, encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == log.model.rowCount() + 1
    assert any("ID number" in " ".join(r) for r in rows[1:])
    out_xlsx = log.save_log(str(tmp_path / "log.xlsx"))
    ws = load_workbook(out_xlsx).active
    assert ws.max_row == log.model.rowCount() + 1
    assert ws.cell(row=2, column=1).value == "DS chua kich hoat"


def test_unreadable_file_is_reported_on_the_first_page(ctx, qtbot, tmp_path):
    from ui.dialogs.import_wizard import PAGE_FILE, ImportWizard

    bad = tmp_path / "notes.xlsx"
    bad.write_bytes(b"this is not a workbook")
    wiz = ImportWizard(ctx, None, str(bad))
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.next()
    assert wiz.currentId() == PAGE_FILE
    assert wiz.file_page.error.text()


def test_field_drop_down_offers_every_field(ctx, wizard, qtbot):
    from canvass.importing import FIELDS

    wizard.next()
    table = wizard.mapping_page.table
    model = wizard.mapping_page.model
    index = model.index(column_of(model, "Khu vực"), model.COLUMNS.index("field"))
    delegate = table.itemDelegateForColumn(index.column())
    editor = delegate.createEditor(table.viewport(), None, index)
    assert editor.count() == len(FIELDS) + 1
    editor.setCurrentIndex(editor.findData("hamlet"))
    delegate.setModelData(editor, model, index)
    assert model.mapping[index.row()] == "hamlet"
    assert index.flags() & Qt.ItemFlag.ItemIsEditable


def test_going_back_to_the_file_keeps_corrections_and_hamlet_change_redoes_preview(ctx, wizard, qtbot):
    wizard.next()
    model = wizard.mapping_page.model
    col = column_of(model, "Khu vực")
    model.setData(model.index(col, 2), "hamlet")
    wizard.back()
    wizard.next()
    assert wizard.mapping_page.model.mapping.get(col) == "hamlet"
    wizard.next()
    assert wait_preview(wizard, qtbot).imported == 12
    wizard.back()
    wizard.back()
    wizard.file_page.hamlet.setText("Thôn Khác")
    assert wizard.preview is None


def test_every_message_the_importer_can_give_has_a_vietnamese_text(qapp):
    """The wizard shows the importer's reasons and warnings in the window's language from their codes (a fixed
    phrase is its own code; a note with values carries its code and values), so a message added to the core
    without a text would reach users in English: this fails first. The texts are the core's
    (canvass.messages), which the command line prints too."""
    from canvass import dates, ids, phones
    from canvass.importing import rows
    from ui import i18n
    from ui.dialogs.import_wizard import issue_text

    messages = [v for mod in (ids, phones, dates, rows) for k, v in vars(mod).items()
                if k[:2] in ("W_", "E_", "R_") and isinstance(v, str)]
    samples = list(messages)
    samples += [rows.Note("bad_id", problem=e) for e in (ids.E_EMPTY, ids.E_LENGTH, ids.E_DIGITS_LOST)]
    samples += [rows.Note(code, row=8, fields=["phone", "dob"]) for code in rows.NOTE_TEMPLATES if code != "bad_id"]
    assert {getattr(m, "code", None) for m in samples} >= set(rows.NOTE_TEMPLATES)
    i18n.install(qapp, "vi")
    try:
        untranslated = [m for m in samples if issue_text(m) == m or issue_text(m).isascii()]
    finally:
        i18n.install(qapp, "en")
    assert len(messages) > 20
    assert untranslated == []
    assert issue_text(rows.R_NO_NAME) == "No name"     # English when the window is in English


def test_a_duplicate_row_note_is_shown_from_its_code_and_values(qapp):
    """The duplicate warning names the earlier row and the differing fields in the window's language, built
    from the note's values: changing the English sentence in the core cannot break it."""
    from canvass.importing import rows
    from ui.dialogs.import_wizard import issue_text
    from ui.labels import field_label

    note = rows.Note("duplicate_cccd", row=17, fields=["phone", "dob"])
    note_en = str(note)
    rows.NOTE_TEMPLATES["duplicate_cccd"], saved = "changed wording {row} {fields}", rows.NOTE_TEMPLATES["duplicate_cccd"]
    try:
        shown = issue_text(note)
    finally:
        rows.NOTE_TEMPLATES["duplicate_cccd"] = saved
    assert "17" in shown and field_label("phone") in shown and field_label("dob") in shown
    assert shown != note_en and "changed wording" not in shown
