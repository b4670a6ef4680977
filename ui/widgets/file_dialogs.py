"""Qt's own file dialog (the program uses it where no platform dialog is available, e.g. plain X sessions) at
a size where its Vietnamese texts fit: its columns ("Kích thước" was cut to "Kích thu") and its side bar.

`install(app)` watches every QFileDialog the program opens, including those of the static getOpenFileName /
getSaveFileName calls, and widens each once, when the focus first goes into it (a focus change is rare; an
event filter on the application would run Python for every event of the window)."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication, QFileDialog, QHeaderView, QListView, QSplitter, QTreeView

from ui.widgets.sizing import fit_resize

_FITTED = "_gocua_fitted"
# what a cell of each column shows at most (the name column takes the rest)
_SAMPLES = {1: "1.023,99 KiB", 2: "Bảng tính Excel 2007", 3: "31 12 2026 23:59"}


def fit_file_dialog(dialog: QFileDialog) -> None:
    """Widen the dialog's columns to their titles and values, its side bar to its entries, the dialog to
    about 820 x 540 (or what the screen allows)."""
    tree = dialog.findChild(QTreeView, "treeView")
    if tree is not None:
        header = tree.header()
        fm = tree.fontMetrics()
        for col in range(1, header.count()):
            # the title as the style sheet draws it (bold, padded), and a typical value
            want = max(header.sectionSizeHint(col), fm.horizontalAdvance(_SAMPLES.get(col, "")) + 16)
            if header.sectionSize(col) < want:
                header.resizeSection(col, want)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
    if dialog.width() < 820 or dialog.height() < 540:
        fit_resize(dialog, max(dialog.width(), 820), max(dialog.height(), 540))
    sidebar, splitter = dialog.findChild(QListView, "sidebar"), dialog.findChild(QSplitter, "splitter")
    if sidebar is not None and splitter is not None and splitter.count() == 2:
        model = sidebar.model()
        texts = [str(model.index(r, 0).data() or "") for r in range(model.rowCount())]
        icon = sidebar.iconSize().width() if sidebar.iconSize().width() > 0 else 24
        want = max((sidebar.fontMetrics().horizontalAdvance(t) for t in texts), default=0) \
            + icon + 40      # "Máy tính" was cut to "Má…"
        sizes = splitter.sizes()
        if sizes[0] < want:
            splitter.setSizes([want, max(sum(sizes) - want, 1)])


def _focus_changed(_old, new) -> None:
    dialog = new.window() if new is not None else None
    if isinstance(dialog, QFileDialog) and not dialog.property(_FITTED):
        dialog.setProperty(_FITTED, True)
        fit_file_dialog(dialog)


def install(app: QApplication) -> None:
    """Fit every file dialog the program shows (once per application)."""
    if app.property(_FITTED):
        return
    app.setProperty(_FITTED, True)
    app.focusChanged.connect(_focus_changed)
