"""Step 4: the workshop's agenda, and the Annex 4 activities for the chosen mode."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QWidget,
)

from idg_desktop.domain import records
from idg_desktop.domain.records import Kind
from idg_desktop.services import agenda
from idg_desktop.services.assessment import assessment_of, framework_of
from idg_desktop.services.participants import list_participants
from idg_desktop.ui.pages.base import Page
from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.button_row import action_row, ok_cancel_row
from idg_desktop.ui.widgets.dialog_form import SavingDialog, refusal_of
from idg_desktop.ui.widgets.labelled import wrapping_label
from idg_desktop.ui.widgets.record_table import setup_record_table
from idg_desktop.ui.workspace import Workspace

_MODE_COLUMN = {"in-country": "mode-1", "remote": "mode-2", "self": "mode-3"}


class SessionDialog(SavingDialog):
    """A new session (everyone ticked), or ``session`` to edit, filled with its values."""

    def __init__(
        self,
        people: list[tuple[str, str]],
        parent: QWidget | None = None,
        session: records.WorkshopSession | None = None,
    ) -> None:
        super().__init__(parent)
        if session is None:
            self.setWindowTitle(self.tr("Add a workshop session"))
        else:
            self.setWindowTitle(self.tr("Edit workshop session"))
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.start = QTimeEdit(QTime(9, 0))
        self.start.setDisplayFormat("HH:mm")
        self.duration = QSpinBox()
        self.duration.setRange(0, 24 * 60)
        self.duration.setSingleStep(15)
        self.duration.setValue(90)
        self.duration.setSuffix(self.tr(" min"))
        self.topic = QLineEdit()
        self.people = QListWidget()
        taking_part = set(session.participant_ids) if session else None
        for person_id, name in people:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, person_id)
            ticked = taking_part is None or person_id in taking_part
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.people.addItem(item)
        if session is not None:
            self.date.setDate(QDate.fromString(session.date, "yyyy-MM-dd"))
            if session.start:
                self.start.setTime(QTime.fromString(session.start, "HH:mm"))
            self.duration.setValue(session.duration_minutes)
            self.topic.setText(session.topic)
        form = QFormLayout(self)
        form.addRow(self.tr("&Date:"), self.date)
        form.addRow(self.tr("&Start:"), self.start)
        form.addRow(self.tr("D&uration:"), self.duration)
        form.addRow(self.tr("&Topic:"), self.topic)
        form.addRow(self.tr("&Participants:"), self.people)
        form.addRow(self.refusal)
        form.addRow(ok_cancel_row(self))

    def values(self) -> dict[str, object]:
        """What the dialog holds, under the field names of ``agenda.update_session``."""
        return {
            "date": self.date.date().toString("yyyy-MM-dd"),
            "start": self.start.time().toString("HH:mm"),
            "duration_minutes": self.duration.value(),
            "topic": self.topic.text(),
            "participants": self.chosen(),
        }

    def chosen(self) -> list[str]:
        return [
            self.people.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.people.count())
            if self.people.item(i).checkState() == Qt.CheckState.Checked
        ]


class AgendaPage(Page):
    MAIN_ACTIONS = ("add_button", "edit_button", "delete_button", "sessions")
    KINDS = frozenset({Kind.SESSION, Kind.ASSESSMENT, Kind.PARTICIPANT})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        layout = self.page_layout(
            self.tr("Agenda"),
            self.tr(
                "Step 4: the programme of the workshop. The sessions held, with their dates, "
                "duration and participants, are what the assessment report lists."
            ),
        )
        self.add_button, self.edit_button, self.delete_button = action_row(
            layout,
            (self.tr("&Add session…"), self._add),
            (
                self.tr("Ed&it session…"),
                self.edit_session,
                self.tr("Change the chosen session (Enter or double-click)"),
            ),
            (
                self.tr("De&lete session"),
                self.delete_session,
                self.tr("Delete the chosen session (Delete); Undo restores it"),
            ),
        )

        self.sessions = QTableWidget(0, 5)
        self.sessions.setHorizontalHeaderLabels(
            [
                self.tr("Date"),
                self.tr("Start"),
                self.tr("Duration"),
                self.tr("Topic"),
                self.tr("Participants"),
            ]
        )
        setup_record_table(self.sessions, stretch=(3,))
        self.sessions.setAccessibleName(self.tr("Workshop sessions"))
        self.sessions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.sessions.activated.connect(lambda _index: self.edit_session())
        self.sessions.itemSelectionChanged.connect(self._enable)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.sessions)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_session)
        self.activities_label = wrapping_label("pageIntro")  # one line was cut at 1280x800
        self.activities = QTableWidget(0, 3)
        self.activities.setAccessibleName(self.tr("Activities of the assessment"))
        self.activities.setHorizontalHeaderLabels(
            [self.tr("Activity"), self.tr("Description"), self.tr("Responsible")]
        )
        setup_record_table(self.activities, stretch=(1,))
        lower = QWidget()
        lower_layout = QFormLayout(lower)
        lower_layout.setContentsMargins(0, 8, 0, 0)
        lower_layout.addRow(self.activities_label)
        lower_layout.addRow(self.activities)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.sessions)
        splitter.addWidget(lower)
        layout.addWidget(splitter, 1)

    def reload(self) -> None:
        chosen = self.current_session()
        names = {p.id: p.name for p in list_participants(self.document)}
        sessions = agenda.list_sessions(self.document)
        self.sessions.setRowCount(len(sessions))
        for row, session in enumerate(sessions):
            people = [names.get(pid, "?") for pid in session.participant_ids]
            hours, minutes = divmod(session.duration_minutes, 60)
            duration = f"{hours} h {minutes:02d}" if hours else f"{minutes} min"
            values = [session.date, session.start, duration, session.topic, str(len(people))]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, session.id)
                if column == 4:
                    item.setToolTip(", ".join(people))
                self.sessions.setItem(row, column, item)
        self.sessions.resizeRowsToContents()
        self.select_session(chosen)
        self._enable()

        framework = framework_of(self.document)
        mode = assessment_of(self.document).mode
        column = _MODE_COLUMN.get(mode, "mode-1")
        number = column[-1]
        self.activities_label.setText(
            fmt(
                self.tr(
                    "Annex 4: steps and activities of the assessment in Mode %1, and who is "
                    "responsible (NCP national contact point, LF local facilitator, EF external "
                    "facilitator, SM senior management, WG working group)."
                ),
                number,
            )
        )
        rows = [
            (activity["code"], activity["description"], activity["responsible"].get(column, ""))
            for step in framework.assessment_steps
            for activity in step["activities"]
        ]
        self.activities.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for col, value in enumerate(values):
                self.activities.setItem(row, col, QTableWidgetItem(value or "—"))
        self.activities.resizeRowsToContents()

    def current_session(self) -> str | None:
        """The id of the chosen session, if any."""
        rows = self.sessions.selectionModel().selectedRows()
        item = self.sessions.item(rows[0].row(), 0) if rows else None
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def select_session(self, session_id: str | None) -> None:
        for row in range(self.sessions.rowCount()):
            if (
                session_id
                and self.sessions.item(row, 0).data(Qt.ItemDataRole.UserRole) == session_id
            ):
                self.sessions.selectRow(row)
                return
        self.sessions.clearSelection()

    def _enable(self) -> None:
        chosen = self.current_session() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def edit_session(self) -> None:
        session_id = self.current_session()
        if session_id is None:
            return
        record = agenda.find_session(self.document, session_id)
        people = [(p.id, p.name) for p in list_participants(self.document)]
        dialog = SessionDialog(people, self, record)
        before = dialog.values()

        def save(refused: Callable[[str], object]) -> None:
            changes = {k: v for k, v in dialog.values().items() if before[k] != v}
            if changes:
                self.workspace.run(
                    self.tr("Edit workshop session"),
                    lambda: agenda.update_session(self.document, session_id, **changes),
                    refused=refused,
                )

        dialog.save = lambda: refusal_of(save)
        dialog.exec()

    def delete_session(self) -> None:
        """Delete the chosen session at once: Edit > Undo brings it back."""
        session_id = self.current_session()
        if session_id is not None:
            self.workspace.run(
                self.tr("Delete workshop session"),
                lambda: agenda.remove_session(self.document, session_id),
            )

    def _add(self) -> None:
        people = [(p.id, p.name) for p in list_participants(self.document)]
        dialog = SessionDialog(people, self)
        day, start = agenda.next_session_slot(
            self.document, QDate.currentDate().toString("yyyy-MM-dd")
        )
        dialog.date.setDate(QDate.fromString(day, "yyyy-MM-dd"))
        dialog.start.setTime(QTime.fromString(start, "HH:mm"))
        made: list = []
        dialog.save = lambda: refusal_of(
            lambda refused: made.append(
                self.workspace.run(
                    self.tr("Add workshop session"),
                    lambda: agenda.add_session(
                        self.document,
                        day=dialog.date.date().toString("yyyy-MM-dd"),
                        start=dialog.start.time().toString("HH:mm"),
                        duration_minutes=dialog.duration.value(),
                        topic=dialog.topic.text(),
                        participants=dialog.chosen(),
                    ),
                    refused=refused,
                )
            )
        )
        dialog.exec()
        if made and made[-1] is not None:  # the new session chosen, scrolled into view
            self.select_session(made[-1].id)
            self.sessions.scrollToItem(self.sessions.currentItem())
