"""A walk list printed as PDF carries the camera's markers and a QR code naming a recorded page; the record
maps each printed row to its resident, in the printed order."""
from __future__ import annotations

import json
import subprocess

import cv2
from sqlalchemy import select

from canvass.exporting import export
from canvass.models import Event, WalklistPage
from canvass.scan import layout
from tests.factories import make_commune
from tests.helpers import require_tool


def test_walklist_pages_carry_markers_and_a_qr_code_the_database_resolves(db, tmp_path):
    ids = make_commune(db, households_per_hamlet=6, people_per_household=3)
    export(db, "walklist", tmp_path / "w.pdf")
    export(db, "walklist", tmp_path / "w.xlsx")   # a spreadsheet has no camera marks and records no pages
    with db.session() as s:
        pages = list(s.scalars(select(WalklistPage).order_by(WalklistPage.page)))
        events = [json.loads(e.data) for e in s.scalars(select(Event).where(Event.kind == "export"))]
    assert len({p.print_key for p in pages}) == 1 and [p.page for p in pages] == list(range(1, len(pages) + 1))
    assert events[0]["print"] == pages[0].print_key and "print" not in events[1]
    printed = [r[0] for p in pages for r in json.loads(p.layout)["rows"]]
    assert sorted(printed) == sorted(ids) and len(printed) == len(ids)
    exe = require_tool("pdftoppm")
    subprocess.run([exe, "-r", "120", "-f", "1", "-l", "2", "-png", str(tmp_path / "w.pdf"), str(tmp_path / "p")],
                   check=True)
    for n in (1, 2):
        img = cv2.imread(str(tmp_path / f"p-{n}.png"), cv2.IMREAD_GRAYSCALE)
        text, _pts, _ = cv2.QRCodeDetector().detectAndDecode(img)
        assert layout.parse_payload(text) == (pages[0].print_key, n)
        detector = cv2.aruco.ArucoDetector(cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50))
        _corners, found, _rejected = detector.detectMarkers(img)
        assert sorted(found.ravel().tolist()) == [0, 1, 2, 3]
