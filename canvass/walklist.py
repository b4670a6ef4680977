"""Walk-list order: the one order of a team's doors, shared by the printed walk list, the team pack and the
keying view, so a team lead typing a paper list back finds the residents in the order on the paper.

Hamlets in Vietnamese name order; in each, the households in address order (`Household.sort_key`), then the
residents who have no household; in a household the head first, then by Vietnamese name.
"""
from __future__ import annotations

from typing import Optional

from canvass.models import Household, Resident
from canvass.text import sort_key


def walk_key(hamlet_name: str, hamlet_id: int, household_id: Optional[int], household_sort_key: Optional[str],
             is_head: bool, name_sort: Optional[str], resident_id: int) -> tuple:
    """The sort key of one resident in walk-list order."""
    return (sort_key(hamlet_name or ""), hamlet_id, household_id is None, household_sort_key or "",
            household_id or 0, not is_head, name_sort or "", resident_id)


def household_order_sql() -> tuple:
    """The same order within a hamlet, as SQL ORDER BY terms (Household joined outer)."""
    return (Resident.household_id.is_(None), Household.sort_key, Resident.household_id, Resident.is_head.desc(),
            Resident.name_sort, Resident.id)
