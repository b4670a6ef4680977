"""Where a walk-list page carries what a camera needs, in mm on the landscape A4 page (top-left origin).

Four ArUco markers (OpenCV's 4x4 dictionary, ids 0-3 clockwise from the top-left) sit in the page's corners,
inside the 12 mm margins and clear of the heading, table and footer; they give 16 known points for the
homography that straightens a photo. The QR code sits at the top right, beside the heading on a team's
first page; on the following pages the table starts below it (`TABLE_TOP`). The PDF writer draws from these
numbers and the reader measures against them: one home.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

PAGE_W, PAGE_H = 297.0, 210.0
MARKER = 7.0                       # side of a marker, its black border included (6 x 6 cells)
MARKER_AT = 4.5                    # distance of a marker from the paper's edges
ARUCO_DICT = "DICT_4X4_50"
QR_X, QR_Y, QR_SIZE = 261.0, 13.0, 22.0   # the QR code's square; its quiet zone is the white page around it
QR_QUIET = 2.5                            # mm of white kept around the code (and restored by the reader)
TABLE_TOP = QR_Y + QR_SIZE + 1.0          # where the table starts on a page without the heading
QR_PREFIX = "GC1"
# The outcome of each box column of the walk list, left to right (documents.OUTCOME_BOXES are their titles).
BOX_OUTCOMES = ("activated", "absent", "ineligible", "wrong_phone", "refused", "revisit")

_PAYLOAD = re.compile(rf"^{QR_PREFIX}:([A-Z2-7]{{4,16}}):([0-9]{{1,4}})$")


def marker_origin(marker_id: int) -> tuple[float, float]:
    """The top-left corner of a marker (ids 0-3: top-left, top-right, bottom-right, bottom-left)."""
    far_x, far_y = PAGE_W - MARKER_AT - MARKER, PAGE_H - MARKER_AT - MARKER
    return ((MARKER_AT, MARKER_AT), (far_x, MARKER_AT), (far_x, far_y), (MARKER_AT, far_y))[marker_id]


def marker_corners(marker_id: int) -> list[tuple[float, float]]:
    """A marker's four corners in mm, in OpenCV's order (top-left, top-right, bottom-right, bottom-left)."""
    x, y = marker_origin(marker_id)
    return [(x, y), (x + MARKER, y), (x + MARKER, y + MARKER), (x, y + MARKER)]


@lru_cache(maxsize=4)
def marker_cells(marker_id: int) -> tuple[tuple[bool, ...], ...]:
    """The 6 x 6 cells of a marker (True = black), border included, from OpenCV's own dictionary."""
    import cv2

    dictionary = cv2.aruco.getPredefinedDictionary(getattr(cv2.aruco, ARUCO_DICT))
    img = cv2.aruco.generateImageMarker(dictionary, marker_id, 6)
    return tuple(tuple(bool(v < 128) for v in row) for row in img)


def qr_payload(key: str, page: int) -> str:
    """The text of a page's QR code: "GC1:<print key>:<page>" (QR alphanumeric characters only)."""
    return f"{QR_PREFIX}:{key}:{page}"


def parse_payload(text: Optional[str]) -> Optional[tuple[str, int]]:
    """(print key, page) from a QR code's text, None when it is not one of ours."""
    m = _PAYLOAD.match((text or "").strip())
    return (m.group(1), int(m.group(2))) if m else None


@lru_cache(maxsize=256)
def qr_cells(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The modules of a page's QR code (True = dark), without a quiet zone: the page around it is white, and
    the modules are larger for it (segno)."""
    import segno

    code = segno.make_qr(payload, error="q", boost_error=True)
    return tuple(tuple(bool(v) for v in row) for row in code.matrix_iter(scale=1, border=0))


def runs(cells) -> list[tuple[int, int, int]]:
    """(row, first column, length) of each horizontal run of dark cells: few rectangles, no seams."""
    out = []
    for r, row in enumerate(cells):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                out.append((r, start, c - start))
            else:
                c += 1
    return out
