"""A table of records, one per row, set up the same way on every page: whole
rows selected, no row numbers, long texts wrapped, columns as wide as their
contents (or resized by hand) and the reading columns stretched."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Resize = QHeaderView.ResizeMode


def setup_record_table(
    table: QTableView,
    *,
    stretch: Iterable[int] = (),
    resize: QHeaderView.ResizeMode = Resize.ResizeToContents,
    editable: bool = False,
    single: bool = False,
    alternating: bool = False,
    cells: bool = False,
    elide: bool = True,
) -> QHeaderView:
    """Set ``table`` (a QTableView or QTableWidget) up as a record table: rows
    selected whole (cells one by one if ``cells``; one at a time if ``single``),
    read-only unless ``editable``, columns sized by ``resize`` and those in
    ``stretch`` taking the room left; long texts wrapped, and never cut short
    with "…" unless ``elide``; Tab leaves the table (arrows move in it).
    Returns the column header, for the page's own column widths."""
    table.verticalHeader().setVisible(False)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between cells
    table.setWordWrap(True)
    if not elide:
        table.setTextElideMode(Qt.TextElideMode.ElideNone)
    if not editable:
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    Selection = QAbstractItemView.SelectionBehavior
    table.setSelectionBehavior(Selection.SelectItems if cells else Selection.SelectRows)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(alternating)
    header = table.horizontalHeader()
    header.setSectionResizeMode(resize)
    for column in stretch:
        header.setSectionResizeMode(column, Resize.Stretch)
    return header


class RecordTable(QTableView):
    """A QTableView on ``model``, set up by :func:`setup_record_table` with
    ``options`` (its keyword arguments: ``stretch``, ``resize``, ``single``...)."""

    def __init__(
        self,
        model: QAbstractItemModel | None = None,
        *,
        parent: QWidget | None = None,
        **options: Any,
    ) -> None:
        super().__init__(parent)
        if model is not None:
            self.setModel(model)
        setup_record_table(self, **options)
