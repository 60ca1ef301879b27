"""Priorities (IDG Part III step 1): each activity rated low / medium / high on
the guide's eight criteria, with the band the rule computes and the band in force.

Built for the plenary to fill in live on the projector: move with the arrow
keys and type L, M or H (Delete clears), one undoable change per key press.
Unrated criteria read "—", never a blank that could pass for medium.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QWidget,
)

from idg_desktop.domain import records
from idg_desktop.domain.records import Kind
from idg_desktop.services import activities, findings
from idg_desktop.ui.models.activities_model import (
    FIRST_CRITERION,
    ActivitiesModel,
    criterion_labels,
)

# the matrix page reads the levels' words from here
from idg_desktop.ui.models.activities_model import level_labels as level_labels
from idg_desktop.ui.pages.activity_dialogs import (
    AddActivityDialog,
    OverrideDialog,
    activity_codes,
    activity_mark,
)
from idg_desktop.ui.pages.base import Page
from idg_desktop.ui.pages.rating_table import RatingTable
from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.dialog_form import ask
from idg_desktop.ui.widgets.labelled import wrapping_label
from idg_desktop.ui.widgets.record_table import Resize, setup_record_table
from idg_desktop.ui.workspace import Workspace


class PrioritiesPage(Page):
    MAIN_ACTIONS = ("add_button", "override_button")
    KINDS = frozenset({Kind.ACTIVITY, Kind.FINDING})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self._current: str | None = None
        layout = self.page_layout(
            self.tr("Priorities"),
            self.tr(
                "Rate each activity on the guide's eight criteria: select a cell and type "
                "L, M or H (Delete clears). The priority needs impact and at least five "
                "criteria rated; a high cost counts against an activity."
            ),
        )
        top = QHBoxLayout()
        top.addStretch(1)
        self.add_button = QPushButton(self.tr("&Add activity…"))
        self.from_findings_button = QPushButton(
            self.tr("&Create activities from all agreed findings")
        )
        self.from_findings_button.setToolTip(
            self.tr(
                "One activity for each agreed or amended finding that has none yet, titled "
                "from its proposed action (one step: Ctrl+Z undoes it)"
            )
        )
        self.override_button = QPushButton(self.tr("&Override priority…"))
        top.addWidget(self.from_findings_button)
        top.addWidget(self.add_button)
        top.addWidget(self.override_button)
        layout.addLayout(top)
        #: What the last "Create activities from all agreed findings" did.
        self.notice = wrapping_label("pageIntro")
        self.notice.hide()
        layout.addWidget(self.notice)
        self._codes: dict[str, str] = {}
        self.model = ActivitiesModel(self)
        self.table = RatingTable()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Activities and their ratings"))
        # each rating is a cell of its own; the columns are the table's own
        setup_record_table(
            self.table, resize=Resize.Interactive, single=True, cells=True, elide=False
        )
        self.table.size_columns()
        layout.addWidget(self.table, 1)
        self.add_button.clicked.connect(self.add_activity)
        self.from_findings_button.clicked.connect(self.add_from_agreed_findings)
        self.table.levelTyped.connect(self.rate)
        self.override_button.clicked.connect(self.override_priority)
        self.table.selectionModel().currentChanged.connect(self._on_current)

    def reload(self) -> None:
        column = max(self.table.currentIndex().column(), FIRST_CRITERION)
        self.model.load(activities.list_activities(self.document))
        self._codes = activity_codes(self.document)
        self.notice.hide()  # it told of the change before this one
        self.table.resizeRowsToContents()
        row = self.model.row_of(self._current)
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, column))
        self.override_button.setEnabled(row >= 0)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._current = self.model.activity(current.row()).id

    def current_activity(self) -> records.Activity | None:
        row = self.model.row_of(self._current)
        return self.model.activity(row) if row >= 0 else None

    def show_target(self, activity_id: object) -> None:
        """Select an activity's row (from the matrix page)."""
        if self._stale:
            self.reload()
            self._stale = False
        row = self.model.row_of(str(activity_id))
        if row >= 0:
            self._current = str(activity_id)
            column = max(self.table.currentIndex().column(), FIRST_CRITERION)
            self.table.setCurrentIndex(self.model.index(row, column))
            self.table.scrollTo(self.model.index(row, column))
            self.table.setFocus()

    def rate(self, row: int, criterion: str, level: str | None) -> None:
        """One key press, one undoable change of one criterion."""
        activity = self.model.activity(row)
        activity_id = activity.id
        if getattr(activity, criterion) == level:
            return
        what = criterion_labels()[criterion].lower()
        label = fmt(self.tr("Rate %1 of %2"), what, activity_mark(activity, self._codes))
        self.workspace.run(
            label,
            lambda: activities.rate_activity(self.document, activity_id, {criterion: level}),
        )

    def add_activity(self) -> None:
        dialog = AddActivityDialog(self)
        created = self.run_dialog(
            dialog,
            lambda: (
                dialog.title.text().strip(),
                dialog.section.currentData(),
                dialog.finding.currentData(),
                dialog.details if dialog.finding.currentData() else "",
            ),
            self.tr("Add activity"),
            lambda title, section, finding_id, details: activities.add_activity(
                self.document,
                title=title,
                section=section,
                findings=[finding_id] if finding_id else None,
                description=details,
            ),
        )
        if created is not None:
            self.show_target(created.id)

    def add_from_agreed_findings(self) -> None:
        """One activity per agreed finding without one, in one undo step; says how
        many were created and how many findings already had one."""
        usable = [
            f
            for f in findings.list_findings(self.document)
            if f.status in activities.USABLE_FINDINGS
        ]
        created = self.workspace.run(
            self.tr("Create activities from agreed findings"),
            lambda: activities.add_activities_from_agreed_findings(self.document),
        )
        if created is None:
            return
        skipped = len(usable) - len(created)
        if created:
            text = (
                self.tr("Created 1 activity from an agreed finding.")
                if len(created) == 1
                else self.tr("Created %1 activities from agreed findings.")
            )
            text += " " + fmt(
                self.tr("Skipped %1 that already had one. Ctrl+Z undoes it."), str(skipped)
            )
            text = fmt(text, str(len(created)))
            self.show_target(created[0].id)
        else:
            text = fmt(
                self.tr(
                    "Every agreed finding already has an activity (%1 findings): nothing created."
                ),
                str(skipped),
            )
        self.notice.setText(text)
        self.notice.show()

    def override_priority(self) -> None:
        activity = self.current_activity()
        if activity is None:
            return
        dialog = OverrideDialog(self, activity)
        chosen = ask(dialog, lambda: (dialog.band.currentData(), dialog.reason.toPlainText()))
        if chosen is None:
            return
        band, reason = chosen[0], chosen[1].strip()
        activity_id = activity.id
        label = fmt(
            self.tr("Override priority of %1")
            if band
            else self.tr("Clear priority override of %1"),
            activity_mark(activity, self._codes),
        )
        self.workspace.run(
            label, lambda: activities.override_priority(self.document, activity_id, band, reason)
        )
