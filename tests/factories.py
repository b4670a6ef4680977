"""Generated residents for tests (never real people): a small commune built straight through the models."""
from __future__ import annotations

import datetime as dt
import random

from canvass.events import append_event
from canvass.models import Commune, Hamlet, Household, Resident
from canvass.text import fold, name_sort_key

SURNAMES = ["Nguyễn", "Trần", "Lê", "Hoàng", "Nông", "Vi", "Lý", "Đinh"]
MIDDLE = ["Văn", "Thị", "Đức", "Ngọc"]
GIVEN = ["An", "Ánh", "Bình", "Dũng", "Đức", "Hà", "Lan", "Nam", "Sơn", "Yến"]


def make_commune(db, hamlets=("Thôn Nà Thí", "Thôn Pò Đứa"), households_per_hamlet=4, people_per_household=3,
                 seed=1, commune: str = "Xã Thử Nghiệm", serial: int = 0) -> list[int]:
    """Create a commune's hamlets, households and residents (status pending, one `imported` event each; CCCDs
    numbered after `serial`); return resident ids."""
    rnd = random.Random(seed)
    ids = []
    with db.session() as s:
        commune = Commune(name=commune, name_fold=fold(commune))
        s.add(commune)
        s.flush()
        for h_name in hamlets:
            hamlet = Hamlet(commune_id=commune.id, name=h_name, name_fold=fold(h_name), kind="thôn")
            s.add(hamlet)
            s.flush()
            for n in range(1, households_per_hamlet + 1):
                hh = Household(hamlet_id=hamlet.id, key=str(n), number=str(n), address=f"Số {n}, {h_name}",
                               sort_key=f"{n:06d}")
                s.add(hh)
                s.flush()
                for p in range(people_per_household):
                    serial += 1
                    name = f"{rnd.choice(SURNAMES)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"
                    r = Resident(cccd=f"020{serial:09d}", name=name, name_fold=fold(name),
                                 name_sort=name_sort_key(name), gender=rnd.choice(["Nam", "Nữ"]),
                                 dob=dt.date(1950 + rnd.randrange(55), 1 + rnd.randrange(12), 1 + rnd.randrange(28)),
                                 phone=f"+8491{serial:07d}", phone_raw=f"091{serial:07d}",
                                 address=hh.address, address_fold=fold(hh.address), hamlet_id=hamlet.id,
                                 household_id=hh.id, is_head=(p == 0), relation="Chủ hộ" if p == 0 else "Con",
                                 status="pending", attempts=0, version=0)
                    s.add(r)
                    s.flush()
                    append_event(s, r, "imported")
                    ids.append(r.id)
    return ids
