"""Allocate automatically: choose the number of groups, see who goes where and
why (a table: person, group, reason), then allocate — one undo step."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.errors import IdgError
from idg_desktop.services import groups
from idg_desktop.ui.labels import role_labels
from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.notes import warning_note
from idg_desktop.ui.widgets.record_table import setup_record_table
from idg_desktop.ui.workspace import Workspace


class AllocateDialog(QDialog):
    """A preview of :func:`groups.plan_allocation` that follows the number of
    groups, and the Allocate button that applies it (the dialog then shows
    what was done, until it is closed)."""

    def __init__(
        self,
        workspace: Workspace,
        count: int,
        low: int,
        high: int,
        *,
        replaces: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.applied: groups.Allocation | None = None
        self.setWindowTitle(self.tr("Allocate automatically"))
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Sections go to the groups so that each has a similar number of questions. "
                "Each person goes to the group that holds the section their expertise or unit "
                "points to, whenever group sizes, the mix of women and men and a rapporteur "
                "in each group allow; the others are spread for balance. Existing groups are "
                "kept and reused."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.count = QSpinBox()
        self.count.setRange(low, high)
        self.count.setValue(count)
        label = QLabel(self.tr("&Number of working groups:"))
        label.setBuddy(self.count)
        row.addWidget(label)
        row.addWidget(self.count)
        row.addStretch(1)
        layout.addLayout(row)
        self.replaces = warning_note(
            self.tr(
                "Allocating replaces the sections and members of every group. You can undo "
                "it with Ctrl+Z."
            ),
            shown=replaces,
        )
        layout.addWidget(self.replaces)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Person"), self.tr("Group"), self.tr("Why")])
        setup_record_table(self.table, stretch=(2,))
        layout.addWidget(self.table, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.allocate_button = QPushButton(self.tr("&Allocate"))
        self.allocate_button.setDefault(True)
        buttons.addButton(self.allocate_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.allocate_button.clicked.connect(self.allocate)
        self.close_button.clicked.connect(self._close)
        layout.addWidget(buttons)
        self.count.valueChanged.connect(self.preview)
        self.preview()

    # -- showing ---------------------------------------------------------------

    def preview(self) -> None:
        """Show what allocating to the chosen number of groups would do."""
        try:
            plan = groups.plan_allocation(self.workspace.document, self.count.value())
        except IdgError as error:
            self._show([])
            self.status.setText(str(error))
            self.allocate_button.setEnabled(False)
            return
        self._show(plan.placements)
        self.allocate_button.setEnabled(True)
        self.status.setText(self.tr("Preview: nothing changes until you press Allocate."))

    def _show(self, placements: list[groups.PersonPlacement]) -> None:
        self.table.setRowCount(len(placements))
        for row, placement in enumerate(placements):
            group = placement.group or self.tr("Not in a group")
            for column, text in enumerate((placement.person, group, self.reason(placement))):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()

    def reason(self, placement: groups.PersonPlacement) -> str:
        """Why a person goes where they go, in the window's language."""
        if placement.left_out:
            role = role_labels().get(placement.left_out, placement.left_out)
            return fmt(self.tr("%1: runs or watches the workshop"), role)
        where = fmt(
            self.tr("expertise '%1'") if placement.field == "expertise" else self.tr("unit '%1'"),
            placement.words,
        )
        if placement.section:
            text = fmt(self.tr("%1: %2"), placement.section_title, where)
        elif placement.passed_over:
            text = fmt(
                self.tr("For balance (%1 points to %2, in %3)"),
                where,
                placement.passed_over,
                placement.passed_over_group,
            )
        else:
            text = self.tr("For balance")
        if placement.rapporteur:
            text = fmt(self.tr("%1; the group's rapporteur"), text)
        return text

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()  # wrapped reasons, at the shown width

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.table.resizeRowsToContents()

    # -- acting ------------------------------------------------------------------

    def allocate(self) -> None:
        count = self.count.value()
        document = self.workspace.document
        done = self.workspace.run(
            self.tr("Allocate automatically"), lambda: groups.auto_allocate(document, count)
        )
        if done is None:
            return
        self.applied = done
        self._show(done.placements)
        self.count.setEnabled(False)
        self.allocate_button.setEnabled(False)
        self.replaces.hide()
        self.status.setText(self.tr("Allocated as shown. You can undo it with Ctrl+Z."))
        self.close_button.setText(self.tr("Close"))

    def _close(self) -> None:
        if self.applied is not None:
            self.accept()
        else:
            self.reject()
