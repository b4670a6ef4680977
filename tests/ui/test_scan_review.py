"""The review of photos read back: strips beside proposals, decided from the keyboard like keying (the
reason picker for "cannot be activated"), recorded once; the keying view takes dropped photos."""
from __future__ import annotations

import datetime as dt
import json

import cv2
import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from sqlalchemy import select

from canvass.assignment import assign_residents
from canvass.exporting import export
from canvass.models import Event, Resident
from canvass.scan.reader import read_files
from canvass.teams import add_team
from tests.core import scanphotos as sp
from tests.factories import make_commune
from tests.helpers import require_tool

DPI = 150


COMMUNE = False     # ctx (tests/ui/conftest.py) starts empty: these tests build their own commune


@pytest.fixture
def photo(ctx, tmp_path):
    """A photo of page 1 of a team's walk list printed yesterday: row 1 ticked "absent", row 2 with two ticks,
    row 3 ticked "cannot be activated", row 4 crossed out, the others blank."""
    require_tool("pdftoppm")
    ids = make_commune(ctx.db, households_per_hamlet=3, people_per_household=3)
    with ctx.db.session() as s:
        team = add_team(s, "Tổ 1")
        assign_residents(s, ids, team.id)
    export(ctx.db, "walklist", tmp_path / "w.pdf", as_of=dt.date.today() - dt.timedelta(days=1))
    page = sp.render(tmp_path / "w.pdf", tmp_path, DPI)[0]
    lay = sp.printed_layouts(ctx.db)[1]
    rng = np.random.default_rng(3)
    sp.draw_mark(page, sp.box_rect(lay, 0, 1, DPI), "check", rng)
    sp.draw_mark(page, sp.box_rect(lay, 1, 0, DPI), "check", rng)
    sp.draw_mark(page, sp.box_rect(lay, 1, 4, DPI), "cross", rng)
    sp.draw_mark(page, sp.box_rect(lay, 2, 2, DPI), "check", rng)
    sp.draw_mark(page, sp.box_rect(lay, 3, 0, DPI), "scribble", rng)
    path = tmp_path / "zalo photo.jpg"
    cv2.imwrite(str(path), sp.photograph(page, sp.Shot(angle=8, jpeg=55), rng))
    return path, [r[0] for r in lay["rows"]]


def _visits(db):
    with db.read() as s:
        return [(e.resident_id, e.outcome, e.reason, json.loads(e.data)) for e in
                s.scalars(select(Event).where(Event.kind == "visit").order_by(Event.id))]


def test_review_from_the_keyboard_records_once(ctx, qtbot, qtmodeltester, photo):
    from ui.dialogs.scan_review import ScanReviewDialog

    path, rows = photo
    result = read_files(ctx.db, [path])
    dlg = ScanReviewDialog(ctx, None, result)
    qtbot.addWidget(dlg)
    dlg.show()
    qtmodeltester.check(dlg.model)
    assert [it.reading.row for it in dlg.items] == [1, 2, 3, 4]   # blank rows are not listed
    assert [it.outcome for it in dlg.items] == ["absent", None, None, None]
    assert not dlg.strip.pixmap().isNull() and dlg.strip.pixmap().width() > 100
    table = dlg.table
    qtbot.keyClick(table, Qt.Key.Key_Return)          # row 1: keep "absent"
    qtbot.keyClick(table, Qt.Key.Key_T)               # row 2 (two ticks): the person reads "refused"
    qtbot.keyClick(table, Qt.Key.Key_3)               # row 3: cannot be activated ... asks why
    assert dlg.reason_panel.isVisible() and dlg.items[2].outcome is None
    qtbot.keyClick(dlg.reason_panel.list, Qt.Key.Key_1)   # ... elderly
    assert not dlg.reason_panel.isVisible()
    qtbot.keyClick(table, Qt.Key.Key_Delete)          # row 4 (crossed out): no change
    assert [(it.outcome, it.reason) for it in dlg.items] == [("absent", None), ("refused", None),
                                                            ("ineligible", "elderly"), (None, None)]
    before = len(_visits(ctx.db))
    qtbot.mouseClick(dlg.record_button, Qt.MouseButton.LeftButton)
    assert dlg.result() == dlg.DialogCode.Accepted and len(dlg.answer().recorded) == 3
    visits = _visits(ctx.db)[before:]
    assert [(v[0], v[1], v[2]) for v in visits] == [(rows[0], "absent", None), (rows[1], "refused", None),
                                                   (rows[2], "ineligible", "elderly")]
    assert all(v[3]["via"] == "scan" and v[3]["page"] == 1 for v in visits)
    with ctx.db.read() as s:
        assert s.get(Resident, rows[2]).status == "ineligible"
    # the same photo again: nothing new
    again = ScanReviewDialog(ctx, None, read_files(ctx.db, [path]))
    qtbot.addWidget(again)
    qtbot.keyClick(again.table, Qt.Key.Key_V)   # row 1 as before
    qtbot.keyClick(again.table, Qt.Key.Key_T)   # row 2 as before
    again.record()
    assert again.answer().recorded == [] and again.answer().already == 2
    assert len(_visits(ctx.db)) == before + 3


def test_keying_view_reads_dropped_photos(ctx, qtbot, photo, monkeypatch):
    from ui.dialogs.scan_review import ScanReviewDialog
    from ui.views.keying import KeyingView

    path, rows = photo
    seen = []

    def ask(cls, ctx_, parent, result):   # the person records what was read for sure
        dlg = cls(ctx_, parent, result)
        seen.append(dlg)
        dlg.record()
        return dlg.answer()

    monkeypatch.setattr(ScanReviewDialog, "ask", classmethod(ask))
    view = KeyingView(ctx)
    qtbot.addWidget(view)
    view.show()
    assert view.findChild(type(view.read_button), "keyingReadPhotos") is view.read_button and view.acceptDrops()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    view.dropEvent(drop)
    assert seen and [v[0] for v in _visits(ctx.db)] == [rows[0]]
    assert "1" in view.status.text()
