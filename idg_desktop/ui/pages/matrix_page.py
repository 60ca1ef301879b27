"""The Priority matrix page (IDG Part III): activities placed on a 3×3 grid of
two criteria chosen above it, by default impact (vertical) against ease of
implementation; those not rated on both are listed under it.

The grid is the reusable widget ``ui/widgets/priority_matrix.py``. Moving an
activity to another cell there changes its two ratings (the criteria on the
axes) in one undoable step, through the workspace.
"""

from __future__ import annotations

import html

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from idg_desktop.domain.priorities import CRITERIA
from idg_desktop.domain.records import Kind
from idg_desktop.services import activities
from idg_desktop.ui.pages.base import Page
from idg_desktop.ui.pages.priorities_page import criterion_labels, level_labels
from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.priority_matrix import MatrixItem, PriorityMatrix
from idg_desktop.ui.workspace import Workspace


class PriorityMatrixPage(Page):
    MAIN_ACTIONS = ("y_axis", "x_axis", "matrix")
    KINDS = frozenset({Kind.ACTIVITY})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        layout = self.page_layout(
            self.tr("Priority matrix"),
            self.tr(
                "Activities placed by two of their criteria. Click an activity to rate it "
                "on the Priorities page; drag it to another cell (or press Ctrl+arrow keys) "
                "to change those two ratings."
            ),
        )
        self._last = ("impact", "ease")  # (vertical, horizontal) last shown
        top = QHBoxLayout()
        self.y_axis, self.x_axis = QComboBox(), QComboBox()
        for combo in (self.y_axis, self.x_axis):
            for key, text in criterion_labels().items():
                combo.addItem(text, key)
        self.y_axis.setCurrentIndex(CRITERIA.index("impact"))
        self.x_axis.setCurrentIndex(CRITERIA.index("ease"))
        for text, combo in (
            (self.tr("Ve&rtical:"), self.y_axis),
            (self.tr("Hori&zontal:"), self.x_axis),
        ):
            label = QLabel(text)
            label.setBuddy(combo)
            top.addWidget(label)
            top.addWidget(combo)
        top.addStretch(1)
        layout.addLayout(top)
        self.matrix = PriorityMatrix(level_labels())
        self.matrix.setAccessibleName(self.tr("Priority matrix"))
        layout.addWidget(self.matrix, 1)
        self.unplaced = QLabel()
        self.unplaced.setWordWrap(True)
        self.unplaced.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.unplaced)
        self.matrix.activityClicked.connect(self._open)
        self.matrix.activityMoved.connect(self.move_activity)
        self.unplaced.linkActivated.connect(self._open)
        self.y_axis.currentIndexChanged.connect(lambda _i: self._axis_changed(self.y_axis))
        self.x_axis.currentIndexChanged.connect(lambda _i: self._axis_changed(self.x_axis))

    def _axis_changed(self, moved: QComboBox) -> None:
        """Two different criteria: choosing the other axis's one swaps them."""
        other = self.x_axis if moved is self.y_axis else self.y_axis
        if other.currentData() == moved.currentData():
            other.blockSignals(True)
            previous = self._last[0] if moved is self.y_axis else self._last[1]
            other.setCurrentIndex(CRITERIA.index(previous))
            if other.currentData() == moved.currentData():
                other.setCurrentIndex((moved.currentIndex() + 1) % len(CRITERIA))
            other.blockSignals(False)
        self.reload()

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        """The list of unplaced activities grows with the grid's text, a little smaller."""
        super().resizeEvent(event)
        font = self.matrix.text_font()
        font.setPixelSize(max(QFontMetrics(self.font()).height(), round(font.pixelSize() * 0.8)))
        self.unplaced.setFont(font)

    def _open(self, activity_id: str) -> None:
        self.navigateRequested.emit("priorities", activity_id)

    def move_activity(self, activity_id: str, x_level: str, y_level: str) -> None:
        """Rate the activity on both criteria shown: one undoable step."""
        x, y = self.x_axis.currentData(), self.y_axis.currentData()
        item = self.matrix.item(activity_id)
        name = f"{item.section} {item.title}" if item else activity_id[:8]
        name = name if len(name) <= 40 else name[:39] + "…"
        self.workspace.run(
            fmt(self.tr("Move %1 in the matrix"), name),
            lambda: activities.rate_activity(self.document, activity_id, {x: x_level, y: y_level}),
        )

    def reload(self) -> None:
        y, x = self.y_axis.currentData(), self.x_axis.currentData()
        self._last = (y, x)
        rows = activities.list_activities(self.document)
        items = [MatrixItem(a.id, a.section_code, a.title) for a in rows]
        cells, unplaced = activities.priority_matrix(self.document, x=x, y=y)
        names = criterion_labels()
        self.matrix.set_data(cells, items, names[x], names[y])
        if not unplaced:
            self.unplaced.setText("")
            return
        by_id = {item.id: item for item in items}
        links = [
            f'<a href="{i}">{html.escape(by_id[i].section)} {html.escape(by_id[i].title)}</a>'
            for i in unplaced
        ]
        heading = self.tr("Not placed (%1 or %2 not rated yet):")
        heading = fmt(heading, names[y], names[x])
        self.unplaced.setText(f"<b>{html.escape(heading)}</b> " + " · ".join(links))
