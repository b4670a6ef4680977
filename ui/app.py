"""Start the Qt application (placeholder until the window issue lands)."""
from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    """Open the main window."""
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(sys.argv[:1] + list(argv))
    label = QLabel("Gõ Cửa")
    label.show()
    return app.exec()
