"""Record one visit outcome (reason, note, new phone, date) for one or several selected residents.

The dialog says whom it records (name, birth year, hamlet; the list for several) and starts with no outcome
chosen, so a stray Enter records nothing; every row stays in place (rows that do not apply are disabled, not
hidden), so the layout never jumps under the pointer.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional, Sequence

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QVBoxLayout, QWidget)

from canvass.dates import visit_moment
from canvass.db import now
from canvass.errors import CanvassError
from canvass.display import birth_year
from canvass.events import OUTCOMES, REASONS, record_visit
from canvass.phones import typed_phone
from canvass.residents import resident_rows
from ui.dialogs.progress import error_text
from ui.labels import outcome_label, reason_label


class OutcomeDialog(QDialog):
    """One outcome for the chosen residents: each gets its own visit event, all in one transaction."""

    def __init__(self, ctx, resident_ids: Sequence[int], parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.ctx = ctx
        self.resident_ids = list(resident_ids)
        self.setObjectName("outcomeDialog")
        self.setWindowTitle(self.tr("Record a visit outcome"))
        self.setMinimumWidth(460)

        self.summary = QLabel(self)
        self.summary.setObjectName("outcomeSummary")
        self.summary.setWordWrap(True)
        self.outcome = QComboBox(self)
        self.outcome.setObjectName("outcomeCombo")
        self.outcome.addItem(self.tr("(choose the outcome)"), None)
        for code in OUTCOMES:
            self.outcome.addItem(outcome_label(code), code)
        self.outcome.setToolTip(self.tr("What happened at the door"))
        self.reason = QComboBox(self)
        self.reason.setObjectName("outcomeReason")
        self.reason.setToolTip(self.tr("Needed when the resident cannot be activated"))
        self.note = QLineEdit(self)
        self.note.setObjectName("outcomeNote")
        self.note.setToolTip(self.tr("Anything worth keeping; required for “Other reason”"))
        self.phone = QLineEdit(self)
        self.phone.setObjectName("outcomePhone")
        self.phone.setPlaceholderText("0912 345 678")
        self.phone.setToolTip(self.tr("The resident's working phone number, if the list's one is wrong"))
        self.date = QDateEdit(QDate.currentDate(), self)
        self.date.setObjectName("outcomeDate")
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.setCalendarPopup(True)
        self.date.setMaximumDate(QDate.currentDate())
        self.date.setToolTip(self.tr("The day of the visit"))
        self.revisit_on = QDateEdit(QDate.currentDate().addDays(1), self)
        self.revisit_on.setObjectName("outcomeRevisitOn")
        self.revisit_on.setDisplayFormat("dd/MM/yyyy")
        self.revisit_on.setCalendarPopup(True)
        self.revisit_on.setToolTip(self.tr("When to come back"))
        self.error = QLabel(self)
        self.error.setObjectName("outcomeError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("&Outcome:"), self.outcome)
        form.addRow(self.tr("&Reason:"), self.reason)
        form.addRow(self.tr("&Note:"), self.note)
        form.addRow(self.tr("New &phone:"), self.phone)
        form.addRow(self.tr("Visit &date:"), self.date)
        form.addRow(self.tr("Come &back on:"), self.revisit_on)
        self.form = form
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("outcomeButtons")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        self.reason.currentIndexChanged.connect(self._outcome_changed)
        self.summary.setText(self.whom())
        self._outcome_changed()
        self.outcome.setFocus()

    def whom(self, shown: int = 8) -> str:
        """Who gets the outcome: "Name (1986), Thôn X" for one; "N residents:" and the first few for several."""
        with self.ctx.db.read() as s:
            rows = resident_rows(s, self.resident_ids[:shown])

        def line(r) -> str:
            year = birth_year(r.dob, r.dob_raw)
            return f"{r.name} ({year}), {r.hamlet}" if year else f"{r.name}, {r.hamlet}"

        if len(self.resident_ids) == 1 and rows:
            return self.tr("Outcome for %1").replace("%1", line(rows[0]))
        text = self.tr("%n resident(s):", "", len(self.resident_ids)) + "\n" + "\n".join("• " + line(r) for r in rows)
        more = len(self.resident_ids) - len(rows)
        if more > 0:
            text += "\n" + self.tr("… and %n more", "", more)
        return text

    def set_outcome(self, code: str, reason: Optional[str] = None) -> None:
        """Choose an outcome (and reason) by code."""
        self.outcome.setCurrentIndex(self.outcome.findData(code))
        if reason is not None:
            self.reason.setCurrentIndex(self.reason.findData(reason))

    def _outcome_changed(self, *_args) -> None:
        code = self.outcome.currentData()
        reasons = REASONS.get(code, ())
        if [self.reason.itemData(i) for i in range(self.reason.count())] != [None, *reasons]:
            self.reason.blockSignals(True)
            self.reason.clear()
            self.reason.addItem(self.tr("(choose a reason)") if code == "ineligible" else self.tr("(none)"), None)
            for r in reasons:
                self.reason.addItem(reason_label(r), r)
            self.reason.blockSignals(False)
        self.reason.setEnabled(bool(reasons))
        self.revisit_on.setEnabled(code == "revisit")
        self.phone.setEnabled(code not in (None, "pending"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(code is not None)
        self.error.clear()

    def visit_at(self) -> dt.datetime:
        """The visit's moment: now for today, midday of an earlier day."""
        return visit_moment(self.date.date().toPython(), now())

    def save(self) -> bool:
        """Record the outcome for every chosen resident (one transaction); stay open on an error."""
        code = self.outcome.currentData()
        reason = self.reason.currentData()
        if code is None:
            self.error.setText(self.tr("Choose the outcome first."))
            self.outcome.setFocus()
            return False
        if code == "ineligible" and not reason:
            self.error.setText(self.tr("Choose why the resident cannot be activated."))
            self.reason.setFocus()
            return False
        if reason == "other" and not self.note.text().strip():
            self.error.setText(self.tr("Write the reason in the note."))
            self.note.setFocus()
            return False
        try:
            phone = typed_phone(self.phone.text())[0] if self.phone.isEnabled() else None
            at, note, ids = self.visit_at(), self.note.text().strip() or None, list(self.resident_ids)
            revisit_on = self.revisit_on.date().toPython() if code == "revisit" else None

            def work(s) -> None:
                for rid in ids:
                    record_visit(s, rid, code, at=at, actor=self.ctx.actor, reason=reason, note=note,
                                 new_phone=phone, revisit_on=revisit_on, source={"via": "outcome_dialog"})

            self.ctx.runner.write(self.ctx.db, work)
        except CanvassError as exc:
            self.error.setText(error_text(self, exc))
            return False
        self.accept()
        return True

    @classmethod
    def ask(cls, ctx, parent: Optional[QWidget], resident_ids: Sequence[int]) -> bool:
        """Show the dialog; True when an outcome was recorded."""
        if not resident_ids:
            return False
        dlg = cls(ctx, resident_ids, parent)
        try:
            return dlg.exec() == QDialog.DialogCode.Accepted
        finally:
            dlg.deleteLater()   # parented to the window: free it once closed
