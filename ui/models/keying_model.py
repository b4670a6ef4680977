"""The keying table: one team's residents in walk-list order (hamlet, household in address order, head first).

A team holds hundreds to a few thousand residents, so the model reads its rows in one query and
re-reads single rows after each entry (`refresh_ids`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from sqlalchemy import select
from sqlalchemy.orm import Session

from canvass.models import Hamlet, Household, Resident
from canvass.display import birth_year, household_label, phone_grouped
from canvass.walklist import walk_key
from ui.labels import format_date, status_text


@dataclass
class KeyingRow:
    """What one row of the keying table shows."""
    id: int
    hamlet: str
    household: Optional[str]
    address: Optional[str]
    name: str
    born: Optional[int]
    phone: Optional[str]
    status: str
    reason: Optional[str]
    attempts: int
    last_visit_at: Optional[dt.datetime]


def _select():
    r, h, hh = Resident.__table__, Hamlet.__table__, Household.__table__
    return (select(r.c.id, h.c.name.label("hamlet"), hh.c.number, hh.c.key, r.c.address, hh.c.address.label("hh_address"),
                   r.c.name, r.c.dob, r.c.dob_raw, r.c.phone, r.c.phone_raw, r.c.status, r.c.status_reason,
                   r.c.attempts, r.c.last_visit_at)
            .select_from(r.join(h, h.c.id == r.c.hamlet_id).outerjoin(hh, hh.c.id == r.c.household_id)))


def _row(m) -> KeyingRow:
    return KeyingRow(id=m["id"], hamlet=m["hamlet"], household=household_label(m["number"], m["key"]),
                     address=m["address"] or m["hh_address"], name=m["name"], born=birth_year(m["dob"], m["dob_raw"]),
                     phone=phone_grouped(m["phone"], m["phone_raw"]), status=m["status"], reason=m["status_reason"],
                     attempts=m["attempts"] or 0, last_visit_at=m["last_visit_at"])


def walk_rows(session: Session, team_id: Optional[int], hamlet_id: Optional[int] = None) -> list[KeyingRow]:
    """A team's residents (or a hamlet's, without a team) in walk-list order (`canvass.walklist`)."""
    r, hh = Resident.__table__, Household.__table__
    stmt = _select()
    if team_id is not None:
        stmt = stmt.where(r.c.team_id == team_id)
    if hamlet_id is not None:
        stmt = stmt.where(r.c.hamlet_id == hamlet_id)
    if team_id is None and hamlet_id is None:
        return []
    stmt = stmt.add_columns(r.c.hamlet_id, r.c.household_id, hh.c.sort_key, r.c.is_head, r.c.name_sort)
    found = list(session.execute(stmt).mappings())
    found.sort(key=lambda m: walk_key(m["hamlet"], m["hamlet_id"], m["household_id"], m["sort_key"], m["is_head"],
                                      m["name_sort"], m["id"]))
    return [_row(m) for m in found]


def rows_by_id(session: Session, ids: Sequence[int]) -> dict[int, KeyingRow]:
    """Fresh rows for some residents."""
    stmt = _select().where(Resident.__table__.c.id.in_(list(ids)))
    return {m["id"]: _row(m) for m in session.execute(stmt).mappings()}


STATUS_COLORS = {"activated": "#d9f2d9", "activated_system": "#b8e6b8", "absent": "#fff1c2",
                 "ineligible": "#e6e0f5", "wrong_phone": "#fde0c8", "refused": "#f8d4d4", "revisit": "#d6eaf8"}


class KeyingModel(QAbstractTableModel):
    """Residents of one team in walk-list order, with their current outcome."""

    COLUMNS = ("seq", "household", "name", "born", "phone", "address", "outcome", "attempts")

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.rows: list[KeyingRow] = []
        self._pos: dict[int, int] = {}
        self.headers = {"seq": self.tr("#"), "household": self.tr("Household"), "name": self.tr("Name"),
                        "born": self.tr("Born"), "phone": self.tr("Phone"), "address": self.tr("Address"),
                        "outcome": self.tr("Outcome"), "attempts": self.tr("Visits")}

    def load(self, team_id: Optional[int], hamlet_id: Optional[int] = None) -> None:
        """Show this team's (and hamlet's) residents."""
        with self.db.read() as s:
            rows = walk_rows(s, team_id, hamlet_id)
        self.beginResetModel()
        self.rows = rows
        self._pos = {row.id: i for i, row in enumerate(rows)}
        self.endResetModel()

    def refresh_ids(self, ids: Sequence[int]) -> None:
        """Re-read some residents after an entry and repaint their rows."""
        ids = [i for i in ids if i in self._pos]
        if not ids:
            return
        with self.db.read() as s:
            fresh = rows_by_id(s, ids)
        for rid, row in fresh.items():
            pos = self._pos[rid]
            self.rows[pos] = row
            self.dataChanged.emit(self.index(pos, 0), self.index(pos, len(self.COLUMNS) - 1))

    def resident_id(self, row: int) -> Optional[int]:
        """The resident shown on a row."""
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def row_of(self, resident_id: int) -> Optional[int]:
        """The row showing a resident."""
        return self._pos.get(resident_id)

    # Qt model interface
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.headers[self.COLUMNS[section]]
        return None

    _ROLES = frozenset((Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.UserRole))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in self._ROLES or not index.isValid() or not (0 <= index.row() < len(self.rows)) \
                or index.column() >= len(self.COLUMNS):
            return None
        row = self.rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "seq":
                return str(index.row() + 1)
            if col == "household":
                return row.household or ""
            if col == "name":
                return row.name
            if col == "born":
                return str(row.born) if row.born else ""
            if col == "phone":
                return row.phone or ""
            if col == "address":
                return row.address or ""
            if col == "outcome":
                return status_text(row.status, row.reason) if row.status != "pending" else ""
            if col == "attempts":
                return str(row.attempts) if row.attempts else ""
        if role == Qt.ItemDataRole.BackgroundRole and col == "outcome" and row.status in STATUS_COLORS:
            return QBrush(QColor(STATUS_COLORS[row.status]))
        if role == Qt.ItemDataRole.ToolTipRole and col == "outcome" and row.last_visit_at:
            return self.tr("Last visit: %1").replace("%1", format_date(row.last_visit_at))
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
