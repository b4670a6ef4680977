"""Does a list fit the commune it is about to be imported into? A plain warning before the import when it
obviously belongs elsewhere (a province's list of 150,000 residents in 801 hamlets chosen over a commune of
300 residents).

The rules, each with its reason code:
- `too_many_hamlets`: the list names more hamlets than any commune has (HAMLETS_MAX, well above the largest
  communes after the 2025 mergers);
- `outgrows_commune`: the database already holds a commune and the list would add more than GROWTH times its
  residents (and at least GROWTH_MIN new ones): a supplement list or a newer extraction adds a fraction;
- `hamlets_outnumber`: the list names more than GROWTH times the hamlets the commune has (and at least
  GROWTH_MIN_HAMLETS more).
Only the preview's figures (a dry run's ImportResult) and two counts of the database are used.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from canvass.models import Hamlet, Resident

HAMLETS_MAX = 150
GROWTH = 5
GROWTH_MIN = 1_000
GROWTH_MIN_HAMLETS = 10


@dataclass(frozen=True)
class ListFit:
    """A list's size beside the commune's: what the list holds, what the database holds, and the reason codes
    of the rules it breaks (none: it fits)."""
    list_rows: int          # residents' rows read from the list
    list_hamlets: int       # hamlets the list names
    new_residents: int      # residents the list would add
    residents: int          # residents in the database now
    hamlets: int            # hamlets in the database now
    reasons: tuple[str, ...] = ()

    @property
    def foreign(self) -> bool:
        """The list obviously belongs to another, larger area."""
        return bool(self.reasons)


def list_fit(session: Session, result) -> ListFit:
    """How the previewed list (a dry run's ImportResult) fits the commune in the database."""
    residents = session.scalar(select(func.count()).select_from(Resident)) or 0
    hamlets = session.scalar(select(func.count()).select_from(Hamlet)) or 0
    new, list_hamlets = result.imported, result.hamlets
    reasons = []
    if list_hamlets > HAMLETS_MAX:
        reasons.append("too_many_hamlets")
    if residents and new > GROWTH * residents and new >= GROWTH_MIN:
        reasons.append("outgrows_commune")
    if hamlets and list_hamlets > GROWTH * hamlets and list_hamlets - hamlets >= GROWTH_MIN_HAMLETS:
        reasons.append("hamlets_outnumber")
    return ListFit(list_rows=result.rows_read, list_hamlets=list_hamlets, new_residents=new, residents=residents,
                   hamlets=hamlets, reasons=tuple(reasons))
