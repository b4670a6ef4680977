"""The campaign's settings in the window: name, dates, phases (đợt), the per-team daily quota, the report deadline
and each hamlet's target. The same core calls as `canvass campaign` (canvass.campaign), in one transaction, so
each change is recorded and yesterday's report stays as it was handed in."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from PySide6.QtCore import QDate, QTime, Qt
from PySide6.QtWidgets import (QAbstractItemView, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPushButton, QSpinBox, QTableWidget,
                               QTableWidgetItem, QTimeEdit, QVBoxLayout, QWidget)

from canvass.campaign import DEFAULT_DEADLINE, DEFAULT_QUOTA, campaign_info, hamlet_target_rows
from canvass.errors import CanvassError
from ui.dialogs.base import ERROR_STYLE, Asks
from ui.dialogs.progress import error_text
from ui.i18n import fmt_int
from ui.widgets.sizing import fit_resize


def _date_edit(parent: QWidget, day: dt.date, name: str) -> QDateEdit:
    e = QDateEdit(QDate(day.year, day.month, day.day), parent)
    e.setObjectName(name)
    e.setDisplayFormat("dd/MM/yyyy")
    e.setCalendarPopup(True)
    return e


class CampaignDialog(Asks, QDialog):
    """Edit the active campaign (or start the first one); `answer()` is True when something was saved."""

    def __init__(self, ctx, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.ctx = ctx
        self.saved = False
        self.setObjectName("campaignDialog")
        self.setWindowTitle(self.tr("Campaign settings"))
        with ctx.db.read() as s:
            info = campaign_info(s)
            self.hamlet_rows = hamlet_target_rows(s)
        today = dt.date.today()
        self.is_new = info is None
        self.name = QLineEdit(info.name if info else "", self)
        self.name.setObjectName("campaignName")
        self.start = _date_edit(self, info.start if info else today, "campaignStart")
        self.end = _date_edit(self, info.end if info else today + dt.timedelta(days=89), "campaignEnd")
        self.quota = QSpinBox(self)
        self.quota.setObjectName("campaignQuota")
        self.quota.setRange(0, 10_000)
        self.quota.setValue(info.quota_per_team_day if info else DEFAULT_QUOTA)
        self.quota.setToolTip(self.tr("Activations each team is asked for per day"))
        hh, mm = (info.report_deadline if info else DEFAULT_DEADLINE).split(":")
        self.deadline = QTimeEdit(QTime(int(hh), int(mm)), self)
        self.deadline.setObjectName("campaignDeadline")
        self.deadline.setDisplayFormat("HH:mm")
        self.deadline.setToolTip(self.tr("Hamlets report by this time every day"))

        self.phases = QTableWidget(0, 3, self)
        self.phases.setObjectName("campaignPhases")
        self.phases.setHorizontalHeaderLabels([self.tr("Phase"), self.tr("From"), self.tr("To")])
        self.phases.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.phases.verticalHeader().hide()
        self.phases.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for name, start, end in (info.phases if info else []):
            self.add_phase(name, start, end)
        add = QPushButton(self.tr("&Add phase"), self)
        add.setObjectName("campaignAddPhase")
        add.clicked.connect(lambda: self.add_phase(self.tr("Phase %1").replace("%1", str(self.phases.rowCount() + 1)),
                                                   self.start.date().toPython(), self.end.date().toPython()))
        remove = QPushButton(self.tr("&Remove phase"), self)
        remove.setObjectName("campaignRemovePhase")
        remove.clicked.connect(lambda: self.phases.removeRow(self.phases.currentRow())
                               if self.phases.currentRow() >= 0 else None)

        self.targets = QTableWidget(len(self.hamlet_rows), 3, self)
        self.targets.setObjectName("campaignTargets")
        self.targets.setHorizontalHeaderLabels([self.tr("Hamlet"), self.tr("On the list"), self.tr("Target")])
        header = self.targets.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        self.targets.verticalHeader().hide()
        self.targets.setToolTip(self.tr("A hamlet without a target counts every resident on its list"))
        for i, row in enumerate(self.hamlet_rows):
            for col, text in ((0, row.name), (1, fmt_int(row.residents))):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.targets.setItem(i, col, item)
            spin = QSpinBox(self.targets)
            spin.setRange(-1, 10_000_000)
            spin.setSpecialValueText(self.tr("(all on the list)"))   # -1 shows this: the default target
            spin.setValue(row.target if row.target is not None else -1)
            self.targets.setCellWidget(i, 2, spin)
        self.targets.setColumnWidth(2, max(180, self.targets.sizeHintForColumn(2) + 8))
        self.error = QLabel(self)
        self.error.setObjectName("campaignError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.setObjectName("campaignButtons")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Start:"), self.start)
        form.addRow(self.tr("&End:"), self.end)
        form.addRow(self.tr("&Quota per team per day:"), self.quota)
        form.addRow(self.tr("Report &deadline:"), self.deadline)
        phase_buttons = QHBoxLayout()
        phase_buttons.addWidget(add)
        phase_buttons.addWidget(remove)
        phase_buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(QLabel(self.tr("Phases (đợt):"), self))
        lay.addWidget(self.phases, 1)
        lay.addLayout(phase_buttons)
        lay.addWidget(QLabel(self.tr("Hamlet targets:"), self))
        lay.addWidget(self.targets, 2)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        fit_resize(self, 640, 640)

    def add_phase(self, name: str, start: dt.date, end: dt.date) -> int:
        """Add a phase row; its index."""
        i = self.phases.rowCount()
        self.phases.insertRow(i)
        self.phases.setItem(i, 0, QTableWidgetItem(name))
        self.phases.setCellWidget(i, 1, _date_edit(self.phases, start, f"phaseStart{i}"))
        self.phases.setCellWidget(i, 2, _date_edit(self.phases, end, f"phaseEnd{i}"))
        return i

    def phase_values(self) -> list[tuple[str, dt.date, dt.date]]:
        """The phases as the table holds them (rows without a name left out)."""
        out = []
        for i in range(self.phases.rowCount()):
            item = self.phases.item(i, 0)
            name = item.text().strip() if item is not None else ""
            if name:
                out.append((name, self.phases.cellWidget(i, 1).date().toPython(),
                            self.phases.cellWidget(i, 2).date().toPython()))
        return out

    def target_values(self) -> dict[int, Optional[int]]:
        """Hamlet id -> explicit target (None: the default)."""
        out = {}
        for i, row in enumerate(self.hamlet_rows):
            value = self.targets.cellWidget(i, 2).value()
            out[row.hamlet_id] = None if value < 0 else value
        return out

    def save(self) -> bool:
        """Write every change in one transaction; stay open with the reason when something is not acceptable."""
        from canvass.campaign import set_campaign, set_hamlet_target, set_phases

        fields = dict(name=self.name.text(), start=self.start.date().toPython(), end=self.end.date().toPython(),
                      quota_per_team_day=self.quota.value(), deadline=self.deadline.time().toString("HH:mm"))
        phases, targets = self.phase_values(), self.target_values()
        changed = [(row.hamlet_id, targets[row.hamlet_id]) for row in self.hamlet_rows
                   if targets[row.hamlet_id] != row.target]

        def work(s) -> None:
            set_campaign(s, **fields)
            set_phases(s, phases)
            for hamlet_id, target in changed:
                set_hamlet_target(s, hamlet_id, target)

        try:
            self.ctx.runner.write(self.ctx.db, work)
        except CanvassError as exc:
            self.error.setText(error_text(self, exc))
            return False
        self.saved = True
        self.accept()
        return True

    def answer(self) -> bool:
        """True when the settings were saved."""
        return self.saved
