"""The SMART check of the plan's selected outcome, output or activity (Part
III step 2): *specific*, *achievable* and *relevant* ticked with who
confirmed, one undo step each; *measurable* and *time-bound* computed, with
the sentence that says why (the rules: ``domain/plan.py``)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QWidget,
)

from idg_desktop.domain.plan import COMPUTED, CONFIRMED, SMART, SmartCheck
from idg_desktop.services import plan
from idg_desktop.ui.labels import smart_labels
from idg_desktop.ui.models.plan_model import ACTIVITY, PlanRow
from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.notes import warning_note
from idg_desktop.ui.workspace import Workspace


class SmartBox(QGroupBox):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("SMART objective"))
        self.workspace = workspace
        self._loading = False
        self._row: PlanRow | None = None
        #: Who confirmed each criterion, as stored.
        self._stored: dict[str, str] = {}
        self._grid = grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        labels = smart_labels()
        self.ticks: dict[str, QCheckBox] = {}
        self.confirmers: dict[str, QComboBox] = {}
        self.computed: dict[str, tuple[QLabel, QLabel]] = {}
        for line, name in enumerate(SMART):
            if name in CONFIRMED:
                tick = QCheckBox(labels[name])
                who = QComboBox()
                who.setEditable(True)
                who.lineEdit().setPlaceholderText(self.tr("Confirmed by…"))
                who.setAccessibleName(fmt(self.tr("%1 confirmed by"), labels[name]))
                tick.clicked.connect(lambda on, n=name: self._tick(n, on))
                who.activated.connect(lambda _i, n=name: self._rename(n))
                who.lineEdit().editingFinished.connect(lambda n=name: self._rename(n))
                self.ticks[name], self.confirmers[name] = tick, who
                grid.addWidget(tick, 2 * line, 0)
                grid.addWidget(who, 2 * line, 1)
            else:
                state, why = QLabel(), QLabel()
                why.setWordWrap(True)
                self.computed[name] = (state, why)
                grid.addWidget(state, 2 * line, 0)
                grid.addWidget(why, 2 * line, 1)
        # (each criterion's odd row below it: where its refusal shows, by the tick)
        self.message = warning_note()
        grid.addWidget(self.message, 2 * len(SMART), 0, 1, 2)

    def set_people(self, names: list[str]) -> None:
        """The names offered as who confirmed (the participants')."""
        for who in self.confirmers.values():
            text = who.currentText()
            who.blockSignals(True)
            who.clear()
            who.addItems(["", *names])
            who.setCurrentText(text)
            who.blockSignals(False)

    def show_check(self, row: PlanRow | None) -> None:
        """The SMART check of ``row`` (an outcome, output or activity; None: none)."""
        self._loading = True
        try:
            self._row = row
            if row is not None:
                self._fill(row.smart)
        finally:
            self._loading = False

    def _fill(self, check: SmartCheck | None) -> None:
        self.message.hide()
        for name in CONFIRMED:
            who = getattr(check, name) if check else ""
            self._stored[name] = who
            self.ticks[name].setChecked(bool(who))
            self.confirmers[name].setCurrentText(who)
        labels = smart_labels()
        for name in COMPUTED:
            met = bool(check and getattr(check, name.replace("-", "_")))
            state, why = self.computed[name]
            state.setText(f"{'✓' if met else '✗'} {labels[name]}")
            why.setText(self._why(name, met))

    def _why(self, name: str, met: bool) -> str:
        """The sentence that says why a computed criterion is met or not."""
        one = self._row is not None and self._row.kind == ACTIVITY
        met_text, unmet_text = {
            ("measurable", True): (
                self.tr("It has a KPI with a target value."),
                self.tr("Needs a KPI with a target value."),
            ),
            ("measurable", False): (
                self.tr("It has a KPI with a target value, or every activity under it has one."),
                self.tr(
                    "Needs a KPI of its own with a target value, or activities under it, "
                    "each with a KPI with a target value."
                ),
            ),
            ("time-bound", True): (
                self.tr("It has a due quarter or date."),
                self.tr("Needs a due quarter or date."),
            ),
            ("time-bound", False): (
                self.tr("Every activity under it has a due quarter or date."),
                self.tr("Needs activities under it, each with a due quarter or date."),
            ),
        }[(name, one)]
        return met_text if met else unmet_text

    def _tick(self, criterion: str, on: bool) -> None:
        if self._loading or self._row is None:
            return
        label = smart_labels()[criterion]
        who = self.confirmers[criterion].currentText().strip()
        if on and not who:
            self.ticks[criterion].setChecked(False)
            self._say_below(
                criterion,
                fmt(self.tr("Choose who confirms that it is %1 before ticking it."), label.lower()),
            )
            self.confirmers[criterion].setFocus()
            return
        self.message.hide()
        self._confirm(criterion, who if on else "")

    def _say_below(self, criterion: str, text: str) -> None:
        """The refusal right under the criterion's tick, scrolled into view (it
        was at the foot of the box, below the part of the panel shown)."""
        self._grid.removeWidget(self.message)
        self._grid.addWidget(self.message, 2 * SMART.index(criterion) + 1, 0, 1, 2)
        self.message.setText(text)
        self.message.show()
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is not None:
            QTimer.singleShot(0, self.message, lambda: area.ensureWidgetVisible(self.message))

    def _rename(self, criterion: str) -> None:
        """A new name for a ticked criterion: the tick now says who confirmed it."""
        if self._loading or self._row is None or not self.ticks[criterion].isChecked():
            return
        who = self.confirmers[criterion].currentText().strip()
        if not who:  # unticking is done with the box, not by emptying the name
            self.confirmers[criterion].setCurrentText(self._stored.get(criterion, ""))
            return
        if who != self._stored.get(criterion):
            self._confirm(criterion, who)

    def _confirm(self, criterion: str, who: str) -> None:
        node_id = self._row.id
        label = smart_labels()[criterion].lower()
        text = self.tr("Confirm %1") if who else self.tr("Untick %1")
        self.workspace.run(
            fmt(text, label),
            lambda: plan.confirm_smart(self.workspace.document, node_id, criterion, who),
        )
