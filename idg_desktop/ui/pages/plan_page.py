"""The integrity action plan (IDG Part III steps 2–6, Part IV, Annex 9).

The results chain as a tree laid out like the Annex 9 template (Outcome 1 →
output 1.1 → activities with who is responsible, the KPI, the target, the
budget and the timeline), a panel with the selected row's plan fields and
SMART check (:mod:`.plan_detail`, :mod:`.plan_smart`), and the plan's
endorsements at the bottom (:mod:`.plan_adoption`); the tree is
:mod:`.plan_tree`, the toolbar's dialogs :mod:`.plan_dialogs` and
:mod:`.kpi_dialogs`.

Every edit is one service call through :meth:`Workspace.run`: saved at once,
one undo step each; refusals reach the user through the window.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QWidget,
)

from idg_desktop.domain.plan import OutcomeLevel
from idg_desktop.domain.records import Kind
from idg_desktop.services import plan
from idg_desktop.services.activities import proposed_output
from idg_desktop.services.participants import list_participants
from idg_desktop.ui.models.plan_model import (
    ACTIVITY,
    COL_TITLE,
    GROUP,
    OUTCOME,
    OUTPUT,
    PlanModel,
    PlanRow,
)
from idg_desktop.ui.pages.base import Page
from idg_desktop.ui.pages.kpi_dialogs import KpiDialog
from idg_desktop.ui.pages.plan_adoption import AdoptionBox
from idg_desktop.ui.pages.plan_detail import NodeDetail
from idg_desktop.ui.pages.plan_dialogs import (
    MoveOutputDialog,
    OutcomeDialog,
    OutputDialog,
    PlaceDialog,
)
from idg_desktop.ui.pages.plan_tree import PlanTree
from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.dialog_form import ask
from idg_desktop.ui.workspace import Workspace


class ActionPlanPage(Page):
    MAIN_ACTIONS = (
        "tree",
        "add_outcome_button",
        "add_output_button",
        "place_button",
        "add_kpi_button",
    )
    KINDS = frozenset(
        {
            Kind.OUTCOME,
            Kind.OUTPUT,
            Kind.ACTIVITY,
            Kind.KPI,
            Kind.SMART_CONFIRMATION,
            Kind.ADOPTION,
            Kind.PARTICIPANT,
        }
    )

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self._current: str | None = None
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
        self.tree = PlanTree(self.model)
        self.detail = NodeDetail(workspace)
        # The panel scrolls up and down only: never wider than its column, so its
        # heading wraps and its form is never cut at the right edge.
        self.detail_scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a tab stop: its fields are
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.detail)
        self.across = across = QSplitter(Qt.Orientation.Horizontal)
        across.setChildrenCollapsible(False)
        across.addWidget(self.tree)
        across.addWidget(scroll)
        across.setStretchFactor(0, 1)
        across.setStretchFactor(1, 0)
        layout.addWidget(across, 1)  # before the endorsements: Tab goes tree, panel, endorsements
        self.adoption = AdoptionBox(workspace, lambda: self.people, self)
        layout.addWidget(self.adoption)
        self.fit_to_font()

        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self.model.titleEdited.connect(self.rename, Qt.ConnectionType.QueuedConnection)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.tree)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_node)

    def _build_toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.add_outcome_button = QPushButton(self.tr("Add &outcome…"))
        self.add_output_button = QPushButton(self.tr("Add ou&tput…"))
        self.place_button = QPushButton(self.tr("P&lace activity…"))
        self.add_kpi_button = QPushButton(self.tr("Add &KPI…"))
        self.up_button = QPushButton(self.tr("Move up"))
        self.down_button = QPushButton(self.tr("Move down"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        for button, action, keys, tip in (
            (self.add_outcome_button, self.add_outcome, "Ctrl+Shift+O", self.tr("Add an outcome")),
            (self.add_output_button, self.add_output, "Ctrl+Shift+T", self.tr("Add an output")),
            (
                self.place_button,
                self.place_selected,
                "Ctrl+Shift+L",
                self.tr("Choose the output the selected activity produces"),
            ),
            (
                self.add_kpi_button,
                self.add_kpi,
                "Ctrl+Shift+K",
                self.tr("Add a KPI to the selected outcome, output or activity"),
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

    def fit_to_font(self) -> None:
        """The tree's columns and the panel's width follow the View menu's zoom."""
        self.tree.size_columns()
        chars = self.tree.fontMetrics().averageCharWidth()
        # The panel's column: as wide as its form needs (the tree scrolls sideways).
        self.detail_scroll.setMinimumWidth(self.detail.minimumSizeHint().width() + 24)
        self.across.setSizes([chars * 100, chars * 62])

    # -- reading ------------------------------------------------------------------------

    def reload(self) -> None:
        self._loading = True
        try:
            chain = plan.action_plan(self.document)
            self.people = [p.name for p in list_participants(self.document)]
            self.model.load(chain)
            self.tree.restore_expansion()
            index = self.model.index_of(self._current)
            if not index.isValid() and self.model.rowCount():
                index = self.model.index(0, COL_TITLE)
            self.tree.show_index(index)
            self._current = self.model.row_at(index).id if index.isValid() else None
        finally:
            self._loading = False
        self.detail.set_people(self.people)
        self.detail.show_row(self.current_row())
        self.adoption.load(chain.adoptions)
        self._update_buttons()

    def current_row(self) -> PlanRow | None:
        return self.model.row_at(self.model.index_of(self._current))

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._loading or not current.isValid():
            return
        before, self._current = self._current, self.model.row_at(current).id
        self.detail.show_row(self.current_row())
        if self._current != before:  # another record's details start at its title
            self.detail_scroll.verticalScrollBar().setValue(0)
        self._update_buttons()

    def select_node(self, node_id: str) -> None:
        """Select a row by its id (after adding it, or from another page)."""
        if self._stale:
            self.reload()
            self._stale = False
        index = self.model.index_of(node_id)
        if index.isValid():
            self.tree.show_index(index)

    def show_target(self, node_id: object) -> None:
        self.select_node(str(node_id))

    def _update_buttons(self) -> None:
        row = self.current_row()
        kind = row.kind if row else None
        siblings = [r for r in row.parent.children if r.kind == kind] if row and row.parent else []
        movable = kind in (OUTCOME, OUTPUT, ACTIVITY)
        self.up_button.setEnabled(movable and siblings.index(row) > 0)
        self.down_button.setEnabled(movable and siblings.index(row) < len(siblings) - 1)
        self.delete_button.setEnabled(kind in (OUTCOME, OUTPUT))
        self.add_kpi_button.setEnabled(movable)
        self.add_output_button.setEnabled(bool(self.model.rows_of(OUTCOME)))
        # One button places an activity under an output, or moves an output to an outcome.
        self.place_button.setEnabled(kind in (ACTIVITY, OUTPUT))
        placed = kind == ACTIVITY and row.parent is not None and row.parent.kind == OUTPUT
        if kind == OUTPUT:
            text = self.tr("&Move to outcome…")
            tip = self.tr("Choose the outcome the selected output serves")
        else:
            text = self.tr("&Move to output…") if placed else self.tr("P&lace activity…")
            tip = self.tr("Choose the output the selected activity produces")
        self.place_button.setText(text)
        keys = QKeySequence("Ctrl+Shift+L").toString(QKeySequence.SequenceFormat.NativeText)
        self.place_button.setToolTip(f"{tip} ({keys})")

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
        dialog = OutcomeDialog(self, self.model.rows_of(OUTCOME), level, above)
        created = self.run_dialog(
            dialog,
            lambda: (
                dialog.title.text(),
                dialog.level.currentData(),
                dialog.parent_outcome.currentData(),
            ),
            self.tr("Add outcome"),
            lambda title, level, above: plan.add_outcome(
                self.document, title=title, level=level, parent=above
            ),
        )
        if created is not None:
            self.select_node(created.id)

    def add_output(self) -> None:
        outcomes = self.model.rows_of(OUTCOME)
        if not outcomes:
            return
        row = self.current_row()
        while row is not None and row.kind != OUTCOME:
            row = row.parent
        dialog = OutputDialog(self, outcomes, row.id if row else None)
        created = self.run_dialog(
            dialog,
            lambda: (dialog.title.text(), dialog.outcome.currentData()),
            self.tr("Add output"),
            lambda title, serves: plan.add_output(self.document, title=title, outcome=serves),
        )
        if created is not None:
            self.select_node(created.id)

    def add_kpi(self) -> None:
        """A KPI of the selected outcome, output or activity (Part IV)."""
        row = self.current_row()
        if row is None or row.kind not in (OUTCOME, OUTPUT, ACTIVITY):
            return
        dialog = KpiDialog(self, self.model.title_text(row))
        chosen = ask(
            dialog,
            lambda: (
                dialog.name.text().strip(),
                dialog.target.text().strip(),
                dialog.confidential.isChecked(),
            ),
        )
        if chosen is None or not chosen[0]:
            return
        name, target, secret = chosen
        kind, node_id = row.kind, row.id
        self.workspace.run(
            self.tr("Add KPI"),
            lambda: plan.add_kpi(
                self.document, name=name, target=target, confidential=secret, **{kind: node_id}
            ),
        )
        self.select_node(node_id)

    def place_selected(self) -> None:
        """The place button: an activity goes under an output, an output under an outcome."""
        row = self.current_row()
        if row is not None and row.kind == OUTPUT:
            self.move_output()
        else:
            self.place_activity()

    def move_output(self) -> None:
        """Move the selected output, with its activities, to serve another outcome."""
        row = self.current_row()
        if row is None or row.kind != OUTPUT or row.parent is None:
            return
        now = row.parent.id
        dialog = MoveOutputDialog(self, row.title, self.model.rows_of(OUTCOME), now)
        outcome = ask(dialog, dialog.outcome.currentData)
        if outcome is None or outcome == now:
            return
        output_id = row.id
        self.workspace.run(
            self.tr("Move output to another outcome"),
            lambda: plan.update_output(self.document, output_id, outcome=outcome),
        )
        self.select_node(output_id)

    def place_activity(self) -> None:
        row = self.current_row()
        if row is None or row.kind != ACTIVITY:
            return
        now = row.parent.id if row.parent and row.parent.kind == OUTPUT else None
        proposed = proposed_output(self.document, row.id)
        dialog = PlaceDialog(self, row.title, self.model.rows_of(OUTPUT), now, proposed)
        chosen = ask(dialog, lambda: (dialog.output.currentIndex(), dialog.output.currentData()))
        if chosen is None or chosen[0] < 0 or chosen[1] == now:
            return
        output = chosen[1]
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
            fmt(question, row.code, row.title),
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
