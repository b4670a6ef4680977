"""Resident details: every field, the raw rows of the imported files, and the history of events."""
from __future__ import annotations

import json
from typing import Optional

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QFormLayout, QHeaderView, QLabel,
                               QTableView, QTabWidget, QVBoxLayout, QWidget)
from canvass.display import column_letter, household_label, phone_grouped
from canvass.history import resident_by_id, resident_history
from canvass.importing.sources import sheet_headers, source_rows_of
from ui.i18n import fmt_date, fmt_datetime, fmt_int
from ui.labels import event_kind_labels, reason_label, status_label
from ui.models.simple import ListTableModel
from ui.widgets.sizing import fit_resize


def _note_text(kind: str, note: Optional[str]) -> str:
    """A note the core wrote in English for an assignment, in the current language; people's notes as written."""
    if not note or kind != "assigned":
        return note or ""
    if note == "balance":
        return QCoreApplication.translate("ResidentDetailsDialog", "balanced by households")
    if note == "by hamlet":
        return QCoreApplication.translate("ResidentDetailsDialog", "by the team's hamlets")
    if note.startswith("merge of team"):
        return QCoreApplication.translate("ResidentDetailsDialog", "teams merged")
    return note


class ResidentDetailsDialog(QDialog):
    """One resident: fields, source rows and event history (read only)."""

    def __init__(self, ctx, resident_id: int, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.ctx = ctx
        self.resident_id = resident_id
        self.setObjectName("residentDetails")
        self.setWindowTitle(self.tr("Resident details"))
        fit_resize(self, 920, 580)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("detailsTabs")
        self.fields = QWidget(self)
        self.form = QFormLayout(self.fields)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.sourceModel = ListTableModel([self.tr("Column"), self.tr("Heading"), self.tr("Value")], parent=self)
        self.historyModel = ListTableModel([self.tr("When"), self.tr("What"), self.tr("Outcome"), self.tr("Reason"),
                                            self.tr("Team"), self.tr("By"), self.tr("Note"), self.tr("Recorded")],
                                           parent=self)
        self.sourceInfo = QLabel(self)
        self.sourceInfo.setWordWrap(True)
        src = QWidget(self)
        src_layout = QVBoxLayout(src)
        src_layout.addWidget(self.sourceInfo)
        self.sourceTable = self._table("sourceTable", self.sourceModel)
        src_layout.addWidget(self.sourceTable)
        self.historyTable = self._table("historyTable", self.historyModel)
        self.tabs.addTab(self.fields, self.tr("&Fields"))
        self.tabs.addTab(src, self.tr("&Source row"))
        self.tabs.addTab(self.historyTable, self.tr("&History"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.load()

    def _table(self, name: str, model) -> QTableView:
        t = QTableView(self)
        t.setObjectName(name)
        t.setModel(model)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.verticalHeader().hide()
        t.horizontalHeader().setStretchLastSection(True)
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return t

    def _add(self, label: str, value) -> None:
        text = "" if value is None else str(value)
        w = QLabel(text or "—", self.fields)
        w.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        w.setWordWrap(True)
        self.form.addRow(label, w)

    def load(self) -> None:
        """Read the resident, their source rows and their events."""
        with self.ctx.db.read() as s:
            r = resident_by_id(s, self.resident_id)
            if r is None:
                self._add(self.tr("Resident"), self.tr("Not found"))
                return
            hh = r.household
            team = r.team
            self.setWindowTitle(self.tr("Resident details — %1").replace("%1", r.name))
            gender = r.gender or ""
            self._add(self.tr("Full name"), r.name)
            self._add(self.tr("ID number"), f"{r.cccd or ''} ({r.id_kind.upper()})" if r.cccd else None)
            if not r.cccd and r.id_raw:   # the list gave no valid ID: as written, to check and correct
                self._add(self.tr("ID as written (not valid)"), r.id_raw)
            self._add(self.tr("Date of birth"), fmt_date(r.dob) if r.dob else r.dob_raw)
            self._add(self.tr("Gender"), gender)
            self._add(self.tr("Phone"), phone_grouped(r.phone, r.phone_raw) or None)
            if r.phone_raw and r.phone_raw != phone_grouped(r.phone, None):
                self._add(self.tr("Phone as written"), r.phone_raw)
            if r.phone_new:
                self._add(self.tr("New phone (from a visit)"), phone_grouped(r.phone_new, None))
            self._add(self.tr("Hamlet"), r.hamlet.name if r.hamlet else None)
            self._add(self.tr("Household"), household_label(hh.number, hh.key) if hh else None)
            if hh and hh.head_name:
                self._add(self.tr("Head of household"), hh.head_name)
            self._add(self.tr("Relation to head"), r.relation)
            self._add(self.tr("Address"), r.address)
            self._add(self.tr("Account level"), r.account_level)
            self._add(self.tr("Status on the list"), r.source_status)
            self._add(self.tr("Note on the list"), r.source_note)
            self._add(self.tr("Team"), team.name if team else self.tr("Not assigned"))
            status = status_label(r.status)
            if r.status_reason:
                status += " — " + reason_label(r.status_reason)
            self._add(self.tr("Status"), status)
            self._add(self.tr("Visits"), fmt_int(r.attempts))
            self._add(self.tr("Last visit"), fmt_datetime(r.last_visit_at) or None)
            if r.revisit_on:
                self._add(self.tr("Revisit on"), fmt_date(r.revisit_on))
            if r.extra:
                try:
                    extra = json.loads(r.extra)
                except ValueError:
                    extra = {}
                for k, v in (extra.items() if isinstance(extra, dict) else []):
                    self._add(str(k), v)

            rows = source_rows_of(s, self.resident_id)
            if rows:
                last = rows[0]
                heads = sheet_headers(last.summary, last.sheet)
                self.sourceModel.set_rows([(column_letter(i), heads[i] if i < len(heads) else "", c)
                                           for i, c in enumerate(last.cells)])
                self.sourceTable.setColumnHidden(1, not any(heads))   # headings only when the import kept them
                info = self.tr("File %1, sheet %2, row %3 (imported %4).")
                for k, v in (("%1", last.file_name), ("%2", last.sheet), ("%3", fmt_int(last.row_number)),
                             ("%4", fmt_datetime(last.imported_at))):
                    info = info.replace(k, str(v))
                if len(rows) > 1:
                    info += " " + self.tr("Seen in %1 imports.").replace("%1", fmt_int(len(rows)))
                self.sourceInfo.setText(info)
            else:
                self.sourceInfo.setText(self.tr("No imported row is recorded for this resident."))

            kinds = event_kind_labels()
            hist = []
            for e in reversed(resident_history(s, self.resident_id)):
                what = kinds.get(e["kind"], e["kind"])
                if e["voided"]:
                    what += " " + self.tr("(undone)")
                note = _note_text(e["kind"], e["note"])
                if e["new_phone"]:
                    note = " · ".join(x for x in (note, self.tr("new phone %1").replace(
                        "%1", phone_grouped(e["new_phone"]))) if x)
                hist.append((fmt_datetime(e["at"]), what, status_label(e["outcome"]) if e["outcome"] else "",
                             reason_label(e["reason"]), e["team"] or "", e["actor"] or "", note,
                             fmt_datetime(e["recorded_at"])))
            self.historyModel.set_rows(hist)

    @classmethod
    def show_for(cls, ctx, parent, resident_id: int) -> None:
        """Open the dialog for one resident (modal)."""
        dlg = cls(ctx, resident_id, parent)
        dlg.exec()
        dlg.deleteLater()   # parented to the window: free it once closed
