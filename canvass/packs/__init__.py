"""Team packs: a workbook per team to fill in offline (`export_pack`), and the merge of the returned
workbook (`import_pack`). See `canvass.packs.merge` for the merge rules and `canvass.packs.returned` for
reading the workbook."""
from canvass.packs.export import PackExportResult, export_pack, team_residents
from canvass.packs.merge import PackImportResult, PackTampered, import_pack

__all__ = ["PackExportResult", "PackImportResult", "PackTampered", "export_pack", "import_pack",
           "team_residents"]
