"""The residents table: model over ids (qtmodeltester), search as you type, filters, sorting, details."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from sqlalchemy import select

from canvass.events import record_visit
from canvass.models import Hamlet, Resident, Team
from canvass.residents import ResidentQuery
from ui.models.residents import COLUMNS, ResidentTableModel, ids_from_mime
from ui.models.simple import ListTableModel
from ui.views.details import ResidentDetailsDialog
from ui.views.residents import ResidentsView

STATUS = [k for k, _c in COLUMNS].index("status")


def _names(model) -> list[str]:
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def _add_resident(db, name: str, cccd: str, phone: str) -> int:
    from canvass.text import fold, name_sort_key

    with db.session() as s:
        hamlet = s.scalars(select(Hamlet)).first()
        r = Resident(name=name, name_fold=fold(name), name_sort=name_sort_key(name), cccd=cccd, phone=phone,
                     phone_raw="0" + phone[3:], hamlet_id=hamlet.id, status="pending", attempts=0)
        s.add(r)
        s.flush()
        return r.id


def test_model_passes_qtmodeltester(ctx, qtmodeltester):
    model = ResidentTableModel(ctx.db)
    assert model.rowCount() > 50
    qtmodeltester.check(model, force_py=True)
    model.update_query(search="an")
    qtmodeltester.check(model, force_py=True)


def test_list_model_passes_qtmodeltester(qapp, qtmodeltester):
    model = ListTableModel(["a", "b"], [(1, "x"), (2, None)])
    qtmodeltester.check(model, force_py=True)
    assert model.data(model.index(1, 1)) == ""


def test_rows_are_fetched_lazily_by_page(ctx, monkeypatch):
    import ui.models.residents as mod

    calls = []
    real = mod.resident_rows
    monkeypatch.setattr(mod, "resident_rows", lambda s, ids: calls.append(len(ids)) or real(s, ids))
    monkeypatch.setattr(mod, "PAGE", 10)
    model = ResidentTableModel(ctx.db)
    assert calls == []                       # opening reads ids only
    model.data(model.index(0, 0))
    model.data(model.index(5, 1))
    assert calls == [10]                     # one page serves rows 0..9
    model.data(model.index(25, 0))
    assert calls == [10, 10]


def test_search_box_filters_by_folded_name_cccd_and_phone(ctx, qtbot):
    rid = _add_resident(ctx.db, "Đặng Thị Xuyến", "020199912345", "+84987654321")
    view = ResidentsView(ctx)
    qtbot.addWidget(view)
    total = view.model.rowCount()

    qtbot.keyClicks(view.searchBox, "dang xuy")          # no accents, đ -> d, word prefixes
    with qtbot.waitSignal(view.model.loaded, timeout=5000):
        pass                                              # the debounce fires, the query thread answers
    view.wait_idle()
    assert view.model.ids() == [rid]
    assert view.countLabel.text().startswith("1 ")

    view.searchBox.setText("0201999")                     # the start of the CCCD
    view.apply_search()
    view.wait_idle()
    assert view.model.ids() == [rid]

    view.searchBox.setText("0987 654")                    # the phone as people write it
    view.apply_search()
    view.wait_idle()
    assert view.model.ids() == [rid]

    view.searchBox.clear()
    view.apply_search()
    view.wait_idle()
    assert view.model.rowCount() == total


def test_search_box_finds_the_end_of_a_cccd_a_phone_and_a_visits_new_phone(ctx, qtbot):
    rid = _add_resident(ctx.db, "Đặng Thị Xuyến", "020199912345", "+84987654321")
    other = _add_resident(ctx.db, "Bế Văn Thử", "020199954321", "+84981111111")
    with ctx.db.session() as s:
        record_visit(s, other, "wrong_phone", new_phone="+84355123789", at=dt.datetime(2025, 3, 10, 9))
    view = ResidentsView(ctx)
    qtbot.addWidget(view)
    for typed, expected in (("99912345", [rid]), ("654 321", [rid]), ("5123789", [other]), ("0355 123", [other])):
        view.searchBox.setText(typed)                     # as read from a masked list or read out
        view.apply_search()
        view.wait_idle()
        assert view.model.ids() == expected, typed


def test_filters_by_hamlet_team_status_and_reason(ctx, qtbot):
    view = ResidentsView(ctx)
    qtbot.addWidget(view)
    with ctx.db.session() as s:
        hamlet = s.scalars(select(Hamlet).where(Hamlet.name == "Thôn Pò Đứa")).one()
        in_hamlet = len(list(s.scalars(select(Resident.id).where(Resident.hamlet_id == hamlet.id))))
        team1 = s.scalars(select(Team).where(Team.name == "Tổ 1")).one()
        n_team1 = len(list(s.scalars(select(Resident.id).where(Resident.team_id == team1.id))))
        n_absent = len(list(s.scalars(select(Resident.id).where(Resident.status == "absent"))))
    view.set_filter("hamlet", hamlet.id)
    view.wait_idle()
    assert view.model.rowCount() == in_hamlet
    view.set_filter("hamlet", None)
    view.wait_idle()
    view.set_filter("team", team1.id)
    view.wait_idle()
    assert view.model.rowCount() == n_team1
    view.set_filter("team", None)
    view.wait_idle()
    view.set_filter("status", "absent")
    view.wait_idle()
    assert view.model.rowCount() == n_absent
    labels = {view.model.data(view.model.index(r, STATUS)) for r in range(view.model.rowCount())}
    assert labels == {"Absent"}
    view.set_filter("status", None)
    view.wait_idle()
    view.set_filter("reason", "elderly")
    view.wait_idle()
    assert view.model.rowCount() == 1
    assert "Elderly" in view.model.data(view.model.index(0, STATUS))


def test_a_database_of_several_communes_filters_one_commune_with_its_hamlets_and_teams(ctx, qtbot):
    """A province's database: the commune choice appears (hidden for one commune); choosing a commune shows its
    residents only and narrows the hamlet and team lists to its own; a commune without hamlets shows nobody."""
    from canvass.communes import add_commune
    from canvass.models import Commune
    from canvass.teams import add_team
    from tests.factories import make_commune

    view = ResidentsView(ctx)
    qtbot.addWidget(view)
    view.show()
    assert view.communeFilter.isHidden() and view.communeLabel.isHidden()
    other = make_commune(ctx.db, hamlets=("Thôn Nà Thí", "Thôn Bó Củng"), commune="Xã Hai", serial=5000)
    with ctx.db.session() as s:
        first = s.scalars(select(Commune.id).order_by(Commune.id)).first()
        second = s.scalars(select(Commune.id).where(Commune.name == "Xã Hai")).one()
        add_team(s, "Tổ Hai", commune=second)
        add_commune(s, "Xã Trống")
        empty = s.scalars(select(Commune.id).where(Commune.name == "Xã Trống")).one()
        n_first = len(list(s.scalars(select(Resident.id).join(Hamlet).where(Hamlet.commune_id == first))))
    view.reload()
    assert not view.communeFilter.isHidden()
    assert [view.communeFilter.itemData(i) for i in range(1, view.communeFilter.count())] == [second, first, empty]
    view.set_filter("commune", second)
    view.wait_idle()
    assert sorted(view.model.ids()) == sorted(other)
    assert [view.hamletFilter.itemText(i) for i in range(1, view.hamletFilter.count())] == ["Thôn Bó Củng",
                                                                                           "Thôn Nà Thí"]
    assert [view.teamFilter.itemText(i) for i in range(2, view.teamFilter.count())] == ["Tổ Hai"]
    view.set_filter("hamlet", view.hamletFilter.itemData(1))
    view.wait_idle()
    assert 0 < view.model.rowCount() < len(other)
    view.set_filter("commune", first)       # the hamlet chosen was the other commune's: back to all of this one's
    view.wait_idle()
    assert view.hamletFilter.currentIndex() == 0 and view.model.rowCount() == n_first
    view.set_filter("commune", empty)
    view.wait_idle()
    assert view.model.rowCount() == 0
    view.set_filter("commune", None)
    view.wait_idle()
    assert view.model.rowCount() == n_first + len(other)


def test_unassigned_filter(ctx, qtbot):
    rid = _add_resident(ctx.db, "Lò Văn Mới", "020188800001", "+84911111111")
    view = ResidentsView(ctx)
    qtbot.addWidget(view)
    view.set_filter("team", "__none__")
    view.wait_idle()
    assert view.model.ids() == [rid]


def test_sorting_runs_in_sql_by_vietnamese_name_and_columns(ctx, qtbot):
    view = ResidentsView(ctx)
    qtbot.addWidget(view)
    from canvass.text import name_sort_key

    names = _names(view.model)
    assert names == sorted(names, key=name_sort_key)
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    view.wait_idle()
    assert _names(view.model) == sorted(names, key=name_sort_key, reverse=True)
    attempts_col = [k for k, _ in COLUMNS].index("attempts")
    view.table.sortByColumn(attempts_col, Qt.SortOrder.DescendingOrder)
    view.wait_idle()
    counts = [int(view.model.data(view.model.index(r, attempts_col))) for r in range(view.model.rowCount())]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 1 and counts[-1] == 0
    assert view.model.query.sort == "attempts"


def test_enter_opens_details_and_multi_select(ctx, qtbot):
    view = ResidentsView(ctx)
    qtbot.addWidget(view)
    view.show()
    opened = []
    view.detailsRequested.connect(opened.append)
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(2, 0))
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened == [view.model.resident_id(2)]
    view.table.selectRow(0)
    qtbot.keyClick(view.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_ids() == [view.model.resident_id(0), view.model.resident_id(1)]
    mime = view.model.mimeData([view.model.index(0, 0), view.model.index(1, 3)])
    assert ids_from_mime(mime) == view.selected_ids()


def test_details_show_fields_and_history(ctx, qtbot):
    with ctx.db.session() as s:
        rid = s.scalars(select(Resident.id).where(Resident.status == "pending").order_by(Resident.id)).first()
        record_visit(s, rid, "absent", reason="work_away", actor="Cán bộ A",
                     at=dt.datetime.combine(dt.date.today(), dt.time(7, 30)))
        name = s.get(Resident, rid).name
    dlg = ResidentDetailsDialog(ctx, rid)
    qtbot.addWidget(dlg)
    assert name in dlg.windowTitle()
    rows = dlg.historyModel.rows()
    assert rows[0][1] == "Visit" and rows[0][2] == "Absent" and rows[0][3] == "Working far away"
    assert rows[0][5] == "Cán bộ A"
    assert rows[-1][1] == "Imported"
    assigned = next(r for r in rows if r[1] == "Assigned to a team")
    assert assigned[4] == "Tổ 1" or assigned[4] == "Tổ 2"
    assert assigned[6] == "by the team's hamlets"             # the core's note, in the person's language
    assert dlg.sourceInfo.text()                              # no import batch here: says so
    texts = [dlg.form.itemAt(i).widget().text() for i in range(dlg.form.count()) if dlg.form.itemAt(i).widget()]
    assert name in texts


def test_refresh_rows_after_an_outcome(ctx, qtbot):
    model = ResidentTableModel(ctx.db, query=ResidentQuery(statuses=("pending",)))
    rid = model.resident_id(0)
    assert model.data(model.index(0, STATUS)) == "Not yet verified"
    with ctx.db.session() as s:
        record_visit(s, rid, "refused")
    model.refresh_rows([rid])
    assert model.data(model.index(0, STATUS)) == "Refused"
    model.reload()
    assert rid not in model.ids()
    assert model.rowCount(model.index(0, 0)) == 0 and model.columnCount(QModelIndex()) == len(COLUMNS)


def test_background_queries_keep_only_the_latest_answer(ctx, qtbot):
    model = ResidentTableModel(ctx.db)
    total = model.rowCount()
    for text in ("n", "ng", "ngu", "nguyen", "zzzz"):
        model.request_query(search=text)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        pass
    model.wait()
    qtbot.wait(50)
    assert model.query.search == "zzzz" and model.rowCount() == 0 and not model.busy()
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.request_query(search="")
    assert model.rowCount() == total


def test_dragged_rows_are_what_the_teams_view_accepts(ctx, qtbot):
    from ui.models.teams_model import decode_resident_ids

    model = ResidentTableModel(ctx.db)
    mime = model.mimeData([model.index(3, 0), model.index(5, 2), model.index(5, 0)])
    assert decode_resident_ids(mime) == [model.resident_id(3), model.resident_id(5)]


def test_the_window_shows_the_first_page_at_once_and_appends_the_rest(ctx, qtbot, monkeypatch):
    """Issue 11 (a fast start at province scale): the view's model reads one page of ids now and the rest on
    its query thread; the rest is appended (the rows already shown stay, with their selection), the count
    waits for it, and a search answers with its first page too (`shown`) before every id is in (`loaded`)."""
    import ui.models.residents as mod

    monkeypatch.setattr(mod, "FIRST_IDS", 10)
    full = ResidentTableModel(ctx.db).ids()
    assert len(full) > 30
    view = ResidentsView(ctx)
    qtbot.addWidget(view)
    model = view.model
    assert model.ids() == full[:10] and not model.complete()
    view.show()
    assert view.countLabel.text() == "Counting residents…"
    view.table.selectionModel().select(model.index(3, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                       | QItemSelectionModel.SelectionFlag.Rows)
    assert view.selected_ids() == [full[3]]
    with qtbot.waitSignal(model.loaded, timeout=5000):
        pass
    assert model.ids() == full and model.complete()
    assert view.selected_ids() == [full[3]]                        # appended, not reset
    assert view.countLabel.text() == f"{len(full)} residents"
    events = []
    model.shown.connect(lambda: events.append(("shown", model.rowCount(), model.complete())))
    model.loaded.connect(lambda: events.append(("loaded", model.rowCount(), model.complete())))
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.request_query(search="", statuses=("pending", "activated", "absent", "refused", "revisit",
                                                 "wrong_phone", "ineligible"))
    assert events[0][0] == "shown" and events[0][1] == 10 and events[0][2] is False
    assert events[-1] == ("loaded", model.rowCount(), True) and model.rowCount() > 10
