"""The integrity action plan (IDG Part III steps 2–6, Part IV, Annex 9).

The results chain as a tree laid out like the Annex 9 template (Outcome 1 →
output 1.1 → activities with who is responsible, the KPI, the target, the
budget and the timeline), a panel with the selected row's plan fields and
SMART check, and the plan's endorsements at the bottom.

Every edit is one service call through :meth:`Workspace.run`: saved at once,
one undo step each; refusals reach the user through the window.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QModelIndex, QStringListModel, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.domain.plan import (
    COMPUTED,
    CONFIRMED,
    PARENT_LEVEL,
    SMART,
    Extent,
    OutcomeLevel,
    SmartCheck,
    display_when,
    parse_when,
)
from idg_desktop.errors import IdgError
from idg_desktop.services import plan
from idg_desktop.services.activities import find_activity
from idg_desktop.services.participants import list_participants
from idg_desktop.services.plan import PLAN_FIELDS
from idg_desktop.storage import models
from idg_desktop.ui.models.plan_model import (
    ACTIVITY,
    COL_PRIORITY,
    COL_SMART,
    COL_TIMELINE,
    COL_TITLE,
    GROUP,
    OUTCOME,
    OUTPUT,
    PlanModel,
    PlanRow,
    band_text,
    level_labels,
    smart_labels,
)
from idg_desktop.ui.pages.base import Page
from idg_desktop.ui.workspace import Workspace

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


# -- dialogs --------------------------------------------------------------------------


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


class PlaceDialog(QDialog):
    """The output an activity produces, or none: back to "not yet in the plan"."""

    def __init__(self, parent: QWidget, title: str, outputs: list[PlanRow], now: str | None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Place activity in the plan"))
        self.output = QComboBox()
        self.output.addItem(self.tr("Not yet in the plan"), None)
        for row in outputs:
            self.output.addItem(f"{row.code}  {row.title}", row.id)
        self.output.setCurrentIndex(max(0, self.output.findData(now)))
        form = QFormLayout(self)
        activity = QLabel(title)
        activity.setWordWrap(True)
        form.addRow(self.tr("Activity:"), activity)
        form.addRow(self.tr("&Output:"), self.output)
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


# -- the detail panel -------------------------------------------------------------------


class NodeDetail(QWidget):
    """The selected row: an activity's plan fields, and the SMART check of any node."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._loading = False
        self._row: PlanRow | None = None
        self._stored: dict[str, str] = {}
        self._smart_stored: dict[str, str] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 0)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.heading)
        self.fields: dict[str, QLineEdit | QComboBox] = {}
        self.plan_box = self._build_plan_fields()
        self.worksheet_box = self._build_worksheet()
        self.smart_box = self._build_smart()
        for box in (self.plan_box, self.worksheet_box, self.smart_box):
            layout.addWidget(box)
        layout.addStretch(1)
        self._apply_fonts()
        self.show_row(None)

    @property
    def document(self):
        return self.workspace.document

    def field_labels(self) -> dict[str, str]:
        return {
            "responsible_division": self.tr("Responsible d&ivision:"),
            "responsible_person": self.tr("Responsible &person:"),
            "performance_target": self.tr("Performance &target:"),
            "budget": self.tr("&Budget:"),
            "resources": self.tr("Reso&urces:"),
            "start": self.tr("&Start:"),
            "due": self.tr("Du&e:"),
            "strategic_goal": self.tr("Strategic plan &goal:"),
            "stakeholders": self.tr("Stakeholders to &consult:"),
            "task_origin": self.tr("Origin of the task:"),
            "planned_result": self.tr("Planned result:"),
            "staff_count": self.tr("Number of staff:"),
            "external_contributor": self.tr("External contributor:"),
            "cost_source": self.tr("Source of the costs:"),
            "complexity": self.tr("Complexity:"),
            "integrity_effect": self.tr("Expected integrity effect:"),
        }

    def _form_box(self, title: str, names: list[str]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        labels = self.field_labels()
        extents = {
            Extent.SLIGHTLY.value: self.tr("Slightly"),
            Extent.MODERATELY.value: self.tr("Moderately"),
            Extent.GREATLY.value: self.tr("Greatly"),
        }
        for name in names:
            if name in ("complexity", "integrity_effect"):
                widget = QComboBox()
                widget.addItem("", "")
                for key, text in extents.items():
                    widget.addItem(text, key)
                widget.activated.connect(lambda _i, n=name: self._commit(n))
            else:
                widget = QLineEdit()
                widget.editingFinished.connect(lambda n=name: self._commit(n))
            widget.setAccessibleName(labels[name].replace("&", "").rstrip(":"))
            self.fields[name] = widget
            form.addRow(labels[name], widget)
        return box

    def _build_plan_fields(self) -> QGroupBox:
        box = self._form_box(
            self.tr("Action plan (Annex 9)"),
            list(PLAN_FIELDS[: PLAN_FIELDS.index("task_origin")]),
        )
        when = self.tr("e.g. Q1 2027 or 2027-03-31")
        for name in ("start", "due"):
            self.fields[name].setPlaceholderText(when)
        self.names = QStringListModel(self)
        self.people = QCompleter(self.names, self)
        self.people.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.fields["responsible_person"].setCompleter(self.people)
        return box

    def _build_worksheet(self) -> QGroupBox:
        box = self._form_box(
            self.tr("Worksheet (Figure 14)"),
            list(PLAN_FIELDS[PLAN_FIELDS.index("task_origin") :]),
        )
        self.fields["staff_count"].setPlaceholderText(self.tr("a whole number"))
        return box

    def _build_smart(self) -> QGroupBox:
        box = QGroupBox(self.tr("SMART objective"))
        grid = QGridLayout(box)
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
                who.setAccessibleName(self.tr("%1 confirmed by").replace("%1", labels[name]))
                tick.clicked.connect(lambda on, n=name: self._tick(n, on))
                who.activated.connect(lambda _i, n=name: self._rename(n))
                who.lineEdit().editingFinished.connect(lambda n=name: self._rename(n))
                self.ticks[name], self.confirmers[name] = tick, who
                grid.addWidget(tick, line, 0)
                grid.addWidget(who, line, 1)
            else:
                state, why = QLabel(), QLabel()
                why.setWordWrap(True)
                self.computed[name] = (state, why)
                grid.addWidget(state, line, 0)
                grid.addWidget(why, line, 1)
        self.smart_message = QLabel()
        self.smart_message.setObjectName("warning")
        self.smart_message.setWordWrap(True)
        self.smart_message.hide()
        grid.addWidget(self.smart_message, len(SMART), 0, 1, 2)
        return box

    def _apply_fonts(self) -> None:
        big = QFont(self.font())
        big.setPointSizeF(self.font().pointSizeF() * 1.2)
        big.setBold(True)
        self.heading.setFont(big)

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.FontChange:
            self._apply_fonts()
        super().changeEvent(event)

    def set_people(self, names: list[str]) -> None:
        self.names.setStringList(names)
        for who in self.confirmers.values():
            text = who.currentText()
            who.blockSignals(True)
            who.clear()
            who.addItems(["", *names])
            who.setCurrentText(text)
            who.blockSignals(False)

    # -- showing ---------------------------------------------------------------------

    def show_row(self, row: PlanRow | None) -> None:
        """Fill the panel from the file for ``row`` (None: nothing selected)."""
        self._loading = True
        try:
            self._row = row
            node = row is not None and row.kind != GROUP
            activity = row is not None and row.kind == ACTIVITY
            self.plan_box.setVisible(activity)
            self.worksheet_box.setVisible(activity)
            self.smart_box.setVisible(node)
            self.heading.setText(self._heading(row))
            if activity:
                self._fill_fields(find_activity(self.document, row.id))
            if node:
                self._fill_smart(row.smart)
        finally:
            self._loading = False

    def refresh(self) -> None:
        """Show what the file holds again (after a refused change)."""
        if self._row is not None:
            self.show_row(self._row)

    def _heading(self, row: PlanRow | None) -> str:
        if row is None or row.kind == GROUP:
            return self.tr("Select an outcome, output or activity to see and edit its details.")
        if row.kind == OUTCOME:
            what = level_labels().get(row.level, row.level)
            text = self.tr("%1 %2: %3").replace("%1", what).replace("%2", row.code)
            return text.replace("%3", row.title)
        if row.kind == OUTPUT:
            return self.tr("Output %1: %2").replace("%1", row.code).replace("%2", row.title)
        if row.code:
            text = self.tr("Activity %1: %2").replace("%1", row.code).replace("%2", row.title)
        else:
            text = self.tr("Activity: %1").replace("%1", row.title)
        priority = self.tr("priority: %1").replace("%1", band_text(row.band))
        return f"{text} ({priority})"

    def _fill_fields(self, activity: models.Activity) -> None:
        for name, widget in self.fields.items():
            value = getattr(activity, name)
            stored = "" if value is None else str(value)
            self._stored[name] = stored
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(stored)))
            else:
                widget.setText(display_when(stored) if name in ("start", "due") else stored)
                widget.setCursorPosition(0)

    def _fill_smart(self, check: SmartCheck | None) -> None:
        self.smart_message.hide()
        for name in CONFIRMED:
            who = getattr(check, name) if check else ""
            self._smart_stored[name] = who
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
        if name == "measurable":
            if one:
                return (
                    self.tr("It has a KPI with a target value.")
                    if met
                    else self.tr("Needs a KPI with a target value.")
                )
            return (
                self.tr("Every activity under it has a KPI with a target value.")
                if met
                else self.tr("Needs activities under it, each with a KPI with a target value.")
            )
        if one:
            return (
                self.tr("It has a due quarter or date.")
                if met
                else self.tr("Needs a due quarter or date.")
            )
        return (
            self.tr("Every activity under it has a due quarter or date.")
            if met
            else self.tr("Needs activities under it, each with a due quarter or date.")
        )

    # -- saving ----------------------------------------------------------------------

    def _value(self, name: str) -> str:
        widget = self.fields[name]
        if isinstance(widget, QComboBox):
            return widget.currentData() or ""
        return widget.text().strip()

    def _unchanged(self, name: str, value: str) -> bool:
        stored = self._stored.get(name, "")
        if name in ("start", "due"):
            try:
                return parse_when(value) == stored
            except IdgError:
                return False  # the service refuses it, with the reason
        return value == stored

    def _commit(self, name: str) -> None:
        """One field, one undo step, only when its value changed."""
        if self._loading or self._row is None or self._row.kind != ACTIVITY:
            return
        value = self._value(name)
        if self._unchanged(name, value):
            return
        activity_id = self._row.id
        label = self.field_labels()[name].replace("&", "").rstrip(":")
        self.workspace.run(
            self.tr("Edit %1").replace("%1", label.lower()),
            lambda: plan.update_plan_fields(self.document, activity_id, **{name: value}),
        )
        self.refresh()  # the value as stored: normalised, or as it was if refused

    def _tick(self, criterion: str, on: bool) -> None:
        if self._loading or self._row is None:
            return
        label = smart_labels()[criterion]
        who = self.confirmers[criterion].currentText().strip()
        if on and not who:
            self.ticks[criterion].setChecked(False)
            self.smart_message.setText(
                self.tr("Choose who confirms that it is %1 before ticking it.").replace(
                    "%1", label.lower()
                )
            )
            self.smart_message.show()
            self.confirmers[criterion].setFocus()
            return
        self.smart_message.hide()
        self._confirm(criterion, who if on else "")

    def _rename(self, criterion: str) -> None:
        """A new name for a ticked criterion: the tick now says who confirmed it."""
        if self._loading or self._row is None or not self.ticks[criterion].isChecked():
            return
        who = self.confirmers[criterion].currentText().strip()
        if not who:  # unticking is done with the box, not by emptying the name
            self.confirmers[criterion].setCurrentText(self._smart_stored.get(criterion, ""))
            return
        if who != self._smart_stored.get(criterion):
            self._confirm(criterion, who)

    def _confirm(self, criterion: str, who: str) -> None:
        node_id = self._row.id
        label = smart_labels()[criterion].lower()
        text = self.tr("Confirm %1") if who else self.tr("Untick %1")
        self.workspace.run(
            text.replace("%1", label),
            lambda: plan.confirm_smart(self.document, node_id, criterion, who),
        )


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
                self.tr("Link to the national anti-corruption strategy"),
                self.tr("Note"),
            ]
        )
        self.table.setAccessibleName(self.tr("Endorsements of the action plan"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
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

    def load(self, adoptions: list[models.Adoption]) -> None:
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


# -- the page ---------------------------------------------------------------------------


class ActionPlanPage(Page):
    TABLES = frozenset(
        {"outcome", "output", "activity", "kpi", "smart_confirmation", "adoption", "participant"}
    )

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self._current: str | None = None
        self._collapsed: set[str] = set()
        self._loading = False
        self.people: list[str] = []
        layout = self.page_layout(
            self.tr("Action plan"),
            self.tr(
                "The results chain as in Annex 9: outcomes, the outputs that serve them and "
                "the activities that produce them. Select a row to fill in who is responsible, "
                "the target, the budget and the timeline, and to confirm that it is SMART. "
                "Every change is saved at once and can be undone."
            ),
        )
        layout.addLayout(self._build_toolbar())
        self.model = PlanModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setAccessibleName(self.tr("Action plan: outcomes, outputs and activities"))
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(max(12, self.tree.fontMetrics().averageCharWidth() * 2))
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.detail = NodeDetail(workspace)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.detail)
        self.across = across = QSplitter(Qt.Orientation.Horizontal)
        across.setChildrenCollapsible(False)
        across.addWidget(self.tree)
        across.addWidget(scroll)
        across.setStretchFactor(0, 1)
        across.setStretchFactor(1, 0)
        self.adoption = AdoptionBox(self)
        layout.addWidget(across, 1)
        layout.addWidget(self.adoption)
        self._size_columns()

        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self.tree.expanded.connect(lambda i: self._collapsed.discard(self.model.row_at(i).id))
        self.tree.collapsed.connect(lambda i: self._collapsed.add(self.model.row_at(i).id))
        self.model.titleEdited.connect(self.rename, Qt.ConnectionType.QueuedConnection)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.tree)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_node)

    def _build_toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.add_outcome_button = QPushButton(self.tr("Add &outcome…"))
        self.add_output_button = QPushButton(self.tr("Add ou&tput…"))
        self.place_button = QPushButton(self.tr("P&lace activity…"))
        self.up_button = QPushButton(self.tr("Move &up"))
        self.down_button = QPushButton(self.tr("Move do&wn"))
        self.delete_button = QPushButton(self.tr("&Delete…"))
        for button, action, keys, tip in (
            (self.add_outcome_button, self.add_outcome, "Ctrl+Shift+O", self.tr("Add an outcome")),
            (self.add_output_button, self.add_output, "Ctrl+Shift+T", self.tr("Add an output")),
            (
                self.place_button,
                self.place_activity,
                "Ctrl+Shift+L",
                self.tr("Choose the output the selected activity produces"),
            ),
            (self.up_button, lambda: self.move(-1), "Alt+Up", self.tr("Move up")),
            (self.down_button, lambda: self.move(1), "Alt+Down", self.tr("Move down")),
            (self.delete_button, self.delete_node, "Del", self.tr("Delete the outcome or output")),
        ):
            button.clicked.connect(action)
            button.setToolTip(f"{tip} ({QKeySequence(keys).toString(QKeySequence.NativeText)})")
            if keys != "Del":  # Delete acts in the tree only, not in the detail's fields
                shortcut = QShortcut(QKeySequence(keys), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(lambda b=button: b.isEnabled() and b.click())
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _size_columns(self) -> None:
        """Widths in characters of the window's font, so they follow the View menu's zoom."""
        metrics = self.tree.fontMetrics()
        chars = metrics.averageCharWidth()
        header = self.tree.header()
        for column, width in enumerate((80, 0, 0, 18, 18, 18, 14, 0, 18)):
            header.resizeSection(column, chars * width)
        samples = {COL_PRIORITY: band_text("medium"), COL_TIMELINE: "Q4 2026 – Q4 2027"}
        samples[COL_SMART] = "S✓ M✗ A✓ R✗ T✗"
        for column, sample in samples.items():
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 3 * chars)
        header.setStretchLastSection(True)
        self.across.setSizes([chars * 175, chars * 62])

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.FontChange:
            self._size_columns()
        super().changeEvent(event)

    # -- reading ------------------------------------------------------------------------

    def reload(self) -> None:
        self._loading = True
        try:
            chain = plan.action_plan(self.document)
            self.people = [p.name for p in list_participants(self.document)]
            self.model.load(chain)
            self._restore_expansion(QModelIndex())
            index = self.model.index_of(self._current)
            if not index.isValid() and self.model.rowCount():
                index = self.model.index(0, COL_TITLE)
            self.tree.setCurrentIndex(index)
            if index.isValid():
                self.tree.scrollTo(index)
            self._current = self.model.row_at(index).id if index.isValid() else None
        finally:
            self._loading = False
        self.detail.set_people(self.people)
        self.detail.show_row(self.current_row())
        self.adoption.load(chain.adoptions)
        self._update_buttons()

    def _restore_expansion(self, parent: QModelIndex) -> None:
        """Everything open except what the user closed, so new rows show at once."""
        for row in range(self.model.rowCount(parent)):
            index = self.model.index(row, COL_TITLE, parent)
            if self.model.rowCount(index):
                if self.model.row_at(index).id not in self._collapsed:
                    self.tree.setExpanded(index, True)
                self._restore_expansion(index)

    def current_row(self) -> PlanRow | None:
        return self.model.row_at(self.model.index_of(self._current))

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._loading or not current.isValid():
            return
        self._current = self.model.row_at(current).id
        self.detail.show_row(self.current_row())
        self._update_buttons()

    def select_node(self, node_id: str) -> None:
        """Select a row by its id (after adding it, or from another page)."""
        if self._stale:
            self.reload()
            self._stale = False
        index = self.model.index_of(node_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def show_target(self, node_id: object) -> None:
        self.select_node(str(node_id))

    def _rows(self, kind: str) -> list[PlanRow]:
        found: list[PlanRow] = []

        def walk(parent: QModelIndex) -> None:
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, COL_TITLE, parent)
                item = self.model.row_at(index)
                if item.kind == kind:
                    found.append(item)
                walk(index)

        walk(QModelIndex())
        return found

    def _update_buttons(self) -> None:
        row = self.current_row()
        kind = row.kind if row else None
        siblings = [r for r in row.parent.children if r.kind == kind] if row and row.parent else []
        movable = kind in (OUTCOME, OUTPUT, ACTIVITY)
        self.up_button.setEnabled(movable and siblings.index(row) > 0)
        self.down_button.setEnabled(movable and siblings.index(row) < len(siblings) - 1)
        self.delete_button.setEnabled(kind in (OUTCOME, OUTPUT))
        self.add_output_button.setEnabled(bool(self._rows(OUTCOME)))
        self.place_button.setEnabled(kind == ACTIVITY)
        placed = kind == ACTIVITY and row.parent is not None and row.parent.kind == OUTPUT
        self.place_button.setText(
            self.tr("Move to o&utput…") if placed else self.tr("P&lace activity…")
        )

    # -- changing ------------------------------------------------------------------------

    def add_outcome(self) -> None:
        row = self.current_row()
        level, above = OutcomeLevel.ULTIMATE.value, None
        if row is not None and row.kind == OUTCOME:
            below = {"ultimate": "intermediate", "intermediate": "immediate"}
            if row.level in below:
                level, above = below[row.level], row.id
            else:  # an immediate outcome: a sibling under the same parent
                level = row.level
                above = row.parent.id if row.parent and row.parent.kind == OUTCOME else None
        dialog = OutcomeDialog(self, self._rows(OUTCOME), level, above)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        title, level = dialog.title.text(), dialog.level.currentData()
        above = dialog.parent_outcome.currentData()
        dialog.deleteLater()
        if not accepted:
            return
        created = self.workspace.run(
            self.tr("Add outcome"),
            lambda: plan.add_outcome(self.document, title=title, level=level, parent=above),
        )
        if created is not None:
            self.select_node(created.id)

    def add_output(self) -> None:
        outcomes = self._rows(OUTCOME)
        if not outcomes:
            return
        row = self.current_row()
        while row is not None and row.kind != OUTCOME:
            row = row.parent
        dialog = OutputDialog(self, outcomes, row.id if row else None)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        title, serves = dialog.title.text(), dialog.outcome.currentData()
        dialog.deleteLater()
        if not accepted:
            return
        created = self.workspace.run(
            self.tr("Add output"),
            lambda: plan.add_output(self.document, title=title, outcome=serves),
        )
        if created is not None:
            self.select_node(created.id)

    def place_activity(self) -> None:
        row = self.current_row()
        if row is None or row.kind != ACTIVITY:
            return
        now = row.parent.id if row.parent and row.parent.kind == OUTPUT else None
        dialog = PlaceDialog(self, row.title, self._rows(OUTPUT), now)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        output = dialog.output.currentData()
        dialog.deleteLater()
        if not accepted or output == now:
            return
        activity_id = row.id
        label = self.tr("Place activity") if output else self.tr("Take activity out of the plan")
        self.workspace.run(label, lambda: plan.place_activity(self.document, activity_id, output))
        self.select_node(activity_id)

    def move(self, step: int) -> None:
        row = self.current_row()
        if row is None or row.kind == GROUP:
            return
        node_id = row.id
        label = self.tr("Move up") if step < 0 else self.tr("Move down")
        self.workspace.run(label, lambda: plan.move_node(self.document, node_id, step))

    def delete_node(self) -> None:
        row = self.current_row()
        if row is None or row.kind not in (OUTCOME, OUTPUT):
            return
        if row.kind == OUTCOME:
            question = self.tr(
                "Delete outcome %1 “%2” with the outcomes and outputs under it? Its activities "
                "go back to “Not yet in the plan”. You can undo it with Ctrl+Z."
            )
        else:
            question = self.tr(
                "Delete output %1 “%2”? Its activities go back to “Not yet in the plan”. "
                "You can undo it with Ctrl+Z."
            )
        answer = QMessageBox.question(
            self,
            self.tr("Delete from the action plan"),
            question.replace("%1", row.code).replace("%2", row.title),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        node_id = row.id
        self._current = row.parent.id if row.parent and row.parent.kind != GROUP else None
        self.workspace.run(
            self.tr("Delete outcome") if row.kind == OUTCOME else self.tr("Delete output"),
            lambda: plan.delete_node(self.document, node_id),
        )

    def rename(self, kind: str, node_id: str, title: str) -> None:
        """A title typed in the tree (F2 or double-click)."""
        if kind == OUTCOME:
            self.workspace.run(
                self.tr("Rename outcome"),
                lambda: plan.update_outcome(self.document, node_id, title=title),
            )
        elif kind == OUTPUT:
            self.workspace.run(
                self.tr("Rename output"),
                lambda: plan.update_output(self.document, node_id, title=title),
            )
