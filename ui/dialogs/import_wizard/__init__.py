"""The import wizard (file → mapping → preview → import → log), in parts: `texts.py` (the words for the
core's codes), `mapping.py` (the column-mapping model), `pages.py` (the pages), `wizard.py` (the wizard,
which runs the core in the background)."""
from ui.dialogs.import_wizard.mapping import FieldDelegate, MappingModel, import_fields
from ui.dialogs.import_wizard.pages import (IMPORT_DIR_KEY, PAGE_FILE, PAGE_LOG, PAGE_MAPPING, PAGE_PREVIEW,
                                            PAGE_RUN)
from ui.dialogs.import_wizard.texts import FILE_ERRORS, ISSUE_TEXTS, NOTE_TEXTS, issue_text
from ui.dialogs.import_wizard.wizard import ImportWizard

__all__ = ["FILE_ERRORS", "IMPORT_DIR_KEY", "ISSUE_TEXTS", "NOTE_TEXTS", "PAGE_FILE", "PAGE_LOG", "PAGE_MAPPING",
           "PAGE_PREVIEW", "PAGE_RUN", "FieldDelegate", "ImportWizard", "MappingModel", "import_fields",
           "issue_text"]
