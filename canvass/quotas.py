"""Campaign figures "as of" any day: per hamlet, per team and for the commune, from the event log.

What counts:
- As of day D, only events *recorded* by the end of D (`Event.recorded_at`) are known; activity is dated by
  `Event.at`. Each resident's state as of D follows the rules of `canvass.events.derive_state` (the fold here is
  the same rules over plain rows; a test proves they agree on a random log). So yesterday's report can be
  regenerated exactly: visits recorded today do not change it.
- Only system-verified activations (`activated_system`) count toward targets (`remaining`, `percent`,
  `done_today`, the required pace). Team-reported activations (`activated`) are shown beside them as
  "reported, awaiting system confirmation".
- Days left counts from D to the campaign end, both included (D itself is a working day); before the start it
  counts from the start; after the end it is 0. `required_per_team_per_day` = remaining / teams / days left
  (the provincial quota-table formula), None without teams or days left.
- Projected finish: D + ceil(remaining / pace) where pace = system-verified activations dated in the last 7 days
  (D-6 .. D) / 7; when there were none it falls back to team-reported activations (`pace_basis` says which);
  None when nothing was activated in those 7 days. When nothing remains it is D.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Optional

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from canvass.events import STATUSES
from canvass.models import Campaign, Hamlet, HamletTarget, Team, TeamHamlet
from canvass.text import sort_key

# Event kinds that change a resident's state (the others do not matter to the figures).
STATE_KINDS = ("assigned", "visit", "visit_void", "activated_system", "system_reopened")
PACE_DAYS = 7


@dataclass
class GroupStats:
    """Figures of one hamlet, one team, or the whole commune (key None)."""
    key: Optional[int]
    name: str
    eligible: int = 0            # residents on the list (all statuses, incl. activated_system)
    target: int = 0              # campaign target for the group (hamlet targets; teams: their share)
    assigned: int = 0
    visited: int = 0             # at least one visit counted (attempts > 0)
    activated_reported: int = 0  # team says activated, system not yet confirming
    activated_system: int = 0    # confirmed by the national system (the only official count)
    absent: int = 0
    ineligible: int = 0
    ineligible_by_reason: dict[str, int] = field(default_factory=dict)
    wrong_phone: int = 0
    refused: int = 0
    revisit: int = 0
    pending: int = 0
    remaining: int = 0           # target - activated_system (not below 0)
    teams: int = 0               # active teams working the group
    done_today: int = 0          # system-verified activations dated as_of
    done_today_reported: int = 0  # team-reported activations dated as_of
    quota_today: int = 0         # teams * quota_per_team_day
    required_per_team_per_day: Optional[float] = None  # remaining / teams / days_left
    percent: float = 0.0         # activated_system / target * 100
    absent_by_reason: dict[str, int] = field(default_factory=dict)
    unassigned: int = 0


@dataclass
class DayPoint:
    """One day of the progress curve: cumulative activations (reported and verified) against the target line."""
    day: dt.date
    activated_reported_cum: int   # residents activated by either account (team report or system), first date
    activated_system_cum: int
    target_cum: float


@dataclass
class CampaignStats:
    """Every figure of the campaign as of one day."""
    as_of: dt.date
    campaign_name: Optional[str]
    start: Optional[dt.date]
    end: Optional[dt.date]
    report_deadline: str
    quota_per_team_day: int
    days_left: Optional[int]
    total: GroupStats
    hamlets: list[GroupStats]
    teams: list[GroupStats]
    by_status: dict[str, int]
    daily: list[DayPoint]
    projected_finish: Optional[dt.date]
    pace_per_day: Optional[float] = None
    pace_basis: Optional[str] = None   # "system" | "reported" | None

    def to_json(self) -> dict:
        """A JSON-able dict (dates as ISO strings)."""
        def conv(v):
            if isinstance(v, (dt.date, dt.datetime)):
                return v.isoformat()
            if isinstance(v, dict):
                return {str(k): conv(x) for k, x in v.items()}
            if isinstance(v, list):
                return [conv(x) for x in v]
            return v
        return conv(dataclasses.asdict(self))


def compute_stats(session: Session, as_of: Optional[dt.date] = None) -> CampaignStats:
    """The campaign's figures as of the end of `as_of` (default today), from the event log."""
    raise NotImplementedError  # filled in below (kept as the committed signature)
