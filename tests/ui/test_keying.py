"""The keying view: ten outcomes typed from the keyboard, a reason picked by number, an undo."""
from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from canvass.db import now
from canvass.events import append_event, refresh_state
from canvass.models import Event, Resident, Team
from tests.factories import make_commune


COMMUNE = False     # ctx (tests/ui/conftest.py) starts empty: these tests build their own commune


def make_team(db, name, resident_ids):
    """A team holding some residents (assigned straight through the event log)."""
    with db.session() as s:
        team = Team(name=name, kind="thôn", created_at=now())
        s.add(team)
        s.flush()
        for rid in resident_ids:
            r = s.get(Resident, rid)
            append_event(s, r, "assigned", team_id=team.id)
            refresh_state(s, r)
        return team.id


def statuses(db, ids):
    with db.session() as s:
        return {r.id: (r.status, r.status_reason) for r in s.scalars(select(Resident).where(Resident.id.in_(ids)))}


def test_keying_model_passes_modeltester(ctx, qtmodeltester):
    from ui.models.keying_model import KeyingModel

    ids = make_commune(ctx.db)
    team = make_team(ctx.db, "Tổ 1", ids[:10])
    model = KeyingModel(ctx.db)
    model.load(team)
    assert model.rowCount() == 10
    qtmodeltester.check(model)


def test_ten_outcomes_from_the_keyboard_with_reason_and_undo(ctx, qtbot):
    from ui.views.keying import KeyingView

    ids = make_commune(ctx.db, households_per_hamlet=4, people_per_household=3)
    team = make_team(ctx.db, "Tổ Nà Thí", ids[:12])
    view = KeyingView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.select_team(team)
    table = view.table
    assert view.model.rowCount() == 12
    walk = [view.model.resident_id(i) for i in range(12)]
    changed = []
    view.changed.connect(lambda: changed.append(1))

    def key(k, target=None):
        qtbot.keyClick(target or table, k)

    key(Qt.Key.Key_1)                      # row 0 activated
    key(Qt.Key.Key_2)                      # row 1 absent
    key(Qt.Key.Key_3)                      # row 2 ineligible -> reason picker
    assert view.reason_panel.isVisible()
    key(Qt.Key.Key_5, view.reason_panel.list)   # 5 = deceased
    assert not view.reason_panel.isVisible()
    key(Qt.Key.Key_4)                      # row 3 wrong phone
    key(Qt.Key.Key_5)                      # row 4 refused
    key(Qt.Key.Key_6)                      # row 5 revisit
    key(Qt.Key.Key_Return)                 # row 6 skipped
    key(Qt.Key.Key_V)                      # row 7 absent by letter
    key(Qt.Key.Key_X)                      # row 8 ineligible, reason other with a note
    key(Qt.Key.Key_7, view.reason_panel.list)
    assert view.reason_panel.note.isVisible()
    view.reason_panel.note.insert("Đi nước ngoài")  # QTest types ASCII only
    key(Qt.Key.Key_Return, view.reason_panel.note)
    key(Qt.Key.Key_K)                      # row 9 activated by letter
    key(Qt.Key.Key_3)                      # row 10 ineligible, then Escape: no entry
    key(Qt.Key.Key_Escape, view.reason_panel.list)
    assert view.current_row() == 10
    key(Qt.Key.Key_1)                      # row 10 activated
    key(Qt.Key.Key_0)                      # row 11 pending (a re-opening visit)

    got = statuses(ctx.db, walk)
    assert got[walk[0]] == ("activated", None)
    assert got[walk[1]] == ("absent", None)
    assert got[walk[2]] == ("ineligible", "deceased")
    assert got[walk[3]] == ("wrong_phone", None)
    assert got[walk[4]] == ("refused", None)
    assert got[walk[5]] == ("revisit", None)
    assert got[walk[6]] == ("pending", None)
    assert got[walk[7]] == ("absent", None)
    assert got[walk[8]] == ("ineligible", "other")
    assert got[walk[9]] == ("activated", None)
    assert got[walk[10]] == ("activated", None)
    assert view.entries == 11 and len(changed) == 11
    with ctx.db.session() as s:
        note = s.scalar(select(Event.note).where(Event.resident_id == walk[8], Event.kind == "visit"))
        assert note == "Đi nước ngoài"
        visits = s.scalar(select(func.count()).select_from(Event).where(Event.kind == "visit"))
        assert visits == 11
    # the table shows the outcome
    assert "Activated" in view.model.data(view.model.index(0, KeyingModelColumns.outcome()))

    # Ctrl+Z undoes the last entry (row 11's pending) then row 10's activation, with correcting events
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    got = statuses(ctx.db, walk)
    assert got[walk[10]] == ("pending", None)
    assert view.current_row() == 10
    with ctx.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Event).where(Event.kind == "visit_void")) == 2
        assert s.scalar(select(func.count()).select_from(Event).where(Event.kind == "visit")) == 11
        assert s.get(Resident, walk[10]).attempts == 0


def test_visit_date_is_used_for_entries(ctx, qtbot):
    import datetime as dt

    from PySide6.QtCore import QDate

    from ui.views.keying import KeyingView

    ids = make_commune(ctx.db)
    team = make_team(ctx.db, "Tổ 2", ids[:3])
    view = KeyingView(ctx)
    qtbot.addWidget(view)
    view.select_team(team)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    view.date_edit.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    qtbot.keyClick(view.table, Qt.Key.Key_2)
    with ctx.db.session() as s:
        at = s.scalar(select(Event.at).where(Event.kind == "visit"))
    assert at.date() == yesterday


class KeyingModelColumns:
    @staticmethod
    def outcome():
        from ui.models.keying_model import KeyingModel
        return KeyingModel.COLUMNS.index("outcome")


def test_outcome_dialog_records_for_several_residents(ctx, qtbot):
    from ui.dialogs.outcome_dialog import OutcomeDialog

    ids = make_commune(ctx.db)
    dlg = OutcomeDialog(ctx, ids[:3])
    qtbot.addWidget(dlg)
    assert not dlg.revisit_on.isEnabled()
    dlg.set_outcome("ineligible")
    assert dlg.reason.isEnabled()
    assert dlg.save() is False                       # no reason yet: stays open, nothing written
    assert dlg.error.text()
    assert statuses(ctx.db, ids[:3])[ids[0]] == ("pending", None)
    dlg.set_outcome("ineligible", "moved")
    dlg.phone.setText("0912 345 678")
    assert dlg.save() is True
    got = statuses(ctx.db, ids[:3])
    assert all(v == ("ineligible", "moved") for v in got.values())
    with ctx.db.session() as s:
        assert s.get(Resident, ids[1]).phone_new == "+84912345678"


def test_outcome_dialog_rejects_a_bad_phone_and_writes_nothing(ctx, qtbot):
    from ui.dialogs.outcome_dialog import OutcomeDialog

    ids = make_commune(ctx.db)
    dlg = OutcomeDialog(ctx, ids[:2])
    qtbot.addWidget(dlg)
    dlg.set_outcome("revisit")
    assert dlg.revisit_on.isEnabled()
    dlg.phone.setText("12")
    assert dlg.save() is False
    assert statuses(ctx.db, ids[:2])[ids[0]] == ("pending", None)
    dlg.phone.clear()
    assert dlg.save() is True
    assert statuses(ctx.db, ids[:2])[ids[1]] == ("revisit", None)


def test_outcome_dialog_names_whom_it_records_and_a_stray_enter_records_nothing(ctx, qtbot):
    from PySide6.QtCore import Qt
    from canvass.residents import resident_rows
    from ui.dialogs.outcome_dialog import OutcomeDialog

    ids = make_commune(ctx.db)
    with ctx.db.read() as s:
        rows = resident_rows(s, ids[:12])
    dlg = OutcomeDialog(ctx, ids[:1])
    qtbot.addWidget(dlg)
    dlg.show()
    text = dlg.summary.text()
    assert rows[0].name in text and str(rows[0].dob.year) in text and rows[0].hamlet in text
    assert dlg.outcome.currentData() is None
    height = dlg.sizeHint().height()
    qtbot.keyClick(dlg, Qt.Key.Key_Return)                 # a stray Enter
    assert statuses(ctx.db, ids[:1])[ids[0]] == ("pending", None)
    dlg.set_outcome("ineligible")                          # the reason row appears without moving the rest
    assert dlg.sizeHint().height() == height
    dlg.set_outcome("revisit")
    assert dlg.sizeHint().height() == height

    many = OutcomeDialog(ctx, ids[:12])
    qtbot.addWidget(many)
    assert "12" in many.summary.text() and rows[0].name in many.summary.text() and "4" in many.summary.text()


def test_vietnamese_catalogue_is_complete_and_loads(ctx, qtbot, qapp):
    """Every string of the dialogs and work views has a Vietnamese translation, and the built .qm loads."""
    import xml.etree.ElementTree as ET
    from pathlib import Path

    from ui import i18n
    from ui.views.keying import KeyingView

    folder = Path(__file__).resolve().parents[2] / "resources" / "translations"
    tree = ET.parse(folder / "dialogs_vi.ts")
    unfinished = [m.find("source").text for m in tree.iter("message")
                  if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")]
    assert unfinished == []
    assert "dialogs_vi.qm" in i18n.install(qapp, "vi")     # the shared labels come with gocua_vi.qm
    try:
        view = KeyingView(ctx)
        qtbot.addWidget(view)
        assert "Đã kích hoạt (tổ báo cáo)" in view.legend.text()
        assert view.undo_button.text() == "Hoàn tác lần nhập cuối"
    finally:
        i18n.install(qapp, "en")


def test_choosing_a_team_gives_the_keys_back_to_the_walk_list(ctx, qtbot):
    """Issue 11: after choosing a team from the list box, the keys went to the box until the table was
    clicked ("1" re-chose a team instead of recording an activation)."""
    from ui.views.keying import KeyingView

    ids = make_commune(ctx.db, households_per_hamlet=2, people_per_household=2)
    first = make_team(ctx.db, "Tổ Một", ids[:4])
    second = make_team(ctx.db, "Tổ Hai", ids[4:8])
    view = KeyingView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.select_team(first)
    view.team_combo.setFocus()
    qtbot.waitUntil(view.team_combo.hasFocus)
    qtbot.keyClick(view.team_combo, Qt.Key.Key_Up)          # the keyboard's way of choosing in a closed list
    assert view.team_combo.currentData() == second
    assert view.table.hasFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_1)
    assert statuses(ctx.db, [view.model.resident_id(0)])[view.model.resident_id(0)] == ("activated", None)


def test_the_entry_count_starts_again_with_another_team(ctx, qtbot):
    """Issue 11: the counter carried over from one team's walk list to the next."""
    from ui.views.keying import KeyingView

    ids = make_commune(ctx.db, households_per_hamlet=2, people_per_household=2)
    first = make_team(ctx.db, "Tổ Một", ids[:4])
    second = make_team(ctx.db, "Tổ Hai", ids[4:8])
    view = KeyingView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.select_team(first)
    for _ in range(3):
        qtbot.keyClick(view.table, Qt.Key.Key_1)
    assert view.entries == 3
    view.select_team(second)
    qtbot.keyClick(view.table, Qt.Key.Key_2)
    assert view.entries == 1 and "(1 " in view.status.text()


def test_opening_the_keying_tab_gives_the_keys_to_the_walk_list(ctx, qtbot):
    """Seen under X (issue 11's walk): after Ctrl+3 the window focused the view itself, so the first
    outcomes typed went nowhere."""
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    ids = make_commune(ctx.db, households_per_hamlet=2, people_per_household=2)
    make_team(ctx.db, "Tổ Một", ids[:4])
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    view = window.show_tab("keying")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert QApplication.focusWidget() is view.table
    rid = view.model.resident_id(0)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    assert statuses(ctx.db, [rid])[rid] == ("activated", None)
