"""The import wizard (file → mapping → preview → import → log), in parts: `texts.py` (the words for the
core's codes), `mapping.py` (the column-mapping model), `pages.py` (the pages), `wizard.py` (the wizard,
which runs the core in the background)."""
from ui.dialogs.import_wizard.mapping import FieldDelegate, MappingModel, import_fields
from ui.dialogs.import_wizard.pages import (IMPORT_DIR_KEY, PAGE_FILE, PAGE_LOG, PAGE_MAPPING, PAGE_PREVIEW,
                                            PAGE_RUN)
from ui.dialogs.import_wizard.texts import issue_text
from ui.dialogs.import_wizard.wizard import ImportWizard

__all__ = ["IMPORT_DIR_KEY", "PAGE_FILE", "PAGE_LOG", "PAGE_MAPPING",
           "PAGE_PREVIEW", "PAGE_RUN", "FieldDelegate", "ImportWizard", "MappingModel", "import_fields",
           "issue_text"]
