"""The import log a batch stores (issue 14): every warning once, grouped by kind, read back exactly as the
import returned it; a list re-imported stores a small summary, not every warning object again."""
from __future__ import annotations

import json

from canvass.importing import run_import
from canvass.importing.importer import logged_warnings
from canvass.models import ImportBatch
from tests.core.importfiles import people, person, standard_rows, write_xlsx


def _stored(db, batch: int) -> dict:
    with db.session() as s:
        return json.loads(s.get(ImportBatch, batch).summary)


def test_stored_log_gives_back_every_warning_in_order(db, tmp_path):
    rows = people(30)
    rows[3] = dict(rows[3], phone="12")                       # an unreadable phone
    rows[5] = dict(rows[5], cccd="")                          # no ID
    rows[7] = dict(rows[7], cccd="0201", phone="abc")         # a mistyped ID and a bad phone: two in one row
    rows[9] = dict(rows[9], gender="?")
    rows.append(person(1))                                    # a duplicate of row 1
    res = run_import(db, write_xlsx(tmp_path / "l.xlsx", standard_rows(rows)))
    want = res.to_json()["warnings"]
    assert len(want) >= 5 and len({(w["sheet"], w["row"]) for w in want}) < len(want)
    stored = _stored(db, res.batch)["result"]
    assert stored["warnings"] == len(want)
    assert logged_warnings(stored) == want
    # the rest of the log is stored as it was returned
    assert {k: v for k, v in stored.items() if k not in ("warnings", "warning_groups")} == \
        {k: v for k, v in res.to_json().items() if k != "warnings"}


def test_stored_log_is_small_for_many_warnings(db, tmp_path):
    rows = [dict(p, phone="") if i % 2 else dict(p, cccd="") for i, p in enumerate(people(400))]
    res = run_import(db, write_xlsx(tmp_path / "m.xlsx", standard_rows(rows)))
    assert len(res.warnings) >= 200
    as_objects = len(json.dumps(res.to_json()["warnings"], ensure_ascii=False))
    stored = _stored(db, res.batch)["result"]
    assert len(json.dumps(stored["warning_groups"], ensure_ascii=False)) < as_objects / 3
    assert logged_warnings(stored) == res.to_json()["warnings"]


def test_an_old_stored_log_reads_as_it_was():
    old = {"warnings": [{"sheet": "S", "row": 3, "field": "phone", "message": "m", "code": "m", "params": {}}]}
    assert logged_warnings(old) == old["warnings"]
