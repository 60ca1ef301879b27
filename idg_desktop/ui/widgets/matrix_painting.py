"""How the priority matrix is drawn: the axes and their levels, the cells (the
quick-results cell hatched and framed thick, with its caption), each
activity's chip with its tag, the cell a dragged activity would land in, and
the dragged chip following the cursor.

Drawn with QPainter because it is read from the back of the room: text is
sized from the widget's height, and the IDG's "quick results" cell (high
impact, easy) is marked by words and a thick hatched frame, not colour alone.
Kept apart from the widget's geometry and interaction
(``priority_matrix.py``), which it reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6 import QtGui
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPen

from idg_desktop.services.activities import MatrixCell
from idg_desktop.ui import palette
from idg_desktop.ui.text import fmt

INK = QColor(palette.NAVY)
MUTED = QColor(palette.MUTED)
RULE = QColor(palette.RULE)
CELL = QColor(palette.CELL)
QUICK = QColor(palette.QUICK)
QUICK_HATCH = QColor(palette.QUICK_HATCH)
CHIP = QColor(palette.WHITE)
DROP = QColor(
    INK.red(), INK.green(), INK.blue(), 40
)  # INK, translucent: the cell a dragged activity would land in
ALIGN = Qt.AlignmentFlag
LEVELS_DOWN = ("high", "medium", "low")  # rows, top to bottom
LEVELS_ACROSS = ("low", "medium", "high")  # columns, left to right


@dataclass(frozen=True)
class MatrixItem:
    """What the widget needs of an activity: no database objects in the widget."""

    id: str
    section: str
    title: str


def wrap(
    fm: QFontMetrics, text: str, width: int, lines: int, first: int | None = None
) -> list[str]:
    """``text`` in at most ``lines`` lines of ``width`` (the first ``first``
    wide, if given), the last one elided."""
    out: list[str] = []
    words = text.split()

    def room() -> int:
        return first if first is not None and not out else width

    while words and len(out) < lines - 1:
        line = words.pop(0)
        while words and fm.horizontalAdvance(f"{line} {words[0]}") <= room():
            line = f"{line} {words.pop(0)}"
        out.append(line)
    if words:
        out.append(fm.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, room()))
    return out


class MatrixPainting:
    """The painting half of :class:`~idg_desktop.ui.widgets.priority_matrix.PriorityMatrix`."""

    def paintEvent(self, _event: QtGui.QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if palette.high_contrast():  # the matrix keeps its house colours, on a white panel
            p.fillRect(self.rect(), QColor(palette.WHITE))
        bold, lh = self._bold(), QFontMetrics(self.text_font()).height()
        grid, levels = self._grid(), self._levels
        p.setFont(bold)
        p.setPen(INK)
        for level in LEVELS_DOWN:
            row = self.cell_rect("low", level)
            p.drawText(
                QRect(lh + 4, row.top(), grid.left() - lh - 12, row.height()),
                ALIGN.AlignRight | ALIGN.AlignVCenter,
                levels[level],
            )
        for level in LEVELS_ACROSS:
            col = self.cell_rect(level, "low")
            p.drawText(
                QRect(col.left(), grid.bottom() + 4, col.width(), lh),
                ALIGN.AlignHCenter | ALIGN.AlignTop,
                levels[level],
            )
        p.drawText(
            QRect(grid.left(), grid.bottom() + lh + 8, grid.width(), lh + 4),
            ALIGN.AlignHCenter | ALIGN.AlignTop,
            self._x_label + "  →",
        )
        p.save()
        p.translate(2, grid.center().y())
        p.rotate(-90)
        p.drawText(
            QRect(-grid.height() // 2, 0, grid.height(), lh + 4),
            ALIGN.AlignHCenter | ALIGN.AlignTop,
            self._y_label + "  →",
        )
        p.restore()
        for cell in self._cells:
            self._paint_cell(p, cell)
        target = self.drop_target()
        if target is not None:  # where the dragged activity would land: filled and dashed
            rect = self.cell_rect(*target)
            p.setBrush(DROP)
            p.setPen(QPen(INK, max(3, lh // 6), Qt.PenStyle.DashLine))
            p.drawRect(rect.adjusted(2, 2, -2, -2))
        rects = self.item_rects()
        for activity_id, rect in rects.items():
            if activity_id == self._drag:  # left behind as a dashed, faded outline
                p.setOpacity(0.35)
                self._paint_chip(p, rect, self._items[activity_id])
                p.setOpacity(1.0)
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.setPen(QPen(INK, 1, Qt.PenStyle.DashLine))
                p.drawRoundedRect(rect, 4, 4)
            else:
                self._paint_chip(p, rect, self._items[activity_id])
        placed = list(rects)
        if self.hasFocus() and placed and self._drag is None:
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(INK, max(2, lh // 8)))
            p.drawRoundedRect(
                rects[placed[min(self._focus, len(placed) - 1)]].adjusted(-2, -2, 2, 2), 4, 4
            )
        if self._drag is not None and self._drag in rects:  # the label follows the cursor
            floating = QRect(self._drag_pos - self._drag_offset, rects[self._drag].size())
            p.setOpacity(0.9)
            self._paint_chip(p, floating, self._items[self._drag], QPen(INK, max(2, lh // 8)))
            p.setOpacity(1.0)
        p.end()

    def _paint_chip(
        self, p: QPainter, rect: QRect, item: MatrixItem, frame: QPen | None = None
    ) -> None:
        font, bold = self.text_font(), self._bold()
        fm, lh = QFontMetrics(font), QFontMetrics(font).height()
        quick, tag = self._quick.get(item.id, False), self.tag_text(item.id)
        p.setPen(frame or (QPen(INK, max(2, lh // 10)) if quick else QPen(RULE, 1)))
        p.setBrush(CHIP)
        p.drawRoundedRect(rect, 4, 4)
        inner = rect.adjusted(lh // 4, 0, -lh // 4, 0)
        tag_rect = self._tag_rect(rect, tag) if tag else QRect()
        if tag:  # a quick result: white on navy; not one (high cost): grey, outlined
            p.setPen(Qt.PenStyle.NoPen if quick else QPen(MUTED, 1))
            p.setBrush(INK if quick else CHIP)
            p.drawRoundedRect(tag_rect, 3, 3)
            p.setFont(self._tag_font())
            p.setPen(CHIP if quick else MUTED)
            p.drawText(tag_rect, ALIGN.AlignCenter, tag)
        p.setFont(bold)
        p.setPen(INK)
        code_rect = QRect(inner.left(), rect.top() + lh // 8, inner.width(), lh)
        p.drawText(code_rect, ALIGN.AlignLeft | ALIGN.AlignVCenter, item.section)
        code_w = QFontMetrics(bold).horizontalAdvance(item.section + "  ")
        p.setFont(font)
        p.setPen(QColor(palette.INK))  # on the white chip, whatever the theme
        width, lines = inner.width() - code_w, rect.height() // lh
        first = tag_rect.left() - lh // 4 - inner.left() - code_w if tag else None
        for n, line in enumerate(wrap(fm, item.title, width, lines, first)):
            p.drawText(
                QRect(inner.left() + code_w, rect.top() + lh // 8 + n * lh, width, lh),
                ALIGN.AlignLeft | ALIGN.AlignVCenter,
                line,
            )

    def _paint_cell(self, p: QPainter, cell: MatrixCell) -> None:
        rect, lh = self.cell_rect(cell.x, cell.y), QFontMetrics(self.text_font()).height()
        p.setPen(QPen(RULE, 1))
        p.setBrush(QUICK if cell.quick_results else CELL)
        p.drawRect(rect)
        if cell.quick_results:  # hatched and framed thick: visible without colour
            p.setBrush(QBrush(QUICK_HATCH, Qt.BrushStyle.BDiagPattern))
            p.setPen(QPen(INK, max(4, lh // 5)))
            p.drawRect(rect)
            caption = self._caption_rect(cell)
            p.setFont(self._bold())
            p.setPen(INK)
            box = QFontMetrics(self._bold()).boundingRect(self.tr("Quick results: start here"))
            back = QRect(
                caption.left() + lh // 3, caption.top(), box.width() + lh // 2, caption.height()
            )
            p.fillRect(back, QUICK)
            p.drawText(back, ALIGN.AlignCenter, self.tr("Quick results: start here"))
        hidden = len(cell.activities) - sum(1 for a in cell.activities if a in self.item_rects())
        if hidden:
            p.setFont(self.text_font())
            p.setPen(MUTED)
            more = fmt(self.tr("+%1 more (see the tooltip)"), str(hidden))
            p.drawText(
                rect.adjusted(lh // 3, 0, -lh // 3, -lh // 4),
                ALIGN.AlignLeft | ALIGN.AlignBottom,
                more,
            )
