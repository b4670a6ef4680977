"""Reading ticked walk lists from photos (issue 15): at least a thousand generated rows.

Prints a walk list (PDF), renders its pages with pdftoppm (150 dpi), ticks them as a pen would and
photographs them in software (tests/core/scanphotos.py: rotation up to 20 degrees, perspective, blur, a light
gradient, a thumb on 30 % of the photos, JPEG at quality 40-60, 1,700-2,300 px wide), then reads every photo
and compares with what was drawn:
- rows applied wrongly (a sure row whose resident or outcome differs from the drawing): the target is zero;
- clear ticks read without review (outcomes needing no reason; "cannot activate" always goes to review for
  its reason): the target is at least 98 %; a tick on an unreadable photo counts as not read;
- crossed-out and double ticks sent to review; blank rows left blank; unreadable photos and why;
- seconds per page (locating, straightening, QR, boxes), median and worst.
A second, smaller round uses photos 1,280 px wide (what a chat app sends without "HD").
"""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

ROWS = 1000
SMALL_ROWS = 300
DPI = 150


def _round(db, pages, layouts, rng, rows: int, width=None) -> dict:
    """Tick, photograph and read pages until `rows` rows were read; the tallies."""
    from canvass.scan import layout, reader
    from tests.core import scanphotos as sp

    t = dict(photos=0, rows=0, wrong=0, clear=0, clear_sure=0, ineligible=0, ineligible_review=0, marks=0,
             marks_review=0, blanks=0, blanks_kept=0, unreadable=0, codes={}, seconds=[])
    with_rows = [n for n in layouts if layouts[n]["rows"]]
    while t["rows"] < rows:
        n = with_rows[t["photos"] % len(with_rows)]
        t["photos"] += 1
        page = pages[n - 1].copy()
        truth = sp.mark_page(page, layouts[n], rng, DPI, tick_share=0.6, unsure_share=0.1)
        shot = sp.random_shot(rng)
        if width:
            shot.width = width
        photo = sp.photograph(page, shot, rng)
        with db.read() as s:
            t0 = time.perf_counter()
            got = reader.read_image(s, photo, "bench.jpg")
            t["seconds"].append(time.perf_counter() - t0)
        t["rows"] += len(truth)
        if isinstance(got, reader.Unreadable):
            t["unreadable"] += 1
            t["codes"][got.code] = t["codes"].get(got.code, 0) + 1
            t["clear"] += sum(1 for kind, box in truth.values()
                              if kind == "sure" and layout.BOX_OUTCOMES[box] != "ineligible")
            continue
        for row in got.rows:
            kind, box = truth.get(row.resident_id, ("?", None))
            expected = layout.BOX_OUTCOMES[box] if box is not None else None
            if row.state == "sure" and (kind != "sure" or row.outcome != expected):
                t["wrong"] += 1
            if kind == "sure" and expected == "ineligible":
                t["ineligible"] += 1
                t["ineligible_review"] += row.state == "unsure"
            elif kind == "sure":
                t["clear"] += 1
                t["clear_sure"] += row.state == "sure"
            elif kind == "unsure":
                t["marks"] += 1
                t["marks_review"] += row.state == "unsure"
            else:
                t["blanks"] += 1
                t["blanks_kept"] += row.state == "blank"
    return t


def _report(report, t: dict, prefix: str = "") -> None:
    report(f"{prefix}photos read", t["photos"])
    report(f"{prefix}rows read", t["rows"])
    report(f"{prefix}unreadable photos (nothing applied)", t["unreadable"],
           ", ".join(f"{k}: {v}" for k, v in sorted(t["codes"].items())))
    report(f"{prefix}rows applied wrongly (target 0)", t["wrong"])
    report(f"{prefix}clear ticks read without review", 100.0 * t["clear_sure"] / max(t["clear"], 1),
           f"% of {t['clear']}")
    report(f"{prefix}'cannot activate' ticks sent to review for their reason",
           100.0 * t["ineligible_review"] / max(t["ineligible"], 1), f"% of {t['ineligible']}")
    report(f"{prefix}crossed-out / double ticks sent to review", 100.0 * t["marks_review"] / max(t["marks"], 1),
           f"% of {t['marks']}")
    report(f"{prefix}blank rows left unchanged", 100.0 * t["blanks_kept"] / max(t["blanks"], 1),
           f"% of {t['blanks']}")
    report(f"{prefix}seconds per page (median)", statistics.median(t["seconds"]), "s")
    report(f"{prefix}seconds per page (worst)", max(t["seconds"]), "s")


def run(report, rows: int = 300_000) -> None:
    """Print a walk list, then read ticked photos of it (phone-sized, then chat-sized)."""
    import numpy as np

    from canvass.db import open_database
    from canvass.exporting import export
    from tests.core import scanphotos as sp
    from tests.factories import make_commune

    rng = np.random.default_rng(2026)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = open_database(folder / "scan.db")
        make_commune(db, households_per_hamlet=40, people_per_household=3)
        export(db, "walklist", folder / "w.pdf")
        pages = sp.render(folder / "w.pdf", folder, DPI)
        layouts = sp.printed_layouts(db)
        _report(report, _round(db, pages, layouts, rng, ROWS))
        _report(report, _round(db, pages, layouts, rng, SMALL_ROWS, width=1280), "1280 px photos: ")
        db.dispose()
