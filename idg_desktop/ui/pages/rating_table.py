"""The Priorities page's table of ratings, built for the plenary on the
projector: move with the arrow keys and type L, M or H (Delete clears)."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    Qt,
    Signal,
)
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QTableView,
)

from idg_desktop.domain.priorities import CRITERIA, Level
from idg_desktop.ui.models.activities_model import (
    COL_COMPUTED,
    COL_IN_FORCE,
    COL_SECTION,
    COL_TITLE,
    FIRST_CRITERION,
    band_labels,
    level_labels,
)

#: The keys that rate the current cell (Delete clears it).
_KEYS = {Qt.Key.Key_L: Level.LOW.value, Qt.Key.Key_M: Level.MEDIUM.value}
_KEYS[Qt.Key.Key_H] = Level.HIGH.value


class RatingTable(QTableView):
    """A table view where L, M, H and Delete rate the current criterion cell.

    The ratings' columns are as narrow as their words; the activity's title takes
    the rest of the width, never less than :attr:`TITLE_CHARS` characters (the
    table scrolls sideways rather than squeeze it), and wraps."""

    #: (row, criterion, level or None to clear) typed in a criterion cell.
    levelTyped = Signal(int, str, object)
    #: The title column's least width, in average characters of the table's font.
    TITLE_CHARS = 40

    def size_columns(self) -> None:
        """Each column but the title as wide as its longest word or value."""
        model = self.model()
        if model is None:
            return
        header = self.horizontalHeader()
        # No bold header for the current column: it would need wider columns (the
        # current cell is highlighted anyway).
        header.setHighlightSections(False)
        words, cells = QFontMetrics(header.font()), self.fontMetrics()
        # the header's margins and grid line; a cell's text margins
        header_pad, cell_pad = 9, 7
        samples = {COL_SECTION: ["WWW"]}
        for column in range(FIRST_CRITERION, COL_COMPUTED):
            samples[column] = list(level_labels().values())
        for column in (COL_COMPUTED, COL_IN_FORCE):
            samples[column] = [w for t in band_labels().values() for w in t.split()]
            samples[column] += list(level_labels().values())
        for column, values in samples.items():
            text = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            need = [words.horizontalAdvance(w) + header_pad for w in text.split()]
            need += [cells.horizontalAdvance(v) + cell_pad for v in values]
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, max(need))
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Fixed)
        self.fit_title()

    def fit_title(self) -> None:
        """The title takes what the other columns leave, at least TITLE_CHARS."""
        header = self.horizontalHeader()
        if self.model() is None:
            return
        others = sum(header.sectionSize(c) for c in range(header.count()) if c != COL_TITLE)
        least = self.fontMetrics().averageCharWidth() * self.TITLE_CHARS
        width = max(least, self.viewport().width() - others)
        if header.sectionSize(COL_TITLE) != width:
            header.resizeSection(COL_TITLE, width)
            self.resizeRowsToContents()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_title()

    def viewportEvent(self, event) -> bool:
        handled = super().viewportEvent(event)
        if event.type() == QEvent.Type.Resize:  # e.g. the vertical scroll bar came
            self.fit_title()
        return handled

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self.size_columns()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        criterion = index.isValid() and FIRST_CRITERION <= index.column() < COL_COMPUTED
        clear = event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        # Shift and Caps Lock too: "H" rates high, never a jump to a row starting with H.
        plain = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if criterion and plain and (event.key() in _KEYS or clear):
            level = None if clear else _KEYS[Qt.Key(event.key())]
            self.levelTyped.emit(index.row(), CRITERIA[index.column() - FIRST_CRITERION], level)
            return
        super().keyPressEvent(event)
