"""A list that obviously belongs elsewhere is told apart from one that fits the commune (canvass.importing.fit)."""
from __future__ import annotations

from canvass.importing.fit import HAMLETS_MAX, list_fit
from canvass.importing.importer import ImportResult
from tests.factories import make_commune


def preview(rows: int, hamlets: int, new: int | None = None) -> ImportResult:
    return ImportResult(rows_read=rows, imported=rows if new is None else new, hamlets=hamlets, dry_run=True)


def test_a_province_list_over_a_small_commune_is_foreign(db):
    make_commune(db, hamlets=("Thôn Nà Thí", "Thôn Pò Đứa", "Thôn Khòn Cuổi"), households_per_hamlet=10,
                 people_per_household=10)                             # 300 residents in 3 hamlets
    with db.read() as s:
        fit = list_fit(s, preview(150_000, 801))
    assert fit.foreign and set(fit.reasons) == {"too_many_hamlets", "outgrows_commune", "hamlets_outnumber"}
    assert (fit.residents, fit.hamlets, fit.list_rows, fit.list_hamlets) == (300, 3, 150_000, 801)


def test_the_communes_own_lists_fit(db):
    make_commune(db, hamlets=("Thôn Nà Thí", "Thôn Pò Đứa", "Thôn Khòn Cuổi"), households_per_hamlet=10,
                 people_per_household=10)
    with db.read() as s:
        assert not list_fit(s, preview(300, 3, new=0)).foreign        # the same list again
        assert not list_fit(s, preview(320, 4, new=40)).foreign       # a newer list with a few more
        assert not list_fit(s, preview(900, 3, new=900)).foreign      # a big supplement, under 1,000 new


def test_a_first_list_fits_unless_it_names_more_hamlets_than_a_commune_has(db):
    with db.read() as s:
        assert not list_fit(s, preview(40_000, 60)).foreign           # a large merged commune
        fit = list_fit(s, preview(40_000, HAMLETS_MAX + 1))
    assert fit.reasons == ("too_many_hamlets",)
