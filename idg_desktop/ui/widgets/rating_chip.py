"""A rating shown in its colour (the checklist's answer editor)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QLabel

from idg_desktop.ui import palette


class RatingChip(QLabel):
    """The rating, in its colour. Painted rather than styled: a style sheet set
    at each question re-polishes the label and lays the editor out again, while
    this costs one repaint of the chip."""

    PADDING = 6

    def __init__(self) -> None:
        super().__init__()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._fill, self._ink = QColor(palette.WHITE), QColor(palette.INK)
        self._border = QColor(palette.CHIP_OUTLINE)

    def set_rating(self, text: str, fill: QColor, ink: QColor, border: QColor) -> None:
        self._fill, self._ink, self._border = fill, ink, border
        self.setText(text)  # also what a screen reader reads
        self.update()

    def bold_font(self) -> QFont:
        font = QFont(self.font())
        font.setWeight(QFont.Weight.DemiBold)
        return font

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(self._border, 1))
        painter.setBrush(self._fill)
        painter.drawRoundedRect(box, 6, 6)
        painter.setPen(self._ink)
        painter.setFont(self.bold_font())
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.text())
