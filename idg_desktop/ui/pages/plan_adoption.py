"""The Action plan page's box of endorsements (Part III step 6): who endorsed
the plan, when, and its link to the national strategy, with its dialog."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.domain import records
from idg_desktop.services import plan
from idg_desktop.ui.widgets.dialog_form import ask, ok_cancel, wide
from idg_desktop.ui.workspace import Workspace


class AdoptionDialog(QDialog):
    """Who endorsed the plan, when, and its link to the national strategy."""

    def __init__(self, parent: QWidget, people: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record endorsement"))
        self.endorsed_by = QComboBox()
        self.endorsed_by.setEditable(True)
        self.endorsed_by.addItems(["", *people])
        self.endorsed_by.lineEdit().setPlaceholderText(self.tr("e.g. the Director General"))
        self.endorsed_on = QDateEdit(QDate.currentDate())
        self.endorsed_on.setCalendarPopup(True)
        self.endorsed_on.setDisplayFormat("yyyy-MM-dd")
        self.strategy_link = wide(QLineEdit())
        self.strategy_link.setPlaceholderText(
            self.tr("e.g. National anti-corruption strategy 2025–2030, pillar 3")
        )
        self.note = QLineEdit()
        form = QFormLayout(self)
        form.addRow(self.tr("&Endorsed by:"), self.endorsed_by)
        form.addRow(self.tr("&Date:"), self.endorsed_on)
        form.addRow(self.tr("&Link to the national strategy:"), self.strategy_link)
        form.addRow(self.tr("&Note:"), self.note)
        ok_cancel(self, form, needs=self.endorsed_by)


class AdoptionBox(QGroupBox):
    """The plan's endorsements (Part III step 6): who, when, link to the national strategy."""

    def __init__(
        self, workspace: Workspace, people: Callable[[], list[str]], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Adoption of the action plan"))
        self.workspace = workspace
        #: The participants' names, offered as who endorsed.
        self.people = people
        self._ids: list[str] = []
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Endorsed by"),
                self.tr("Date"),
                self.tr("Link to the national\nanti-corruption strategy"),
                self.tr("Note"),
            ]
        )
        self.table.setAccessibleName(self.tr("Endorsements of the action plan"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        header = self.table.horizontalHeader()
        # Who, the link and the note share the width (cut texts: "…", whole in the
        # tooltip); the date as wide as a date.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.record_button = QPushButton(self.tr("&Record endorsement…"))
        self.remove_button = QPushButton(self.tr("Remove endorsement"))
        buttons = QVBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 1, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(buttons)
        self.record_button.clicked.connect(self.record)
        self.remove_button.clicked.connect(self.remove)
        self.table.itemSelectionChanged.connect(self._update_buttons)

    def load(self, adoptions: list[records.Adoption]) -> None:
        self._ids = [a.id for a in adoptions]
        self.table.setRowCount(len(adoptions))
        for row, adoption in enumerate(adoptions):
            values = (adoption.endorsed_by, adoption.endorsed_on)
            values += (adoption.strategy_link, adoption.note)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
        self._update_buttons()
        self._fit_height()

    def _fit_height(self) -> None:
        """Room for the endorsements there are (at least two rows, at most four)."""
        rows = min(max(self.table.rowCount(), 2), 4)
        shown = min(rows, self.table.rowCount())
        height = self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(r) for r in range(shown))
        height += self.table.verticalHeader().defaultSectionSize() * (rows - shown)
        self.table.setFixedHeight(height + 2)

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.table.selectedItems()))

    def endorsements(self) -> list[tuple[str, ...]]:
        """The rows as shown: (endorsed by, date, strategy link, note)."""
        return [
            tuple(self.table.item(r, c).text() for c in range(4))
            for r in range(self.table.rowCount())
        ]

    def record(self) -> None:
        dialog = AdoptionDialog(self, self.people())
        chosen = ask(
            dialog,
            lambda: (
                dialog.endorsed_by.currentText(),
                dialog.endorsed_on.date().toString("yyyy-MM-dd"),
                dialog.strategy_link.text(),
                dialog.note.text(),
            ),
        )
        if chosen is None:
            return
        who, day, link, note = chosen
        document = self.workspace.document
        self.workspace.run(
            self.tr("Record endorsement"),
            lambda: plan.add_adoption(
                document, endorsed_by=who, endorsed_on=day, strategy_link=link, note=note
            ),
        )

    def remove(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        adoption_id = self._ids[rows[0].row()]
        answer = QMessageBox.question(
            self,
            self.tr("Remove endorsement"),
            self.tr("Remove this endorsement? You can undo it with Ctrl+Z."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        document = self.workspace.document
        self.workspace.run(
            self.tr("Remove endorsement"), lambda: plan.delete_adoption(document, adoption_id)
        )
