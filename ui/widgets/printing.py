"""Printing a PDF we wrote: the very file the person previewed goes to the printer (QPrintDialog), page by page."""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

DPI = 200   # pages are rendered at this resolution: sharp text, bounded memory on an old PC


def print_pdf(path, printer: QPrinter) -> int:
    """Send every page of a PDF to a printer, each fitted to the printable area; the pages printed (0: unreadable)."""
    doc = QPdfDocument(None)
    try:
        if doc.load(str(path)) != QPdfDocument.Error.None_ or doc.pageCount() == 0:
            return 0
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        try:
            for i in range(doc.pageCount()):
                if i:
                    printer.newPage()
                points = doc.pagePointSize(i)
                image = doc.render(i, QSize(int(points.width() * DPI / 72), int(points.height() * DPI / 72)))
                area = painter.viewport()
                fitted = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(area.x(), area.y(), fitted.width(), fitted.height()), image)
        finally:
            painter.end()
        return doc.pageCount()
    finally:
        doc.close()
