"""The findings as a table model, shared by the Findings page and (later) the
plenary's projector view."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from idg_desktop.services.findings import list_findings
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui.labels import kind_labels, status_labels

IdRole = Qt.ItemDataRole.UserRole + 1
SectionRole = Qt.ItemDataRole.UserRole + 2

COL_SECTION, COL_KIND, COL_STATUS, COL_TEXT, COL_QUESTIONS, COL_GROUP = range(6)


@dataclass(frozen=True)
class FindingRow:
    id: str
    section: str
    kind: str
    status: str
    text: str
    proposed_action: str
    questions: tuple[str, ...]
    confidential: bool
    group: str


class FindingsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[FindingRow] = []
        self._headers = [
            self.tr("Section"),
            self.tr("Kind"),
            self.tr("Status"),
            self.tr("Finding"),
            self.tr("Questions"),
            self.tr("Working group"),
        ]

    def load(self, document: AssessmentDocument, section: str | None = None) -> None:
        from idg_desktop.services.groups import list_groups

        names = {g.id: g.name for g in list_groups(document)}
        rows = [
            FindingRow(
                f.id,
                f.section_code,
                f.kind,
                f.status,
                f.text,
                f.proposed_action,
                tuple(q.question_id for q in f.questions),
                f.confidential,
                names.get(f.group_id or "", ""),
            )
            for f in list_findings(document, section)
        ]
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_of(self, finding_id: str) -> int:
        for index, row in enumerate(self._rows):
            if row.id == finding_id:
                return index
        return -1

    def finding(self, row: int) -> FindingRow:
        return self._rows[row]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == IdRole:
            return row.id
        if role == SectionRole:
            return row.section
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_SECTION:
                return row.section
            if column == COL_KIND:
                return kind_labels().get(row.kind, row.kind)
            if column == COL_STATUS:
                return status_labels().get(row.status, row.status)
            if column == COL_TEXT:
                if row.confidential:
                    return self.tr("[Confidential] %1").replace("%1", row.text)
                return row.text
            if column == COL_QUESTIONS:
                return ", ".join(row.questions)
            if column == COL_GROUP:
                return row.group
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_TEXT:
            parts = [row.text]
            if row.proposed_action:
                parts.append(self.tr("Proposed action: %1").replace("%1", row.proposed_action))
            if row.group:
                parts.append(self.tr("Working group: %1").replace("%1", row.group))
            return "\n\n".join(parts)
        return None
