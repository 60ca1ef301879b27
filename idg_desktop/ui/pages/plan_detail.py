"""The Action plan page's detail panel: the selected row's fields and SMART check.

An activity shows its Annex 9 plan fields and its Figure 14 worksheet; an
outcome or output shows its description; every node shows its SMART check.
Each field is saved when the user leaves it, one undo step, only if it changed.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.domain import records
from idg_desktop.domain.plan import (
    Extent,
    display_when,
    parse_when,
)
from idg_desktop.errors import IdgError
from idg_desktop.services import plan
from idg_desktop.services.activities import find_activity
from idg_desktop.services.plan import PLAN_FIELDS
from idg_desktop.ui.labels import outcome_level_labels
from idg_desktop.ui.models.plan_model import (
    ACTIVITY,
    GROUP,
    OUTCOME,
    OUTPUT,
    PlanRow,
    band_text,
)
from idg_desktop.ui.pages.plan_smart import SmartBox
from idg_desktop.ui.plain_text_field import PlainTextField
from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.labelled import wrapping_label
from idg_desktop.ui.workspace import Workspace

#: Lines the description box of an outcome or output shows.
DESCRIPTION_LINES = 3


class NodeDetail(QWidget):
    """The selected row: an activity's plan fields, an outcome's or output's description,
    and the SMART check of any node."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._loading = False
        self._row: PlanRow | None = None
        self._stored: dict[str, str] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 0)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.heading)
        # A short box and a note that wraps: the panel fits a laptop's narrow column.
        self.confidential = QCheckBox(self.tr("Confide&ntial"))
        self.confidential.setToolTip(
            self.tr("Public versions leave it out, with everything under it")
        )
        self.confidential.clicked.connect(self._mark_confidential)
        self.confidential_note = QLabel(
            self.tr("Public versions leave it out, with everything under it.")
        )
        self.confidential_note.setObjectName("pageIntro")
        self.confidential_note.setWordWrap(True)
        marked = QHBoxLayout()
        marked.addWidget(self.confidential)
        marked.addWidget(self.confidential_note, 1)
        layout.addLayout(marked)
        # Its KPIs, with their targets: the tree's KPI column is far to the right.
        self.kpis = wrapping_label("pageIntro")
        self.kpis.setAccessibleName(self.tr("KPIs"))
        layout.addWidget(self.kpis)
        self.fields: dict[str, QLineEdit | QComboBox] = {}
        self._description_stored = ""
        self.description_box = self._build_description()
        self.plan_box = self._build_plan_fields()
        self.worksheet_box = self._build_worksheet()
        self.smart_box = SmartBox(workspace)
        # (the SMART box's parts, as the panel's: tests and the autosave look there)
        self.ticks, self.confirmers = self.smart_box.ticks, self.smart_box.confirmers
        self.computed, self.smart_message = self.smart_box.computed, self.smart_box.message
        for box in (self.description_box, self.plan_box, self.worksheet_box, self.smart_box):
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
            "performance_target": self.tr("Performance t&arget:"),
            "budget": self.tr("&Budget:"),
            "resources": self.tr("Resour&ces:"),
            "start": self.tr("&Start:"),
            "due": self.tr("D&ue:"),
            "strategic_goal": self.tr("Strategic plan &goal:"),
            "stakeholders": self.tr("Stakehol&ders to consult:"),
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
        # In a narrow panel a field goes under its label rather than off the edge.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
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

    def _build_description(self) -> QGroupBox:
        box = QGroupBox(self.tr("Description"))
        self.description = PlainTextField()
        self.description.setAccessibleName(self.tr("Description"))
        self.description.setPlaceholderText(
            self.tr("What this result means, in a sentence or two (saved when you leave it)")
        )
        self.description.editingFinished.connect(self._commit_description)
        layout = QVBoxLayout(box)
        layout.addWidget(self.description)
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

    def _apply_fonts(self) -> None:
        big = QFont(self.font())
        big.setPointSizeF(self.font().pointSizeF() * 1.2)
        big.setBold(True)
        self.heading.setFont(big)
        text = self.description
        margins = 2 * (text.frameWidth() + int(text.document().documentMargin())) + 4
        text.setFixedHeight(text.fontMetrics().lineSpacing() * DESCRIPTION_LINES + margins)

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.FontChange:
            self._apply_fonts()
        super().changeEvent(event)

    def set_people(self, names: list[str]) -> None:
        self.names.setStringList(names)
        self.smart_box.set_people(names)

    # -- showing ---------------------------------------------------------------------

    def show_row(self, row: PlanRow | None) -> None:
        """Fill the panel from the file for ``row`` (None: nothing selected)."""
        self._loading = True
        try:
            self._row = row
            node = row is not None and row.kind != GROUP
            activity = row is not None and row.kind == ACTIVITY
            described = row is not None and row.kind in (OUTCOME, OUTPUT)
            self.description_box.setVisible(described)
            self.plan_box.setVisible(activity)
            self.worksheet_box.setVisible(activity)
            self.smart_box.setVisible(node)
            self.confidential.setVisible(node)
            self.confidential_note.setVisible(node)
            self.kpis.setVisible(node)
            if node:
                record = self._record(row)
                self.confidential.setChecked(record.confidential)
                self.kpis.setText(self._kpis_text(plan.kpis_of(self.document, row.id)))
            self.heading.setText(self._heading(row))
            if activity:
                self._fill_fields(find_activity(self.document, row.id))
            if described:
                self._fill_description(row)
            self.smart_box.show_check(row if node else None)
        finally:
            self._loading = False

    def _kpis_text(self, kpis) -> str:
        if not kpis:
            return self.tr("No KPI yet: Add KPI… (Ctrl+Shift+K) gives it one.")
        parts = []
        for kpi in kpis:
            target = kpi.target_value.strip()
            parts.append(
                fmt(self.tr("%1 (target: %2)"), kpi.name, target)
                if target
                else fmt(self.tr("%1 (no target yet)"), kpi.name)
            )
        return fmt(self.tr("KPIs: %1"), "; ".join(parts))

    def _record(self, row: PlanRow):
        find = {OUTCOME: plan.find_outcome, OUTPUT: plan.find_output, ACTIVITY: find_activity}
        return find[row.kind](self.document, row.id)

    def _mark_confidential(self, on: bool) -> None:
        row = self._row
        if self._loading or row is None or row.kind == GROUP:
            return
        node_id = row.id
        self.workspace.run(
            self.tr("Mark confidential") if on else self.tr("Mark not confidential"),
            lambda: plan.set_confidential(self.document, node_id, on),
        )
        self.refresh()  # as stored (unchanged if refused)

    def refresh(self) -> None:
        """Show what the file holds again (after a refused change)."""
        if self._row is not None:
            self.show_row(self._row)

    def _heading(self, row: PlanRow | None) -> str:
        if row is None or row.kind == GROUP:
            return self.tr("Select an outcome, output or activity to see and edit its details.")
        if row.kind == OUTCOME:
            what = outcome_level_labels().get(row.level, row.level)
            return fmt(self.tr("%1 %2: %3"), what, row.code, row.title)
        if row.kind == OUTPUT:
            return fmt(self.tr("Output %1: %2"), row.code, row.title)
        if row.code:
            text = fmt(self.tr("Activity %1: %2"), row.code, row.title)
        else:
            text = fmt(self.tr("Activity: %1"), row.title)
        priority = fmt(self.tr("priority: %1"), band_text(row.band))
        return f"{text} ({priority})"

    def _fill_fields(self, activity: records.Activity) -> None:
        for name, widget in self.fields.items():
            value = getattr(activity, name)
            stored = "" if value is None else str(value)
            self._stored[name] = stored
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(stored)))
            else:
                widget.setText(display_when(stored) if name in ("start", "due") else stored)
                widget.setCursorPosition(0)

    def _fill_description(self, row: PlanRow) -> None:
        find = plan.find_outcome if row.kind == OUTCOME else plan.find_output
        self._description_stored = find(self.document, row.id).description or ""
        if self.description.toPlainText() != self._description_stored:
            self.description.setPlainText(self._description_stored)

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
            fmt(self.tr("Edit %1"), label.lower()),
            lambda: plan.update_plan_fields(self.document, activity_id, **{name: value}),
        )
        self.refresh()  # the value as stored: normalised, or as it was if refused

    def _commit_description(self) -> None:
        """The description of an outcome or output: one undo step, only if it changed."""
        row = self._row
        if self._loading or row is None or row.kind not in (OUTCOME, OUTPUT):
            return
        value = self.description.toPlainText().strip()
        if value == self._description_stored:
            return
        node_id = row.id
        outcome = row.kind == OUTCOME
        update = plan.update_outcome if outcome else plan.update_output
        self.workspace.run(
            self.tr("Edit outcome description") if outcome else self.tr("Edit output description"),
            lambda: update(self.document, node_id, description=value),
        )
        self.refresh()  # the text as stored (trimmed), or as it was if refused
