"""How an import takes its list, on the import wizard's preview: the choice complete list / supplement (shown when
the list would mark someone activated per system; required, with the number in red, when the core's dry run says
`partial_list`) and the note on the extraction date, the kind and an older list. Words only: the rules are in
`canvass.importing.reconcile`."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QGroupBox, QLabel, QRadioButton, QVBoxLayout, QWidget

from ui.i18n import fmt_int

RED = "#c5221f"


class ListKindBox(QGroupBox):
    """Two radio buttons (complete list, supplement) and a line on what a complete import would mark."""

    changed = Signal()

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setTitle(self.tr("What kind of list is this?"))
        self.setObjectName("wizardModeBox")
        self.warning = QLabel(self)
        self.warning.setObjectName("wizardModeWarning")
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.RichText)
        self.complete = QRadioButton(self.tr("&Complete list: residents of its hamlets missing from it have "
                                             "activated"), self)
        self.complete.setObjectName("wizardModeComplete")
        self.complete.setToolTip(self.tr("The whole current list of accounts not yet activated for the hamlets "
                                         "it covers"))
        self.supplement = QRadioButton(self.tr("&Supplement (danh sách bổ sung, one team's list): add and "
                                               "update only, mark nobody activated"), self)
        self.supplement.setObjectName("wizardModeSupplement")
        self.supplement.setToolTip(self.tr("A partial list: residents missing from it are left as they are"))
        self.group = QButtonGroup(self)
        self.group.addButton(self.complete)
        self.group.addButton(self.supplement)
        self.group.buttonToggled.connect(lambda *_: self.changed.emit())
        lay = QVBoxLayout(self)
        lay.addWidget(self.warning)
        lay.addWidget(self.complete)
        lay.addWidget(self.supplement)
        self.hide()

    def mode(self) -> Optional[str]:
        """The kind of list the person chose: "complete", "supplement" or None (not chosen)."""
        return "complete" if self.complete.isChecked() else "supplement" if self.supplement.isChecked() else None

    def set_mode(self, mode: Optional[str]) -> None:
        """Tick one choice, or none."""
        self.group.setExclusive(False)
        self.complete.setChecked(mode == "complete")
        self.supplement.setChecked(mode == "supplement")
        self.group.setExclusive(True)

    def show_for(self, res) -> None:
        """Show the choice for a dry run's result: nothing ticked (and the number in red) for a partial-looking
        list, "complete" ticked otherwise; hidden when nobody would be marked."""
        self.set_mode(None)
        self.setVisible(bool(res.would_activate))
        if res.partial_list:
            self.warning.setText(f"<p style='color:{RED}'><b>" + self.tr(
                "This list would mark %1 of the %2 open residents of its hamlets as activated per system.")
                .replace("%1", fmt_int(res.would_activate)).replace("%2", fmt_int(res.open_residents))
                + "</b> " + self.tr("A daily list marks a few in a hundred. Nothing is written until you say "
                                    "what kind of list it is.") + "</p>")
        else:
            self.set_mode("complete")
            self.warning.setText(self.tr("Residents of its hamlets missing from the list: %1.")
                                 .replace("%1", fmt_int(res.would_activate)))


def list_html(res, preview: bool, mode: Optional[str]) -> str:
    """How the list is taken: its extraction date and where it came from, its kind, and an older list's note."""
    day = getattr(res, "extracted_on", None)
    if day is None:
        return ""
    source = {"given": QCoreApplication.translate("ListKindBox", "as given"),
              "heading": QCoreApplication.translate("ListKindBox", "from the list's heading"),
              "import_day": QCoreApplication.translate("ListKindBox", "the list names no date: today"),
              }.get(res.extracted_from, "")
    parts = [QCoreApplication.translate("ListKindBox", "Extracted on %1 (%2).")
             .replace("%1", day.strftime("%d/%m/%Y")).replace("%2", source)]
    kind = (mode or res.mode) if preview else res.mode
    if not (preview and res.partial_list and mode is None):
        parts.append(QCoreApplication.translate("ListKindBox", "Imported as the complete list.") if kind == "complete"
                     else QCoreApplication.translate("ListKindBox",
                                                     "Imported as a supplement: nobody is marked activated."))
    if res.newer_list:
        parts.append("<b>" + QCoreApplication.translate(
            "ListKindBox", "A list extracted on %1 was already imported for these hamlets: this older list marks "
            "nobody activated, re-opens nobody and leaves %2 resident(s) as the newer list set them; it only adds "
            "residents never seen.").replace("%1", res.newer_list.strftime("%d/%m/%Y"))
            .replace("%2", str(res.kept_newer)) + "</b>")
    return "<p>" + " ".join(parts) + "</p>"
