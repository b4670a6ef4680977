"""Nothing clipped in a 1024-pixel window (issue 11, seen under Xvfb at 1024x768 in Vietnamese): the residents'
filters, the team editor's labels, the keying table's columns, Qt's file dialog's columns."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox


def shown_text_room(combo: QComboBox) -> tuple[int, int]:
    """(pixels the combo's current text needs, pixels its edit field has)."""
    opt = QStyleOptionComboBox()
    combo.initStyleOption(opt)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    return combo.fontMetrics().horizontalAdvance(combo.currentText()), field.width()


@pytest.fixture
def vi_window(ctx, qtbot, qapp):
    """The main window in Vietnamese (the longer texts) at 1024x768, shown."""
    from ui import i18n
    from ui.app import STYLE
    from ui.main_window import MainWindow

    i18n.install(qapp, "vi")
    qapp.setStyleSheet(STYLE.read_text(encoding="utf-8"))     # as the program runs: padding and borders count
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.resize(1024, 740)
    w.show()
    qtbot.waitExposed(w)
    yield w
    qapp.setStyleSheet("")


def test_the_residents_filters_show_their_whole_text_at_1024_px(vi_window, qtbot):
    view = vi_window.residentsView
    qtbot.wait(20)
    for combo in (view.hamletFilter, view.teamFilter, view.statusFilter, view.reasonFilter):
        need, room = shown_text_room(combo)
        assert need <= room, (combo.objectName(), combo.currentText(), need, room, combo.width())
    assert view.searchBox.width() >= view.searchBox.minimumWidth()
    # a long entry chosen is shortened with "…", not cut mid-letter
    view.set_filter("status", "activated_system")
    combo = view.statusFilter
    assert combo.fontMetrics().horizontalAdvance(combo.currentText()) > combo.text_room()
    assert combo.shown_text().endswith("…") and \
        combo.fontMetrics().horizontalAdvance(combo.shown_text()) <= combo.text_room()


def test_qt_file_dialog_shows_its_column_titles_whole(qapp, qtbot):
    """Seen under X: Qt's own file dialog (the one the program gets on a plain X session) cut "Kích thước"."""
    from PySide6.QtWidgets import QFileDialog, QTreeView

    from ui import i18n
    from ui.app import make_qapp

    from PySide6.QtCore import QStandardPaths

    QStandardPaths.setTestModeEnabled(True)     # Qt keeps the dialog's column widths in QtProject.conf: not the home's
    saved = __import__("pathlib").Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.GenericConfigLocation)) / "QtProject.conf"
    saved.unlink(missing_ok=True)               # Qt's own widths, not those a previous run saved
    i18n.install(qapp, "vi")
    app = make_qapp([])
    try:
        dlg = QFileDialog(None, "Mở", str(__import__("pathlib").Path(__file__).parent))
        dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        qtbot.addWidget(dlg)
        dlg.show()
        dlg.activateWindow()
        qtbot.waitExposed(dlg)
        tree = dlg.findChild(QTreeView, "treeView")
        header = tree.header()

        def short():     # columns narrower than their titles as the style sheet draws them (bold, padded)
            return [(str(tree.model().headerData(c, header.orientation())), header.sectionSize(c))
                    for c in range(1, header.count()) if header.sectionSize(c) < header.sectionSizeHint(c)]

        qtbot.waitUntil(lambda: not short(), timeout=2000)      # fitted when the focus goes into the dialog
    finally:
        dlg.close()
        app.setStyleSheet("")
        i18n.install(qapp, "en")
        QStandardPaths.setTestModeEnabled(False)


def test_the_team_editor_keeps_every_label_beside_its_field_at_1024_px(vi_window, qtbot):
    """Seen under X: "Điện thoại tổ trưởng:" alone went above its field while every other label sat beside."""
    from PySide6.QtWidgets import QFormLayout, QLabel

    vi_window.tabs.setCurrentWidget(vi_window.teamsView)
    view = vi_window.teamsView
    qtbot.waitExposed(view)
    qtbot.wait(20)
    form = view.name_edit.parentWidget().findChildren(QFormLayout)
    form = next(f for f in form if f.indexOf(view.phone_edit) >= 0)
    for field in (view.name_edit, view.kind_combo, view.lead_edit, view.phone_edit):
        label = form.labelForField(field)
        assert isinstance(label, QLabel)
        assert label.geometry().top() >= field.geometry().top() - 2 and \
            label.geometry().bottom() <= field.geometry().bottom() + 2, (label.text(), label.geometry(),
                                                                        field.geometry())
        assert label.fontMetrics().horizontalAdvance(label.text().replace("&", "")) <= label.width(), label.text()


def test_the_keying_table_gives_name_birth_and_outcome_their_room_and_the_address_the_rest(vi_window, qtbot):
    """Seen under X at 1024 px: the address column took half the table (sized to its longest text) while
    the outcome column was left too narrow for "Đã kích hoạt (tổ báo cáo)"."""
    from ui.labels import status_labels
    from ui.models.keying_model import KeyingModel

    from sqlalchemy import update

    from canvass.models import Resident

    with vi_window.ctx.db.session() as s:       # addresses as long as the police lists' (hamlet, commune, district…)
        s.execute(update(Resident).values(address=Resident.address + ", xã Tân Văn, huyện Bình Gia, tỉnh Lạng Sơn"))
    vi_window.tabs.setCurrentWidget(vi_window.keyingView)
    view = vi_window.keyingView
    qtbot.waitExposed(view)
    view.team_combo.setCurrentIndex(view.team_combo.findText("Tổ 2"))
    qtbot.waitUntil(lambda: view.model.rowCount() > 0)
    qtbot.wait(20)
    header, fm = view.table.horizontalHeader(), view.table.fontMetrics()
    col = KeyingModel.COLUMNS.index
    # every column is on screen: nothing behind a horizontal scroll bar
    assert header.length() <= view.table.viewport().width(), (header.length(), view.table.viewport().width())
    for key in ("name", "born", "phone", "outcome", "attempts"):
        assert header.sectionSize(col(key)) >= header.sectionSizeHint(col(key)), key     # the title whole
    names = [view.model.index(r, col("name")).data() for r in range(view.model.rowCount())]
    assert header.sectionSize(col("name")) >= max(fm.horizontalAdvance(n) for n in names) + 8
    assert header.sectionSize(col("outcome")) >= max(fm.horizontalAdvance(t) for t in status_labels().values()) + 8
    # the address takes what is left, not more
    address = [view.model.index(r, col("address")).data() for r in range(view.model.rowCount())]
    others = sum(header.sectionSize(i) for i in range(header.count()) if i != col("address"))
    assert header.sectionSize(col("address")) <= max(view.table.viewport().width() - others,
                                                     header.minimumSectionSize())
    assert view.table.textElideMode() == Qt.TextElideMode.ElideRight
    assert address and all(a for a in address)


def test_the_teams_figures_and_kind_show_at_1024_px_with_a_real_communes_teams(vi_window, qtbot):
    """Seen under X with the sample commune: the teams table's last figures went behind a scroll bar (long
    leads' names and hamlet lists), and the kind "Tổ công tác Đề án 06 thôn" was cut mid-word."""
    from sqlalchemy import select

    from canvass.models import Team
    from canvass.teams import update_team

    with vi_window.ctx.db.session() as s:
        for team, lead in zip(s.scalars(select(Team).order_by(Team.id)), ("Nguyễn Thị Phương Thảo", "Hoàng Văn Bích")):
            update_team(s, team, kind="to_cong_tac_06", lead_name=lead, lead_phone="0912345678")
    vi_window.tabs.setCurrentWidget(vi_window.teamsView)
    view = vi_window.teamsView
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    view.table.selectRow(0)
    qtbot.wait(20)
    header = view.table.horizontalHeader()
    assert header.length() <= view.table.viewport().width(), (header.length(), view.table.viewport().width(),
                                                             [header.sectionSize(i) for i in range(header.count())])
    for i in range(header.count()):
        assert header.sectionSize(i) >= min(header.sectionSizeHint(i), 70), i        # every title readable
    combo = view.kind_combo
    assert combo.currentData() == "to_cong_tac_06"
    assert combo.fontMetrics().horizontalAdvance(combo.shown_text()) <= combo.text_room()


def test_the_residents_status_column_is_on_screen_at_1024_px_and_the_columns_widen_again(vi_window, qtbot):
    """Seen under X at 1024 px: the status column sat behind the sideways scroll bar. The team, hamlet and name
    columns give way first (their cells end in "…", whole in the tooltip); in a wide window every column has
    its own width again; a column the person dragged keeps its width."""
    from ui.labels import status_label
    from ui.models.residents import COLUMNS

    view = vi_window.residentsView
    table, header = view.table, view.table.horizontalHeader()
    col = [key for key, _c in COLUMNS].index
    status = col("status")
    qtbot.waitUntil(lambda: header.sectionViewportPosition(status) + header.sectionSize(status)
                    <= table.viewport().width(), timeout=2000)
    assert header.sectionSize(status) >= table.fontMetrics().horizontalAdvance(status_label("pending")) + 16
    for key in ("cccd", "dob", "phone"):      # numbers are never shortened
        assert header.sectionSize(col(key)) == view._widths[col(key)], key
    assert header.sectionSize(col("team")) < view._widths[col("team")]

    vi_window.resize(1600, 740)
    qtbot.waitUntil(lambda: all(header.sectionSize(c) >= w for c, w in view._widths.items()), timeout=2000)

    view._section_resized(col("name"), 0, 0)     # as a drag of the name column's edge is seen, with the mouse down
    assert not view._user_sized                   # no button held: a resize by the program, not the person
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest
    before = header.sectionSize(col("name"))
    edge = header.sectionViewportPosition(col("name")) + before - 1
    QTest.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge, header.height() // 2))
    QTest.mouseMove(header.viewport(), QPoint(edge + 60, header.height() // 2))
    QTest.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge + 60, header.height() // 2))
    dragged = header.sectionSize(col("name"))
    assert dragged > before + 30
    vi_window.resize(1024, 740)
    qtbot.wait(50)
    assert view._user_sized and header.sectionSize(col("name")) == dragged


def test_qt_file_dialog_names_a_folder_in_vietnamese(qapp, qtbot, tmp_path):
    """Seen under X: the file dialog's Type column said "Folder" among Vietnamese file types (Qt 6 asks
    QAbstractFileIconProvider, with a disambiguation the translation must carry)."""
    from PySide6.QtWidgets import QFileSystemModel

    from ui import i18n

    (tmp_path / "Danh sách").mkdir()
    i18n.install(qapp, "vi")
    try:
        model = QFileSystemModel()
        model.setRootPath(str(tmp_path))
        qtbot.waitUntil(lambda: model.index(str(tmp_path / "Danh sách")).isValid()
                        and model.type(model.index(str(tmp_path / "Danh sách"))) != "", timeout=3000)
        assert model.type(model.index(str(tmp_path / "Danh sách"))) == "Thư mục"
    finally:
        i18n.install(qapp, "en")
