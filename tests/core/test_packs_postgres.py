"""The pack round trip on a real PostgreSQL server (the multi-user set-up)."""
from __future__ import annotations

import pytest

from canvass.events import append_event, refresh_state
from canvass.models import Resident
from canvass.packs import export_pack, import_pack
from tests.core.test_packs import D1, D2, commune_with_teams, fill, resident

pytestmark = pytest.mark.postgres


def test_round_trip_conflict_and_duplicate_on_postgres(pg_db, tmp_path):
    ids, _ = commune_with_teams(pg_db)
    export_pack(pg_db, "Tổ 1", tmp_path / "p.xlsx")
    with pg_db.session() as s:
        r = s.get(Resident, ids[1])
        append_event(s, r, "activated_system")
        refresh_state(s, r)
    fill(tmp_path / "p.xlsx", tmp_path / "ret.xlsx", {ids[0]: {"outcome": "Vắng mặt", "visit_date": D1},
                                                      ids[1]: {"outcome": "Từ chối", "visit_date": D2}})
    res = import_pack(pg_db, tmp_path / "ret.xlsx")
    assert res.applied == 2 and [c["resolution"] for c in res.conflicts] == ["system_activation_wins"]
    assert resident(pg_db, ids[0]).status == "absent" and resident(pg_db, ids[1]).status == "activated_system"
    again = import_pack(pg_db, tmp_path / "ret.xlsx")
    assert (again.applied, again.unchanged) == (0, 2)
