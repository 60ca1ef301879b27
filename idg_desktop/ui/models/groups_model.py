"""Qt models for the Working groups board (the view and delegate are
``ui/pages/group_board.py``'s).

The board's lists are plain Qt model/view so that drag and drop works the
Qt way (and tests can drive it without a mouse): :meth:`BoardListModel.mimeData`
packs what is dragged (kind + id) in a private MIME type, and
:meth:`BoardListModel.dropMimeData` on the target list turns it into ONE
service call through the workspace, hence one undo step. The models hold
plain snapshots, never ORM objects, so an undo that reloads the session
cannot leave them pointing at stale records. There is one model per column
and kind (sections, members).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from idg_desktop.domain.vocabulary import Role
from idg_desktop.services import groups
from idg_desktop.services.assessment import section_of, sections_in_scope
from idg_desktop.services.participants import list_participants
from idg_desktop.ui.labels import gender_labels, role_labels
from idg_desktop.ui.text import fmt
from idg_desktop.ui.workspace import AssessmentDocument, Workspace

#: What a drag from the board carries: {"from": group id or null, "items": [...]}.
MIME_TYPE = "application/x-idg-board-items"

SECTION = "section"
PARTICIPANT = "participant"
CONTRIBUTOR, RAPPORTEUR = Role.CONTRIBUTOR.value, Role.RAPPORTEUR.value

KindRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2
DetailRole = Qt.ItemDataRole.UserRole + 3  # the small tag line under a name
RapporteurRole = Qt.ItemDataRole.UserRole + 4
CodeRole = Qt.ItemDataRole.UserRole + 5  # a section's code, shown in bold

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class BoardItem:
    """A section or a participant as one line (or two) of a board list."""

    kind: str
    id: str  # section code or participant id
    text: str  # section title or participant name
    detail: str = ""
    rapporteur: bool = False
    gender: str = ""
    external: bool = False

    @property
    def short(self) -> str:
        """How the item is named in an undo step: the code or the name."""
        return self.id if self.kind == SECTION else self.text


@dataclass
class BoardColumn:
    """One column of the board: a group, or the unallocated pool (no id)."""

    group_id: str | None
    name: str
    sections: list[BoardItem] = field(default_factory=list)
    members: list[BoardItem] = field(default_factory=list)
    rapporteur_id: str | None = None

    def counts(self) -> Counter[str]:
        """Members, women, men, internal and external, for the card header."""
        tally: Counter[str] = Counter(members=len(self.members))
        for person in self.members:
            tally[person.gender] += 1
            tally["external" if person.external else "internal"] += 1
        return tally


def load_board(document: AssessmentDocument) -> list[BoardColumn]:
    """The unallocated pool first, then every group in order, from the services."""
    links = groups.group_links(document)
    roles, genders = role_labels(), gender_labels()
    pool = BoardColumn(None, "")
    columns = [pool]
    by_id: dict[str, BoardColumn] = {}
    for group in groups.list_groups(document):
        column = BoardColumn(group.id, group.name, rapporteur_id=group.rapporteur_id)
        by_id[group.id] = column
        columns.append(column)
    for section in sections_in_scope(document):
        if section.code not in links.sections:
            pool.sections.append(BoardItem(SECTION, section.code, section.title))
    allocated = sorted(
        (section_of(document, code) for code in links.sections), key=attrgetter("position")
    )
    for section in allocated:
        by_id[links.sections[section.code]].sections.append(
            BoardItem(SECTION, section.code, section.title)
        )
    for person in list_participants(document):
        column = by_id.get(links.members.get(person.id, ""), pool)
        rapporteur = column.group_id is not None and column.rapporteur_id == person.id
        tags = [genders.get(person.gender, person.gender)]
        # The role only where it says something: not "Contributor", nor
        # "Rapporteur" next to the rapporteur badge.
        if person.role not in (CONTRIBUTOR, RAPPORTEUR if rapporteur else CONTRIBUTOR):
            tags.insert(0, roles.get(person.role, person.role))
        if person.expertise:
            tags.append(person.expertise)
        if person.external:
            tags.append(QCoreApplication.translate("GroupsBoard", "External"))
        column.members.append(
            BoardItem(
                PARTICIPANT,
                person.id,
                person.name,
                " · ".join(tags),
                rapporteur=rapporteur,
                gender=person.gender,
                external=person.external,
            )
        )
    return columns


class BoardListModel(QAbstractListModel):
    """The sections or the members of one column; drops move items here."""

    def __init__(self, workspace: Workspace, kind: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.kind = kind
        self.group_id: str | None = None
        self.group_name = ""
        self._items: list[BoardItem] = []

    # -- content --------------------------------------------------------------

    def set_items(self, group_id: str | None, name: str, items: list[BoardItem]) -> None:
        self.beginResetModel()
        self.group_id, self.group_name, self._items = group_id, name, list(items)
        self.endResetModel()

    def item(self, row: int) -> BoardItem:
        return self._items[row]

    def row_of(self, item_id: str) -> int:
        """The row showing ``item_id``, or -1."""
        return next((row for row, it in enumerate(self._items) if it.id == item_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{item.id}  {item.text}" if item.kind == SECTION else item.text
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            parts = [f"{item.id} {item.text}" if item.kind == SECTION else item.text]
            if item.rapporteur:
                parts.append(self.tr("Rapporteur of this group"))
            if item.detail:
                parts.append(item.detail)
            return "\n".join(parts) if role == Qt.ItemDataRole.ToolTipRole else ", ".join(parts)
        values = {
            KindRole: item.kind,
            IdRole: item.id,
            DetailRole: item.detail,
            RapporteurRole: item.rapporteur,
            CodeRole: item.id if item.kind == SECTION else "",
        }
        return values.get(role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    # -- drag and drop --------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        items = [self._items[row] for row in rows]
        payload = {
            "from": self.group_id,
            "items": [{"kind": it.kind, "id": it.id, "name": it.short} for it in items],
        }
        mime = QMimeData()
        mime.setData(MIME_TYPE, QByteArray(json.dumps(payload).encode("utf-8")))
        mime.setText("\n".join(str(self.data(self.index(row))) for row in rows))
        return mime

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        payload = decode(data)
        return bool(payload and payload["items"] and payload["from"] != self.group_id)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        payload = decode(data)
        assert payload is not None
        items = [(entry["kind"], entry["id"], entry["name"]) for entry in payload["items"]]
        return self.move_here(items)

    def move_here(self, items: list[tuple[str, str, str]]) -> bool:
        """Move (kind, id, name) items into this list's column as one undo step."""
        return self.move(items, self.group_id, self.group_name)

    def move(self, items: list[tuple[str, str, str]], group_id: str | None, name: str) -> bool:
        """Move (kind, id, name) items to a group, or back to unallocated, as one step."""
        if not items:
            return False
        what = items[0][2] if len(items) == 1 else fmt(self.tr("%1 items"), str(len(items)))
        where = name if group_id is not None else self.tr("Unallocated")
        label = fmt(self.tr("Move %1 to %2"), what, where)
        sections = [ident for kind, ident, _ in items if kind == SECTION]
        members = [ident for kind, ident, _ in items if kind == PARTICIPANT]
        document = self.workspace.document
        done = self.workspace.run(
            label, lambda: groups.move_to_group(document, group_id, sections, members)
        )
        return bool(done)

    def entries(self, rows: list[int]) -> list[tuple[str, str, str]]:
        """(kind, id, name) of the given rows, as :meth:`move` takes them."""
        return [(self._items[r].kind, self._items[r].id, self._items[r].short) for r in rows]


def decode(data: QMimeData) -> dict | None:
    """The payload of a board drag, or None if ``data`` is not one."""
    if not data.hasFormat(MIME_TYPE):
        return None
    try:
        payload = json.loads(bytes(data.data(MIME_TYPE).data()).decode("utf-8"))
        items = payload["items"]
        ok = all(e["kind"] in (SECTION, PARTICIPANT) and e["id"] for e in items)
    except (ValueError, KeyError, TypeError):
        return None
    return payload if ok else None
