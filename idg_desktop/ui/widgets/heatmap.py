"""The integrity profile as a heat map: one row per section (key factor or other
area), one cell per sub-area.

Drawn by hand with QPainter rather than built from a table view because it is
shown on a projector to senior officials: the grid, the spacing and the legend
have to be exact, and everything is measured from ``self.font()`` so that the
window's Ctrl +/- zoom enlarges the whole picture, not just the words.

The widget knows nothing of the database: the page hands it ``ProfileCell``s.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6 import QtGui
from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from idg_desktop.domain import colours as palette
from idg_desktop.domain.vocabulary import Rating
from idg_desktop.services.profile import ProfileCell
from idg_desktop.ui import palette as ui_palette
from idg_desktop.ui.labels import rating_labels
from idg_desktop.ui.text import fmt


def _ink() -> QColor:
    """The window's heading navy (white in high contrast): section codes, hover
    and focus frames."""
    return QColor(ui_palette.text("navy"))


def _muted() -> QColor:
    """The window's intro grey (white in high contrast): headers and the legend's note."""
    return QColor(ui_palette.text("muted"))


def _rule() -> QColor:
    return QColor(ui_palette.text("rule"))


ALIGN = Qt.AlignmentFlag

Key = tuple[int, int]  # (row, column); column 0 is the section's overall cell


@dataclass
class _Row:
    section: str
    title: str
    cells: list[ProfileCell] = field(default_factory=list)  # overall first, then sub-areas


@dataclass
class _Geometry:
    """Where everything goes for one widget size and font; cheap, so recomputed when asked."""

    size: QSize
    pad: int
    code_width: int
    labels: list[QRect]
    cells: dict[Key, QRect]
    overall_header: QRect
    subareas_header: QRect
    legend: list[tuple[str, QRect, QRect, str]]  # rating value, swatch, text rect, text
    note: QRect


class IntegrityHeatMap(QWidget):
    """Ratings per section and sub-area, each cell coloured by ``palette.score``.

    Click a cell, or move to it with the arrow keys and press Enter or Space,
    to emit ``cellActivated(section, subarea)``; the overall column gives "".
    """

    cellActivated = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._focus: Key = (0, 0)
        self._hover: Key | None = None
        self._pressed: Key | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)

    # -- API --------------------------------------------------------------------

    def set_cells(self, cells: list[ProfileCell]) -> None:
        """Show ``integrity_profile``'s cells (each section's total, then its sub-areas).

        A section without sub-areas (CT, MS, GE) comes with one sub-area labelled
        "" that repeats the total; it is dropped, so the row shows its overall
        cell only and "" keeps meaning "the whole section".
        """
        rows: list[_Row] = []
        for cell in cells:
            if not rows or rows[-1].section != cell.section:
                rows.append(_Row(cell.section, cell.title, [cell]))
            elif cell.subarea:
                rows[-1].cells.append(cell)
        self._rows = rows
        self._focus = self._clamp(*self._focus)
        self._hover = None
        self.updateGeometry()
        self.update()

    def cell_at(self, point: QPoint) -> tuple[str, str] | None:
        key = self._key_at(point)
        return None if key is None else self._ids(key)

    def cell_rect(self, section: str, subarea: str) -> QRect:
        """The cell's rectangle in widget coordinates (an empty QRect if there is none)."""
        for r, row in enumerate(self._rows):
            for c in range(len(row.cells)):
                if self._ids((r, c)) == (section, subarea):
                    return QRect(self._geometry().cells[(r, c)])
        return QRect()

    def sizeHint(self) -> QSize:
        return self._geometry(10_000, 0).size.expandedTo(self.minimumSizeHint())

    def minimumSizeHint(self) -> QSize:
        width = self._geometry(0, 0).size.width()
        return QSize(width, self._geometry(width, 0).size.height())

    # -- words --------------------------------------------------------------------

    def _note_text(self) -> str:
        return self.tr(
            "Colour: average rating of the questions rated (not applicable ones left out). "
            "Figures: questions rated / questions."
        )

    def _tooltip(self, key: Key) -> str:
        row, cell = self._rows[key[0]], self._rows[key[0]].cells[key[1]]
        if key[1]:
            heading = f"{row.section} {cell.subarea} — {cell.title}"
        else:
            heading = fmt(self.tr("%1 — %2 (whole section)"), row.section, row.title)
        rated = fmt(self.tr("%1 of %2 questions rated"), cell.assessed, cell.questions)
        lines = [heading, rated]
        names = rating_labels()
        value = palette.score(cell)
        if value is not None:
            nearest = names[palette.nearest_rating(value).value]
            lines.append(fmt(self.tr("Average %1 of 4, nearest to: %2"), f"{value:.1f}", nearest))
        lines.append("")
        lines += [f"{name}: {cell.ratings.get(rating, 0)}" for rating, name in names.items()]
        return "\n".join(lines)

    # -- geometry -----------------------------------------------------------------

    def _bold(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _columns(self) -> int:
        return max((len(row.cells) - 1 for row in self._rows), default=0)

    def _geometry(self, width: int | None = None, height: int | None = None) -> _Geometry:
        """Lay out for ``width`` × ``height`` (default: the widget's own size).

        Every length is a multiple of the font's line height. Cells grow with
        spare room up to a limit, so a projector gets big blocks rather than a
        grid spread thin; when room is short, section titles are elided first.
        """
        fm, fmb = QFontMetrics(self.font()), QFontMetrics(self._bold())
        lh = fm.height()
        pad, gap, group_gap = round(lh * 0.55), max(2, round(lh * 0.2)), lh
        margin = max(4, round(lh * 0.3))  # room for the focus frame; the page adds its own
        width = self.width() if width is None else width
        height = self.height() if height is None else height
        columns = self._columns()
        cell_min = fm.horizontalAdvance("VIII") + fmb.horizontalAdvance("88/88") + 3 * pad
        overall_min = max(cell_min, fmb.horizontalAdvance(self.tr("Overall")) + 2 * pad)
        code_w = max((fmb.horizontalAdvance(row.section) for row in self._rows), default=0)
        title_w = max((fm.horizontalAdvance(row.title) for row in self._rows), default=0)
        label_full = code_w + pad + title_w + 2 * pad
        label_min = code_w + pad + fm.averageCharWidth() * 16 + 2 * pad
        grid_min = overall_min + (group_gap + columns * (cell_min + gap) - gap if columns else 0)
        room = width - 2 * margin
        label_w = max(label_min, min(label_full, room - grid_min))
        spare = max(0, room - label_w - grid_min)
        grow = 1 + min(0.6, spare / max(1, overall_min + columns * cell_min))
        cell_w, overall_w = round(cell_min * grow), round(overall_min * grow)
        grid_w = overall_w + (group_gap + columns * (cell_w + gap) - gap if columns else 0)

        legend, note = self._legend_layout(fm, margin, label_w + grid_w, lh, pad)
        header_h, rows = lh + gap, max(1, len(self._rows))
        fixed = 2 * margin + header_h + 2 * gap + lh + note.bottom()
        row_h = max(round(lh * 1.9), min(round(lh * 3.2), (height - fixed) // rows - gap))

        x_grid, top = margin + label_w, margin + header_h + 2 * gap
        labels, cells = [], {}
        for r, row in enumerate(self._rows):
            y = top + r * (row_h + gap)
            labels.append(QRect(margin, y, label_w - pad, row_h))
            cells[(r, 0)] = QRect(x_grid, y, overall_w, row_h)
            for c in range(1, len(row.cells)):
                x = x_grid + overall_w + group_gap + (c - 1) * (cell_w + gap)
                cells[(r, c)] = QRect(x, y, cell_w, row_h)
        shift = top + len(self._rows) * (row_h + gap) - gap + lh  # the legend's top
        legend = [(k, s.translated(0, shift), t.translated(0, shift), x) for k, s, t, x in legend]
        return _Geometry(
            size=QSize(label_w + grid_w + 2 * margin, shift + note.bottom() + margin),
            pad=pad,
            code_width=code_w,
            labels=labels,
            cells=cells,
            overall_header=QRect(x_grid, margin, overall_w, header_h),
            subareas_header=QRect(x_grid + overall_w + group_gap, margin, grid_w, header_h),
            legend=legend,
            note=note.translated(0, shift),
        )

    def _legend_layout(
        self, fm: QFontMetrics, left: int, width: int, lh: int, pad: int
    ) -> tuple[list[tuple[str, QRect, QRect, str]], QRect]:
        """Swatches flowed into lines of ``width`` from y = 0, then a note on the figures."""
        items, x, y = [], left, 0
        swatch = QSize(round(lh * 1.6), lh)
        extra = (Rating.NOT_APPLICABLE, Rating.NOT_ASSESSED)
        for rating in (*palette.RATING_LADDER, *extra):
            text = rating_labels()[rating.value]
            item_w = swatch.width() + pad // 2 + fm.horizontalAdvance(text)
            if x > left and x + item_w > left + width:
                x, y = left, y + lh + pad // 2
            text_rect = QRect(x + swatch.width() + pad // 2, y, item_w - swatch.width(), lh)
            items.append((rating.value, QRect(QPoint(x, y), swatch), text_rect, text))
            x += item_w + 2 * pad
        wrap = QRect(0, 0, width, 10 * lh)
        note_h = fm.boundingRect(wrap, Qt.TextFlag.TextWordWrap, self._note_text()).height()
        return items, QRect(left, y + lh + pad // 2, width, note_h)

    # -- painting -----------------------------------------------------------------

    def paintEvent(self, _event: QtGui.QPaintEvent) -> None:
        geo = self._geometry()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm, text_colour = QFontMetrics(self.font()), self.palette().windowText().color()
        if geo.labels:
            p.setPen(_muted())
            overall = self.tr("Overall")
            p.drawText(geo.overall_header, ALIGN.AlignHCenter | ALIGN.AlignBottom, overall)
            if self._columns():
                sub_areas = self.tr("Sub-areas")
                p.drawText(geo.subareas_header, ALIGN.AlignLeft | ALIGN.AlignBottom, sub_areas)
            p.setPen(QPen(_rule(), 1))
            rule_y = geo.overall_header.bottom() + geo.pad // 3
            right = max(rect.right() for rect in geo.cells.values())
            p.drawLine(geo.labels[0].left(), rule_y, right, rule_y)
        for rect, row in zip(geo.labels, self._rows, strict=True):
            p.setFont(self._bold())
            p.setPen(_ink())
            p.drawText(rect, ALIGN.AlignLeft | ALIGN.AlignVCenter, row.section)
            p.setFont(self.font())
            p.setPen(text_colour)
            title_rect = rect.adjusted(geo.code_width + geo.pad, 0, 0, 0)
            title = fm.elidedText(row.title, Qt.TextElideMode.ElideRight, title_rect.width())
            p.drawText(title_rect, ALIGN.AlignLeft | ALIGN.AlignVCenter, title)
        for (r, c), rect in geo.cells.items():
            self._paint_cell(p, rect, self._rows[r].cells[c], geo.pad, overall=c == 0)
        p.setFont(self.font())
        for rating, swatch, text_rect, text in geo.legend:
            self._paint_fill(p, swatch, rating)
            p.setPen(text_colour)
            p.drawText(text_rect, ALIGN.AlignLeft | ALIGN.AlignVCenter, text)
        p.setPen(_muted())
        wrap = ALIGN.AlignLeft | ALIGN.AlignTop | Qt.TextFlag.TextWordWrap
        p.drawText(geo.note, wrap, self._note_text())
        p.setBrush(Qt.BrushStyle.NoBrush)
        if self._hover in geo.cells:
            rect = geo.cells[self._hover]
            p.setPen(QPen(_ink(), max(1, fm.height() // 12)))
            p.drawRoundedRect(rect, rect.height() // 8, rect.height() // 8)
        if self.hasFocus() and self._focus in geo.cells:
            frame = max(2, fm.height() // 6)  # thick enough to see from the back of the room
            rect = geo.cells[self._focus].adjusted(-frame, -frame, frame, frame)
            p.setPen(QPen(_ink(), frame))
            p.drawRoundedRect(rect, rect.height() // 8, rect.height() // 8)
        p.end()

    @staticmethod
    def _look(cell: ProfileCell) -> str:
        """The rating whose colour the cell takes; "nothing rated" never borrows a ladder colour."""
        value = palette.score(cell)
        if value is not None:
            return palette.nearest_rating(value).value
        return Rating.NOT_APPLICABLE.value if cell.assessed else Rating.NOT_ASSESSED.value

    @staticmethod
    def _paint_fill(p: QPainter, rect: QRect, rating: str) -> QColor:
        """Fill ``rect`` in ``rating``'s look and return the colour for text on it."""
        radius = max(2, rect.height() // 8)
        fill = QColor(palette.RATING_COLOURS[rating])
        if rating == Rating.NOT_ASSESSED.value:  # dashed and pale: nothing to read here yet
            p.setPen(QPen(QColor(palette.NOT_ASSESSED_OUTLINE), 1.2, Qt.PenStyle.DashLine))
            p.setBrush(fill)
            p.drawRoundedRect(rect.adjusted(1, 1, -1, -1), radius, radius)
            return QColor(palette.NOT_ASSESSED_TEXT)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(fill)
        p.drawRoundedRect(rect, radius, radius)
        if rating == Rating.NOT_APPLICABLE.value:
            p.setBrush(QBrush(QColor(palette.NOT_APPLICABLE_HATCH), Qt.BrushStyle.BDiagPattern))
            p.drawRoundedRect(rect, radius, radius)
        return QColor(palette.rating_text_colour(rating))

    def _paint_cell(
        self, p: QPainter, rect: QRect, cell: ProfileCell, pad: int, *, overall: bool
    ) -> None:
        p.setPen(self._paint_fill(p, rect, self._look(cell)))
        inner = rect.adjusted(pad, 0, -pad, 0)
        if not overall:
            p.setFont(self.font())
            p.drawText(inner, ALIGN.AlignLeft | ALIGN.AlignVCenter, cell.subarea)
        p.setFont(self._bold())
        where = ALIGN.AlignHCenter if overall else ALIGN.AlignRight
        p.drawText(inner, where | ALIGN.AlignVCenter, f"{cell.assessed}/{cell.questions}")

    # -- interaction --------------------------------------------------------------

    def _clamp(self, row: int, column: int) -> Key:
        if not self._rows:
            return (0, 0)
        row = min(max(row, 0), len(self._rows) - 1)
        return row, min(max(column, 0), len(self._rows[row].cells) - 1)

    def _key_at(self, point: QPoint) -> Key | None:
        return next((k for k, r in self._geometry().cells.items() if r.contains(point)), None)

    def _ids(self, key: Key) -> tuple[str, str]:
        row = self._rows[key[0]]
        return row.section, row.cells[key[1]].subarea if key[1] else ""

    def _move_focus(self, key: Key) -> None:
        self._focus = self._clamp(*key)
        self.setAccessibleDescription(self._tooltip(self._focus))  # read out by screen readers
        self.update()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QtGui.QHelpEvent):
            key = self._key_at(event.pos())
            if key is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self._tooltip(key), self)
            return True
        return super().event(event)

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        (row, column), k = self._focus, Qt.Key
        steps = {k.Key_Left: (0, -1), k.Key_Right: (0, 1), k.Key_Up: (-1, 0), k.Key_Down: (1, 0)}
        step, end = steps.get(event.key()), {k.Key_Home: 0, k.Key_End: 99}.get(event.key())
        if self._rows and step:
            self._move_focus((row + step[0], column + step[1]))
        elif self._rows and end is not None:
            self._move_focus((row, end))
        elif self._rows and event.key() in (k.Key_Return, k.Key_Enter, k.Key_Space):
            self.cellActivated.emit(*self._ids(self._focus))
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:
        self._pressed = self._key_at(event.position().toPoint())
        if self._pressed is not None and event.button() == Qt.MouseButton.LeftButton:
            self._move_focus(self._pressed)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:
        key = self._key_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and key is not None and key == self._pressed:
            self.cellActivated.emit(*self._ids(key))
        self._pressed = None
        super().mouseReleaseEvent(event)

    def mouseMoveEvent(self, event: QtGui.QMouseEvent) -> None:
        key = self._key_at(event.position().toPoint())
        if key != self._hover:
            self._hover = key
            hand = Qt.CursorShape.PointingHandCursor
            self.setCursor(hand if key is not None else Qt.CursorShape.ArrowCursor)
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = None
        self.update()
        super().leaveEvent(event)
