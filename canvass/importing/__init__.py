"""The importer: police lists (.xlsx, .xls, .csv) in, residents grouped into hamlets and households out.

Two phases (the wizard's two pages): `inspect_file(path)` finds the sheets, header rows, a guessed column
mapping and sample rows; `run_import(db, path, plan)` imports with that mapping (or the user's corrections)
and returns the import log. See importer.py, rows.py (row rules) and reconcile.py (re-import rules).
"""
from canvass.importing.headers import FIELDS
from canvass.importing.importer import (MODES, PARTIAL_LIST_SHARE, FileInspection, ImportPlan, ImportResult,
                                        PartialList, RowIssue, RowWarning, SheetInspection, clear_read_cache,
                                        inspect_file, run_import)
from canvass.importing.readers import ImportFileError
from canvass.importing.sources import SourceRecord, raw_cells, source_rows_of

__all__ = ["FIELDS", "SheetInspection", "FileInspection", "ImportPlan", "RowIssue", "RowWarning", "ImportResult",
           "ImportFileError", "PartialList", "MODES", "PARTIAL_LIST_SHARE", "inspect_file", "run_import",
           "clear_read_cache", "SourceRecord", "raw_cells",
           "source_rows_of"]
