"""The teams table: each team with its hamlets and load; residents dropped on a row are assigned to that team.

Drops carry `application/x-gocua-resident-ids` (a JSON list of resident ids, what the residents table drags).
The model only decodes the drop and emits `residentsDropped(ids, team_id)`; the view does the assignment.
"""
from __future__ import annotations

import json
from typing import Optional

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from canvass.display import phone_grouped
from canvass.teams import TeamInfo, list_teams, visited_counts
from ui.labels import team_kind_label

RESIDENT_MIME = "application/x-gocua-resident-ids"


def decode_resident_ids(mime: QMimeData) -> list[int]:
    """The resident ids a drag carries: a JSON list ("[1, 2]") or comma-separated ids ("1,2"), as the
    residents table writes them; [] when it carries none or garbage."""
    if mime is None or not mime.hasFormat(RESIDENT_MIME):
        return []
    try:
        text = bytes(mime.data(RESIDENT_MIME).data()).decode("utf-8").strip()
    except UnicodeDecodeError:
        return []
    try:
        value = json.loads(text)
    except ValueError:
        value = [p.strip() for p in text.split(",")] if text else []
        if not all(p.isdigit() for p in value):
            return []
    if isinstance(value, int) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, list):
        return []
    return [int(v) for v in value
            if (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, str) and v.isdigit())]


def encode_resident_ids(ids) -> QMimeData:
    """A drag payload for some residents (what the residents table provides)."""
    mime = QMimeData()
    mime.setData(RESIDENT_MIME, json.dumps([int(i) for i in ids]).encode("utf-8"))
    return mime


class TeamsModel(QAbstractTableModel):
    """Teams (working first, then retired) with hamlets, lead and load; a drop target for residents."""

    COLUMNS = ("name", "kind", "lead", "hamlets", "assigned", "visited", "activated", "remaining")
    residentsDropped = Signal(list, int)   # resident ids, team id

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.teams: list[TeamInfo] = []
        self.visited: dict[int, int] = {}
        self.headers = {"name": self.tr("Team"), "kind": self.tr("Kind"), "lead": self.tr("Lead"),
                        "hamlets": self.tr("Hamlets"), "assigned": self.tr("Assigned"),
                        "visited": self.tr("Visited"), "activated": self.tr("Activated"),
                        "remaining": self.tr("Remaining")}

    def reload(self) -> None:
        """Re-read every team and its load."""
        with self.db.read() as s:
            teams = list_teams(s)
            visited = visited_counts(s)
        self.beginResetModel()
        self.teams = teams
        self.visited = visited
        self.endResetModel()

    def team(self, row: int) -> Optional[TeamInfo]:
        """The team on a row."""
        return self.teams[row] if 0 <= row < len(self.teams) else None

    def row_of(self, team_id: int) -> int:
        """The row of a team (-1 when absent)."""
        return next((i for i, t in enumerate(self.teams) if t.id == team_id), -1)

    # Qt model interface
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.teams)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.COLUMNS):
            return self.headers[self.COLUMNS[section]]
        return None

    def _display(self, t: TeamInfo, col: str) -> str:
        if col == "name":
            return t.name if t.active else self.tr("%1 (retired)").replace("%1", t.name)
        if col == "kind":
            return team_kind_label(t.kind)
        if col == "lead":
            return t.lead_name or phone_grouped(t.lead_phone)
        if col == "hamlets":
            return ", ".join(t.hamlets)
        if col == "assigned":
            return str(t.assigned)
        if col == "visited":
            return str(self.visited.get(t.id, 0))
        if col == "activated":
            return str(t.activated_reported + t.activated_system)
        if col == "remaining":
            return str(t.remaining)
        return ""

    _ROLES = frozenset((Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole,
                        Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in self._ROLES or not index.isValid() or not (0 <= index.row() < len(self.teams)) \
                or index.column() >= len(self.COLUMNS):
            return None
        t = self.teams[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(t, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in ("assigned", "visited", "activated", "remaining"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and not t.active:
            return QBrush(QColor("#888888"))
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == "lead" and t.lead_phone:
                return " · ".join(x for x in (t.lead_name, phone_grouped(t.lead_phone)) if x)
            if col == "hamlets" and t.hamlets:
                return ", ".join(t.hamlets)
            if col == "activated":
                return self.tr("Reported by the team: %1 · confirmed by the system: %2") \
                    .replace("%1", str(t.activated_reported)).replace("%2", str(t.activated_system))
            if t.active:
                return self.tr("Drop residents here to assign them to this team")
        if role == Qt.ItemDataRole.UserRole:
            return t.id
        return None

    # drops of residents
    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        t = self.team(index.row())
        if t is not None and t.active:
            base |= Qt.ItemFlag.ItemIsDropEnabled
        return base

    def mimeTypes(self) -> list[str]:
        return [RESIDENT_MIME]

    def supportedDropActions(self):
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def _drop_team(self, row: int, parent: QModelIndex) -> Optional[TeamInfo]:
        target = parent.row() if parent.isValid() else row
        t = self.team(target)
        return t if t is not None and t.active else None

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return bool(decode_resident_ids(data)) and self._drop_team(row, parent) is not None

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        ids = decode_resident_ids(data)
        t = self._drop_team(row, parent)
        if not ids or t is None:
            return False
        self.residentsDropped.emit(ids, t.id)
        return False   # the view re-reads the load; nothing to remove from a source
