"""The Action plan page's dialogs, and its box of endorsements (Annex 9, Part III).

Each dialog only collects values; the page runs the service with them through
:meth:`Workspace.run`, so every change is one undo step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.domain import records
from idg_desktop.domain.plan import PARENT_LEVEL, OutcomeLevel
from idg_desktop.services import plan
from idg_desktop.ui.models.plan_model import PlanRow, level_labels

if TYPE_CHECKING:
    from idg_desktop.ui.pages.plan_page import ActionPlanPage

_OK_CANCEL = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel


def _buttons(dialog: QDialog, form: QFormLayout) -> QPushButton:
    buttons = QDialogButtonBox(_OK_CANCEL)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    return buttons.button(QDialogButtonBox.StandardButton.Ok)


def _wide(edit: QLineEdit, chars: int = 60) -> QLineEdit:
    edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * chars)
    return edit


class OutcomeDialog(QDialog):
    """Title, level and parent of a new outcome; only parents the chain allows."""

    def __init__(
        self, parent: QWidget, outcomes: list[PlanRow], level: str, above: str | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add outcome"))
        self._outcomes = outcomes
        self.title = _wide(QLineEdit())
        self.level = QComboBox()
        for key, text in level_labels().items():
            self.level.addItem(text, key)
        self.parent_outcome = QComboBox()
        form = QFormLayout(self)
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Level:"), self.level)
        form.addRow(self.tr("&Under:"), self.parent_outcome)
        self._ok = _buttons(self, form)
        self.level.currentIndexChanged.connect(lambda _i: self._fill_parents())
        self.title.textChanged.connect(lambda _t: self._check())
        self.level.setCurrentIndex(max(0, self.level.findData(level)))
        self._fill_parents()
        self.parent_outcome.setCurrentIndex(max(0, self.parent_outcome.findData(above)))
        self._check()

    def _fill_parents(self) -> None:
        """An intermediate outcome sits under an ultimate one, an immediate under an
        intermediate one, or either at the top when the plan is simpler."""
        wanted = PARENT_LEVEL[OutcomeLevel(self.level.currentData())]
        chosen = self.parent_outcome.currentData()
        self.parent_outcome.clear()
        self.parent_outcome.addItem(self.tr("Nothing (top of the results chain)"), None)
        for row in self._outcomes:
            if wanted is not None and row.level == wanted.value:
                self.parent_outcome.addItem(f"{row.code}  {row.title}", row.id)
        self.parent_outcome.setCurrentIndex(max(0, self.parent_outcome.findData(chosen)))
        self.parent_outcome.setEnabled(self.parent_outcome.count() > 1)

    def _check(self) -> None:
        self._ok.setEnabled(bool(self.title.text().strip()))


class OutputDialog(QDialog):
    """Title of a new output and the outcome it serves."""

    def __init__(self, parent: QWidget, outcomes: list[PlanRow], serves: str | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add output"))
        self.title = _wide(QLineEdit())
        self.outcome = QComboBox()
        for row in outcomes:
            self.outcome.addItem(f"{row.code}  {row.title}", row.id)
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(serves)))
        form = QFormLayout(self)
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Serves outcome:"), self.outcome)
        ok = _buttons(self, form)
        ok.setEnabled(False)
        self.title.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))


class KpiDialog(QDialog):
    """A new KPI of the selected outcome, output or activity: its name, its
    target and whether public versions leave it out."""

    def __init__(self, parent: QWidget, measures: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add KPI"))
        what = QLabel(measures)
        what.setWordWrap(True)
        self.name = _wide(QLineEdit())
        self.target = QLineEdit()
        self.target.setPlaceholderText(self.tr("e.g. 70% in the 2027 staff survey"))
        self.confidential = QCheckBox(self.tr("Con&fidential (left out of public versions)"))
        form = QFormLayout(self)
        form.addRow(self.tr("Measures:"), what)
        form.addRow(self.tr("&Name of the indicator:"), self.name)
        form.addRow(self.tr("&Target value:"), self.target)
        form.addRow(self.confidential)
        ok = _buttons(self, form)
        ok.setEnabled(False)
        self.name.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))


class PlaceDialog(QDialog):
    """The output an activity produces, or none: back to "not yet in the plan".

    It proposes ``proposed`` (where the activity is, the plan's only output, or
    the output of its section's activities); when the choice is the user's,
    nothing is chosen and OK waits for a choice, never "Not yet in the plan"
    by default."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        outputs: list[PlanRow],
        now: str | None,
        proposed: str | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Place activity in the plan"))
        self.output = QComboBox()
        self.output.setPlaceholderText(self.tr("Choose the output it produces…"))
        self.output.addItem(self.tr("Not yet in the plan"), None)
        for row in outputs:
            self.output.addItem(f"{row.code}  {row.title}", row.id)
        self.output.setMinimumContentsLength(40)
        self.output.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        chosen = now or proposed
        if chosen is None and outputs:
            self.output.setCurrentIndex(-1)  # a real choice: the user's, not a default
        else:
            self.output.setCurrentIndex(max(0, self.output.findData(chosen)))
        form = QFormLayout(self)
        activity = QLabel(title)
        activity.setWordWrap(True)
        form.addRow(self.tr("Activity:"), activity)
        form.addRow(self.tr("&Output:"), self.output)
        ok = _buttons(self, form)
        ok.setEnabled(self.output.currentIndex() >= 0)
        self.output.currentIndexChanged.connect(lambda i: ok.setEnabled(i >= 0))


class MoveOutputDialog(QDialog):
    """The outcome an output serves: another one moves it there, with its activities."""

    def __init__(self, parent: QWidget, title: str, outcomes: list[PlanRow], now: str | None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Move output to another outcome"))
        self.outcome = QComboBox()
        for row in outcomes:
            self.outcome.addItem(f"{row.code}  {row.title}", row.id)
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(now)))
        form = QFormLayout(self)
        output = QLabel(title)
        output.setWordWrap(True)
        form.addRow(self.tr("Output:"), output)
        form.addRow(self.tr("&Serves outcome:"), self.outcome)
        _buttons(self, form)


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
        self.strategy_link = _wide(QLineEdit())
        self.strategy_link.setPlaceholderText(
            self.tr("e.g. National anti-corruption strategy 2025–2030, pillar 3")
        )
        self.note = QLineEdit()
        form = QFormLayout(self)
        form.addRow(self.tr("&Endorsed by:"), self.endorsed_by)
        form.addRow(self.tr("&Date:"), self.endorsed_on)
        form.addRow(self.tr("&Link to the national strategy:"), self.strategy_link)
        form.addRow(self.tr("&Note:"), self.note)
        ok = _buttons(self, form)
        ok.setEnabled(False)
        self.endorsed_by.editTextChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))


# -- adoption ---------------------------------------------------------------------------


class AdoptionBox(QGroupBox):
    """The plan's endorsements (Part III step 6): who, when, link to the national strategy."""

    def __init__(self, page: ActionPlanPage) -> None:
        super().__init__(page.tr("Adoption of the action plan"))
        self.page = page
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
        header = self.table.horizontalHeader()
        # Who, the link and the note share the width (cut texts: "…", whole in the
        # tooltip); the date as wide as a date.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.record_button = QPushButton(self.tr("&Record endorsement…"))
        self.remove_button = QPushButton(self.tr("Remo&ve endorsement"))
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
        dialog = AdoptionDialog(self, self.page.people)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        who, day = (
            dialog.endorsed_by.currentText(),
            dialog.endorsed_on.date().toString("yyyy-MM-dd"),
        )
        link, note = dialog.strategy_link.text(), dialog.note.text()
        dialog.deleteLater()
        if not accepted:
            return
        document = self.page.document
        self.page.workspace.run(
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
        document = self.page.document
        self.page.workspace.run(
            self.tr("Remove endorsement"), lambda: plan.delete_adoption(document, adoption_id)
        )
