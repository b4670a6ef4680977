"""A drop-down list that never cuts its text mid-letter: in a narrow window (1024 px) a long entry is shown
shortened with "…" (the list that drops down still shows it whole), and it can be sized to show given texts;
`refill` replaces a list's entries and keeps the person's choice."""
from __future__ import annotations

from typing import Any, Iterable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter


class ElidingComboBox(QComboBox):
    """QComboBox that elides its current text to the room it has (Qt's own clips it)."""

    def text_room(self) -> int:
        """Pixels the style gives the current text."""
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        return self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                           QStyle.SubControl.SC_ComboBoxEditField, self).width()

    def shown_text(self) -> str:
        """The current text as drawn: whole when it fits, else shortened with "…"."""
        return self.fontMetrics().elidedText(self.currentText(), Qt.TextElideMode.ElideRight, max(self.text_room(), 0))

    def width_for(self, texts: Iterable[str]) -> int:
        """The width that shows the widest of these texts whole."""
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        text = max((self.fontMetrics().horizontalAdvance(t) for t in texts), default=0)
        room = QSize(text + 4, self.fontMetrics().height())      # the label's own 1-px margins each side, and a bit
        return self.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, opt, room, self).width()

    def paintEvent(self, _event) -> None:
        # as QComboBox::paintEvent, with the text elided
        painter = QStylePainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt)
        if self.isEditable():
            return              # the line edit draws the text
        if self.currentIndex() < 0 and self.placeholderText():
            opt.palette.setBrush(QPalette.ColorRole.ButtonText, opt.palette.placeholderText())
            opt.currentText = self.placeholderText()
        opt.currentText = self.fontMetrics().elidedText(opt.currentText, Qt.TextElideMode.ElideRight,
                                                         max(self.text_room(), 0))
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, opt)


def refill(combo: QComboBox, items: Iterable[tuple[Any, str]]) -> None:
    """Replace a drop-down list's entries by `items` ((data, text)), keeping the entry chosen where it is still
    there (else the first), without signalling a change (the caller acts on the new choice)."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for data, text in items:
        combo.addItem(text, data)
    i = combo.findData(current)
    combo.setCurrentIndex(i if i >= 0 else 0)
    combo.blockSignals(False)
