"""Participants as an editable table model (step 2), shared by the pages.

Edits go through the workspace (one undoable, committed step each); the
model reloads when the workspace says participants changed.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from idg_desktop.domain import records
from idg_desktop.services import participants
from idg_desktop.ui.labels import gender_labels, role_labels, stakeholder_labels
from idg_desktop.ui.workspace import Workspace

IdRole = Qt.ItemDataRole.UserRole + 1
ValueRole = Qt.ItemDataRole.UserRole + 2  # the stored value (e.g. "rapporteur")

COLUMNS = ("name", "unit", "expertise", "role", "gender", "stakeholder", "external")
CHOICES = {"role": role_labels, "gender": gender_labels, "stakeholder": stakeholder_labels}


class ParticipantsModel(QAbstractTableModel):
    def __init__(self, workspace: Workspace, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._rows: list[records.Participant] = []
        self._headers = [
            self.tr("Name"),
            self.tr("Unit"),
            self.tr("Area of expertise"),
            self.tr("Role"),
            self.tr("Gender"),
            self.tr("Stakeholder type"),
            self.tr("External"),
        ]

    def load(self) -> None:
        rows = participants.list_participants(self.workspace.document)
        if [p.id for p in rows] == [p.id for p in self._rows] and rows:
            # the same people (a cell edited): updated in place, so the cell editor
            # that saved it is not torn down in the middle of its commit (Tab)
            self._rows = rows
            last = self.index(len(rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def participant(self, row: int) -> records.Participant:
        return self._rows[row]

    def counts(self) -> dict[str, Counter]:
        """Live counts for the page: internal/external, roles, genders."""
        return {
            "external": Counter("external" if p.external else "internal" for p in self._rows),
            "role": Counter(p.role for p in self._rows),
            "gender": Counter(p.gender for p in self._rows),
            "stakeholder": Counter(p.stakeholder for p in self._rows),
        }

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if COLUMNS[index.column()] == "external":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        person = self._rows[index.row()]
        field = COLUMNS[index.column()]
        value = getattr(person, field)
        if role == IdRole:
            return person.id
        if role == ValueRole:
            return value
        if field == "external":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if field in CHOICES and role == Qt.ItemDataRole.DisplayRole:
                return CHOICES[field]().get(value, value)
            return value
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        person = self._rows[index.row()]
        field = COLUMNS[index.column()]
        if field == "external":
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        else:
            value = str(value).strip()
        if getattr(person, field) == value:
            return False
        done = self.workspace.run(
            self.tr("Edit participant"),
            lambda: participants.update_participant(
                self.workspace.document, person.id, **{field: value}
            ),
        )
        return done is not None
