"""Windows fit the screen (issue 11: the export dialog grew past the bottom of a 768-pixel screen when its
PDF preview appeared)."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog


def test_a_dialog_that_grows_stays_inside_the_screen(qapp, qtbot):
    from ui.widgets.sizing import fit_resize

    dlg = QDialog()
    qtbot.addWidget(dlg)
    free = dlg.screen().availableGeometry()
    fit_resize(dlg, 400, 200)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.move(free.left() + free.width() // 2, free.top() + free.height() // 2)   # low and right, as when centred small
    qapp.processEvents()
    fit_resize(dlg, 5000, 5000)        # the preview appears: as large as the screen allows
    qapp.processEvents()
    frame = dlg.frameGeometry()
    assert free.contains(frame.topLeft()) and free.contains(frame.bottomRight()), (free, frame)
