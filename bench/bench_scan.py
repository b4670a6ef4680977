"""Reading ticked walk lists from photos (issue 15): at least a thousand generated rows.

Prints a walk list (PDF), renders its pages with pdftoppm (150 dpi), ticks them as a pen would and
photographs them in software (tests/core/scanphotos.py: rotation up to 20 degrees, perspective, blur, a light
gradient, a thumb on 30 % of the photos, JPEG at quality 40-60), then reads every photo and compares with
what was drawn:
- rows applied wrongly (a sure row whose resident or outcome differs from the drawing): the target is zero;
- clear ticks read without review (outcomes needing no reason; "cannot activate" always goes to review for
  its reason): the target is at least 98 %;
- crossed-out and double ticks sent to review; blank rows left blank; unreadable photos;
- seconds per page (locating, straightening, QR, boxes), median and worst.
"""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

ROWS = 1000
DPI = 150


def run(report, rows: int = 300_000) -> None:
    """Print, tick, photograph and read pages until at least ROWS rows were read."""
    import numpy as np

    from canvass.db import open_database
    from canvass.exporting import export
    from canvass.scan import layout, reader
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
        with_rows = [n for n in layouts if layouts[n]["rows"]]
        n_rows = wrong = clear = clear_sure = needs_reason = unsure_marks = unsure_sent = 0
        blanks = blank_kept = unreadable = photos = 0
        seconds = []
        codes: dict[str, int] = {}
        while n_rows < ROWS:
            n = with_rows[photos % len(with_rows)]
            photos += 1
            page = pages[n - 1].copy()
            truth = sp.mark_page(page, layouts[n], rng, DPI, tick_share=0.6, unsure_share=0.1)
            photo = sp.photograph(page, sp.random_shot(rng), rng)
            with db.read() as s:
                t0 = time.perf_counter()
                got = reader.read_image(s, photo, "bench.jpg")
                seconds.append(time.perf_counter() - t0)
            n_rows += len(truth)
            if isinstance(got, reader.Unreadable):
                unreadable += 1
                codes[got.code] = codes.get(got.code, 0) + 1
                clear += sum(1 for kind, box in truth.values()
                             if kind == "sure" and layout.BOX_OUTCOMES[box] != "ineligible")
                continue
            for row in got.rows:
                kind, box = truth.get(row.resident_id, ("?", None))
                expected = layout.BOX_OUTCOMES[box] if box is not None else None
                if row.state == "sure" and (kind != "sure" or row.outcome != expected):
                    wrong += 1
                if kind == "sure" and expected == "ineligible":
                    needs_reason += row.state == "unsure"
                elif kind == "sure":
                    clear += 1
                    clear_sure += row.state == "sure"
                elif kind == "unsure":
                    unsure_marks += 1
                    unsure_sent += row.state == "unsure"
                else:
                    blanks += 1
                    blank_kept += row.state == "blank"
        db.dispose()
    report("photos read", photos)
    report("rows read", n_rows)
    report("unreadable photos (nothing applied)", unreadable,
           ", ".join(f"{k}: {v}" for k, v in sorted(codes.items())))
    report("rows applied wrongly (target 0)", wrong)
    report("clear ticks read without review", 100.0 * clear_sure / max(clear, 1), f"% of {clear}")
    report("'cannot activate' ticks sent to review for their reason", needs_reason)
    report("crossed-out / double ticks sent to review", 100.0 * unsure_sent / max(unsure_marks, 1),
           f"% of {unsure_marks}")
    report("blank rows left unchanged", 100.0 * blank_kept / max(blanks, 1), f"% of {blanks}")
    report("seconds per page (median)", statistics.median(seconds), "s")
    report("seconds per page (worst)", max(seconds), "s")
