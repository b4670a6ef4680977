"""The style sheet draws what it styles: the highlighted item of a drop-down list is visibly highlighted and
its text is drawn (a combo box pop-up draws its items as the combo box's own menu items)."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox


def test_the_highlighted_item_of_a_drop_down_is_highlighted_with_its_text(qapp, qtbot):
    from ui.app import make_qapp

    app = make_qapp([])
    try:
        combo = QComboBox()
        qtbot.addWidget(combo)
        combo.addItems(["Đã kích hoạt", "Vắng mặt", "Không thể kích hoạt", "Sai số điện thoại"])
        combo.resize(260, 28)
        combo.show()
        combo.showPopup()
        view, idx = combo.view(), combo.model().index(1, 0)
        view.setCurrentIndex(idx)
        view.selectionModel().select(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        qapp.processEvents()
        img = view.viewport().grab().toImage()
        rect = view.visualRect(idx)
        row = [img.pixelColor(x, y) for y in range(rect.top() + 2, rect.bottom() - 1)
               for x in range(0, min(rect.right(), img.width() - 1))]
        background = img.pixelColor(img.width() - 4, rect.center().y())
        assert background != QColor("#ffffff") and background.blue() > background.red()   # a light blue band
        assert any(c.lightness() < 100 for c in row)                                         # dark text on it
        combo.hidePopup()
    finally:
        app.setStyleSheet("")


def test_spin_box_buttons_are_wide_with_visible_arrows(qapp, qtbot):
    """Issue 11: under the style sheet (which borders spin boxes) their up/down buttons were thin strips
    with no arrow. Each button is now about 20 px wide and shows a dark arrow."""
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDateEdit, QSpinBox, QStyle, QStyleOptionSpinBox

    from ui.app import make_qapp

    app = make_qapp([])
    try:
        for box in (QSpinBox(), QDateEdit()):
            qtbot.addWidget(box)
            if isinstance(box, QSpinBox):
                box.setRange(0, 100)
                box.setValue(50)       # both buttons enabled
            else:
                box.setDate(QDate(2025, 6, 15))
            box.resize(200, 30)
            box.show()
            qapp.processEvents()
            opt = QStyleOptionSpinBox()
            box.initStyleOption(opt)
            img = box.grab().toImage()
            for part in (QStyle.SubControl.SC_SpinBoxUp, QStyle.SubControl.SC_SpinBoxDown):
                r = box.style().subControlRect(QStyle.ComplexControl.CC_SpinBox, opt, part, box)
                assert r.width() >= 18, (type(box).__name__, part, r)
                dark = sum(1 for x in range(r.left(), r.right()) for y in range(r.top(), r.bottom())
                           if img.pixelColor(x, y).lightness() < 110)
                assert dark >= 8, (type(box).__name__, part, dark)    # an arrow, not an empty strip
    finally:
        app.setStyleSheet("")
