"""Team packs: export a team's workbook, and import a returned one with a merge preview before applying.

The import runs `canvass.packs.import_pack` twice: first as a dry run (what would be applied, the
conflicts with both sides, rejected rows with reasons, rows outside the team), then, when the person
confirms, for real. Both run in the background through ctx.runner with progress and cancel.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPushButton, QTableView, QTabWidget, QVBoxLayout,
                               QWidget)

from ui.dialogs import RowsModel, file_name, last_dir, remember_dir
from ui.dialogs.base import EXPORT_DIR_KEY, SaveDialog, TaskDialog
from ui.labels import code_label, format_datetime, status_text
from ui.widgets.sizing import fit_resize

IMPORT_DIR_KEY = "files/last_import_dir"
TABS = ("applied", "conflicts", "rejected", "outside", "warnings")   # the preview's tabs, in order
FINAL_LOOKING = frozenset({"activated", "activated_system", "ineligible"})   # a merge replacing one is highlighted


def pack_file_name(team_name: str, day: Optional[dt.date] = None) -> str:
    """A default file name for a team's pack: Goi_<team>_<yyyy-mm-dd>.xlsx (ASCII, no spaces)."""
    return file_name("Goi", team_name or "to", day=day, suffix=".xlsx")


class PackExportDialog(SaveDialog):
    """Write one team's pack (a workbook to fill in offline)."""

    def __init__(self, ctx, parent: Optional[QWidget] = None, team_id: Optional[int] = None):
        super().__init__(ctx, parent, "pack", "packExportButton")
        from canvass.teams import list_teams, team_choices

        self.setObjectName("packExportDialog")
        self.setWindowTitle(self.tr("Export a team pack"))
        self.setMinimumWidth(560)
        self.team = QComboBox(self)
        self.team.setObjectName("packTeam")
        self.team.setToolTip(self.tr("The team that will take the workbook to the hamlet"))
        with ctx.db.read() as s:
            names = dict(team_choices(s))      # a name several communes use carries the commune's
            for t in list_teams(s, include_inactive=False):
                self.team.addItem(self.tr("%1 (%2 residents)").replace("%1", names.get(t.id, t.name))
                                  .replace("%2", str(t.assigned)), t.id)
        if team_id is not None and self.team.findData(team_id) >= 0:
            self.team.setCurrentIndex(self.team.findData(team_id))
        self.mask = QCheckBox(self.tr("Hide ID and phone numbers (show only the last digits)"), self)
        self.mask.setObjectName("packMask")
        self.mask.setToolTip(self.tr("For volunteers who do not need the full numbers"))
        form = QFormLayout()
        form.addRow(self.tr("&Team:"), self.team)
        form.addRow("", self.mask)
        form.addRow(self.save_label(), self.path_row())
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.taskbar)
        lay.addWidget(self.message)
        lay.addLayout(self.bottom_row())
        self.team.currentIndexChanged.connect(self._default_path)
        self._default_path()

    def _team_name(self) -> str:
        text = self.team.currentText()
        return text.rsplit(" (", 1)[0] if " (" in text else text

    def _default_path(self, *_args) -> None:
        if self.team.currentData() is None:
            self.export_button.setEnabled(False)
            self.message.setText(self.tr("There is no working team yet: create one in Teams."))
            return
        self.path.setText(str(Path(last_dir(self.ctx, EXPORT_DIR_KEY)) / pack_file_name(self._team_name())))

    def choose_path(self) -> None:
        """Ask where to save (a file dialog)."""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the team pack"), self.path.text(),
                                              self.tr("Excel workbook (*.xlsx)"))
        if path:
            path = path if path.lower().endswith(".xlsx") else path + ".xlsx"
            self.path.setText(path)
            self.confirmed(path)

    def start(self) -> None:
        """Write the pack in the background."""
        from canvass.packs import export_pack

        team_id, path, mask = self.team.currentData(), self.path.text().strip(), self.mask.isChecked()
        if team_id is None or not path:
            self.message.setText(self.tr("Choose a team and where to save the pack."))
            return
        if not self.may_write(path):
            return
        db, actor = self.ctx.db, self.ctx.actor
        self.begin(lambda progress, cancel: export_pack(db, team_id, path, mask=mask, actor=actor,
                                                         progress=progress, cancel=cancel),
                   self.tr("Writing the pack…"))

    def _finished(self, outcome) -> None:
        res = self.saved(outcome)
        if res is None:
            return
        text = self.tr("Pack written for “%1”: %2 residents in %3 households.\n%4") \
            .replace("%1", res.team_name).replace("%2", str(res.rows)).replace("%3", str(res.households)) \
            .replace("%4", str(res.path))
        if res.superseded:
            text += "\n" + self.tr("It replaces the team's earlier pack; returns of the earlier one are still "
                                   "accepted.")
        self.message.setText(text)
        self.export_button.setEnabled(False)


class PackImportDialog(TaskDialog):
    """Merge a returned pack: a dry-run preview first, then apply on confirmation."""

    def __init__(self, ctx, parent: Optional[QWidget] = None, path: Optional[str] = None):
        super().__init__(ctx, parent)
        self.preview = None     # the dry run's PackImportResult
        self.result = None      # the applied PackImportResult
        self._applying = False
        self.setObjectName("packImportDialog")
        self.setWindowTitle(self.tr("Import a returned team pack"))
        fit_resize(self, 900, 560)
        self.path = QLineEdit(self)
        self.path.setObjectName("packImportPath")
        self.path.setToolTip(self.tr("The workbook the team filled in and sent back"))
        self.path.setPlaceholderText(self.tr("The workbook the team sent back (.xlsx)"))
        self.browse = QPushButton(self.tr("&Browse…"), self)
        self.browse.setObjectName("packImportBrowse")
        self.browse.setToolTip(self.tr("Choose the workbook on this computer or a USB stick"))
        self.browse.clicked.connect(self.choose_path)
        self.check_button = QPushButton(self.tr("&Check"), self)
        self.check_button.setObjectName("packCheck")
        self.check_button.setToolTip(self.tr("Read the file and show what would change, without changing anything"))
        self.check_button.clicked.connect(self.run_preview)
        top = QHBoxLayout()
        top.addWidget(self.path, 1)
        top.addWidget(self.browse)
        top.addWidget(self.check_button)
        self.summary = QLabel(self.tr("Choose the workbook the team sent back, then press Check: the tabs below "
                                      "show what would be recorded, and nothing changes until you press Apply."),
                              self)
        self.summary.setObjectName("packSummary")
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("packPreview")
        self.models: dict[str, RowsModel] = {}
        for key, title in (("applied", self.tr("To record")), ("conflicts", self.tr("Conflicts")),
                           ("rejected", self.tr("Rejected rows")),
                           ("outside", self.tr("Outside the team")), ("warnings", self.tr("Warnings"))):
            model = RowsModel(parent=self)
            view = QTableView(self)
            view.setObjectName(f"pack_{key}")
            view.setModel(model)
            view.setWordWrap(False)
            view.verticalHeader().hide()
            view.horizontalHeader().setStretchLastSection(True)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            self.models[key] = model
            self.tabs.addTab(view, title)
        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton(self.tr("&Apply"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setObjectName("packApply")
        self.apply_button.setToolTip(self.tr("Record the rows as shown in the preview"))
        self.apply_button.setEnabled(False)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.apply_button.clicked.connect(self.apply)
        self.close_button.clicked.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.summary)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.taskbar)
        lay.addWidget(self.buttons)
        if path:
            self.path.setText(str(path))
            self.run_preview()

    def choose_path(self) -> None:
        """Pick the returned workbook (a file dialog), then preview it."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a returned team pack"),
                                              self.path.text() or last_dir(self.ctx, IMPORT_DIR_KEY),
                                              self.tr("Workbooks (*.xlsx *.ods *.xls)"))
        if path:
            self.path.setText(path)
            self.run_preview()

    def _start(self, dry_run: bool) -> None:
        from canvass.packs import import_pack

        path = self.path.text().strip()
        if not path:
            self.summary.setText(self.tr("Choose the returned workbook first."))
            return
        db, actor = self.ctx.db, self.ctx.actor
        self._applying = not dry_run
        self.apply_button.setEnabled(False)
        self.check_button.setEnabled(False)
        self.taskbar.show()
        self.taskbar.start(lambda progress, cancel: import_pack(db, path, dry_run=dry_run, actor=actor,
                                                                 progress=progress, cancel=cancel),
                           self.tr("Checking the pack…") if dry_run else self.tr("Applying the pack…"))

    def run_preview(self) -> None:
        """Dry run: show what the merge would do."""
        self.preview = None
        self._start(dry_run=True)

    def apply(self) -> None:
        """Merge for real (after a preview)."""
        if self.preview is None:
            return
        self._start(dry_run=False)

    def _finished(self, outcome) -> None:
        self.check_button.setEnabled(True)
        if self.failed(outcome, self.summary):
            return
        res = outcome.result
        self.show_result(res)
        if self._applying:
            self.result = res
            remember_dir(self.ctx, IMPORT_DIR_KEY, self.path.text())
            self.summary.setText(self.tr("Applied. %1").replace("%1", self._counts(res)))
            self.apply_button.setEnabled(False)
            self.check_button.setEnabled(False)
        else:
            self.preview = res
            self.apply_button.setEnabled(res.applied > 0)

    def _counts(self, res) -> str:
        return (self.tr("Team “%1”: %2 rows read; %3 to record, %4 already recorded, %5 blank; "
                        "%6 conflicts, %7 rejected, %8 outside the team.")
                .replace("%1", res.team_name).replace("%2", str(res.rows)).replace("%3", str(res.applied))
                .replace("%4", str(res.unchanged)).replace("%5", str(res.blank))
                .replace("%6", str(len(res.conflicts))).replace("%7", str(len(res.rejected)))
                .replace("%8", str(len(res.outside_team))))

    @staticmethod
    def _side(outcome, reason, at) -> str:
        text = status_text(outcome, reason)
        if at:
            text += f" ({format_datetime(at)})"
        return text

    def show_result(self, res) -> None:
        """Fill the summary and the preview tabs from an import result."""
        text = self._counts(res)
        if res.superseded:
            text += " " + self.tr("This is an earlier pack of the team; its rows are still checked and accepted.")
        self.summary.setText(text)
        conflicts = []
        for c in res.conflicts:
            p, cur = c.get("pack") or {}, c.get("current") or {}
            conflicts.append((c.get("row"), c.get("name"),
                              self._side(p.get("outcome"), p.get("reason"), p.get("visit_at")),
                              self._side(cur.get("status"), cur.get("reason"), cur.get("status_at"))
                              + (f" · {cur['team']}" if cur.get("team") else ""),
                              code_label(c.get("resolution"))))
        self.models["conflicts"].set_rows(
            (self.tr("Row"), self.tr("Resident"), self.tr("In the pack"), self.tr("At the commune"),
             self.tr("Result")), conflicts)
        self.models["rejected"].set_rows(
            (self.tr("Sheet"), self.tr("Row"), self.tr("Resident"), self.tr("Reason"), self.tr("Value")),
            [(r.get("sheet"), r.get("row"), r.get("name"), code_label(r.get("reason")), r.get("detail"))
             for r in res.rejected])
        self.models["outside"].set_rows(
            (self.tr("Sheet"), self.tr("Row"), self.tr("Resident"), self.tr("Resident id"),
             self.tr("Outcome written")),
            [(r.get("sheet"), r.get("row"), r.get("name"), r.get("resident_id"), r.get("outcome"))
             for r in res.outside_team])
        self.models["warnings"].set_rows(
            (self.tr("Sheet"), self.tr("Row"), self.tr("Warning"), self.tr("Detail")),
            [(w.get("sheet"), w.get("row"), code_label(w.get("warning")), w.get("detail")) for w in res.warnings])
        rows, risky = self._change_rows(res.changes)
        self.models["applied"].set_rows(
            (self.tr("Resident"), self.tr("Hamlet"), self.tr("Household"), self.tr("Now"), self.tr("After merging")),
            rows, risky)
        for i, key in enumerate(TABS):
            n = self.models[key].rowCount()
            base = self.tabs.tabText(i).split(" (")[0]
            self.tabs.setTabText(i, f"{base} ({n})")
            self.tabs.widget(i).resizeColumnsToContents()
        first = next((i for i, k in enumerate(TABS) if k != "applied" and self.models[k].rowCount()), 0)
        self.tabs.setCurrentIndex(first)

    def _change_rows(self, changes) -> tuple[list[tuple], set[int]]:
        """Every resident the merge writes: name, hamlet, household, status before -> after. Rows that replace a
        final-looking status (activated, cannot be activated) by another come first and are highlighted."""
        from canvass.residents import resident_rows

        by_id = {c["resident_id"]: c for c in changes or ()}
        if not by_id:
            return [], set()
        with self.ctx.db.read() as s:
            rows = resident_rows(s, list(by_id))
        out = []
        for r in rows:
            c = by_id[r.id]
            before, after = tuple(c["before"]), tuple(c["after"])
            risky = before[0] in FINAL_LOOKING and before != after
            out.append((not risky, r.name, r.hamlet, r.household or "", status_text(*before),
                        ("⚠ " if risky else "") + status_text(*after)))
        out.sort(key=lambda x: x[0])
        return [x[1:] for x in out], {i for i, x in enumerate(out) if not x[0]}

    def answer(self):
        """The applied PackImportResult, or None."""
        return self.result
