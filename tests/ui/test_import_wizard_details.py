"""The import wizard's details (issue 11): the row counts of the mapping page and the preview agree or say why
they differ, Cancel is off once the import is done, and a list that obviously belongs elsewhere is said
plainly before anything is imported."""
from __future__ import annotations

from openpyxl import Workbook
from PySide6.QtWidgets import QWizard

import resources
from tests.factories import make_commune
from tests.ui.test_import_wizard import residents, wait_preview

COMMUNE = False
SAMPLE = resources.path("sample", "sample_commune.xlsx")


def open_wizard(ctx, qtbot, path):
    from ui.dialogs.import_wizard import ImportWizard

    wiz = ImportWizard(ctx, None, str(path))
    qtbot.addWidget(wiz)
    wiz.show()
    return wiz


def test_the_two_row_counts_are_named_and_reconciled(ctx, qtbot):
    # the sample list: 308 rows below its header, 300 of them residents (the rest hamlet headings and totals)
    wiz = open_wizard(ctx, qtbot, SAMPLE)
    wiz.next()
    info = wiz.mapping_page.info.text()
    assert "About 308 rows below the header" in info and "308 data rows" not in info
    wiz.next()
    preview = wait_preview(wiz, qtbot)
    assert preview.rows_read == 300
    summary = wiz.preview_page.summary.text()
    assert "Residents' rows read" in summary
    assert "300 of the 308 rows below the header are residents" in summary


def test_cancel_is_off_once_the_import_is_done(ctx, qtbot):
    from ui.dialogs.import_wizard import PAGE_RUN

    wiz = open_wizard(ctx, qtbot, SAMPLE)
    wiz.next()
    wiz.next()
    wait_preview(wiz, qtbot)
    cancel = wiz.button(QWizard.WizardButton.CancelButton)
    assert cancel.isEnabled()                        # before the import, leaving is allowed
    wiz.next()
    assert wiz.currentId() == PAGE_RUN
    if wiz.result is None:
        with qtbot.waitSignal(wiz.run_page.taskbar.finished, timeout=60000):
            pass
    assert wiz.result is not None and residents(ctx.db) == 300
    assert not cancel.isEnabled()                    # nothing left to cancel: the list is in


def foreign_list(path, n=200):
    """A list of n residents, each in a hamlet of its own: more hamlets than any commune has."""
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Họ và tên", "Ngày sinh", "Số định danh cá nhân", "Số điện thoại", "Thôn"])
    for i in range(n):
        ws.append([i + 1, f"Lò Văn Số {i}", "01/01/1980", f"0111{i:08d}", f"098{i:07d}", f"Bản Số {i}"])
    wb.save(path)
    return path


def test_a_list_that_belongs_elsewhere_is_said_plainly_and_waits_for_a_tick(ctx, qtbot, tmp_path):
    make_commune(ctx.db, households_per_hamlet=5, people_per_household=3)      # 30 residents in 2 hamlets
    wiz = open_wizard(ctx, qtbot, foreign_list(tmp_path / "tinh.xlsx"))
    wiz.next()
    wiz.next()
    wait_preview(wiz, qtbot)
    page = wiz.preview_page
    assert not page.fit_warning.isHidden() and not page.fit_confirm.isHidden()
    text = page.fit_warning.text()
    assert "does not look like this commune's" in text and "200 residents in 200 hamlets" in text
    assert "30 residents in 2 hamlets" in text
    commit = wiz.button(QWizard.WizardButton.CommitButton)
    assert not page.isComplete() and not commit.isEnabled()
    page.fit_confirm.setChecked(True)
    assert page.isComplete() and commit.isEnabled()
    assert residents(ctx.db) == 30                   # nothing imported by the preview


def test_a_list_that_fits_shows_no_warning(ctx, qtbot):
    wiz = open_wizard(ctx, qtbot, SAMPLE)
    wiz.next()
    wiz.next()
    wait_preview(wiz, qtbot)
    assert wiz.preview_page.fit_warning.isHidden() and wiz.preview_page.isComplete()
