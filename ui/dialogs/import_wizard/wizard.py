"""The import wizard: file → sheets, header row and column mapping (correctable, with sample rows) →
preview (a dry run: new, updated, duplicates, rejected rows with reasons, activated per system; when the list
would mark many residents activated, that number in red and the choice: complete list or supplement) →
the import itself with progress and cancel → the log, exportable to CSV or xlsx.

It only collects choices and shows results: `canvass.importing.inspect_file` reads the file,
`canvass.importing.run_import` does the work (as a dry run for the preview), both in the background.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtWidgets import QWidget, QWizard

from ui.dialogs import RowsModel
from ui.dialogs.base import Asks
from ui.dialogs.import_wizard.pages import (PAGE_FILE, PAGE_LOG, PAGE_MAPPING, PAGE_PREVIEW, PAGE_RUN, FilePage,
                                            LogPage, MappingPage, PreviewPage, RunPage, thousands)
from ui.dialogs.import_wizard.texts import issue_text
from ui.dialogs.list_kind import list_html
from ui.dialogs.progress import ProgressDialog, error_text
from ui.labels import field_label
from ui.widgets.sizing import fit_resize


class ImportWizard(Asks, QWizard):
    """File → mapping → preview → import → log."""

    def __init__(self, ctx, parent: Optional[QWidget] = None, path: Optional[str] = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Import a list of residents"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        fit_resize(self, 980, 640)
        self.path = ""
        self.inspection = None
        self.mappings: dict[str, dict[int, str]] = {}
        self.header_rows: dict[str, int] = {}
        self.chosen_sheets: list[str] = []
        self.preview = None
        self.result = None
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.run_page = RunPage(self)
        self.log_page = LogPage(self)
        for pid, page in ((PAGE_FILE, self.file_page), (PAGE_MAPPING, self.mapping_page),
                          (PAGE_PREVIEW, self.preview_page), (PAGE_RUN, self.run_page), (PAGE_LOG, self.log_page)):
            self.setPage(pid, page)
        if path:
            self.file_page.path.setText(str(path))

    # --- the core, in the background
    def inspect(self, path: str) -> bool:
        """Read the file's sheets, header rows and guessed mappings (in the background)."""
        from canvass.importing import inspect_file

        if self.inspection is not None and path == self.path:
            return True     # back to the first page and on again: keep the person's corrections
        outcome = ProgressDialog.run(self.ctx, self, lambda progress, cancel: inspect_file(path),
                                     title=self.tr("Reading the list"), label=Path(path).name)
        if not outcome.ok:
            self.file_page.error.setText(self.file_error(outcome.error))
            return False
        self.set_inspection(path, outcome.result)
        return True

    def file_error(self, exc: BaseException) -> str:
        """A sentence for an error reading the file (the core's FILE_ERRORS, through error_text)."""
        return error_text(self, exc)

    def set_inspection(self, path: str, inspection) -> None:
        """Start from what inspect_file found (guessed mappings and header rows)."""
        self.path = path
        self.inspection = inspection
        self.mappings = {sh.name: {int(k): v for k, v in (sh.mapping or {}).items() if v}
                         for sh in inspection.sheets}
        self.header_rows = {sh.name: sh.header_row for sh in inspection.sheets}
        self.chosen_sheets = []
        self.invalidate()

    def reinspect_sheet(self, name: str, header_row: int) -> bool:
        """Read one sheet again with a header row the person chose; False when the core cannot (then the
        import still reads the headers from that row, with the mapping shown)."""
        from canvass.importing import inspect_file

        self.invalidate()
        try:
            again = inspect_file(self.path, header_rows={name: header_row})
        except Exception:  # noqa: BLE001 - a bad choice of row: keep what was shown
            return False
        for i, sh in enumerate(self.inspection.sheets):
            if sh.name == name:
                fresh = next((s for s in again.sheets if s.name == name), None)
                if fresh is not None:
                    self.inspection.sheets[i] = fresh
                    self.mappings[name] = {int(k): v for k, v in (fresh.mapping or {}).items() if v}
        return True

    def invalidate(self) -> None:
        """A choice changed: the preview must be made again."""
        self.preview = None

    def plan(self):
        """The ImportPlan of the current choices."""
        from canvass.importing import ImportPlan

        sheets = self.chosen_sheets or self.mapping_page.chosen()
        return ImportPlan(sheets=list(sheets), hamlet=self.file_page.hamlet.text().strip() or None,
                          mappings={s: dict(self.mappings.get(s, {})) for s in sheets},
                          header_rows={s: self.header_rows.get(s) for s in sheets})

    def work(self, dry_run: bool):
        """The background function that runs the import (or its dry run) with the current plan. The preview is
        a dry run in mode "auto" (it tells whether the list would mark many activated); the import runs in the
        mode the person chose on the preview ("auto" when there was nothing to choose)."""
        from canvass.importing import run_import

        db, path, plan, actor = self.ctx.db, self.path, self.plan(), self.ctx.actor
        mode = "auto" if dry_run else (self.preview_page.mode() or "auto")

        def fn(progress, cancel):
            return run_import(db, path, plan, dry_run=dry_run, mode=mode, progress=progress, cancel=cancel,
                              actor=actor)
        return fn

    def list_fit(self, res):
        """How a previewed list fits the commune in the database (canvass.importing.fit)."""
        from canvass.importing.fit import list_fit

        with self.ctx.db.read() as s:
            return list_fit(s, res)

    def rows_below_headers(self) -> int:
        """The inspection's estimate of the rows below the header of the chosen sheets (what the mapping page
        showed), to set beside the rows the import reads as residents."""
        chosen = set(self.chosen_sheets or self.mapping_page.chosen())
        return sum(sh.data_rows for sh in self.inspection.sheets if sh.name in chosen) if self.inspection else 0

    # --- showing results
    def summary_html(self, res, preview: bool, mode: Optional[str] = None) -> str:
        """The figures of an import result, as a few lines for a label; a preview shows the residents marked
        activated per system in the mode chosen (in red while a partial-looking list awaits the choice)."""
        activated = res.activated_per_system
        if preview and mode == "supplement":
            activated = 0
        red = preview and getattr(res, "partial_list", False) and mode is None
        lines = [
            (self.tr("Residents' rows read"), res.rows_read),
            (self.tr("New residents") if preview else self.tr("Residents added"), res.imported),
            (self.tr("Updated (changed since the last list)"), res.updated),
            (self.tr("Unchanged"), res.unchanged),
            (self.tr("Duplicates (same person twice)"), res.duplicates),
            (self.tr("Rejected rows"), len(res.rejected)),
            (self.tr("Warnings"), len(res.warnings)),
        ]
        rows = "".join(f"<tr><td>{name}</td><td align='right'><b>{thousands(value)}</b></td></tr>"
                       for name, value in lines)
        style = " style='color:#c5221f'" if red else ""
        label = self.tr("Activated per system (no longer on the list)")
        rows += f"<tr{style}><td>{label}</td><td align='right'><b>{thousands(activated)}</b></td></tr>"
        head = self.tr("If you import, this will happen:") if preview else self.tr("The import is done:")
        extra = []
        if getattr(res, "hamlets", None):
            hamlets = res.hamlets if isinstance(res.hamlets, int) else len(res.hamlets)
            extra.append(self.tr("%1 hamlet(s)").replace("%1", str(hamlets)))
        if getattr(res, "households", None):
            hh = res.households if isinstance(res.households, int) else len(res.households)
            extra.append(self.tr("%1 household(s)").replace("%1", str(hh)))
        tail = f"<p>{', '.join(extra)}</p>" if extra else ""
        below = self.rows_below_headers()
        if below > res.rows_read:
            tail += "<p>" + self.tr("%1 of the %2 rows below the header are residents; the others are hamlet "
                                    "headings, totals or blank rows, which are not imported.") \
                .replace("%1", thousands(res.rows_read)).replace("%2", thousands(below)) + "</p>"
        return f"<p>{head}</p><table cellspacing='4'>{rows}</table>{tail}{list_html(res, preview, mode)}"

    def fill_issues(self, model: RowsModel, res) -> None:
        """Rejected rows then warnings of a result, in one table."""
        rows = [(i.sheet, i.row, self.tr("Rejected"), "", issue_text(i.reason)) for i in res.rejected]
        rows += [(w.sheet, w.row, self.tr("Warning"), field_label(w.field) if w.field else "", issue_text(w.message))
                 for w in res.warnings]
        model.set_rows((self.tr("Sheet"), self.tr("Row"), self.tr("What"), self.tr("Field"), self.tr("Reason")),
                       rows)

    def reject(self) -> None:
        for bar in (self.preview_page.taskbar, self.run_page.taskbar):
            if bar.running():
                bar.cancel()
                return
        super().reject()

    def done(self, r: int) -> None:
        """Closing the wizard frees the rows a preview kept for the import (hundreds of MB at 300k rows)."""
        from canvass.importing import clear_read_cache

        clear_read_cache()
        super().done(r)

    def answer(self):
        """The ImportResult of the import that ran, or None (what `ask` returns)."""
        return self.result
