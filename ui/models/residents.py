"""The residents table model: the matching ids in order (from SQL), rows fetched a page at a time.

Filtering and sorting run in SQL through `canvass.residents.ResidentQuery` (an index backs every sortable
column), so 300,000 residents cost one list of ints; only the rows on screen are ever read. The cache is
bounded: it keeps the last few pages and forgets the rest.

At province scale a background query comes back in two steps: the first page of ids (a LIMIT-ed query,
tens of milliseconds even for "nguyen thi h" over 300,000 names) is shown at once, then the whole list is
appended when it is read (`complete()`; the count under the table waits for it).
"""
from __future__ import annotations

import dataclasses
import threading
import time
from collections import OrderedDict
from typing import Optional, Sequence

from PySide6.QtCore import (QAbstractTableModel, QByteArray, QCoreApplication, QMimeData, QModelIndex, QObject,
                            QPersistentModelIndex, QRunnable, Qt, QThreadPool, Signal)

from canvass.display import phone_grouped
from canvass.residents import ResidentQuery, ResidentRow, resident_ids, resident_rows
from ui.i18n import fmt_date, fmt_datetime, fmt_int
from ui.labels import reason_label, status_color, status_label, status_text

FIRST_IDS = 200     # ids read at once for a new query (the rest comes from the query thread)
PAGE = 50           # rows read together (a screenful): the first paint reads no more than it shows
MAX_PAGES = 200
REST_AFTER_S = 0.15  # the rest of a search's ids is read when no newer keystroke came within this
MIME_IDS = "application/x-gocua-resident-ids"

# (key, sort column or None) in display order; headers come from _headers() so they are translated. Gender is
# in the details only: the table keeps its width for the status, which people scan.
COLUMNS = (
    ("name", "name_sort"), ("cccd", "cccd"), ("dob", "dob"), ("phone", "phone"),
    ("hamlet", "hamlet_id"), ("household", "household_id"), ("team", "team_id"), ("status", "status"),
    ("attempts", "attempts"), ("last_visit", "last_visit_at"),
)


def _headers() -> dict[str, str]:
    return {
        "name": QCoreApplication.translate("ResidentTableModel", "Full name"),
        "cccd": QCoreApplication.translate("ResidentTableModel", "ID number"),
        "dob": QCoreApplication.translate("ResidentTableModel", "Date of birth"),
        "gender": QCoreApplication.translate("ResidentTableModel", "Gender"),
        "phone": QCoreApplication.translate("ResidentTableModel", "Phone"),
        "hamlet": QCoreApplication.translate("ResidentTableModel", "Hamlet"),
        "household": QCoreApplication.translate("ResidentTableModel", "Household"),
        "team": QCoreApplication.translate("ResidentTableModel", "Team"),
        "status": QCoreApplication.translate("ResidentTableModel", "Status"),
        "attempts": QCoreApplication.translate("ResidentTableModel", "Visits"),
        "last_visit": QCoreApplication.translate("ResidentTableModel", "Last visit"),
    }


_DISPLAY, _USER, _ALIGN = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole, Qt.ItemDataRole.TextAlignmentRole
_FOREGROUND, _TOOLTIP = Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole
_ROLES = frozenset((_DISPLAY, _USER, _ALIGN, _FOREGROUND, _TOOLTIP))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ATTEMPTS = [key for key, _c in COLUMNS].index("attempts")


class _Carrier(QObject):
    """Delivers a background query's result to the UI thread (queued: it lives there)."""
    done = Signal(int, object, object, bool, object)   # generation, query, ids, complete (False: the first
    #                                                    page only), the first page's rows (read here too)
    failed = Signal(int, object)               # generation, exception


class _QueryJob(QRunnable):
    """Runs one ResidentQuery for its ids on the query thread; skipped when a newer one was asked for."""

    def __init__(self, model: "ResidentTableModel", query: ResidentQuery, generation: int,
                 first: Optional[int] = FIRST_IDS):
        super().__init__()
        self.setAutoDelete(False)
        self.db, self.query, self.generation, self.first = model.db, query, generation, first
        self.carrier, self.latest = model._carrier, model._latest_generation
        self.raw = None          # the DB-API connection while the query runs (to interrupt it)
        self._lock = threading.Lock()

    def interrupt(self) -> None:
        """Stop the running SQL (a newer keystroke made it useless): SQLite's interrupt, psycopg's cancel.
        The lock makes sure the connection is still this job's (not back in the pool, used by a writer)."""
        with self._lock:
            raw = self.raw
            stop = getattr(raw, "interrupt", None) or getattr(raw, "cancel", None)
            if stop is not None:
                try:
                    stop()
                except Exception:  # noqa: BLE001 - the query may just have ended
                    pass

    def run(self) -> None:  # query thread
        if self.latest() != self.generation:
            return self.carrier.done.emit(self.generation, self.query, None, True, None)
        try:
            with self.db.read() as s:
                with self._lock:
                    self.raw = s.connection().connection.driver_connection
                try:
                    if self.first:      # the first page now, so the table answers the keystroke
                        ids = resident_ids(s, self.query, limit=self.first)
                        rows = resident_rows(s, ids[:PAGE])     # not on the UI thread: it only paints
                        if len(ids) < self.first:
                            return self.carrier.done.emit(self.generation, self.query, ids, True, rows)
                        self.carrier.done.emit(self.generation, self.query, ids, False, rows)
                        # the rest only once the person paused: while they type, reading 100,000 ids for
                        # a text about to change would only slow the next keystroke's first page
                        pause = time.monotonic() + REST_AFTER_S
                        while time.monotonic() < pause and self.latest() == self.generation:
                            time.sleep(0.01)
                        if self.latest() != self.generation:
                            return self.carrier.done.emit(self.generation, self.query, None, True, None)
                    ids = resident_ids(s, self.query)
                finally:
                    with self._lock:
                        self.raw = None
        except Exception as exc:  # noqa: BLE001 - reported on the UI thread (dropped when stale)
            self.carrier.failed.emit(self.generation, exc)
        else:
            self.carrier.done.emit(self.generation, self.query, ids, True, None)


class ResidentTableModel(QAbstractTableModel):
    """Residents matching a ResidentQuery, in its order; the model holds ids, rows come page by page.

    `set_query` runs the query on the calling thread; `request_query` runs it on the model's own query
    thread (reads only: SQLite in WAL mode reads beside the writer) and swaps the ids in when they arrive,
    dropping answers to queries a newer keystroke replaced, so typing never waits for SQL.
    """

    queryChanged = Signal()
    shown = Signal()             # the latest requested query's first rows are in the table (maybe not all yet)
    loaded = Signal()            # every id of the latest requested query is in (after request_query)
    requested = Signal()         # a background query started
    failed = Signal(object)      # a background query raised

    def __init__(self, db, parent=None, query: Optional[ResidentQuery] = None, *, first_page: bool = False):
        """`first_page`: read only the first page of ids now and the rest in the background (the window's
        start: its first rows must not wait for 300,000 ids); else every id now."""
        super().__init__(parent)
        self.db = db
        self.query = query or ResidentQuery()
        self._ids: list[int] = []
        self._pages: OrderedDict[int, dict[int, ResidentRow]] = OrderedDict()
        self._texts: dict[int, tuple] = {}     # id -> the row's texts, as shown (for the rows in _pages)
        self._headers = _headers()
        self.asynchronous = False          # sort() from a header click: in the background when True
        self._generation = 0
        self._requested = self.query
        self._jobs: set[_QueryJob] = set()
        self._pool = QThreadPool(self)          # before the carrier: Qt deletes children in creation order,
        self._pool.setMaxThreadCount(1)         # so the pool waits for a running query before the carrier goes
        self._carrier = _Carrier(self)
        self._carrier.done.connect(self._arrived)
        self._carrier.failed.connect(self._query_failed)
        self._complete = True
        if first_page:
            self.reload(first_page=True)
        else:
            self.reload()

    # --- query ----------------------------------------------------------------------------------
    def set_query(self, query: ResidentQuery) -> None:
        """Show the residents matching another query (one SQL query for the ids, on this thread)."""
        self._generation += 1           # any answer still on its way is now stale
        if query == self.query and self._complete:
            return
        self.query = query
        self.reload()
        self.queryChanged.emit()

    def update_query(self, **changes) -> None:
        """Change some fields of the query (search=..., statuses=...), synchronously."""
        self.set_query(dataclasses.replace(self.query, **changes))

    def request_query(self, query: Optional[ResidentQuery] = None, *, force: bool = False, **changes) -> None:
        """Run a query in the background (the latest request wins); `loaded` is emitted when it is shown."""
        wanted = self._requested if self.busy() else self.query
        base = query if query is not None else wanted
        target = dataclasses.replace(base, **changes) if changes else base
        if target == wanted and not force:
            if not self.busy():
                self.loaded.emit()
            return
        self._start(target, FIRST_IDS)
        self.requested.emit()

    def _start(self, target: ResidentQuery, first: Optional[int]) -> None:
        for old in self._jobs:
            old.interrupt()
        self._generation += 1
        self._requested = target
        job = _QueryJob(self, target, self._generation, first)
        self._jobs.add(job)
        self._pool.start(job)

    def _latest_generation(self) -> int:
        return self._generation

    def busy(self) -> bool:
        """True while a background query is on its way (until its last ids are in)."""
        return bool(self._jobs)

    def complete(self) -> bool:
        """False while only the first page of the shown query's ids is in (the rest is being read)."""
        return self._complete

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the query thread is idle (tests, closing)."""
        return self._pool.waitForDone(msecs)

    def _arrived(self, generation: int, query: ResidentQuery, ids, complete: bool, rows=None) -> None:
        if complete:
            self._jobs = {j for j in self._jobs if j.generation > generation}
        if ids is None or generation != self._generation:
            return
        changed = query != self.query
        first = changed or self._complete     # the first answer to this request
        self.query = query
        if not self._complete and not changed and ids[:len(self._ids)] == self._ids:
            self._complete = complete          # the rest of a first page: appended, the view keeps its place
            if len(ids) > len(self._ids):
                self.beginInsertRows(QModelIndex(), len(self._ids), len(ids) - 1)
                self._ids = ids
                self.endInsertRows()
        else:
            self._complete = complete
            self._set_ids(ids, {r.id: r for r in rows} if rows is not None else None)
        if changed:
            self.queryChanged.emit()
        if first:
            self.shown.emit()
        if complete:
            self.loaded.emit()

    def _query_failed(self, generation: int, exc: BaseException) -> None:
        self._jobs = {j for j in self._jobs if j.generation > generation}
        if generation == self._generation:
            self.failed.emit(exc)

    def _set_ids(self, ids: list[int], first_page: Optional[dict] = None) -> None:
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self._texts.clear()
        if first_page is not None:
            self._pages[0] = first_page
        self.endResetModel()

    def reload(self, first_page: bool = False) -> None:
        """Run the query again (after data changed) and forget every cached row. `first_page`: only the first
        page now, the rest in the background (`loaded` when it is in)."""
        with self.db.read() as s:
            ids = resident_ids(s, self.query, limit=FIRST_IDS if first_page else None)
            rows = {r.id: r for r in resident_rows(s, ids[:PAGE])} if first_page else None
        self._complete = not first_page or len(ids) < FIRST_IDS
        self._set_ids(ids, rows)
        if not self._complete:
            self._start(self.query, None)

    def refresh_rows(self, ids: Sequence[int]) -> None:
        """Forget the cached rows of some residents (their data changed but they stay in place)."""
        wanted = set(ids)
        for rid in wanted:
            self._texts.pop(rid, None)
        for page in list(self._pages):
            if wanted & self._pages[page].keys():
                del self._pages[page]
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1))

    # --- lookups --------------------------------------------------------------------------------
    def ids(self) -> list[int]:
        """Every id shown, in order."""
        return list(self._ids)

    def resident_id(self, row: int) -> Optional[int]:
        """The id of the resident in a row."""
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, resident_id: int) -> int:
        """The row showing a resident, or -1."""
        try:
            return self._ids.index(resident_id)
        except ValueError:
            return -1

    def row_data(self, row: int) -> Optional[ResidentRow]:
        """The ResidentRow of a row (fetched with its page when not cached)."""
        if not 0 <= row < len(self._ids):
            return None
        page = row // PAGE
        cached = self._pages.get(page)
        if cached is None:
            chunk = self._ids[page * PAGE:(page + 1) * PAGE]
            with self.db.read() as s:
                cached = {r.id: r for r in resident_rows(s, chunk)}
            self._pages[page] = cached
            while len(self._pages) > MAX_PAGES:
                for rid in self._pages.popitem(last=False)[1]:
                    self._texts.pop(rid, None)
        else:
            self._pages.move_to_end(page)
        return cached.get(self._ids[row])

    # --- Qt model -------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            key = COLUMNS[section][0]
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[key]
            if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section][1]:
                return self.tr("Click to sort by this column")
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole and \
                0 <= section < len(self._ids):
            return str(section + 1)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # called for every role of every visible cell on each paint: the cheapest refusals first, and each
        # row's texts formatted once (`_texts`), so typing a search is not slowed down by painting
        if role not in _ROLES:
            return None
        row, col = index.row(), index.column()
        if not 0 <= row < len(self._ids) or not 0 <= col < len(COLUMNS):
            return None
        if role == _USER:
            return self._ids[row]
        if role == _ALIGN:
            return _RIGHT if col == _ATTEMPTS else None
        if role == _DISPLAY:
            rid = self._ids[row]
            texts = self._texts.get(rid)
            if texts is None:
                r = self.row_data(row)
                if r is None:
                    return None
                texts = self._texts[rid] = tuple(self._display(r, key) for key, _c in COLUMNS)
            return texts[col]
        r = self.row_data(row)
        if r is None:
            return None
        key = COLUMNS[col][0]
        if role == _FOREGROUND:
            return status_color(r.status) if key == "status" else None
        if key == "status":     # the tooltip: whole where a narrow window shortens the column
            return f"{status_label(r.status)}: {reason_label(r.status_reason)}" if r.status_reason \
                else status_label(r.status)
        if key == "team":
            return r.team or None
        if key in ("name", "hamlet", "household") and r.address:
            return r.address
        return None

    @staticmethod
    def _display(r: ResidentRow, key: str) -> str:
        if key == "name":
            return r.name
        if key == "cccd":
            return r.cccd or r.id_raw or ""   # an ID kept as written when the list gave no valid one
        if key == "dob":
            return fmt_date(r.dob) if r.dob else (r.dob_raw or "")
        if key == "gender":
            return r.gender or ""
        if key == "phone":
            return phone_grouped(r.phone, r.phone_raw)
        if key == "hamlet":
            return r.hamlet or ""
        if key == "household":
            return r.household or ""
        if key == "team":
            return r.team or ""
        if key == "status":
            return status_text(r.status, r.status_reason)
        if key == "attempts":
            return fmt_int(r.attempts)
        if key == "last_visit":
            return fmt_datetime(r.last_visit_at)
        return ""

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL by a column that has an index (others are ignored)."""
        if not 0 <= column < len(COLUMNS) or COLUMNS[column][1] is None:
            return
        change = {"sort": COLUMNS[column][1], "descending": order == Qt.SortOrder.DescendingOrder}
        if self.asynchronous:
            self.request_query(**change)
        else:
            self.update_query(**change)

    def sort_column(self) -> int:
        """The column the current query sorts by."""
        for i, (_k, col) in enumerate(COLUMNS):
            if col == self.query.sort:
                return i
        return 0

    # --- drag and drop (onto a team) ------------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return [MIME_IDS]

    def mimeData(self, indexes) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        ids = [self._ids[r] for r in rows if 0 <= r < len(self._ids)]
        mime = QMimeData()
        mime.setData(MIME_IDS, QByteArray(",".join(map(str, ids)).encode()))
        return mime

    def supportedDragActions(self):
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction


def ids_from_mime(mime: QMimeData) -> list[int]:
    """The resident ids a drag from the residents table carries."""
    if not mime.hasFormat(MIME_IDS):
        return []
    text = bytes(mime.data(MIME_IDS).data()).decode()
    return [int(x) for x in text.split(",") if x.strip().isdigit()]


__all__ = ["ResidentTableModel", "COLUMNS", "MIME_IDS", "ids_from_mime", "PAGE"]
