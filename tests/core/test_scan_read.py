"""Photos of ticked walk lists are read back: every sure row has the right resident and outcome, crossed-out
ticks and double ticks go to review, and a page that cannot be located with certainty gives nothing.

The photos are generated (tests/core/scanphotos.py): the printed PDF rendered by pdftoppm, pen marks,
rotation up to 20 degrees, perspective, blur, a light gradient, a thumb, JPEG at chat quality."""
from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image

from canvass.db import open_database
from canvass.exporting import export
from canvass.scan import layout, reader
from tests.core import scanphotos as sp
from tests.factories import make_commune
from tests.helpers import require_tool

DPI = 150


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """A printed walk list (PDF, its database, each page rendered and its recorded layout)."""
    require_tool("pdftoppm")
    folder = tmp_path_factory.mktemp("scan")
    db = open_database(folder / "s.db")
    make_commune(db, households_per_hamlet=5, people_per_household=3)
    export(db, "walklist", folder / "w.pdf")
    pages = sp.render(folder / "w.pdf", folder, DPI)
    yield db, pages, sp.printed_layouts(db), folder
    db.dispose()


def _read(db, photo):
    with db.read() as s:
        return reader.read_image(s, photo, "photo.jpg")


def _check(got, truth) -> tuple[int, int]:
    """Assert no row is sure with the wrong outcome; returns (sure and right, clear ticks)."""
    right = clear = 0
    for row in got.rows:
        kind, box = truth[row.resident_id]
        if kind == "sure" and layout.BOX_OUTCOMES[box] != "ineligible":
            clear += 1
        if row.state == "sure":
            assert kind == "sure" and row.outcome == layout.BOX_OUTCOMES[box], (row, truth[row.resident_id])
            right += 1
        if kind == "unsure":
            assert row.state == "unsure"
        if kind == "blank":
            assert row.state in ("blank", "unsure")
        if row.outcome == "ineligible" and row.state != "blank":
            assert row.state == "unsure" and row.why in ("needs_reason", "faint", "scribble")
    return right, clear


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_ticked_photos_are_read_and_no_row_is_given_a_wrong_outcome(printed, seed):
    db, pages, layouts, _folder = printed
    rng = np.random.default_rng(seed)
    n = 1 + seed % 2
    page = pages[n - 1].copy()
    truth = sp.mark_page(page, layouts[n], rng, DPI, tick_share=0.6, unsure_share=0.2)
    shot = sp.Shot(angle=[-18.0, 7.0, 19.0][seed - 1], tilt=0.06, blur=1.0, shade=0.45, jpeg=45, thumb=True)
    got = _read(db, sp.photograph(page, shot, rng))
    assert isinstance(got, reader.PageReading), got
    assert got.printed.page == n and [r.resident_id for r in got.rows] == [r[0] for r in layouts[n]["rows"]]
    right, clear = _check(got, truth)
    assert right > 0 and clear > 0   # the rate is measured by `make bench` (bench/bench_scan.py)


def test_a_thumb_over_the_boxes_sends_its_rows_to_review(printed):
    db, pages, layouts, _folder = printed
    rng = np.random.default_rng(7)
    page = pages[0].copy()
    truth = sp.mark_page(page, layouts[1], rng, DPI, tick_share=1.0, unsure_share=0.0)
    k = DPI / 25.4
    _rid, top, height = layouts[1]["rows"][2]
    x, w = layouts[1]["boxes"][2]
    cv2.ellipse(page, (int((x + w) * k), int((top + height) * k)), (int(12 * k), int(9 * k)), 0, 0, 360,
                (120, 140, 190), -1)
    got = _read(db, sp.photograph(page, sp.Shot(angle=5), rng))
    _check(got, truth)
    assert got.rows[2].state == "unsure" and got.rows[2].why == "hidden"
    assert sum(r.state == "sure" for r in got.rows) >= 3


def _cover(page, x_mm, y_mm, size_mm, colour=(255, 255, 255)):
    k = DPI / 25.4
    page = page.copy()
    cv2.rectangle(page, (int(x_mm * k), int(y_mm * k)), (int((x_mm + size_mm) * k), int((y_mm + size_mm) * k)),
                  colour, -1)
    return page


def test_pages_that_cannot_be_located_with_certainty_give_nothing(printed, tmp_path):
    db, pages, _layouts, _folder = printed
    rng = np.random.default_rng(3)
    page = pages[0]
    x, y = layout.marker_origin(2)
    no_marker = _cover(page, x - 1, y - 1, layout.MARKER + 2, (0, 0, 0))   # a thumb over a marker
    assert _read(db, sp.photograph(no_marker, sp.Shot(), rng)).code == "markers_missing"
    no_qr = _cover(page, layout.QR_X + 3, layout.QR_Y + 3, layout.QR_SIZE - 6)
    assert _read(db, sp.photograph(no_qr, sp.Shot(), rng)).code == "qr_unreadable"
    # a curled page: the rows bend away from the straight lines between the corner markers (by 5 mm)
    h, w = page.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    bend = 5 * DPI / 25.4 * np.sin(np.pi * xx / w) * np.sin(np.pi * yy / h)
    bent = cv2.remap(page, xx, yy + bend, cv2.INTER_LINEAR, borderValue=(255, 255, 255))
    assert _read(db, sp.photograph(bent, sp.Shot(), rng)).code == "grid_mismatch"
    # curled by 1.5 mm: the rows still on their printed lines are read, the others go to review
    ticked = page.copy()
    truth = sp.mark_page(ticked, _layouts[1], rng, DPI, tick_share=1.0, unsure_share=0.0)
    bent = cv2.remap(ticked, xx, yy + 0.3 * bend, cv2.INTER_LINEAR, borderValue=(255, 255, 255))
    got = _read(db, sp.photograph(bent, sp.Shot(), rng))
    assert isinstance(got, reader.Unreadable) or _check(got, truth)
    # the same kind of page printed by another database names a page this one never printed
    other = open_database(tmp_path / "other.db")
    make_commune(other, households_per_hamlet=2)
    export(other, "walklist", tmp_path / "o.pdf")
    other.dispose()
    foreign = sp.render(tmp_path / "o.pdf", tmp_path, DPI)[0]
    assert _read(db, sp.photograph(foreign, sp.Shot(), rng)).code == "unknown_page"
    blank = np.full_like(page, 255)
    assert _read(db, blank).code == "markers_missing"


def test_a_scanned_pdf_is_read_page_by_page(printed, tmp_path):
    db, pages, layouts, _folder = printed
    rng = np.random.default_rng(11)
    marked, truths = [], {}
    for n in (1, 2):
        page = pages[n - 1].copy()
        truths.update(sp.mark_page(page, layouts[n], rng, DPI))
        marked.append(Image.fromarray(cv2.cvtColor(page, cv2.COLOR_BGR2RGB)).rotate(1.5, fillcolor="white"))
    marked[0].save(tmp_path / "scan.pdf", save_all=True, append_images=marked[1:], resolution=DPI)
    result = reader.read_files(db, [tmp_path / "scan.pdf"])
    assert [p.printed.page for p in result.pages] == [1, 2] and not result.unreadable
    for p in result.pages:
        right, _clear = _check(p, truths)
        assert right > 0


def test_two_pages_in_one_photo_are_both_read(printed, tmp_path):
    db, pages, layouts, _folder = printed
    rng = np.random.default_rng(21)
    marked, truths = [], {}
    for n in (1, 2):
        page = pages[n - 1].copy()
        truths.update(sp.mark_page(page, layouts[n], rng, DPI, tick_share=0.8, unsure_share=0.0))
        marked.append(page)
    gap = np.full((marked[0].shape[0], 60, 3), 90, np.uint8)
    both = np.hstack([marked[0], gap, marked[1]])
    photo = tmp_path / "two.jpg"
    cv2.imwrite(str(photo), sp.photograph(both, sp.Shot(angle=6, width=3000), rng))
    result = reader.read_files(db, [photo])
    assert sorted(p.printed.page for p in result.pages) == [1, 2] and not result.unreadable
    for p in result.pages:
        right, _clear = _check(p, truths)
        assert right > 0
