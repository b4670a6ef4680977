"""Starting a database: a new file with commune and campaign; the sample with a campaign around today."""
import datetime as dt
from pathlib import Path

import pytest

from canvass.campaign import active_campaign
from canvass.errors import InvalidInput
from canvass.models import Commune
from canvass.start import import_sample, new_database

SAMPLE = Path(__file__).resolve().parents[2] / "resources/sample/sample_commune.xlsx"


def test_new_database_has_its_commune_and_campaign_and_refuses_an_existing_file(tmp_path):
    path = tmp_path / "tanvan.db"
    db = new_database(path, "Tân  Văn", "Chiến dịch 90 ngày, đêm", dt.date(2025, 3, 1), dt.date(2025, 5, 29))
    with db.session() as s:
        camp = active_campaign(s)
        commune = s.get(Commune, camp.commune_id)
        assert (commune.name, camp.name, camp.end_date) == ("Tân Văn", "Chiến dịch 90 ngày, đêm", dt.date(2025, 5, 29))
    db.dispose()
    with pytest.raises(InvalidInput):
        new_database(path, "Tân Văn", "x", dt.date(2025, 3, 1), dt.date(2025, 5, 29))


def test_sample_gets_a_campaign_around_today(db):
    result = import_sample(db, SAMPLE, today=dt.date(2026, 11, 23))
    assert result.imported == 300
    with db.session() as s:
        camp = active_campaign(s)
        assert camp.start_date < dt.date(2026, 11, 23) < camp.end_date
