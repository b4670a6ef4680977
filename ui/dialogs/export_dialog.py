"""Export a document (return lists, walk list, daily report; the province report when the database holds
several communes) as .xlsx, .pdf or .csv, in the background,
then preview the PDF (QtPdf) and offer to open the folder. The document itself is made by
`canvass.exporting.export`; this dialog only collects the choices.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtCore import QDate, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QFileDialog, QFormLayout, QLabel, QSplitter,
                               QVBoxLayout, QWidget)

from canvass.communes import report_areas
from canvass.teams import commune_choices, hamlet_choices, team_choices
from ui.dialogs import file_name, last_dir
from ui.dialogs.base import EXPORT_DIR_KEY, SaveDialog
from ui.widgets.sizing import fit_resize
# kind -> (English source of the user's name, Vietnamese-style ASCII file stem)
KIND_NAMES = {
    "absent": (QT_TRANSLATE_NOOP("ExportDialog", "Absent residents list"), "DS_vang_mat"),
    "ineligible": (QT_TRANSLATE_NOOP("ExportDialog", "Cannot-activate list (for the People's Committee)"),
                   "DS_khong_the_kich_hoat"),
    "wrong-phone": (QT_TRANSLATE_NOOP("ExportDialog", "Wrong phone numbers (police task list)"),
                    "DS_sai_so_dien_thoai"),
    "activated": (QT_TRANSLATE_NOOP("ExportDialog", "Activated residents list"), "DS_da_kich_hoat"),
    "walklist": (QT_TRANSLATE_NOOP("ExportDialog", "Walk list for a team"), "Danh_sach_di_tham"),
    "daily-report": (QT_TRANSLATE_NOOP("ExportDialog", "Daily report"), "Bao_cao_ngay"),
    # offered when the database holds several communes (a province's or district's leaders)
    "province-report": (QT_TRANSLATE_NOOP("ExportDialog", "Province report (one row per commune)"), "Bao_cao_tinh"),
}
WHOLE_DATABASE_KINDS = ("daily-report", "province-report")     # no hamlet, team, mask or sheet per hamlet
FORMATS = (".xlsx", ".pdf", ".csv")


def pdf_preview_widget(parent: QWidget):
    """A QPdfView (with its QPdfDocument) when QtPdf is available here, else None."""
    try:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView
    except ImportError:  # pragma: no cover - QtPdf ships with the PySide6 wheels we use
        return None
    # The document is not the view's child: deleting a QPdfView that owns its document crashes (PySide6 6.12);
    # created first under the same parent, it is deleted after the view.
    doc = QPdfDocument(parent)
    view = QPdfView(parent)
    view.setObjectName("exportPdfPreview")
    view.setDocument(doc)
    view.setPageMode(QPdfView.PageMode.MultiPage)
    view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
    view.setMinimumSize(360, 300)
    return view


class ExportDialog(SaveDialog):
    """Pick a document, its scope and format, and where to save it; write it in the background."""

    def __init__(self, ctx, parent: Optional[QWidget] = None, kind: Optional[str] = None):
        super().__init__(ctx, parent, "export", "exportButton")
        self._auto_name: Optional[str] = None   # the file name this dialog made (not typed by the person)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export a document"))
        fit_resize(self, 620, 420)

        with ctx.db.read() as s:      # one read for every list the dialog offers
            communes, areas = commune_choices(s), report_areas(s)
            hamlets, teams = hamlet_choices(s), team_choices(s)   # a name several communes use carries its commune
        self.kind = QComboBox(self)
        self.kind.setObjectName("exportKind")
        for code, (name, _stem) in KIND_NAMES.items():
            if code != "province-report" or len(communes) > 1:
                self.kind.addItem(self.tr(name), code)
        self.area = QComboBox(self)
        self.area.setObjectName("exportArea")
        self.area.setToolTip(self.tr("The communes the province report covers"))
        self.area.addItem(self.tr("Every commune in the database"), (None, None))
        for province, district in areas:
            self.area.addItem(" · ".join(x for x in (province, district) if x), (province, district))
        self.kind.setToolTip(self.tr("Which document to make"))
        self.hamlet = QComboBox(self)
        self.hamlet.setObjectName("exportHamlet")
        self.hamlet.setToolTip(self.tr("Only the residents of one hamlet"))
        self.hamlet.addItem(self.tr("All hamlets"), None)
        self.team = QComboBox(self)
        self.team.setObjectName("exportTeam")
        self.team.setToolTip(self.tr("Only the residents given to one team"))
        self.team.addItem(self.tr("All teams"), None)
        for hid, name in hamlets:
            self.hamlet.addItem(name, hid)
        for tid, name in teams:
            self.team.addItem(name, tid)
        self.as_of = QDateEdit(QDate.currentDate(), self)
        self.as_of.setObjectName("exportAsOf")
        self.as_of.setDisplayFormat("dd/MM/yyyy")
        self.as_of.setCalendarPopup(True)
        self.as_of.setMaximumDate(QDate.currentDate())
        self.as_of.setToolTip(self.tr("The date the document is made for (a past day gives that day's figures)"))
        self.mask = QCheckBox(self.tr("Hide ID and phone numbers (show only the last digits)"), self)
        self.mask.setObjectName("exportMask")
        self.mask.setToolTip(self.tr("For lists that leave the police station"))
        self.by_hamlet = QCheckBox(self.tr("One sheet per hamlet"), self)
        self.by_hamlet.setObjectName("exportByHamlet")
        self.by_hamlet.setToolTip(self.tr("Each hamlet on its own page, to hand to its head"))
        self.format = QComboBox(self)
        self.format.setObjectName("exportFormat")
        self.format.setToolTip(self.tr("Excel to edit or send on, PDF to print"))
        self.format.addItem(self.tr("Excel workbook (.xlsx)"), ".xlsx")
        self.format.addItem(self.tr("PDF for printing (.pdf)"), ".pdf")
        self.format.addItem(self.tr("CSV text (.csv), for very large lists"), ".csv")

        form = self.form = QFormLayout()
        form.addRow(self._label(self.tr("&Document:"), self.kind), self.kind)
        form.addRow(self._label(self.tr("A&rea:"), self.area), self.area)
        form.addRow(self._label(self.tr("&Hamlet:"), self.hamlet), self.hamlet)
        form.addRow(self._label(self.tr("&Team:"), self.team), self.team)
        form.addRow(self._label(self.tr("&As of:"), self.as_of), self.as_of)
        form.addRow("", self.mask)
        form.addRow("", self.by_hamlet)
        form.addRow(self._label(self.tr("&Format:"), self.format), self.format)
        form.addRow(self.save_label(), self.path_row())

        left = QWidget(self)
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        left_lay.addLayout(form)
        left_lay.addWidget(self.taskbar)
        left_lay.addWidget(self.message)
        left_lay.addStretch(1)
        self.preview = pdf_preview_widget(self)
        self.splitter = QSplitter(self)
        self.splitter.addWidget(left)
        if self.preview is not None:
            self.splitter.addWidget(self.preview)
            self.preview.hide()
        lay = QVBoxLayout(self)
        lay.addWidget(self.splitter, 1)
        lay.addLayout(self.bottom_row())

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.format.currentIndexChanged.connect(self._update_path)
        self.as_of.dateChanged.connect(self._update_path)
        self.hamlet.currentIndexChanged.connect(self._update_path)
        self.team.currentIndexChanged.connect(self._update_path)
        self.area.currentIndexChanged.connect(self._update_path)
        if kind is not None and self.kind.findData(kind) >= 0:
            self.kind.setCurrentIndex(self.kind.findData(kind))
        self._kind_changed()

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _kind_changed(self, *_args) -> None:
        kind = self.kind.currentData()
        whole = kind in WHOLE_DATABASE_KINDS
        for w in (self.hamlet, self.team, self.mask, self.by_hamlet):
            w.setEnabled(not whole)
        if whole:
            self.hamlet.setCurrentIndex(0)
            self.team.setCurrentIndex(0)
        self.form.setRowVisible(self.area, kind == "province-report")
        self._update_path()

    def default_name(self) -> str:
        """The file name for the current choices: kind, hamlet, team and day (Thôn/Tổ names in ASCII)."""
        hamlet = self.hamlet.currentText() if self.hamlet.currentData() is not None else None
        team = self.team.currentText() if self.team.currentData() is not None else None
        if self.kind.currentData() == "province-report":
            hamlet, team = (x for x in self.area.currentData() or (None, None))     # the province, the district
        return file_name(KIND_NAMES[self.kind.currentData()][1], hamlet, team, day=self.as_of.date().toPython(),
                         suffix=self.format.currentData())

    def _update_path(self, *_args) -> None:
        """Follow the choices in a file name this dialog made (in whatever folder the path names); a name the
        person typed keeps, with only its suffix following the format."""
        suffix = self.format.currentData()
        text = self.path.text().strip()
        current = Path(text) if text else None
        if current is None or current.name == self._auto_name:
            folder = current.parent if current is not None else Path(last_dir(self.ctx, EXPORT_DIR_KEY))
            self._auto_name = self.default_name()
            self.path.setText(str(folder / self._auto_name))
        elif current.suffix.lower() in FORMATS and current.suffix.lower() != suffix:
            self.path.setText(str(current.with_suffix(suffix)))

    def choose_path(self) -> None:
        """Ask where to save (a file dialog)."""
        suffix = self.format.currentData()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the document"), self.path.text(),
                                              f"*{suffix}")
        if path:
            path = path if path.lower().endswith(suffix) else path + suffix
            self.path.setText(path)
            self.confirmed(path)

    def start(self) -> None:
        """Write the document in the background."""
        from canvass.exporting import export

        path = self.path.text().strip()
        if not path:
            self.message.setText(self.tr("Choose where to save the document."))
            return
        if not self.may_write(path):
            return
        kind = self.kind.currentData()
        opts = dict(hamlet=self.hamlet.currentData(), team=self.team.currentData(),
                    as_of=self.as_of.date().toPython(), mask=self.mask.isChecked(),
                    by_hamlet=self.by_hamlet.isChecked(), actor=self.ctx.actor)
        if kind in WHOLE_DATABASE_KINDS:
            opts.update(hamlet=None, team=None, mask=False, by_hamlet=False)
        if kind == "province-report":
            opts["province"], opts["district"] = self.area.currentData() or (None, None)
        db = self.ctx.db
        self.begin(lambda progress, cancel: export(db, kind, path, progress=progress, cancel=cancel, **opts),
                   self.tr("Writing the document…"))

    def _finished(self, outcome) -> None:
        res = self.saved(outcome)
        if res is None:
            return
        self.message.setText(self.tr("Saved: %1 row(s).\n%2").replace("%1", str(res.rows))
                             .replace("%2", str(res.path)))
        if res.format == "pdf":
            self.show_pdf(res.path)

    def show_pdf(self, path) -> int:
        """Show a PDF in the preview pane; the number of pages (0 when it cannot be shown)."""
        if self.preview is None:
            return 0
        doc = self.preview.document()
        doc.load(str(path))
        pages = doc.pageCount()
        if pages > 0:
            self.preview.show()
            if self.width() < 1000:
                fit_resize(self, 1100, max(self.height(), 640))
            self.splitter.setSizes([420, 680])
        return pages

    def reject(self) -> None:
        if not self.taskbar.running() and self.preview is not None:
            self.preview.document().close()
        super().reject()
