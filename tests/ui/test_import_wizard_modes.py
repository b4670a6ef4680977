"""The import wizard's preview before a partial list: the number in red, the choice complete list / supplement,
nothing written until the person chooses (issue 9, item 1)."""
from __future__ import annotations

from sqlalchemy import func, select

from canvass.importing import run_import
from canvass.models import ImportBatch, Resident
from tests.core.importfiles import people, standard_rows, write_xlsx

COMMUNE = False     # the tests build their own commune


def _setup(ctx, tmp_path, keep: int):
    everyone = people(20) + people(20, start=21, hamlet="Thôn Pò Đứa")
    run_import(ctx.db, write_xlsx(tmp_path / "full.xlsx", standard_rows(everyone, title=False)))
    return write_xlsx(tmp_path / "small.xlsx", standard_rows(everyone[:keep] + everyone[20:20 + keep], title=False))


def _activated(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Resident).where(Resident.status == "activated_system"))


def _batches(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(ImportBatch))


def _to_preview(ctx, qtbot, path):
    from ui.dialogs.import_wizard import PAGE_PREVIEW, ImportWizard

    wiz = ImportWizard(ctx, None, str(path))
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.next()
    wiz.next()
    assert wiz.currentId() == PAGE_PREVIEW
    if wiz.preview is None:
        with qtbot.waitSignal(wiz.preview_page.taskbar.finished, timeout=60000):
            pass
    return wiz


def _import(wiz, qtbot):
    from ui.dialogs.import_wizard import PAGE_RUN

    wiz.next()
    assert wiz.currentId() == PAGE_RUN
    if wiz.result is None:
        with qtbot.waitSignal(wiz.run_page.taskbar.finished, timeout=60000):
            pass
    return wiz.result


def test_a_partial_list_shows_the_number_in_red_and_waits_for_the_choice(ctx, qtbot, tmp_path):
    path = _setup(ctx, tmp_path, keep=3)
    wiz = _to_preview(ctx, qtbot, path)
    page = wiz.preview_page
    assert wiz.preview.partial_list and wiz.preview.would_activate == 34
    assert not page.mode_box.isHidden()
    assert "34" in page.mode_box.warning.text() and "#c5221f" in page.mode_box.warning.text()
    assert "color:#c5221f" in page.summary.text()                     # the figure itself, in red
    assert page.mode() is None and not page.isComplete()              # Import waits for the choice
    assert not wiz.button(wiz.WizardButton.CommitButton).isEnabled()

    page.mode_box.supplement.click()
    assert page.mode() == "supplement" and page.isComplete()
    assert "color:#c5221f" not in page.summary.text()
    assert _batches(ctx.db) == 1                                       # nothing written by the preview
    res = _import(wiz, qtbot)
    assert (res.mode, res.activated_per_system) == ("supplement", 0) and _activated(ctx.db) == 0


def test_complete_chosen_marks_them(ctx, qtbot, tmp_path):
    wiz = _to_preview(ctx, qtbot, _setup(ctx, tmp_path, keep=3))
    wiz.preview_page.mode_box.complete.click()
    res = _import(wiz, qtbot)
    assert (res.mode, res.activated_per_system) == ("complete", 34) and _activated(ctx.db) == 34


def test_a_daily_list_needs_no_choice(ctx, qtbot, tmp_path):
    wiz = _to_preview(ctx, qtbot, _setup(ctx, tmp_path, keep=19))
    page = wiz.preview_page
    assert not wiz.preview.partial_list and page.mode() == "complete" and page.isComplete()
    assert "#c5221f" not in page.summary.text() + page.mode_box.warning.text()
    res = _import(wiz, qtbot)
    assert res.activated_per_system == 2


def test_the_choice_reads_in_vietnamese(ctx, qtbot, tmp_path):
    from ui import i18n

    i18n.install(__import__("PySide6.QtWidgets", fromlist=["QApplication"]).QApplication.instance(), "vi")
    wiz = _to_preview(ctx, qtbot, _setup(ctx, tmp_path, keep=3))
    page = wiz.preview_page
    box = page.mode_box
    texts = [box.complete.text(), box.supplement.text(), box.title(), box.warning.text()]
    assert all(not t.isascii() for t in texts), texts
    assert "bổ sung" in box.supplement.text()
    assert "Activated per system" not in page.summary.text() and "Extracted" not in page.summary.text()


def test_an_id_kept_as_written_shows_in_the_residents_table_and_the_hamlet_filter(ctx, qtbot, tmp_path):
    """Issue 9, item 2: a mistyped ID is shown in the ID column; the "no hamlet" group is a hamlet like any other."""
    from canvass.address import UNKNOWN_HAMLET
    from canvass.models import Hamlet
    from tests.core.importfiles import HEADER, person, row_of
    from ui.models.residents import COLUMNS, ResidentTableModel

    # first: a blank hamlet cell under a filled one means "same as above"
    ps = [person(3, address="", hamlet=None), person(1), person(2, cccd="O58205558984")]
    rows = [HEADER] + [row_of(p) for p in ps]
    run_import(ctx.db, write_xlsx(tmp_path / "l.xlsx", rows))
    model = ResidentTableModel(ctx.db)
    model.update_query(search="O5820")
    col = [c[0] for c in COLUMNS].index("cccd")
    assert model.rowCount() == 1 and model.data(model.index(0, col)) == "O58205558984"
    with ctx.db.session() as s:
        hid = s.scalar(select(Hamlet.id).where(Hamlet.name == UNKNOWN_HAMLET))
    model.update_query(search="", hamlet_ids=(hid,))
    assert model.rowCount() == 1


def test_every_new_code_reads_in_vietnamese(ctx, qapp, tmp_path):
    """The guard's code and the correction codes reach people as Vietnamese sentences (canvass/messages.py)."""
    from canvass.events import IdCorrectionError
    from canvass.importing import PartialList
    from ui import i18n
    from ui.dialogs.progress import error_text
    from canvass.messages import MESSAGES
    from ui.labels import event_kind_labels

    i18n.install(qapp, "vi")
    assert not event_kind_labels()["id_corrected"].isascii()
    for exc in (PartialList(14, 20), IdCorrectionError("bad_id", error="x"), IdCorrectionError("id_taken", resident_id=3)):
        assert exc.code in MESSAGES and not error_text(None, exc).isascii()
