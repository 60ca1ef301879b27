"""The Findings page's table: sortable by a click on a column's header, one
row chosen at a time, the finding's text given the room."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from idg_desktop.ui.models.findings_model import COL_GROUP, COL_QUESTIONS, COL_SECTION, COL_TEXT
from idg_desktop.ui.widgets.record_table import setup_record_table


class FindingsTable(QTableView):
    def __init__(self, model: QSortFilterProxyModel) -> None:
        super().__init__()
        self.setModel(model)
        self.setSortingEnabled(True)  # a click on a column's header sorts by it
        self.sortByColumn(COL_SECTION, Qt.SortOrder.AscendingOrder)
        header = setup_record_table(self, stretch=(COL_TEXT,), single=True)
        # The questions and the group's name wrap in a column of their own width,
        # leaving the finding's text the room (a group's long name took a third).
        metrics = self.fontMetrics()
        for column, sample in (
            (COL_QUESTIONS, "LC-10, LC-13, "),
            (COL_GROUP, "Group A – Leadership, "),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 16)
        self.setAccessibleName(self.tr("Findings"))
