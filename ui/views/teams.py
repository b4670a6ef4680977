"""The teams view: create and edit teams, rename / merge / retire them, assign residents (by hamlet,
balanced by households, or by dropping residents from the residents table on a team) and see each team's load.

All changes go through `canvass.teams` and `canvass.assignment`; assignments run in the background through
ctx.runner under a progress dialog (a province-sized hamlet can hold thousands of residents).
"""
from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QMessageBox,
                               QPlainTextEdit, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

from canvass.display import phone_grouped
from canvass.errors import CanvassError
from canvass.teams import TEAM_KINDS, hamlet_choices
from ui.dialogs.progress import ProgressDialog, error_text
from ui.labels import team_kind_label
from ui.models.teams_model import TeamsModel
from ui.tasks import in_session
from ui.views.base import TabView
from ui.widgets.combo import ElidingComboBox
from ui.widgets.sizing import give_way


class TeamsTable(QTableView):
    """The teams table, a drop target for residents dragged from the residents table."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(True)
        self.setDragDropOverwriteMode(True)


class TeamsView(TabView):
    """Teams, their load, and the tools that hand residents to them."""

    def __init__(self, ctx, parent: Optional[QWidget] = None):
        super().__init__(ctx, parent)
        self.setObjectName("teamsView")
        self.editing_id: Optional[int] = None

        # --- the teams table
        self.model = TeamsModel(ctx.db, self)
        self.model.residentsDropped.connect(self.assign_residents)
        self.table = TeamsTable(self)
        self.table.setObjectName("teamsList")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setResizeContentsPrecision(40)
        self._sized = False
        self.table.setToolTip(self.tr("Teams and their load; drop residents on a team to assign them"))
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_team(cur.row()))

        # --- assignment tools
        self.assign_hamlet_button = QPushButton(self.tr("Assign every hamlet to its teams"), self)
        self.assign_hamlet_button.setObjectName("assignByHamlet")
        self.assign_hamlet_button.setToolTip(self.tr("Each team gets the residents of the hamlets it covers; "
                                                     "a hamlet covered by several teams is shared by households"))
        self.assign_hamlet_button.clicked.connect(self.assign_by_hamlet)
        self.balance_hamlet = QComboBox(self)
        self.balance_hamlet.setObjectName("balanceHamlet")
        self.balance_hamlet.setToolTip(self.tr("The hamlet to share out"))
        self.balance_teams = QListWidget(self)
        self.balance_teams.setObjectName("balanceTeams")
        self.balance_teams.setToolTip(self.tr("Tick the teams that share the hamlet"))
        self.balance_teams.setMaximumHeight(110)
        self.only_unassigned = QCheckBox(self.tr("Only residents not yet on a team"), self)
        self.only_unassigned.setObjectName("balanceOnlyUnassigned")
        self.only_unassigned.setToolTip(self.tr("Leave residents already on a working team where they are"))
        self.balance_button = QPushButton(self.tr("Share out by households"), self)
        self.balance_button.setObjectName("balanceButton")
        self.balance_button.setToolTip(self.tr("Split the hamlet's households among the ticked teams, "
                                               "neighbours together, near-even numbers of residents"))
        self.balance_button.clicked.connect(self.balance)
        assign_box = QGroupBox(self.tr("Assign residents"), self)
        assign_form = QFormLayout(assign_box)
        assign_form.addRow(self.assign_hamlet_button)
        assign_form.addRow(self.tr("&Hamlet:"), self.balance_hamlet)
        assign_form.addRow(self.tr("T&eams:"), self.balance_teams)
        assign_form.addRow(self.only_unassigned)
        assign_form.addRow(self.balance_button)
        hint = QLabel(self.tr("Tip: select residents in the Residents view and drag them onto a team."), self)
        hint.setWordWrap(True)
        assign_form.addRow(hint)

        left = QWidget(self)
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        left_lay.addWidget(self.table, 1)
        left_lay.addWidget(assign_box)

        # --- the team editor
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("teamName")
        self.name_edit.setToolTip(self.tr("A short name everyone recognises, e.g. “Tổ công tác thôn Nà Thí”"))
        self.kind_combo = ElidingComboBox(self)     # "Tổ công tác Đề án 06 thôn" is shortened in a narrow editor
        self.kind_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind_combo.setMinimumContentsLength(12)
        self.kind_combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
        self.kind_combo.setObjectName("teamKind")
        self.kind_combo.setToolTip(self.tr("Which organisation the team comes from"))
        self.kind_combo.addItem(self.tr("(not set)"), None)
        for code in TEAM_KINDS:
            self.kind_combo.addItem(team_kind_label(code), code)
        self.lead_edit = QLineEdit(self)
        self.lead_edit.setObjectName("teamLead")
        self.lead_edit.setToolTip(self.tr("The team lead's full name"))
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setObjectName("teamPhone")
        self.phone_edit.setToolTip(self.tr("The team lead's phone number"))
        self.phone_edit.setPlaceholderText("0912 345 678")
        self.members_edit = QPlainTextEdit(self)
        self.members_edit.setObjectName("teamMembers")
        self.members_edit.setToolTip(self.tr("One name per line"))
        self.members_edit.setMaximumHeight(80)
        self.members_edit.setTabChangesFocus(True)
        self.hamlets_list = QListWidget(self)
        self.hamlets_list.setObjectName("teamHamlets")
        self.hamlets_list.setToolTip(self.tr("Tick the hamlets this team covers"))
        self.new_button = QPushButton(self.tr("&New team"), self)
        self.new_button.setObjectName("teamNew")
        self.new_button.setToolTip(self.tr("Empty the form to add another team"))
        self.new_button.clicked.connect(self.new_team)
        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setObjectName("teamSave")
        self.save_button.setToolTip(self.tr("Save the team's name, lead, members and hamlets"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_team)
        self.retire_button = QPushButton(self.tr("&Retire"), self)
        self.retire_button.setObjectName("teamRetire")
        self.retire_button.setToolTip(self.tr("A retired team keeps its history but takes no new residents"))
        self.retire_button.clicked.connect(self.toggle_retired)
        self.merge_target = QComboBox(self)
        self.merge_target.setObjectName("teamMergeTarget")
        self.merge_target.setToolTip(self.tr("The team that takes over this team's residents and hamlets"))
        self.merge_button = QPushButton(self.tr("&Merge into"), self)
        self.merge_button.setObjectName("teamMerge")
        self.merge_button.setToolTip(self.tr("Move this team's residents and hamlets to the team chosen beside, "
                                             "then retire this team"))
        self.merge_button.clicked.connect(self.merge_team)
        self.editor_title = QLabel(self)
        self.editor_title.setObjectName("teamEditorTitle")
        font = self.editor_title.font()
        font.setBold(True)
        self.editor_title.setFont(font)
        form = QFormLayout()
        # in a narrow window (1024 px) the labels go above their fields: the teams' figures keep the width
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for w in (self.name_edit, self.lead_edit, self.phone_edit, self.kind_combo):
            w.setMinimumWidth(150)
        form.addRow(self.tr("Na&me:"), self.name_edit)
        form.addRow(self.tr("&Kind:"), self.kind_combo)
        form.addRow(self.tr("&Lead:"), self.lead_edit)
        # Vietnamese "Điện thoại:", right under "Tổ trưởng:" (the long "Điện thoại tổ trưởng:" alone went above its
        # field at 1024 px); the tooltip says whose phone
        form.addRow(self.tr("Lead's &phone:"), self.phone_edit)
        form.addRow(self.tr("Mem&bers:"), self.members_edit)
        form.addRow(self.tr("Hamlets co&vered:"), self.hamlets_list)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.insertWidget(1, self.retire_button)     # New · Retire … Save; the merge on its own line,
        merge_row = QHBoxLayout()                       # so the editor stays narrow beside the teams' figures
        merge_row.addWidget(self.merge_button)
        merge_row.addWidget(self.merge_target, 1)
        self.merge_target.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.merge_target.setMinimumContentsLength(10)
        editor = QGroupBox(self.tr("Team"), self)
        editor.setMaximumWidth(520)
        editor_lay = QVBoxLayout(editor)
        editor_lay.addWidget(self.editor_title)
        editor_lay.addLayout(form)
        editor_lay.addLayout(buttons)
        editor_lay.addLayout(merge_row)

        self.status = QLabel(self)
        self.status.setObjectName("teamsStatus")
        self.status.setWordWrap(True)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)     # the teams' figures need the width more than the editor's fields
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        lay = QVBoxLayout(self)
        lay.addWidget(splitter, 1)
        lay.addWidget(self.status)
        for a, b in ((self.table, self.assign_hamlet_button), (self.assign_hamlet_button, self.balance_hamlet),
                     (self.balance_hamlet, self.balance_teams), (self.balance_teams, self.only_unassigned),
                     (self.only_unassigned, self.balance_button), (self.balance_button, self.name_edit),
                     (self.name_edit, self.kind_combo), (self.kind_combo, self.lead_edit),
                     (self.lead_edit, self.phone_edit), (self.phone_edit, self.members_edit),
                     (self.members_edit, self.hamlets_list), (self.hamlets_list, self.new_button),
                     (self.new_button, self.save_button), (self.save_button, self.retire_button),
                     (self.retire_button, self.merge_button), (self.merge_button, self.merge_target)):
            self.setTabOrder(a, b)
        self.hamlets: list = []     # read with the teams when the view is first shown (TabView)
        self.new_team()

    # --- helpers tests may replace
    def confirm(self, text: str) -> bool:
        """Ask a yes/no question (tests replace this method)."""
        return QMessageBox.question(self, self.windowTitle() or self.tr("Teams"), text) \
            == QMessageBox.StandardButton.Yes

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b00020;" if error else "")
        self.status.setText(text)

    # --- loading
    def reload(self) -> None:
        """Re-read teams, hamlets and loads now."""
        self._stale = False
        keep = self.editing_id
        self.model.reload()
        if not self._sized and self.model.rowCount():
            self._sized = True      # fit the columns once; later refreshes keep the person's widths
            self.table.resizeColumnsToContents()
            header = self.table.horizontalHeader()
            for col, most in (("name", 240), ("lead", 240), ("hamlets", 240), ("kind", 120)):
                i = self.model.COLUMNS.index(col)      # longer texts are in the cell's tooltip
                header.resizeSection(i, min(header.sectionSize(i), most))
            self._fit_splitter()
        with self.ctx.db.read() as s:
            hamlets = hamlet_choices(s)
        self.hamlets = hamlets
        current_hamlet = self.balance_hamlet.currentData()
        self.balance_hamlet.clear()
        for hid, name in hamlets:
            self.balance_hamlet.addItem(name, hid)
        pos = self.balance_hamlet.findData(current_hamlet)
        self.balance_hamlet.setCurrentIndex(max(pos, 0))
        ticked = set(self.ticked(self.balance_teams))
        self.balance_teams.clear()
        for t in self.model.teams:
            if t.active:
                self._check_item(self.balance_teams, t.name, t.id, t.id in ticked)
        if keep is not None and self.model.row_of(keep) >= 0:
            self.select_team(keep)
        else:
            self._fill_hamlets(())

    def _fit_splitter(self) -> None:
        """Give the teams table the width its columns need, as far as the editor's smallest width allows (at
        1024 px the last figures were cut off behind a scroll bar)."""
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if total <= 0:
            return
        table = self.table
        needed = (table.horizontalHeader().length() + 2 * table.frameWidth()
                  + table.verticalScrollBar().sizeHint().width() + (sizes[0] - table.width()))
        editor_min = self.splitter.widget(1).minimumSizeHint().width()
        left = min(max(needed, sizes[0]), total - editor_min)
        if left != sizes[0]:
            self.splitter.setSizes([left, total - left])
        # still too narrow (a real commune's leads and hamlet lists at 1024 px): the text columns give way, the
        # hamlets and the kind first (in proportion to what each has above its title's width), then the lead,
        # the team's name last; their cells are shortened with "…" (whole in the tooltip): the figures stay on screen
        cols = self.model.COLUMNS.index
        give_way(table.horizontalHeader(), needed - left,
                 [(cols("hamlets"), cols("kind")), (cols("lead"),), (cols("name"),)])

    @staticmethod
    def _check_item(widget: QListWidget, text: str, value, checked: bool) -> QListWidgetItem:
        item = QListWidgetItem(text, widget)
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        return item

    @staticmethod
    def ticked(widget: QListWidget) -> list:
        """The values of the ticked items of a check list, in list order."""
        return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
                if widget.item(i).checkState() == Qt.CheckState.Checked]

    @staticmethod
    def tick(widget: QListWidget, values) -> None:
        """Tick exactly these values of a check list."""
        values = set(values)
        for i in range(widget.count()):
            item = widget.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in values
                               else Qt.CheckState.Unchecked)

    def _fill_hamlets(self, checked) -> None:
        self.hamlets_list.clear()
        for hid, name in self.hamlets:
            self._check_item(self.hamlets_list, name, hid, hid in set(checked))

    def select_team(self, team_id: int) -> None:
        """Select a team in the table and show it in the editor."""
        self.ensure_read()
        row = self.model.row_of(team_id)
        if row >= 0:
            self.table.selectRow(row)
            self._show_team(row)

    def _show_team(self, row: int) -> None:
        t = self.model.team(row)
        if t is None:
            return
        self.editing_id = t.id
        self.editor_title.setText(self.tr("Edit team “%1”").replace("%1", t.name))
        self.name_edit.setText(t.name)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(t.kind), 0))
        self.lead_edit.setText(t.lead_name or "")
        self.phone_edit.setText(phone_grouped(t.lead_phone))
        self.members_edit.setPlainText("\n".join(t.members))
        self._fill_hamlets(t.hamlet_ids)
        self.retire_button.setText(self.tr("&Retire") if t.active else self.tr("Re&activate"))
        self.retire_button.setEnabled(t.merged_into_id is None)
        self.merge_target.clear()
        for other in self.model.teams:
            if other.active and other.id != t.id:
                self.merge_target.addItem(other.name, other.id)
        self.merge_button.setEnabled(t.merged_into_id is None and self.merge_target.count() > 0)
        self.merge_target.setEnabled(self.merge_button.isEnabled())
        self._loaded_form = self.form_values()

    # --- editing
    def new_team(self) -> None:
        """Clear the editor for a new team."""
        self.editing_id = None
        self.table.clearSelection()
        self.editor_title.setText(self.tr("New team"))
        for w in (self.name_edit, self.lead_edit, self.phone_edit):
            w.clear()
        self.members_edit.clear()
        self.kind_combo.setCurrentIndex(0)
        self._fill_hamlets(())
        self.retire_button.setEnabled(False)
        self.merge_button.setEnabled(False)
        self.merge_target.clear()
        self.merge_target.setEnabled(False)
        self.name_edit.setFocus()
        self._loaded_form = self.form_values()

    def form_values(self) -> tuple:
        """What the editor holds now (compared with what it was loaded with to find unsaved changes)."""
        return (self.name_edit.text().strip(), self.kind_combo.currentData(), self.lead_edit.text().strip(),
                self.phone_edit.text().strip(), self.members_edit.toPlainText().strip(),
                tuple(self.ticked(self.hamlets_list)))

    def has_unsaved_changes(self) -> bool:
        """True when the team editor holds changes that were not saved."""
        return self.form_values() != getattr(self, "_loaded_form", self.form_values())

    def save_team(self) -> Optional[int]:
        """Create the team in the editor, or save the changes to the selected one; its id."""
        from canvass import teams

        name = self.name_edit.text().strip()
        if not name:
            self._say(self.tr("A team needs a name."), error=True)
            self.name_edit.setFocus()
            return None
        fields = dict(kind=self.kind_combo.currentData(), lead_name=self.lead_edit.text().strip() or None,
                      lead_phone=self.phone_edit.text().strip() or None,
                      members=self.members_edit.toPlainText().strip() or None,
                      hamlet_ids=self.ticked(self.hamlets_list))
        editing, actor = self.editing_id, self.ctx.actor

        def work(s) -> tuple[int, str]:
            if editing is None:
                team = teams.add_team(s, name, actor=actor, **fields)
            else:
                team = teams.find_team(s, editing)
                if team.name != name:
                    teams.rename_team(s, team, name, actor=actor)
                teams.update_team(s, team, actor=actor, **fields)
            return team.id, team.name

        try:
            team_id, team_name = self.ctx.runner.write(self.ctx.db, work)
        except CanvassError as exc:
            self._say(error_text(self, exc), error=True)
            return None
        self._say((self.tr("Team “%1” created.") if editing is None else self.tr("Team “%1” saved."))
                  .replace("%1", team_name))
        self.editing_id = team_id
        self.reload()
        self.changed.emit()
        return team_id

    def toggle_retired(self) -> None:
        """Retire the selected team, or bring a retired one back."""
        from canvass import teams

        t = self.model.team(self.model.row_of(self.editing_id)) if self.editing_id is not None else None
        if t is None:
            return
        if t.active and not self.confirm(self.tr("Retire team “%1”? It keeps its residents and history but "
                                                 "takes no new assignments.").replace("%1", t.name)):
            return
        change = teams.retire_team if t.active else teams.reactivate_team
        try:
            self.ctx.runner.write(self.ctx.db, lambda s: change(s, t.id, actor=self.ctx.actor) and None)
        except CanvassError as exc:
            self._say(error_text(self, exc), error=True)
            return
        self._say((self.tr("Team “%1” retired.") if t.active else self.tr("Team “%1” is working again."))
                  .replace("%1", t.name))
        self.reload()
        self.changed.emit()

    def merge_team(self) -> None:
        """Merge the selected team into the team chosen beside the button."""
        from canvass import teams

        t = self.model.team(self.model.row_of(self.editing_id)) if self.editing_id is not None else None
        target_id = self.merge_target.currentData()
        if t is None or target_id is None:
            return
        target_name = self.merge_target.currentText()
        if not self.confirm(self.tr("Merge team “%1” into “%2”? Its residents and hamlets move to “%2”; "
                                    "its history is kept.").replace("%1", t.name).replace("%2", target_name)):
            return
        try:
            moved = self.ctx.runner.write(self.ctx.db, lambda s: teams.merge_teams(
                s, t.id, target_id, actor=self.ctx.actor).residents_moved)
        except CanvassError as exc:
            self._say(error_text(self, exc), error=True)
            return
        self._say(self.tr("Merged: %1 resident(s) moved to “%2”.").replace("%1", str(moved))
                  .replace("%2", target_name))
        self.editing_id = target_id
        self.reload()
        self.changed.emit()

    # --- assignment (background work)
    def _run(self, work: Callable, title: str):
        outcome = ProgressDialog.run(self.ctx, self, in_session(self.ctx.db, work), title=title, label=title)
        if not outcome.ok:
            self._say(error_text(self, outcome.error), error=True)
            return None
        self.reload()
        self.changed.emit()
        return outcome.result

    def _report(self, res) -> None:
        self._say(self.tr("Done: %1 newly assigned, %2 moved from another team, %3 unchanged.")
                  .replace("%1", str(res.assigned)).replace("%2", str(res.moved)).replace("%3", str(res.unchanged)))

    def assign_by_hamlet(self):
        """Give every working team the residents of the hamlets it covers."""
        from canvass.assignment import assign_by_hamlet

        only = self.only_unassigned.isChecked()
        actor = self.ctx.actor
        res = self._run(lambda s, p, c: assign_by_hamlet(s, only_unassigned=only, actor=actor, progress=p, cancel=c),
                        self.tr("Assigning by hamlet"))
        if res is not None:
            self._report(res)
        return res

    def balance(self):
        """Share the chosen hamlet's households among the ticked teams."""
        from canvass.assignment import balance_hamlet

        hamlet_id = self.balance_hamlet.currentData()
        team_ids = self.ticked(self.balance_teams)
        if hamlet_id is None or not team_ids:
            self._say(self.tr("Choose a hamlet and tick at least one team."), error=True)
            return None
        only = self.only_unassigned.isChecked()
        actor = self.ctx.actor
        res = self._run(lambda s, p, c: balance_hamlet(s, hamlet_id, team_ids, only_unassigned=only, actor=actor,
                                                       progress=p, cancel=c),
                        self.tr("Sharing out the hamlet"))
        if res is not None:
            self._report(res)
        return res

    def assign_residents(self, resident_ids: list, team_id: int):
        """Put residents (e.g. dropped on a team) on a team."""
        from canvass.assignment import assign_residents

        ids = [int(i) for i in resident_ids]
        actor = self.ctx.actor
        res = self._run(lambda s, p, c: assign_residents(s, ids, team_id, actor=actor, progress=p, cancel=c),
                        self.tr("Assigning residents"))
        if res is not None:
            self._report(res)
        return res
