"""The dialogs that add a KPI: from the KPIs page (choosing what it measures
among the plan's outcomes, outputs and activities) and from the Action plan
page (for the node selected there). Both ask the indicator's name and target;
the page runs the service with them through :meth:`Workspace.run`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QFormLayout, QLineEdit, QWidget

from idg_desktop.services import activities, plan
from idg_desktop.ui.models.kpis_model import activity_label, node_label
from idg_desktop.ui.widgets.dialog_form import ok_cancel, wide, wrapped


def plan_nodes(document) -> dict[str, tuple[str, str, str]]:
    """Every outcome and output of the plan: id → (code, title, kind), in plan order."""
    found: dict[str, tuple[str, str, str]] = {}
    for node in plan.action_plan(document).nodes():
        if isinstance(node, plan.OutcomeNode):
            found[node.outcome.id] = (node.code, node.outcome.title, "outcome")
        elif isinstance(node, plan.OutputNode):
            found[node.output.id] = (node.code, node.output.title, "output")
    return found


class _KpiDialog(QDialog):
    """The indicator's name and its target, under what it measures (the first
    row, the subclass's); OK once it is named."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add KPI"))
        self.name = wide(QLineEdit())
        self.target = QLineEdit()
        self.form = QFormLayout(self)
        self.form.addRow(self.tr("&Name of the indicator:"), self.name)
        self.form.addRow(self.tr("&Target value:"), self.target)

    def _finish(self, label: str, measures: QWidget) -> None:
        """What it measures as the first row, and the OK/Cancel row last: OK
        enabled while :meth:`_ready`."""
        self.form.insertRow(0, label, measures)
        self._ok = ok_cancel(self, self.form)
        self._ok.setEnabled(False)
        self.name.textChanged.connect(lambda _text: self._ok.setEnabled(self._ready()))

    def _ready(self) -> bool:
        return bool(self.name.text().strip())


class AddKpiDialog(_KpiDialog):
    """What a new KPI measures (an outcome, an output or an activity), its name
    and its target."""

    def __init__(self, page: QWidget, activity_id: str | None) -> None:
        super().__init__(page)
        self.target.setPlaceholderText(self.tr("e.g. 90% of posts rotated on time by 2028"))
        self.activity = QComboBox()
        document = page.document
        #: The kind of each choice: "outcome", "output" or "activity".
        self.kinds: dict[str, str] = {}
        choices = [
            (node_id, node_label(kind, code, title), title, kind)
            for node_id, (code, title, kind) in plan_nodes(document).items()
        ]
        choices += [
            (a.id, activity_label(a), a.title, "activity")
            for a in activities.list_activities(document)
        ]
        for node_id, label, title, kind in choices:
            self.activity.addItem(label, node_id)
            self.activity.setItemData(self.activity.count() - 1, title, Qt.ItemDataRole.ToolTipRole)
            self.kinds[node_id] = kind
        self.activity.setCurrentIndex(max(0, self.activity.findData(activity_id)))
        self._finish(self.tr("&Measures:"), self.activity)

    def _ready(self) -> bool:
        return super()._ready() and self.activity.count() > 0


class KpiDialog(_KpiDialog):
    """A new KPI of the selected outcome, output or activity: its name, its
    target and whether public versions leave it out."""

    def __init__(self, parent: QWidget, measures: str) -> None:
        super().__init__(parent)
        self.target.setPlaceholderText(self.tr("e.g. 70% in the 2027 staff survey"))
        self.confidential = QCheckBox(self.tr("Con&fidential (left out of public versions)"))
        self.form.addRow(self.confidential)
        self._finish(self.tr("Measures:"), wrapped(measures))
