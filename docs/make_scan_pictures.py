"""Regenerate docs/img/scan_photo.jpg and docs/img/scan_review.png: a generated photo of a ticked walk-list
page and the review window showing what was read from it.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_scan_pictures.py

A generated commune (tests/factories.py) with one team; its walk list printed to PDF, rendered with pdftoppm,
ticked and photographed in software (tests/core/scanphotos.py, seeded), read back, and the review dialog
grabbed offscreen.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from canvass.assignment import assign_residents  # noqa: E402
from canvass.db import open_database  # noqa: E402
from canvass.exporting import export  # noqa: E402
from canvass.scan.reader import read_files  # noqa: E402
from canvass.teams import add_team  # noqa: E402
from tests.core import scanphotos as sp  # noqa: E402
from tests.factories import make_commune  # noqa: E402

OUT = ROOT / "docs" / "img"


def main() -> None:
    """Print, tick, photograph, read and grab the review."""
    from PySide6.QtWidgets import QApplication

    from ui.context import AppContext
    from ui.dialogs.scan_review import ScanReviewDialog
    from ui.tasks import Runner

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = open_database(folder / "pictures.db")
        ids = make_commune(db, households_per_hamlet=4, people_per_household=3)
        with db.session() as s:
            team = add_team(s, "Tổ 1", lead_name="Hoàng Văn Tổ")
            assign_residents(s, ids, team.id)
        export(db, "walklist", folder / "w.pdf", as_of=dt.date.today() - dt.timedelta(days=1))
        page = sp.render(folder / "w.pdf", folder, 150)[0]
        lay = sp.printed_layouts(db)[1]
        rng = np.random.default_rng(15)
        marks = [(0, 0, "check"), (1, 1, "cross"), (2, 0, "long_check"), (3, 4, "check"), (4, 2, "check"),
                 (5, 1, "scribble"), (6, 0, "slash"), (7, 0, "check"), (7, 5, "check"), (9, 3, "check")]
        for row, box, kind in marks:
            sp.draw_mark(page, sp.box_rect(lay, row, box, 150), kind, rng)
        photo = sp.photograph(page, sp.Shot(angle=-9, tilt=0.05, blur=0.9, shade=0.45, jpeg=50, thumb=True), rng)
        path = OUT / "scan_photo.jpg"
        cv2.imwrite(str(path), photo)
        ctx = AppContext(db=db, runner=Runner(), actor="docs")
        dlg = ScanReviewDialog(ctx, None, read_files(db, [path]))
        dlg.resize(1100, 560)
        dlg.show()
        dlg.move_to(1)
        app.processEvents()
        dlg.grab().save(str(OUT / "scan_review.png"))
        dlg.close()
        db.dispose()
    print(f"wrote {OUT / 'scan_photo.jpg'} and {OUT / 'scan_review.png'}")


if __name__ == "__main__":
    main()
