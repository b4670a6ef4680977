"""Starting a campaign database: a new file with its commune and campaign, or the bundled sample commune."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Callable, Optional

from canvass.campaign import active_campaign, set_campaign
from canvass.db import Database, open_database
from canvass.errors import InvalidInput
from canvass.models import Commune
from canvass.text import fold, nfc


def new_database(path: str | os.PathLike, commune: str, campaign: str, start: dt.date, end: dt.date) -> Database:
    """Create a database file with its commune and campaign (an existing file is refused, never overwritten)."""
    if Path(path).exists():
        raise InvalidInput("file_exists", name=Path(path).name)
    if not nfc(commune or ""):
        raise InvalidInput("commune_name_missing")
    db = open_database(path)
    try:
        with db.session() as s:
            c = Commune(name=nfc(commune), name_fold=fold(commune))
            s.add(c)
            s.flush()
            camp = set_campaign(s, name=campaign, start=start, end=end, new=True)
            camp.commune_id = c.id
    except BaseException:
        db.dispose()
        raise
    return db


def import_sample(db: Database, sample: str | os.PathLike, progress: Optional[Callable[[int, int], None]] = None,
                  cancel: Optional[Callable[[], bool]] = None, today: Optional[dt.date] = None):
    """Import the sample list and, when there is no campaign yet, start one around today (to try things out)."""
    from canvass.importing import run_import

    result = run_import(db, str(sample), progress=progress, cancel=cancel)
    with db.session() as s:
        if active_campaign(s) is None:
            today = today or dt.date.today()
            set_campaign(s, name="Chiến dịch 90 ngày (mẫu)", start=today - dt.timedelta(days=14),
                         end=today + dt.timedelta(days=75))
    return result
