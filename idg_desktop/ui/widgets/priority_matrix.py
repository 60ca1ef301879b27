"""The priority matrix widget (IDG Part III): activities placed on a 3×3 grid
of two criteria, by default impact (vertical) against ease of implementation.

Each activity that is a quick result (its cost not high as well) carries its
own "Quick result" tag, white on navy, and a thick frame; one in that cell
whose cost is high is tagged "High cost" in grey instead. How it is drawn is
``matrix_painting.py``'s; this module holds its geometry and interaction.

Moving an activity to another cell: by dragging its label with the mouse (only
past the platform's drag distance, so a click still opens it), with Ctrl+arrow
keys on the focused activity, or from its context menu. The widget only asks
for the move (:attr:`PriorityMatrix.activityMoved`); the page rates the
activity through the workspace.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6 import QtGui
from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QMenu, QToolTip, QWidget

from idg_desktop.services.activities import MatrixCell
from idg_desktop.ui.widgets.matrix_painting import (
    LEVELS_ACROSS,
    LEVELS_DOWN,
    MatrixItem,
    MatrixPainting,
)


class PriorityMatrix(MatrixPainting, QWidget):
    """The grid; ``activityClicked(id)`` on a click, or Enter on the focused activity;
    ``activityMoved(id, x_level, y_level)`` when an activity is dropped on another
    cell (or moved there with Ctrl+arrow keys or the context menu)."""

    activityClicked = Signal(str)
    activityMoved = Signal(str, str, str)

    def __init__(self, levels: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._levels = dict(levels)  # the level names: "low", "medium", "high" in words
        self._cells: list[MatrixCell] = []
        self._items: dict[str, MatrixItem] = {}
        self._quick: dict[str, bool] = {}  # activity id → a quick result (its own flag)
        self._quick_cell: set[str] = set()  # the activities in the quick-results cell
        self._x_label = self._y_label = ""
        self._focus = 0
        self._press: tuple[str, QPoint] | None = None  # activity under a left press, where
        self._drag: str | None = None  # the activity being dragged, past the drag distance
        self._drag_pos = QPoint()
        self._drag_offset = QPoint()  # from the chip's corner to the cursor
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(480, 360)

    def set_data(
        self, cells: list[MatrixCell], items: list[MatrixItem], x_label: str, y_label: str
    ) -> None:
        focused = self.focused_activity()
        self._cells, self._x_label, self._y_label = list(cells), x_label, y_label
        self._items = {item.id: item for item in items}
        self._quick = {e.id: e.quick_result for cell in cells for e in cell.entries}
        self._quick_cell = {a for cell in cells if cell.quick_results for a in cell.activities}
        placed = self._placed()
        if focused in placed:  # the focus stays on the same activity, even after a move
            self._focus = placed.index(focused)
        else:
            self._focus = min(self._focus, max(0, len(placed) - 1))
        if self._drag is not None and self._drag not in placed:
            self._end_drag()
        self.update()

    def item(self, activity_id: str) -> MatrixItem | None:
        return self._items.get(activity_id)

    def focused_activity(self) -> str | None:
        """The activity with the keyboard focus frame (None if no activity is placed)."""
        placed = self._placed()
        return placed[min(self._focus, len(placed) - 1)] if placed else None

    def set_focused_activity(self, activity_id: str) -> None:
        placed = self._placed()
        if activity_id in placed:
            self._focus = placed.index(activity_id)
            self.setAccessibleDescription(self._short(self._items[activity_id]))
            self.update()

    def quick_result_marked(self, activity_id: str) -> bool:
        """Whether the activity's chip is shown tagged "Quick result"."""
        return self._quick.get(activity_id, False) and activity_id in self.item_rects()

    def tag_text(self, activity_id: str) -> str:
        """The tag on the activity's chip: "Quick result", "High cost" (in the
        quick-results cell but not one), or ""."""
        if self._quick.get(activity_id):
            return self.tr("Quick result")
        return self.tr("High cost") if activity_id in self._quick_cell else ""

    def tag_rect(self, activity_id: str) -> QRect:
        """Where the tag is painted, at the end of the chip's first line (empty if none)."""
        chip, text = self.chip_rect(activity_id), self.tag_text(activity_id)
        return self._tag_rect(chip, text) if text and not chip.isEmpty() else QRect()

    def _tag_font(self) -> QFont:
        return self._bold(0.8)

    def _tag_rect(self, chip: QRect, text: str) -> QRect:
        lh = QFontMetrics(self.text_font()).height()
        fm = QFontMetrics(self._tag_font())
        width = fm.horizontalAdvance(text) + lh // 2
        return QRect(chip.right() - lh // 4 - width, chip.top() + lh // 8 + 1, width, lh - 2)

    def dragged_activity(self) -> str | None:
        """The activity being dragged with the mouse, if any."""
        return self._drag

    # -- geometry -----------------------------------------------------------------

    def text_font(self) -> QFont:
        """The label font: at least the window's, and 1/44 of the height (24 px at 1080)."""
        font = QFont(self.font())
        font.setPixelSize(max(QFontMetrics(self.font()).height(), round(self.height() / 44)))
        return font

    def _bold(self, scale: float = 1.0) -> QFont:
        font = self.text_font()
        font.setBold(True)
        font.setPixelSize(round(font.pixelSize() * scale))
        return font

    def _grid(self) -> QRect:
        lh = QFontMetrics(self.text_font()).height()
        left = 2 * lh + QFontMetrics(self._bold()).horizontalAdvance(self._levels["medium"])
        return self.rect().adjusted(left, lh // 2, -lh // 2, -3 * lh)

    def cell_rect(self, x_level: str, y_level: str) -> QRect:
        """The cell for those levels (x horizontal, y vertical) in widget coordinates."""
        grid = self._grid()
        col, row = LEVELS_ACROSS.index(x_level), LEVELS_DOWN.index(y_level)
        w, h = grid.width() // 3, grid.height() // 3
        return QRect(grid.left() + col * w, grid.top() + row * h, w, h).adjusted(3, 3, -3, -3)

    def _caption_rect(self, cell: MatrixCell) -> QRect:
        rect = self.cell_rect(cell.x, cell.y)
        lh = QFontMetrics(self._bold()).height()
        return (
            QRect(rect.left(), rect.top() + lh // 4, rect.width(), lh)
            if cell.quick_results
            else QRect()
        )

    def item_rects(self) -> dict[str, QRect]:
        """Each placed activity's label; a cell too full ends with a "+n more" line."""
        lh = QFontMetrics(self.text_font()).height()
        rects: dict[str, QRect] = {}
        for cell in self._cells:
            rect = self.cell_rect(cell.x, cell.y).adjusted(lh // 3, lh // 3, -lh // 3, -lh // 3)
            top = rect.top() + (
                self._caption_rect(cell).height() + lh // 4 if cell.quick_results else 0
            )
            count, gap = len(cell.activities), lh // 5
            lines = (
                2 if count * (2 * lh + lh // 4 + gap) <= rect.bottom() - top else 1
            )  # two if room
            step = lines * lh + lh // 4 + gap
            room = max(0, (rect.bottom() - top) // step)
            shown = cell.activities if count <= room else cell.activities[: max(0, room - 1)]
            for n, activity_id in enumerate(shown):
                rects[activity_id] = QRect(rect.left(), top + n * step, rect.width(), step - gap)
        return rects

    def chip_rect(self, activity_id: str) -> QRect:
        """The activity's label in widget coordinates (empty if not shown)."""
        return self.item_rects().get(activity_id, QRect())

    def cell_at(self, point: QPoint) -> tuple[str, str] | None:
        """The (x level, y level) of the cell under ``point``, gaps included."""
        for x_level in LEVELS_ACROSS:
            for y_level in LEVELS_DOWN:
                if self.cell_rect(x_level, y_level).adjusted(-3, -3, 3, 3).contains(point):
                    return x_level, y_level
        return None

    def cell_of(self, activity_id: str) -> tuple[str, str] | None:
        """Where the activity is placed: (x level, y level), or None if unplaced."""
        return next(((c.x, c.y) for c in self._cells if activity_id in c.activities), None)

    def drop_target(self) -> tuple[str, str] | None:
        """The cell the dragged activity would move to if dropped now (not its own)."""
        if self._drag is None:
            return None
        target = self.cell_at(self._drag_pos)
        return target if target != self.cell_of(self._drag) else None

    def quick_results_shown(self) -> bool:
        return any(cell.quick_results for cell in self._cells)

    def _placed(self) -> list[str]:
        return list(self.item_rects())

    def _item_at(self, point: QPoint) -> str | None:
        return next((i for i, r in self.item_rects().items() if r.contains(point)), None)

    def _short(self, item: MatrixItem) -> str:
        tag = self.tag_text(item.id)
        return f"{item.section}  {item.title}" + (f" ({tag})" if tag else "")

    # -- interaction --------------------------------------------------------------

    def _cell_tooltip(self, point: QPoint) -> str | None:
        for cell in self._cells:
            if self.cell_rect(cell.x, cell.y).contains(point):
                lines = [self._short(self._items[a]) for a in cell.activities]
                return "\n".join(lines) if lines else None
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QtGui.QHelpEvent):
            item = self._item_at(event.pos())
            text = self._short(self._items[item]) if item else self._cell_tooltip(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        placed, k = self._placed(), Qt.Key
        arrows = (k.Key_Left, k.Key_Up, k.Key_Right, k.Key_Down)
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if self._drag is not None and event.key() == k.Key_Escape:
            self._end_drag()
        elif placed and ctrl and event.key() in arrows:
            self._step_focused(event.key())
        elif placed and event.key() in arrows:
            step = -1 if event.key() in (k.Key_Left, k.Key_Up) else 1
            self._focus = min(max(0, self._focus + step), len(placed) - 1)
            self.setAccessibleDescription(self._short(self._items[placed[self._focus]]))
            self.update()
        elif placed and event.key() in (k.Key_Return, k.Key_Enter, k.Key_Space):
            self.activityClicked.emit(placed[min(self._focus, len(placed) - 1)])
        else:
            super().keyPressEvent(event)

    def _step_focused(self, key: int) -> None:
        """Ctrl+arrow: the focused activity one cell over, as drawn (right and up = higher)."""
        activity_id = self.focused_activity()
        where = self.cell_of(activity_id) if activity_id else None
        if where is None:
            return
        dx, dy = {
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Up: (0, 1),
            Qt.Key.Key_Down: (0, -1),
        }[key]
        order = LEVELS_ACROSS  # low → high, for both axes
        col, row = order.index(where[0]) + dx, order.index(where[1]) + dy
        if 0 <= col < 3 and 0 <= row < 3:
            self.activityMoved.emit(activity_id, order[col], order[row])

    def context_menu_for(self, activity_id: str) -> QMenu:
        """Open the activity on the Priorities page, or move it to any other cell."""
        menu = QMenu(self)
        menu.addAction(
            self.tr("Rate on the Priorities page"),
            lambda: self.activityClicked.emit(activity_id),
        )
        move = menu.addMenu(self.tr("Move to cell"))
        levels, here = self._levels, self.cell_of(activity_id)
        for y_level in LEVELS_DOWN:
            for x_level in LEVELS_ACROSS:
                text = f"{self._y_label}: {levels[y_level]}, {self._x_label}: {levels[x_level]}"
                action = move.addAction(text)
                action.setObjectName(f"move-{x_level}-{y_level}")
                action.setEnabled((x_level, y_level) != here)
                action.triggered.connect(
                    lambda _=False, x=x_level, y=y_level: self.activityMoved.emit(activity_id, x, y)
                )
        return menu

    def contextMenuEvent(self, event: QtGui.QContextMenuEvent) -> None:
        if event.reason() == QtGui.QContextMenuEvent.Reason.Mouse:
            activity_id = self._item_at(event.pos())
            pos = event.pos()
        else:  # the menu key: the focused activity
            activity_id = self.focused_activity()
            pos = self.chip_rect(activity_id).center() if activity_id else event.pos()
        if activity_id is None or self._drag is not None:
            return
        self.set_focused_activity(activity_id)
        menu = self.context_menu_for(activity_id)
        menu.exec(self.mapToGlobal(pos))
        menu.deleteLater()

    def _end_drag(self) -> None:
        self._press, self._drag = None, None
        self.unsetCursor()
        self.update()

    def focusOutEvent(self, event: QtGui.QFocusEvent) -> None:
        if self._drag is not None:
            self._end_drag()
        super().focusOutEvent(event)

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            point = event.position().toPoint()
            item = self._item_at(point)
            self._press = (item, point) if item is not None else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:
        point = event.position().toPoint()
        if event.button() == Qt.MouseButton.LeftButton and self._drag is not None:
            dragged, self._drag_pos = self._drag, point
            target = self.drop_target()
            self._end_drag()
            if target is not None:  # dropped on its own cell or outside the grid: nothing
                self.set_focused_activity(dragged)
                self.activityMoved.emit(dragged, *target)
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = None
        item = self._item_at(point)
        if event.button() == Qt.MouseButton.LeftButton and item is not None:
            self._focus = self._placed().index(item)
            self.activityClicked.emit(item)
        super().mouseReleaseEvent(event)

    def mouseMoveEvent(self, event: QtGui.QMouseEvent) -> None:
        point = event.position().toPoint()
        held = bool(event.buttons() & Qt.MouseButton.LeftButton)
        if self._drag is None and self._press is not None and held:
            activity_id, start = self._press
            if (point - start).manhattanLength() >= QApplication.startDragDistance():
                self._drag = activity_id
                self._drag_offset = start - self.chip_rect(activity_id).topLeft()
        if self._drag is not None:
            self._drag_pos = point
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            self.update()
            return
        over = self._item_at(point) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)
