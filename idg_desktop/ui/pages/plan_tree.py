"""The Action plan page's tree (Annex 9's layout): rows selected whole, the
titles of outcomes and outputs edited in place (F2 or double-click), columns
sized in characters of the window's font, and every branch open but those the
user closed."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView

from idg_desktop.ui.models.plan_model import (
    COL_PRIORITY,
    COL_SMART,
    COL_TIMELINE,
    COL_TITLE,
    PlanModel,
    band_text,
)


class PlanTree(QTreeView):
    def __init__(self, model: PlanModel) -> None:
        super().__init__()
        self.plan_model = model
        self.setModel(model)
        self.setAccessibleName(self.tr("Action plan: outcomes, outputs and activities"))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setIndentation(max(12, self.fontMetrics().averageCharWidth() * 2))
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        #: The ids of the rows the user closed (kept closed across reloads).
        self._collapsed: set[str] = set()
        self.expanded.connect(lambda i: self._collapsed.discard(model.row_at(i).id))
        self.collapsed.connect(lambda i: self._collapsed.add(model.row_at(i).id))

    def size_columns(self) -> None:
        """Widths in characters of the window's font, so they follow the View menu's zoom."""
        metrics = self.fontMetrics()
        chars = metrics.averageCharWidth()
        header = self.header()
        for column, width in enumerate((80, 0, 0, 18, 18, 18, 14, 0, 18)):
            header.resizeSection(column, chars * width)
        samples = {COL_PRIORITY: band_text("medium"), COL_TIMELINE: "Q4 2026 – Q4 2027"}
        samples[COL_SMART] = "S✓ M✗ A✓ R✗ T✗"
        for column, sample in samples.items():
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 3 * chars)
        header.setStretchLastSection(True)

    def restore_expansion(self, parent: QModelIndex | None = None) -> None:
        """Everything open except what the user closed, so new rows show at once."""
        parent = parent or QModelIndex()
        model = self.plan_model
        for row in range(model.rowCount(parent)):
            index = model.index(row, COL_TITLE, parent)
            if model.rowCount(index):
                if model.row_at(index).id not in self._collapsed:
                    self.setExpanded(index, True)
                self.restore_expansion(index)

    def show_index(self, index: QModelIndex) -> None:
        """Make ``index`` the current row, scrolled into view."""
        self.setCurrentIndex(index)
        if index.isValid():
            self.scrollTo(index)
