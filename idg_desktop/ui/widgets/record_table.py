"""A table of records, one per row, set up the same way on every page: whole
rows selected, no row numbers, long texts wrapped, columns as wide as their
contents (or resized by hand) and the reading columns stretched."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel
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
) -> QHeaderView:
    """Set ``table`` (a QTableView or QTableWidget) up as a record table: rows
    selected whole (one at a time if ``single``), read-only unless ``editable``,
    columns sized by ``resize`` and those in ``stretch`` taking the room left.
    Returns the column header, for the page's own column widths."""
    table.verticalHeader().setVisible(False)
    table.setWordWrap(True)
    if not editable:
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(alternating)
    header = table.horizontalHeader()
    header.setSectionResizeMode(resize)
    for column in stretch:
        header.setSectionResizeMode(column, Resize.Stretch)
    return header


class RecordTable(QTableView):
    """A QTableView on ``model``, set up by :func:`setup_record_table`."""

    def __init__(
        self,
        model: QAbstractItemModel | None = None,
        *,
        stretch: Iterable[int] = (),
        resize: QHeaderView.ResizeMode = Resize.ResizeToContents,
        editable: bool = False,
        single: bool = False,
        alternating: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if model is not None:
            self.setModel(model)
        setup_record_table(
            self,
            stretch=stretch,
            resize=resize,
            editable=editable,
            single=single,
            alternating=alternating,
        )
