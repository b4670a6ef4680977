"""The residents view (the main view): search as you type, filters, the table, and what a row opens."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontMetrics, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu,
                               QSizePolicy, QTableView, QVBoxLayout, QWidget)

from canvass.events import INELIGIBLE_REASONS, ABSENT_REASONS, STATUSES
from canvass.teams import commune_choices, hamlet_choices, team_choices
from ui.dialogs.progress import error_text
from ui.i18n import fmt_int
from ui.labels import reason_labels, status_label, status_labels
from ui.models.residents import COLUMNS, ResidentTableModel
from ui.views.base import TabView
from ui.widgets.combo import ElidingComboBox, refill
from ui.widgets.sizing import give_way

ALL = "__all__"
UNASSIGNED = "__none__"


class ResidentsView(TabView):
    """Search box and filters above the residents table; emits which residents a person wants to open or mark."""

    detailsRequested = Signal(int)          # resident id
    outcomeRequested = Signal(list)         # resident ids
    selectionChanged = Signal(int)          # how many rows are selected

    def __init__(self, ctx, parent: Optional[QWidget] = None):
        super().__init__(ctx, parent)
        self.setObjectName("residentsView")
        self.debounce_ms = 40
        if ctx.settings is not None:
            from ui.settings import SEARCH_DEBOUNCE_MS
            self.debounce_ms = int(ctx.settings.get(SEARCH_DEBOUNCE_MS))

        self.searchBox = QLineEdit(self)
        self.searchBox.setObjectName("searchBox")
        self.searchBox.setClearButtonEnabled(True)
        self.searchBox.setAccessibleName(self.tr("Search residents"))
        self.searchBox.setPlaceholderText(self.tr("Search name, ID number or phone…"))
        self.searchBox.setToolTip(self.tr("Type part of a name (accents optional), an ID number or a phone number. "
                                          "Ctrl+F comes back here."))
        # a database of several communes (a province's): their hamlets and teams, one commune at a time
        self.communeFilter = self._combo("communeFilter", self.tr("Show only one commune (its hamlets and teams)"))
        self.hamletFilter = self._combo("hamletFilter", self.tr("Show only one hamlet"))
        self.teamFilter = self._combo("teamFilter", self.tr("Show only one team's residents, or the unassigned"))
        self.statusFilter = self._combo("statusFilter", self.tr("Show only one status"))
        self.reasonFilter = self._combo("reasonFilter", self.tr("Show only one reason (cannot be activated, absent)"))
        self.countLabel = QLabel(self)
        self.countLabel.setObjectName("countLabel")
        self.countLabel.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        # the filters get their width first; the search box takes what is left (at least room for a name)
        self.searchBox.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.searchBox.setMinimumWidth(self.searchBox.fontMetrics().horizontalAdvance("Nguyễn Thị Phương") + 40)
        bar = QHBoxLayout()
        bar.addWidget(self.searchBox, 3)
        for label, combo in ((self.tr("&Commune:"), self.communeFilter), (self.tr("&Hamlet:"), self.hamletFilter),
                             (self.tr("&Team:"), self.teamFilter), (self.tr("&Status:"), self.statusFilter),
                             (self.tr("&Reason:"), self.reasonFilter)):
            lab = QLabel(label, self)
            lab.setBuddy(combo)
            bar.addWidget(lab)
            bar.addWidget(combo, 1)
            if combo is self.communeFilter:
                self.communeLabel = lab       # both shown only when the database holds several communes

        self.model = ResidentTableModel(ctx.db, self, first_page=True)   # the rest of the ids come in the background
        self.model.asynchronous = True      # typing and sorting never wait for SQL
        self.table = QTableView(self)
        self.table.setObjectName("residentsTable")
        self.table.setAccessibleName(self.tr("Residents"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setDragEnabled(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().hide()     # row numbers mean nothing once sorted or filtered; the count is below
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setToolTip(self.tr("Enter or double-click opens the resident; select several rows to mark "
                                      "them together or drag them onto a team"))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.activated.connect(lambda index: self._open(index.row()))
        self._widths: dict[int, int] = {}
        self._fitting = self._user_sized = False
        self._set_column_widths()
        self.table.horizontalHeader().sectionResized.connect(self._section_resized)
        self.table.viewport().installEventFilter(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.countLabel)      # under the table, like the keying view: the filters keep the width

        self.setTabOrder(self.searchBox, self.communeFilter)
        self.setTabOrder(self.communeFilter, self.hamletFilter)
        self.setTabOrder(self.hamletFilter, self.teamFilter)
        self.setTabOrder(self.teamFilter, self.statusFilter)
        self.setTabOrder(self.statusFilter, self.reasonFilter)
        self.setTabOrder(self.reasonFilter, self.table)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.apply_search)
        self.searchBox.textChanged.connect(lambda _t: self._timer.start(self.debounce_ms))
        self.searchBox.returnPressed.connect(self._search_enter)
        self.communeFilter.currentIndexChanged.connect(self._commune_changed)
        for combo in (self.hamletFilter, self.teamFilter, self.statusFilter, self.reasonFilter):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self._busy_timer = QTimer(self)          # "searching…" only when an answer takes a while (no flicker)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.timeout.connect(
            lambda: self.model.busy() and self.countLabel.setText(self.tr("Searching…")))
        self.model.requested.connect(lambda: self._busy_timer.start(300))
        self.model.failed.connect(lambda exc: self.countLabel.setText(self.tr("Search failed: %1")
                                                                      .replace("%1", error_text(self, exc))))
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.selectionChanged.emit(len(self.selected_ids())))

        self.actionDetails = QAction(self.tr("Resident &details"), self)
        self.actionDetails.setObjectName("actionDetails")
        self.actionDetails.triggered.connect(lambda: self._open(self.table.currentIndex().row()))
        # the context menu's entry; Ctrl+K belongs to the window's "Record outcome" action (one owner per key)
        self.actionMark = QAction(self.tr("&Record outcome…"), self)
        self.actionMark.setObjectName("actionMarkRow")
        self.actionMark.triggered.connect(self._mark)
        self.actionFind = QAction(self)
        self.actionFind.setShortcut(QKeySequence.StandardKey.Find)
        self.actionFind.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.actionFind.triggered.connect(self.focus_search)
        self.addAction(self.actionFind)

        self.fill_filters()
        self._update_count()
        self._stale = False     # the first view: read while it is built (the first page of ids, the filters)

    def _combo(self, name: str, tip: str) -> ElidingComboBox:
        c = ElidingComboBox(self)
        c.setObjectName(name)
        c.setToolTip(tip)
        # a steady width (about "Tất cả trạng thái"): the search box keeps its room at 1366 px and 125 %, and the
        # list that drops down is as wide as its longest entry
        c.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        c.setMinimumContentsLength(16)
        c.view().setTextElideMode(Qt.TextElideMode.ElideNone)
        return c      # its least width is set by fill_filters: room for its "All …" entry

    def _set_column_widths(self) -> None:
        fm = self.fontMetrics()
        samples = {"name": "Nguyễn Thị Phương Thảo", "cccd": "000000000000", "dob": "00/00/0000",
                   "phone": "0000 000 000", "hamlet": "Thôn Khòn Cuổi", "household": "000", "team": "Tổ 3 – Bản Quyền",
                   "status": "Đã kích hoạt (hệ thống xác nhận)", "attempts": "00", "last_visit": "00/00/0000 00:00"}
        widths = {i: samples[key] for i, (key, _col) in enumerate(COLUMNS)}
        bold = self.table.horizontalHeader().font()
        bold.setBold(True)
        hfm = QFontMetrics(bold)
        self._widths = {}
        for col, sample in widths.items():
            header = str(self.model.headerData(col, Qt.Orientation.Horizontal) or "")
            self._widths[col] = max(fm.horizontalAdvance(sample), hfm.horizontalAdvance(header) + 16) + 24
            self.table.setColumnWidth(col, self._widths[col])

    def _fit_columns(self) -> None:
        """The columns' own widths where the table has the room; in a narrower window (1024 px: the status
        column was behind a sideways scroll bar) the team column gives way first, then the hamlet, then the
        name and the status, down to a short hamlet's or name's width and "Chưa xác minh"; their cells are
        shortened with "…" (whole in the tooltip), and what is still too wide scrolls sideways (the visits).
        Once the person has dragged a column's edge, their widths are kept."""
        if self._user_sized or not self._widths:
            return
        header = self.table.horizontalHeader()
        self._fitting = True
        try:
            for col, width in self._widths.items():
                header.resizeSection(col, width)
            col = [key for key, _c in COLUMNS].index
            fm = self.table.fontMetrics()
            least = {col("name"): "Nguyễn Văn Bảo", col("hamlet"): "Thôn Nà Thí",
                     col("status"): status_label("pending")}
            give_way(header, sum(self._widths.values()) - self.table.viewport().width(),
                     [(col("team"),), (col("hamlet"),), (col("name"), col("status"))],
                     floors={c: fm.horizontalAdvance(text) + 24 for c, text in least.items()})
        finally:
            self._fitting = False

    def _section_resized(self, *_args) -> None:
        if not self._fitting and QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton:
            self._user_sized = True     # the person dragged a column's edge

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize and not self._fitting:
            self._fit_columns()     # the viewport's own size: the table's is seen before its scroll bars settle
        return super().eventFilter(watched, event)

    # --- filters --------------------------------------------------------------------------------
    def fill_filters(self) -> None:
        """(Re)fill the commune, hamlet, team, status and reason lists, keeping what was chosen; with a commune
        chosen, the hamlet and team lists hold that commune's."""
        with self.ctx.db.read() as s:
            communes = commune_choices(s)
        refill(self.communeFilter, [(ALL, self.tr("All communes"))] + communes)
        several = len(communes) > 1
        self.communeFilter.setVisible(several)
        self.communeLabel.setVisible(several)
        if not several and self.communeFilter.currentIndex() != 0:
            self.communeFilter.setCurrentIndex(0)
        self._fill_commune_lists()
        labels = status_labels()
        refill(self.statusFilter, [(ALL, self.tr("All statuses")),
                                         ("__open__", self.tr("Not activated yet"))]
                     + [(code, labels[code]) for code in STATUSES])
        rl = reason_labels()
        refill(self.reasonFilter, [(ALL, self.tr("All reasons"))]
                     + [(code, rl[code]) for code in INELIGIBLE_REASONS + ABSENT_REASONS])
        for combo in (self.communeFilter, self.hamletFilter, self.teamFilter, self.statusFilter, self.reasonFilter):
            # at 1024 px the "All …" entries showed cut ("Tất cả các thô"); the search box gives way first, and a
            # longer entry chosen is shortened with "…" (whole in the list that drops down)
            combo.setMinimumWidth(combo.width_for([combo.itemText(0)]))

    def _fill_commune_lists(self) -> None:
        """The hamlet and team lists: the chosen commune's, or every one."""
        commune = self.communeFilter.currentData()
        commune = None if commune in (ALL, None) else commune
        with self.ctx.db.read() as s:
            hamlets = hamlet_choices(s, commune)
            teams = team_choices(s, commune)
        refill(self.hamletFilter, [(ALL, self.tr("All hamlets"))] + hamlets)
        refill(self.teamFilter, [(ALL, self.tr("All teams")), (UNASSIGNED, self.tr("Not assigned"))] + teams)

    def _commune_changed(self) -> None:
        self._fill_commune_lists()
        self.apply_filters()

    def apply_search(self) -> None:
        """Run the search now (the debounce timer calls it ~150 ms after the last keystroke)."""
        self._timer.stop()
        self.model.request_query(search=self.searchBox.text())

    def apply_filters(self) -> None:
        """Turn the filter combos into the query."""
        def one(combo):
            v = combo.currentData()
            return None if v in (ALL, None) else v

        hamlet, team, status, reason = (one(self.hamletFilter), one(self.teamFilter), one(self.statusFilter),
                                        one(self.reasonFilter))
        if status == "__open__":
            statuses = tuple(s for s in STATUSES if s not in ("activated", "activated_system"))
        else:
            statuses = (status,) if status else ()
        if hamlet is not None:
            hamlets: tuple[int, ...] = (hamlet,)
        elif one(self.communeFilter) is not None:      # the commune's hamlets (-1: one without any matches nobody)
            hamlets = tuple(self.hamletFilter.itemData(i) for i in range(1, self.hamletFilter.count())) or (-1,)
        else:
            hamlets = ()
        self.model.request_query(
            hamlet_ids=hamlets,
            team_ids=((None,) if team == UNASSIGNED else (team,)) if team is not None else (),
            statuses=statuses, reasons=(reason,) if reason else ())

    def set_filter(self, name: str, data) -> None:
        """Choose a filter entry by its data (a commune, hamlet or team id, a status or reason code)."""
        self.ensure_read()   # hidden while the data changed: the lists are re-read first
        combo = {"commune": self.communeFilter, "hamlet": self.hamletFilter, "team": self.teamFilter,
                 "status": self.statusFilter, "reason": self.reasonFilter}[name]
        i = combo.findData(ALL if data is None else data)
        if i < 0:
            raise ValueError(f"no {name} filter entry {data!r}")
        combo.setCurrentIndex(i)

    def _update_count(self) -> None:
        if not self.model.complete():     # the first page is shown, the rest is being read
            self.countLabel.setText(self.tr("Counting residents…"))
            return
        n = self.model.rowCount()
        self.countLabel.setText(self.tr("%1 residents").replace("%1", fmt_int(n)))

    def _search_enter(self) -> None:
        self.apply_search()
        self.wait_idle()
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def wait_idle(self, msecs: int = 30000) -> None:
        """Let a background query finish and its ids arrive (Enter in the search box, tests)."""
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop

        deadline = QDeadlineTimer(msecs)
        while self.model.busy() and not deadline.hasExpired():
            self.model.wait(50)
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def focus_search(self) -> None:
        """Put the cursor in the search box with its text selected."""
        self.searchBox.setFocus()
        self.searchBox.selectAll()

    # --- rows -----------------------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        """The ids of the selected residents, in table order."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [rid for rid in (self.model.resident_id(r) for r in rows) if rid is not None]

    def _open(self, row: int) -> None:
        rid = self.model.resident_id(row)
        if rid is not None:
            self.detailsRequested.emit(rid)

    def _mark(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.outcomeRequested.emit(ids)

    def _context_menu(self, pos) -> None:
        if not self.table.indexAt(pos).isValid():
            return
        menu = QMenu(self)
        menu.addAction(self.actionDetails)
        menu.addAction(self.actionMark)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def reload(self) -> None:
        """Re-read everything (after an import, a merge, outcomes): filters, ids and rows."""
        self.fill_filters()
        self.apply_filters()
        self.model.request_query(search=self.searchBox.text(), force=True)
