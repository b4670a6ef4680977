"""Team pack dialogs: export a pack, fill it like a team would, preview the merge, then apply it."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from canvass.events import record_visit
from canvass.models import Event, Resident
from tests.factories import make_commune
from tests.ui.helpers import fill_pack

COMMUNE = False     # ctx (tests/ui/conftest.py) starts empty: these tests build their own commune


@pytest.fixture
def team(ctx):
    from canvass.assignment import assign_residents
    from canvass.teams import add_team

    ids = make_commune(ctx.db, households_per_hamlet=3, people_per_household=2)
    with ctx.db.session() as s:
        t = add_team(s, "Tổ Nà Thí")
        assign_residents(s, ids[:6], t.id)
        return t.id, ids


def export_through_dialog(ctx, qtbot, team_id, path):
    from ui.dialogs.pack_dialogs import PackExportDialog

    dlg = PackExportDialog(ctx, None, team_id)
    qtbot.addWidget(dlg)
    assert dlg.team.currentData() == team_id
    assert dlg.path.text().endswith(".xlsx")
    dlg.path.setText(str(path))
    with qtbot.waitSignal(dlg.taskbar.finished, timeout=30000):
        dlg.export_button.click()
    assert dlg.written == str(path), dlg.message.text()
    assert dlg.open_button.isVisible() or not dlg.isVisible()
    return dlg


def test_export_then_preview_and_apply(ctx, qtbot, team, tmp_path):
    from ui.dialogs.pack_dialogs import PackImportDialog

    team_id, ids = team
    path = tmp_path / "pack.xlsx"
    export_through_dialog(ctx, qtbot, team_id, path)
    assert path.exists()
    today = dt.date.today().strftime("%d/%m/%Y")
    fill_pack(path, {0: ("Vắng mặt", None), 1: ("Không thể kích hoạt", "Đã chết"), 2: ("bay lên trời", None),
                     3: ("Đã kích hoạt", None)}, day=today)
    # meanwhile at the commune, the 4th resident of the pack gets another visit: a conflict
    from canvass.packs import team_residents
    with ctx.db.session() as s:
        order = [r.id for r, _h, _hh in team_residents(s, team_id)]
        names = [r.name for r, _h, _hh in team_residents(s, team_id)]
        record_visit(s, order[3], "refused", at=dt.datetime.now().replace(microsecond=0) - dt.timedelta(hours=1))
    with ctx.db.session() as s:
        visits_before = s.scalar(select(func.count()).select_from(Event).where(Event.kind == "visit"))

    dlg = PackImportDialog(ctx, None)
    qtbot.addWidget(dlg)
    dlg.path.setText(str(path))
    with qtbot.waitSignal(dlg.taskbar.finished, timeout=30000):
        dlg.check_button.click()
    assert dlg.preview is not None, dlg.summary.text()
    assert dlg.preview.dry_run
    assert dlg.preview.applied == 3
    assert dlg.models["rejected"].rowCount() == 1
    rejected = dlg.models["rejected"]
    assert rejected.data(rejected.index(0, 2)) == names[2]   # the rejected row says whose it is, not only its number
    assert dlg.preview.rejected[0]["name"] == names[2]
    assert dlg.models["conflicts"].rowCount() == 1
    assert dlg.models["applied"].rowCount() == 3          # who will get a visit recorded
    assert dlg.apply_button.isEnabled()
    # the dry run changed nothing
    with ctx.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Event).where(Event.kind == "visit")) == visits_before
        assert s.get(Resident, order[0]).status == "pending"
    # the conflict shows both sides
    conflict_row = [dlg.models["conflicts"].data(dlg.models["conflicts"].index(0, c)) for c in range(5)]
    assert conflict_row[2] and conflict_row[3] and conflict_row[2] != conflict_row[3]

    with qtbot.waitSignal(dlg.taskbar.finished, timeout=30000):
        dlg.apply_button.click()
    assert dlg.result is not None and not dlg.result.dry_run
    assert dlg.result.applied == 3
    with ctx.db.session() as s:
        assert s.get(Resident, order[0]).status == "absent"
        assert (s.get(Resident, order[1]).status, s.get(Resident, order[1]).status_reason) == ("ineligible", "deceased")
        assert s.get(Resident, order[2]).status == "pending"
    assert not dlg.apply_button.isEnabled()


def test_rows_model_passes_modeltester(qtmodeltester):
    from ui.dialogs import RowsModel

    model = RowsModel(("a", "b"), [(1, "x"), (2, None)])
    qtmodeltester.check(model)


def test_import_of_a_file_that_is_not_a_pack_says_so(ctx, qtbot, tmp_path):
    from openpyxl import Workbook

    from ui.dialogs.pack_dialogs import PackImportDialog

    path = tmp_path / "other.xlsx"
    wb = Workbook()
    wb.active["A1"] = "not a pack"
    wb.save(path)
    dlg = PackImportDialog(ctx, None)
    qtbot.addWidget(dlg)
    dlg.path.setText(str(path))
    with qtbot.waitSignal(dlg.taskbar.finished, timeout=30000):
        dlg.check_button.click()
    assert dlg.preview is None
    assert dlg.summary.text()
    assert not dlg.apply_button.isEnabled()


def test_held_and_duplicate_rows_show_in_the_preview_in_vietnamese(ctx, qtbot, team, tmp_path, qapp):
    """A row that shows someone else than its hidden id (held, nothing recorded) is in the Conflicts tab and a
    resident written twice in the Rejected tab, each with the pack code's Vietnamese words."""
    from openpyxl import load_workbook

    from canvass.packs import export_pack
    from canvass.packs import layout as L
    from ui import i18n
    from ui.dialogs.pack_dialogs import PackImportDialog
    from ui.labels import PACK_CODE_LABELS

    team_id, _ids = team
    path = tmp_path / "pack.xlsx"
    export_pack(ctx.db, team_id, path)
    fill_pack(path, {0: ("Vắng mặt", None), 1: ("Từ chối", None), 2: ("Vắng mặt", None)})
    wb = load_workbook(path)
    ws = wb[L.MAIN_SHEET]
    col = {k: i + 1 for i, k in enumerate(L.COLUMN_KEYS)}
    first = L.HEADER_ROW + 1
    ws.cell(row=first, column=col["name"], value="Người Lạ")          # shows nobody of the pack
    ws.cell(row=first, column=col["cccd"], value="099999999999")
    copy = ws.max_row + 1                                               # the second resident once more
    for c in range(1, ws.max_column + 1):
        ws.cell(row=copy, column=c, value=ws.cell(row=first + 1, column=c).value)
    wb.save(path)
    i18n.install(qapp, "vi")
    dlg = PackImportDialog(ctx, None)
    qtbot.addWidget(dlg)
    dlg.path.setText(str(path))
    with qtbot.waitSignal(dlg.taskbar.finished, timeout=30000):
        dlg.check_button.click()
    assert dlg.preview is not None, dlg.summary.text()
    conflicts, rejected = dlg.models["conflicts"], dlg.models["rejected"]
    assert conflicts.rowCount() == 1 and rejected.rowCount() == 1
    held = conflicts.data(conflicts.index(0, 4))
    dup = rejected.data(rejected.index(0, 3))
    assert held.startswith("Dòng này ghi thông tin của người khác") and dup.startswith("Công dân này có thêm")
    assert dlg.preview.applied == 2
    for code in ("identity_ambiguous", "identity_mismatch", "duplicate_row"):
        assert code in PACK_CODE_LABELS


def test_the_preview_shows_before_and_after_and_highlights_a_final_status_replaced(ctx, qtbot, team, tmp_path):
    """A resident recorded as cannot-activate at the commune, whom the pack marks absent: the preview says
    "Cannot be activated -> Absent" for that row, first and highlighted, before anything is written."""
    from PySide6.QtCore import Qt

    from canvass.packs import team_residents
    from ui.dialogs import HIGHLIGHT
    from ui.dialogs.pack_dialogs import PackImportDialog

    team_id, _ids = team
    path = tmp_path / "pack.xlsx"
    export_through_dialog(ctx, qtbot, team_id, path)
    with ctx.db.session() as s:
        order = [r.id for r, _h, _hh in team_residents(s, team_id)]
        record_visit(s, order[2], "ineligible", reason="moved",
                     at=dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=1))
    today = dt.date.today().strftime("%d/%m/%Y")
    fill_pack(path, {0: ("Vắng mặt", None), 2: ("Vắng mặt", None)}, day=today)

    dlg = PackImportDialog(ctx, None)
    qtbot.addWidget(dlg)
    dlg.path.setText(str(path))
    with qtbot.waitSignal(dlg.taskbar.finished, timeout=30000):
        dlg.check_button.click()
    m = dlg.models["applied"]
    rows = [[m.data(m.index(r, c)) for c in range(m.columnCount())] for r in range(m.rowCount())]
    assert len(rows) == 2
    assert rows[0][3] == "Cannot be activated — Moved away" or rows[0][3].startswith("Cannot be activated")
    assert "Absent" in rows[0][4] and rows[0][4].startswith("⚠")
    assert rows[1][3] == "Not yet verified" and "Absent" in rows[1][4] and not rows[1][4].startswith("⚠")
    assert m.data(m.index(0, 0), Qt.ItemDataRole.BackgroundRole).name() == HIGHLIGHT
    assert m.data(m.index(1, 0), Qt.ItemDataRole.BackgroundRole) is None
    with ctx.db.read() as s:                                   # a preview writes nothing
        assert s.get(Resident, order[2]).status == "ineligible"
