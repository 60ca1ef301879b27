"""The Action plan page's dialogs (Annex 9, Part III); its endorsements are in
:mod:`.plan_adoption`.

Each dialog only collects values; the page runs the service with them through
:meth:`Workspace.run`, so every change is one undo step.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from idg_desktop.domain.plan import PARENT_LEVEL, OutcomeLevel
from idg_desktop.ui.labels import outcome_level_labels
from idg_desktop.ui.models.plan_model import PlanRow
from idg_desktop.ui.widgets.dialog_form import ok_cancel, wide, wrapped


class OutcomeDialog(QDialog):
    """Title, level and parent of a new outcome; only parents the chain allows."""

    def __init__(
        self, parent: QWidget, outcomes: list[PlanRow], level: str, above: str | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add outcome"))
        self._outcomes = outcomes
        self.title = wide(QLineEdit())
        self.level = QComboBox()
        for key, text in outcome_level_labels().items():
            self.level.addItem(text, key)
        self.parent_outcome = QComboBox()
        form = QFormLayout(self)
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Level:"), self.level)
        form.addRow(self.tr("&Under:"), self.parent_outcome)
        self._ok = ok_cancel(self, form)
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
        self.title = wide(QLineEdit())
        self.outcome = QComboBox()
        for row in outcomes:
            self.outcome.addItem(f"{row.code}  {row.title}", row.id)
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(serves)))
        form = QFormLayout(self)
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Serves outcome:"), self.outcome)
        ok_cancel(self, form, needs=self.title)


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
        form.addRow(self.tr("Activity:"), wrapped(title))
        form.addRow(self.tr("&Output:"), self.output)
        ok = ok_cancel(self, form)
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
        form.addRow(self.tr("Output:"), wrapped(title))
        form.addRow(self.tr("&Serves outcome:"), self.outcome)
        ok_cancel(self, form)
