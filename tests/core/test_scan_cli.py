"""`canvass walklist read PHOTO ... --json --apply --by NAME`: the sure rows are recorded as visits by the
page's team on the page's day, with the scan as their source; reading the same photo twice records nothing."""
from __future__ import annotations

import datetime as dt
import json

import cv2
import numpy as np
from sqlalchemy import select

from canvass.cli import main
from canvass.exporting import export
from canvass.models import Event, Resident
from canvass.scan import layout
from canvass.teams import add_team
from canvass.assignment import assign_residents
from tests.core import scanphotos as sp
from tests.factories import make_commune
from tests.helpers import require_tool

DPI = 150


def _run(db, capsys, *args):
    code = main(["--db", db.url, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_read_json_apply_and_the_same_photo_twice(db, tmp_path, capsys):
    require_tool("pdftoppm")
    ids = make_commune(db, households_per_hamlet=3, people_per_household=3)
    with db.session() as s:
        team = add_team(s, "Tổ 1")
        assign_residents(s, ids, team.id)
        team_id = team.id
    day = dt.date.today() - dt.timedelta(days=1)
    export(db, "walklist", tmp_path / "w.pdf", as_of=day)
    page = sp.render(tmp_path / "w.pdf", tmp_path, DPI)[0]
    layouts = sp.printed_layouts(db)
    rng = np.random.default_rng(5)
    truth = sp.mark_page(page, layouts[1], rng, DPI, tick_share=0.7, unsure_share=0.2)
    photo = tmp_path / "ảnh phiếu.jpg"
    cv2.imwrite(str(tmp_path / "p.jpg"), sp.photograph(page, sp.Shot(angle=-12, jpeg=50), rng))
    (tmp_path / "p.jpg").rename(photo)
    code, out, _err = _run(db, capsys, "walklist", "read", str(photo), str(tmp_path / "missing-page.jpg"), "--json")
    assert code == 1   # a file that does not exist is a user error; nothing was recorded
    code, out, err = _run(db, capsys, "walklist", "read", str(photo), "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["pages"] == 1 and doc["unreadable_pages"] == [] and set(doc) >= {"rows", "unsure"}
    with db.read() as s:
        cccd = dict(s.execute(select(Resident.id, Resident.cccd)).all())
        before = s.scalar(select(Event.id).order_by(Event.id.desc()).limit(1))
    by_cccd = {cccd[rid]: t for rid, t in truth.items()}
    for row in doc["rows"]:
        kind, box = by_cccd[row["cccd"]]
        assert kind == "sure" and row["outcome"] == layout.BOX_OUTCOMES[box] and 0 < row["confidence"] <= 1
    assert doc["rows"] and all(by_cccd[u["cccd"]][0] in ("sure", "unsure") for u in doc["unsure"])

    code, out, err = _run(db, capsys, "walklist", "read", str(photo), "--json", "--apply", "--by", "Cán bộ A")
    assert code == 0, err
    applied = json.loads(out)
    assert applied["applied"] == len(doc["rows"]) and applied["already_recorded"] == 0
    with db.read() as s:
        visits = list(s.scalars(select(Event).where(Event.kind == "visit", Event.id > before)))
        statuses = {cccd[r.id]: r.status for r in s.scalars(select(Resident))}
    assert len(visits) == len(doc["rows"])
    for v in visits:
        src = json.loads(v.data)
        assert src["via"] == "scan" and src["page"] == 1 and len(src["photo_sha256"]) == 64
        assert v.team_id == team_id and v.at == dt.datetime.combine(day, dt.time(12)) and v.actor == "Cán bộ A"
    for row in doc["rows"]:
        assert statuses[row["cccd"]] == row["outcome"]

    code, out, _err = _run(db, capsys, "walklist", "read", str(photo), "--json", "--apply")
    again = json.loads(out)
    assert again["applied"] == 0 and again["already_recorded"] == len(doc["rows"])
    with db.read() as s:
        assert s.scalar(select(Event.id).order_by(Event.id.desc()).limit(1)) == max(v.id for v in visits)
    code, out, _err = _run(db, capsys, "walklist", "read", str(photo))
    assert code == 0 and "1 page(s) read" in out
