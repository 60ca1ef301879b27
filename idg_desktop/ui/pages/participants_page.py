"""Step 2: the participants, their roles, and the balance of the group."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QStyledItemDelegate,
    QWidget,
)

from idg_desktop.domain.records import Kind
from idg_desktop.services import participants
from idg_desktop.ui.labels import gender_labels, role_labels, stakeholder_labels
from idg_desktop.ui.models.participants_model import CHOICES, COLUMNS, ParticipantsModel, ValueRole
from idg_desktop.ui.pages.base import Page
from idg_desktop.ui.settings import WindowSettings
from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.button_row import action_row
from idg_desktop.ui.widgets.record_table import RecordTable
from idg_desktop.ui.workspace import Workspace

#: The folder of the last participants list imported (window.ini).
IMPORT_FOLDER_KEY = "files/import_folder"


class _ChoiceDelegate(QStyledItemDelegate):
    """A drop-down of the closed list's labels for role, gender, stakeholder."""

    def createEditor(self, parent, option, index):
        field = COLUMNS[index.column()]
        if field not in CHOICES:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        for key, label in CHOICES[field]().items():
            combo.addItem(label, key)
        return combo

    def setEditorData(self, editor, index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(ValueRole))))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class ParticipantsPage(Page):
    MAIN_ACTIONS = ("add_button", "remove_button", "import_button", "table")
    KINDS = frozenset({Kind.PARTICIPANT, Kind.GROUP})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        layout = self.page_layout(
            self.tr("Participants"),
            self.tr(
                "Internal and external contributors, facilitators and observers. Edit a cell "
                "to change it; import a list from a spreadsheet."
            ),
        )
        self.add_button, self.remove_button, self.import_button = action_row(
            layout,
            (self.tr("&Add participant"), self._add),
            (self.tr("&Remove"), self._remove),
            (self.tr("&Import from CSV or Excel…"), self.import_file),
        )

        self.model = ParticipantsModel(workspace, self)
        self.table = RecordTable(
            self.model, resize=QHeaderView.ResizeMode.Interactive, editable=True, alternating=True
        )
        self.table.setItemDelegate(_ChoiceDelegate(self.table))
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setAccessibleName(self.tr("Participants"))
        self.table.viewport().installEventFilter(self)
        layout.addWidget(self.table, 1)

        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.counts.setObjectName("pageIntro")
        layout.addWidget(self.counts)

    def reload(self) -> None:
        current = self.table.currentIndex()
        self.model.load()
        self.table.resizeColumnsToContents()
        self._widths = [
            max(min(self.table.columnWidth(c), 300), 90) for c in range(self.model.columnCount())
        ]
        self._fit_columns()
        if current.isValid() and current.row() < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(current.row(), current.column()))
        self._update_counts()

    def _fit_columns(self) -> None:
        """Each column as wide as its content (90 to 300 px); then, if the table
        would scroll sideways, unit and expertise (the long texts) give up room
        first, so every column shows on a laptop's screen ("Extern…" was cut)."""
        widths = list(getattr(self, "_widths", []))
        if not widths:
            return
        spare = self.table.viewport().width() - sum(widths)
        for column in (COLUMNS.index("expertise"), COLUMNS.index("unit")):
            if spare >= 0:
                break
            title = self.model.headerData(column, Qt.Orientation.Horizontal)
            least = self.table.horizontalHeader().fontMetrics().horizontalAdvance(title) + 24
            take = min(-spare, max(0, widths[column] - max(110, least)))
            widths[column] -= take
            spare += take
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()  # the table's own width, scroll bar included
        return super().eventFilter(watched, event)

    def _update_counts(self) -> None:
        counts = self.model.counts()
        total = self.model.rowCount()
        genders = gender_labels()
        roles = role_labels()
        kinds = stakeholder_labels()
        gender_text = ", ".join(
            f"{genders.get(k, k)} {v}" for k, v in sorted(counts["gender"].items()) if v
        )
        role_text = ", ".join(f"{roles.get(k, k)} {v}" for k, v in counts["role"].most_common())
        kind_text = ", ".join(
            f"{kinds.get(k, k)} {v}" for k, v in counts["stakeholder"].most_common()
        )
        self.counts.setText(
            fmt(
                self.tr(
                    "%1 participants: %2 internal, %3 external. Gender: %4. Roles: %5. "
                    "Stakeholders: %6."
                ),
                str(total),
                str(counts["external"]["internal"]),
                str(counts["external"]["external"]),
                gender_text or "—",
                role_text or "—",
                kind_text or "—",
            )
        )

    def _add(self) -> None:
        created = self.workspace.run(
            self.tr("Add participant"),
            lambda: participants.add_participant(
                self.document, participants.ParticipantData(name=self.tr("New participant"))
            ),
        )
        if created is None:
            return
        self.reload()
        for row in range(self.model.rowCount()):
            if self.model.participant(row).id == created.id:
                index = self.model.index(row, 0)
                self.table.setCurrentIndex(index)
                self.table.edit(index)
                break

    def _remove(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows:
            return
        people = [self.model.participant(row) for row in rows]
        names = ", ".join(p.name for p in people)
        answer = QMessageBox.question(
            self,
            self.tr("Remove participants"),
            fmt(self.tr("Remove %1? You can undo it with Ctrl+Z."), names),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ids = [p.id for p in people]

        def remove_all() -> None:
            for person_id in ids:
                participants.remove_participant(self.document, person_id)

        self.workspace.run(self.tr("Remove participants"), remove_all)

    def import_file(self, path: str | None = None) -> None:
        from idg_desktop.ui.import_dialog import ImportParticipantsDialog

        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("Import participants"),
                self._import_folder(),
                self.tr("Spreadsheets (*.xlsx *.csv);;All files (*)"),
            )
        if not path:
            return
        WindowSettings().set_value(IMPORT_FOLDER_KEY, str(Path(path).parent))
        dialog = ImportParticipantsDialog(self.workspace, path, self)
        if dialog.ready:
            dialog.exec()

    def _import_folder(self) -> str:
        """Where the file dialog opens: the folder of the last import, else the
        assessment's own folder (not the program's)."""
        last = str(WindowSettings().value(IMPORT_FOLDER_KEY, "") or "")
        if last and Path(last).is_dir():
            return last
        return str(self.workspace.path.parent)

    def select_row(self, row: int) -> QModelIndex:
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        return index
