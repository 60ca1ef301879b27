"""The findings as a table model, shared by the Findings page and (later) the
plenary's projector view."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from idg_desktop.services.findings import list_findings
from idg_desktop.ui.labels import kind_labels, status_labels
from idg_desktop.ui.text import fmt
from idg_desktop.ui.workspace import AssessmentDocument

IdRole = Qt.ItemDataRole.UserRole + 1
SectionRole = Qt.ItemDataRole.UserRole + 2
SortRole = Qt.ItemDataRole.UserRole + 3  # what a click on a column's header sorts by
StatusRole = Qt.ItemDataRole.UserRole + 4
MergedIntoRole = Qt.ItemDataRole.UserRole + 5  # the id of the finding it went into

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
    group_id: str | None = None
    merged_into: str | None = None  # the finding it was merged into: its id...
    merged_into_text: str = ""  # ...and its text
    position: int = 0  # the file's order: sections as the guide has them, then oldest first
    section_position: int = 0


def short(text: str, size: int = 70) -> str:
    """A finding's text on one line, cut at ``size`` characters."""
    words = " ".join(text.split())
    return words if len(words) <= size else words[: size - 1].rstrip() + "…"


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
        from idg_desktop.services.assessment import sections_in_scope
        from idg_desktop.services.groups import list_groups

        names = {g.id: g.name for g in list_groups(document)}
        every = list_findings(document)
        texts = {f.id: f.text for f in every}
        order = {s.code: n for n, s in enumerate(sections_in_scope(document))}
        shown = every if section is None else list_findings(document, section)
        rows = [
            FindingRow(
                f.id,
                f.section_code,
                f.kind,
                f.status,
                f.text,
                f.proposed_action,
                tuple(f.question_ids),
                f.confidential,
                names.get(f.group_id or "", ""),
                f.group_id,
                f.merged_into_id,
                texts.get(f.merged_into_id or "", ""),
                position,
                order.get(f.section_code, len(order)),
            )
            for position, f in enumerate(shown)
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
        if role == StatusRole:
            return row.status
        if role == MergedIntoRole:
            return row.merged_into
        if role == SortRole:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_SECTION:
                return row.section
            if column == COL_KIND:
                return kind_labels().get(row.kind, row.kind)
            if column == COL_STATUS:
                return status_labels().get(row.status, row.status)
            if column == COL_TEXT:
                text = row.text
                if row.confidential:
                    text = fmt(self.tr("[Confidential] %1"), text)
                if row.merged_into:
                    into = fmt(self.tr("Merged into: %1"), short(row.merged_into_text))
                    text = f"{text}\n→ {into}"
                return text
            if column == COL_QUESTIONS:
                return ", ".join(row.questions)
            if column == COL_GROUP:
                return row.group
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_TEXT:
            parts = [row.text]
            if row.proposed_action:
                parts.append(fmt(self.tr("Proposed action: %1"), row.proposed_action))
            if row.group:
                parts.append(fmt(self.tr("Working group: %1"), row.group))
            if row.merged_into:
                parts.append(fmt(self.tr("Merged into: %1"), row.merged_into_text))
            return "\n\n".join(parts)
        return None

    @staticmethod
    def _sort_key(row: FindingRow, column: int) -> object:
        """Sections in the guide's order, kinds and statuses in their lists' order,
        texts and names alphabetically; ties keep the file's order."""
        if column == COL_SECTION:
            return (row.section_position, row.position)
        if column == COL_KIND:
            return (list(kind_labels()).index(row.kind) if row.kind in kind_labels() else 99,)
        if column == COL_STATUS:
            statuses = list(status_labels())
            return (statuses.index(row.status) if row.status in statuses else 99,)
        if column == COL_TEXT:
            return (row.text.casefold(),)
        if column == COL_QUESTIONS:
            return (", ".join(row.questions),)
        return (row.group.casefold(),)


class FindingsFilter(QSortFilterProxyModel):
    """The findings of one status (or all), sorted by the column clicked.

    ``pinned`` (the finding being edited) stays shown whatever its status, so a
    finding whose status is changed under a filter does not vanish while edited.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self._status: str | None = None
        self.pinned: str | None = None

    def set_status(self, status: str | None) -> None:
        self.beginFilterChange()
        self._status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def accepts(self, status: str, finding_id: str) -> bool:
        return self._status is None or status == self._status or finding_id == self.pinned

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        return self.accepts(index.data(StatusRole), index.data(IdRole))

    def lessThan(self, left, right) -> bool:
        return left.data(SortRole) < right.data(SortRole)
