"""Regenerate docs/img/walklist.png and docs/img/daily_report.png from the sample commune list.

    .venv/bin/python docs/make_pictures.py

Imports resources/sample/sample_commune.xlsx into a temporary database, sets up a campaign and four
teams, records three days of generated visits (seeded, so the pictures are the same every run), dates the
whole log to early March 2025, exports the walk list of the first team and the daily report as of
10/03/2025 to PDF and renders each first page with pdftoppm.
"""
from __future__ import annotations

import datetime as dt
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select, text  # noqa: E402

from canvass.assignment import assign_by_hamlet  # noqa: E402
from canvass.campaign import set_campaign  # noqa: E402
from canvass.db import open_database  # noqa: E402
from canvass.events import append_event, record_visit, refresh_state  # noqa: E402
from canvass.exporting import export  # noqa: E402
from canvass.importing import run_import  # noqa: E402
from canvass.models import Hamlet, Resident  # noqa: E402
from canvass.teams import add_team  # noqa: E402

SAMPLE = ROOT / "resources" / "sample" / "sample_commune.xlsx"
OUT = ROOT / "docs" / "img"
AS_OF = dt.date(2025, 3, 10)
TEAMS = [("Tổ 1", "Hoàng Văn Tuấn", "0912345001", "Thôn Nà Thí"),
         ("Tổ 2", "Nông Thị Hoa", "0912345002", "Thôn Bản Quyền"),
         ("Tổ 3", "Lý Văn Phúc", "0912345003", "Thôn Khòn Cuổi"),
         ("Tổ 4", "Vi Thị Lan", "0912345004", "Thôn Pò Đứa")]
OUTCOMES = [("activated", None)] * 9 + [("absent", "work_away"), ("absent", None), ("ineligible", "elderly"),
                                        ("wrong_phone", None), ("revisit", None), ("refused", None)]


def build(db) -> None:
    """The sample list, a campaign, four teams and three days of visits, all dated before AS_OF's end."""
    run_import(db, SAMPLE)
    rnd = random.Random(2025)
    with db.session() as s:
        set_campaign(s, name="Chiến dịch 90 ngày, đêm", start=dt.date(2025, 3, 1), end=dt.date(2025, 5, 29),
                     quota_per_team_day=5)
        hamlets = {h.name: h.id for h in s.scalars(select(Hamlet))}
        for name, lead, phone, hamlet in TEAMS:
            add_team(s, name, lead_name=lead, lead_phone=phone, hamlet_ids=[hamlets[hamlet]])
        assign_by_hamlet(s)
        residents = list(s.scalars(select(Resident).order_by(Resident.id)))
        for r in residents:
            if rnd.random() > 0.45:
                continue
            day = AS_OF - dt.timedelta(days=rnd.randrange(3))
            outcome, reason = rnd.choice(OUTCOMES)
            at = dt.datetime.combine(day, dt.time(8 + rnd.randrange(8), rnd.randrange(60)))
            kw = {"revisit_on": AS_OF + dt.timedelta(days=2)} if outcome == "revisit" else {}
            record_visit(s, r, outcome, reason=reason, at=at, today=AS_OF, **kw)
            if outcome == "activated" and day < AS_OF and rnd.random() < 0.7:
                append_event(s, r, "activated_system", at=at + dt.timedelta(days=1))
                refresh_state(s, r)
    with db.connect() as conn:  # date the log as if it had been kept during those days
        conn.execute(text("UPDATE event SET at = :t WHERE kind IN ('imported', 'assigned', 'team')"),
                     {"t": dt.datetime(2025, 3, 1, 8, 0)})
        conn.execute(text("UPDATE event SET recorded_at = at"))
        conn.execute(text("UPDATE team SET created_at = :t"), {"t": dt.datetime(2025, 3, 1, 7, 30)})


def render(pdf: Path, png: Path, dpi: int = 80) -> None:
    """The first page of a PDF as a PNG."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise SystemExit("pdftoppm is needed (apt-get install poppler-utils)")
    subprocess.run([exe, "-r", str(dpi), "-f", "1", "-l", "1", "-png", "-singlefile", str(pdf),
                    str(png.with_suffix(""))], check=True)


def main() -> int:
    """Build, export, render."""
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gocua-pictures-") as tmp:
        folder = Path(tmp)
        db = open_database(folder / "pictures.db")
        build(db)
        export(db, "walklist", folder / "walklist.pdf", team="Tổ 1", as_of=AS_OF)
        export(db, "daily-report", folder / "daily_report.pdf", as_of=AS_OF)
        db.dispose()
        render(folder / "walklist.pdf", OUT / "walklist.png")
        render(folder / "daily_report.pdf", OUT / "daily_report.png")
    print(f"wrote {OUT / 'walklist.png'} and {OUT / 'daily_report.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
