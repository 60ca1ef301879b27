"""The Priorities page's dialogs: a new activity (from an agreed finding or
not) and a band chosen by hand with its reason; and how an activity is named
in short where the plan's code is known (A1…)."""

from __future__ import annotations

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from idg_desktop.domain import records
from idg_desktop.services import activities, findings, plan
from idg_desktop.services.assessment import sections_in_scope
from idg_desktop.ui.models.activities_model import level_labels
from idg_desktop.ui.pages.base import Page
from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.dialog_form import ok_cancel, wide, wrapped


def _short(text: str, chars: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def activity_codes(document) -> dict[str, str]:
    """Activity id → its number in the action plan (A1, A2 …; placed ones only)."""
    return {
        node.activity.id: node.code
        for node in plan.action_plan(document).nodes()
        if isinstance(node, plan.ActivityNode) and node.code
    }


def activity_mark(activity: records.Activity, codes: dict[str, str], chars: int = 40) -> str:
    """How an undo text or a mark names an activity: "A3: Adopt the list…" (with
    ``chars=0`` just "A3"), or its title in quotes while it is not in the plan."""
    code = codes.get(activity.id)
    if code and not chars:
        return code
    title = _short(activity.title, chars or 30)
    return f"{code}: {title}" if code else f"“{title}”"


class AddActivityDialog(QDialog):
    """Title and section of a new activity, optionally from an agreed finding."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.setWindowTitle(self.tr("Add activity"))
        self.finding = QComboBox()
        self.finding.view().setTextElideMode(Qt.TextElideMode.ElideRight)  # the mark shows
        self.finding.addItem(self.tr("None (a new idea)"), None)
        #: finding id → the mark of the activities it already has ("has A3: …").
        self.answered: dict[str, str] = {}
        answered = activities.activities_by_finding(page.document)
        codes = activity_codes(page.document)
        usable = [
            f
            for f in findings.list_findings(page.document)
            if f.status in activities.USABLE_FINDINGS
        ]
        # Findings still waiting for an activity first, those that have one after.
        for finding in sorted(usable, key=lambda f: f.id in answered):
            text = finding.proposed_action or finding.text
            label = f"{finding.section_code}  {_short(text, 80)}"
            tip = text
            if finding.id in answered:
                has = ", ".join(activity_mark(a, codes, 0) for a in answered[finding.id])
                self.answered[finding.id] = fmt(self.tr("has %1"), has)
                label = f"{finding.section_code}  {_short(text, 60)}  — {self.answered[finding.id]}"
                whole = "; ".join(activity_mark(a, codes, 200) for a in answered[finding.id])
                tip += "\n" + fmt(self.tr("Already answered by: %1"), whole)
            self.finding.addItem(label, finding.id)
            self.finding.setItemData(self.finding.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.section = QComboBox()
        for section in sections_in_scope(page.document):
            self.section.addItem(f"{section.code}  {section.title}", section.code)
        self.title = wide(QLineEdit())
        form = QFormLayout(self)
        form.addRow(self.tr("From &finding:"), self.finding)
        form.addRow(self.tr("&Section:"), self.section)
        form.addRow(self.tr("&Title:"), self.title)
        ok_cancel(self, form, needs=self.title)
        self._document = page.document
        #: the paragraphs of the finding's proposed action after the first (a merged
        #: finding's), kept as the activity's description.
        self.details = ""
        self.finding.currentIndexChanged.connect(self._from_finding)

    def _from_finding(self, _index: int) -> None:
        """A finding gives its section and, if the title is empty, its proposed action."""
        finding_id = self.finding.currentData()
        if finding_id is None:
            return
        finding = findings.find_finding(self._document, finding_id)
        self.section.setCurrentIndex(max(0, self.section.findData(finding.section_code)))
        title, self.details = activities.finding_title(finding)
        if not self.title.text().strip():
            self.title.setText(title)


class OverrideDialog(QDialog):
    """Choose a band by hand with the reason, or go back to the computed band."""

    def __init__(self, parent: QWidget, activity: records.Activity) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Override priority"))
        self.band = QComboBox()
        self.band.addItem(self.tr("Use the computed priority (no override)"), None)
        for key, text in level_labels().items():
            self.band.addItem(text, key)
        self.band.setCurrentIndex(max(0, self.band.findData(activity.priority_override or None)))
        self.reason = QPlainTextEdit(activity.override_reason)
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        form = QFormLayout(self)
        form.addRow(self.tr("Activity:"), wrapped(activity.title))
        form.addRow(self.tr("&Priority:"), self.band)
        form.addRow(self.tr("&Reason (required):"), self.reason)
        self._ok = ok_cancel(self, form)
        self.band.currentIndexChanged.connect(lambda _i: self._check())
        self.reason.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        """A band set by hand needs its reason; clearing needs none."""
        needs = self.band.currentData() is not None
        self._ok.setEnabled(not needs or bool(self.reason.toPlainText().strip()))
