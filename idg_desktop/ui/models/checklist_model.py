"""The checklist as a tree (section → sub-area → Code of conduct part → question).

Shared by the Checklist page and (later) the projector view, so everything a
view needs to draw or filter is in the model's roles: question ids, ratings,
section codes, progress. It holds frozen snapshots only, which
``services/checklist.py`` reads in five queries per load (never one per
question), so the tree can be read again after every change; when
only answers changed the rows are updated in place, which keeps the views'
selection and expanded branches as they were.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from idg_desktop.services.checklist import (  # the snapshots the tree shows
    AnswerState,
    ChecklistData,
    QuestionRow,
)
from idg_desktop.ui import palette
from idg_desktop.ui.labels import rating_labels
from idg_desktop.ui.text import fmt

Index = QModelIndex | QPersistentModelIndex

QuestionIdRole = Qt.ItemDataRole.UserRole + 1
RatingRole = Qt.ItemDataRole.UserRole + 2
SectionCodeRole = Qt.ItemDataRole.UserRole + 3
KindRole = Qt.ItemDataRole.UserRole + 4
NodeKeyRole = Qt.ItemDataRole.UserRole + 5
ProgressRole = Qt.ItemDataRole.UserRole + 6

SECTION, SUBAREA, PART, QUESTION = "section", "subarea", "part", "question"
COL_TITLE, COL_PROGRESS = 0, 1

# The roles as plain ints, and the flags, made once (data() and flags() run for
# every role of every row the tree paints).
_KIND, _NODE_KEY, _QUESTION_ID = int(KindRole), int(NodeKeyRole), int(QuestionIdRole)
_PROGRESS, _SECTION_CODE, _RATING = int(ProgressRole), int(SectionCodeRole), int(RatingRole)
_DISPLAY, _DECORATION = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.DecorationRole)
_FONT, _TOOLTIP = int(Qt.ItemDataRole.FontRole), int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_SHOWN_ROLES = frozenset(
    {_RATING, _DISPLAY, _DECORATION, _FONT, _TOOLTIP, _ACCESSIBLE, _FOREGROUND, _ALIGNMENT}
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_QUESTION_FLAGS = _FLAGS | Qt.ItemFlag.ItemNeverHasChildren
NOT_ASSESSED, NOT_APPLICABLE = "not-assessed", "not-applicable"


def rating_colour(rating: str) -> QColor:
    return QColor(palette.RATING_COLOURS.get(rating, palette.WHITE))


_ICONS: dict[str, QIcon] = {}


def rating_icon(rating: str) -> QIcon:
    """A small chip in the rating's colour, outlined so that pale ones still show."""
    if rating not in _ICONS:
        pixmap = QPixmap(16, 16)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = rating_colour(rating)
        painter.setPen(QColor(palette.CHIP_OUTLINE) if rating == NOT_ASSESSED else fill.darker(130))
        painter.setBrush(fill)
        painter.drawRoundedRect(1.5, 1.5, 13, 13, 3, 3)
        painter.end()
        _ICONS[rating] = QIcon(pixmap)
    return _ICONS[rating]


@dataclass(eq=False, slots=True)
class _Node:
    kind: str
    value: str  # section code, "CODE/LABEL", "CODE/LABEL/part" or question id
    label: str
    title: str
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)
    row: int = 0
    nid: int = 0  # position in ChecklistModel._nodes: the indexes' internal id
    answered: int = 0
    total: int = 0

    def add(self, kind: str, value: str, label: str, title: str) -> _Node:
        child = _Node(kind, value, label, title, self, row=len(self.children))
        self.children.append(child)
        return child


class ChecklistModel(QAbstractItemModel):
    """Two columns: the item (questions with a rating chip), then "answered/total"."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = _Node("root", "", "", "")
        self._nodes: list[_Node] = [self._root]
        self._by_value: dict[str, _Node] = {}
        self._questions: dict[str, QuestionRow] = {}
        self._answers: dict[str, AnswerState] = {}
        self._shape: tuple = ()
        self._ratings = rating_labels()
        self._bold = QFont()
        self._bold.setBold(True)

    def load(self, data: ChecklistData) -> bool:
        """Show ``data``; True if the tree was rebuilt (views lose selection and expansion)."""
        subareas = tuple((k, tuple(v)) for k, v in data.subareas.items())
        shape = (tuple(data.sections), subareas, tuple(data.questions))
        if shape == self._shape:
            # Only answers changed: every row stays where it is, so views keep their
            # selection and expanded branches; proxies filter again.
            self.layoutAboutToBeChanged.emit()
            self._answers = data.answers
            self._count(self._root)
            self.layoutChanged.emit()
            return False
        self.beginResetModel()
        self._shape, self._answers = shape, data.answers
        self._build(data)
        self.endResetModel()
        return True

    def _build(self, data: ChecklistData) -> None:
        root = self._root = _Node("root", "", "", "")
        self._questions = {q.id: q for q in data.questions}
        places: dict[str, _Node] = {}
        for code, title in data.sections:
            section = places[code] = root.add(SECTION, code, code, title)
            subs = data.subareas.get(code, [])
            if len(subs) == 1 and not subs[0][0]:
                continue  # CT, MS, GE print no sub-areas: questions go under the section
            for label, sub_title in subs:
                sub = places[f"{code}/{label}"] = section.add(
                    SUBAREA, f"{code}/{label}", label, sub_title
                )
                for part, part_title in data.parts.get((code, label), []):
                    value = f"{code}/{label}/{part}"
                    places[value] = sub.add(PART, value, part, part_title)
        for q in data.questions:
            code, sub = q.section_code, f"{q.section_code}/{q.subarea_label}"
            parent = places.get(f"{sub}/{q.part}") or places.get(sub) or places[code]
            parent.add(QUESTION, q.id, q.id, q.text)
        self._nodes = [root]
        self._by_value = {}
        pending = list(reversed(root.children))
        while pending:
            node = pending.pop()
            node.nid = len(self._nodes)
            self._nodes.append(node)
            self._by_value[node.value] = node
            pending.extend(reversed(node.children))
        self._count(root)

    def _count(self, node: _Node) -> None:
        """Answered and total questions under every branch."""
        if node.kind == QUESTION:
            node.answered, node.total = int(self.answer(node.value).answered), 1
            return
        for child in node.children:
            self._count(child)
        node.answered = sum(child.answered for child in node.children)
        node.total = sum(child.total for child in node.children)

    # -- what views read besides the roles ----------------------------------------

    def answer(self, question_id: str) -> AnswerState:
        return self._answers.get(question_id) or AnswerState()

    def question(self, question_id: str) -> QuestionRow | None:
        return self._questions.get(question_id)

    def question_ids(self) -> list[str]:
        return list(self._questions)

    def branch_keys(self) -> list[str]:
        """Sections, sub-areas and parts, as :meth:`index_of` takes them."""
        return [n.value for n in self._nodes[1:] if n.kind != QUESTION]

    def place(self, question_id: str) -> str:
        """Where a question is, for a heading: "TR-20 · Transparency › IV. Appeal…"."""
        node = self._by_value.get(question_id)
        names: list[str] = []
        while node is not None and node.parent is not None:
            names.insert(0, node.title if node.kind == SECTION else self._display(node))
            node = node.parent
        return " › ".join([f"{question_id} · {names[0]}", *names[1:-1]]) if names else ""

    def progress(self, value: str) -> tuple[int, int]:
        """(answered, total) under a section code, "CODE/LABEL" or "CODE/LABEL/part"."""
        node = self._by_value.get(value)
        return (node.answered, node.total) if node is not None else (0, 0)

    def index_of(self, value: str, column: int = COL_TITLE) -> QModelIndex:
        """The index of a question id, section code, "CODE/LABEL" or "CODE/LABEL/part"."""
        node = self._by_value.get(value)
        return self._index(node, column) if node is not None else QModelIndex()

    def _index(self, node: _Node, column: int = COL_TITLE) -> QModelIndex:
        if node is self._root:
            return QModelIndex()
        return self.createIndex(node.row, column, node.nid)

    def _node(self, index: Index) -> _Node:
        return self._nodes[index.internalId()] if index.isValid() else self._root

    # -- QAbstractItemModel -------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self._node(parent)
        if parent.column() > COL_TITLE or not 0 <= column <= COL_PROGRESS:
            return QModelIndex()
        if not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row].nid)

    def parent(self, child: Index | None = None) -> QModelIndex:  # type: ignore[override]
        if child is None:  # QObject.parent()
            return QObject.parent(self)  # type: ignore[return-value]
        up = self._node(child).parent if child.isValid() else None
        return QModelIndex() if up is None else self._index(up)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.column() > COL_TITLE else len(self._node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _QUESTION_FLAGS if self._node(index).kind == QUESTION else _FLAGS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Question") if section == COL_TITLE else self.tr("Answered")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        # Called for every role of every row the tree paints: roles are compared
        # as plain ints and the answer looked up only for the roles that need it.
        if not index.isValid():
            return None
        role = int(role)
        node = self._node(index)
        is_question = node.kind == QUESTION
        if role == _KIND:
            return node.kind
        if role == _NODE_KEY:
            return node.value
        if role == _QUESTION_ID:
            return node.value if is_question else None
        if role == _PROGRESS:
            return (node.answered, node.total)
        if role == _SECTION_CODE:
            return (
                self._questions[node.value].section_code
                if is_question
                else node.value.split("/")[0]
            )
        if role not in _SHOWN_ROLES:
            return None
        answer = self.answer(node.value) if is_question else None
        if role == _RATING:
            return answer.rating if answer else None
        if index.column() == COL_PROGRESS:
            return self._progress_data(node, answer, role)
        if role == _DISPLAY:
            return self._display(node)
        if role == _DECORATION:
            return rating_icon(answer.rating) if answer else None
        if role == _FONT:
            return self._bold if node.kind == SECTION else None
        if role == _TOOLTIP:
            return self._tooltip(node, answer)
        if role == _ACCESSIBLE:
            if answer:
                return f"{self._display(node)}: {self._ratings.get(answer.rating, answer.rating)}"
            return self._count_text(self.tr("%1: %2 of %3 answered"), node)
        return None

    def _progress_data(self, node: _Node, answer: AnswerState | None, role: int) -> object:
        if role == _DISPLAY:
            if answer is None:
                return f"{node.answered}/{node.total}"
            if answer.marked_for_review:
                return self.tr("to review")
            return self.tr("reviewed") if answer.reviewed else None
        if role == _FOREGROUND:
            to_review = answer is not None and answer.marked_for_review
            return QColor(palette.text("to_review" if to_review else "muted_row"))
        if role == _ALIGNMENT:
            return _RIGHT
        return None

    def _display(self, node: _Node) -> str:
        if node.kind == SECTION:
            return f"{node.label}  {node.title}"
        if node.kind == SUBAREA:
            return f"{node.label}. {node.title}" if node.label else node.title
        if node.kind == PART:
            return f"{node.label}) {node.title}"
        return f"{node.value}  {' '.join(node.title.split())}"

    def _count_text(self, text: str, node: _Node) -> str:
        return fmt(text, self._display(node), node.answered, node.total)

    def _tooltip(self, node: _Node, answer: AnswerState | None) -> str:
        if answer is None:
            return html.escape(self._count_text(self.tr("%1: %2 of %3 questions answered"), node))
        rating = self._ratings.get(answer.rating, answer.rating)
        notes = [fmt(self.tr("Rating: %1"), rating)]
        for on, text in (
            (answer.marked_for_review, self.tr("Marked for review")),
            (answer.reviewed, self.tr("Reviewed")),
            (answer.confidential, self.tr("Confidential")),
        ):
            notes += [text] if on else []
        return (
            f"<p><b>{html.escape(node.value)}</b> {html.escape(node.title)}</p>"
            f"<p>{html.escape(' · '.join(notes))}</p>"
        )


class ChecklistFilter(QSortFilterProxyModel):
    """Shows the questions that pass every filter, with their sections and sub-areas.

    ``pinned`` (the question being edited) stays visible whatever the filters,
    so answering a question under "Not answered" does not make it vanish while
    it is being written.
    """

    STATUSES = ("all", "not-answered", "answered", "review", "reviewed")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self._sections: frozenset[str] | None = None
        self._status = "all"
        self._rating: str | None = None
        self._words: list[str] = []
        self.pinned: str | None = None

    def set_filters(
        self, *, sections: frozenset[str] | None, status: str, rating: str | None, search: str
    ) -> None:
        """``sections`` None: all; ``search``: words that must all appear, any case."""
        self.beginFilterChange()
        self._sections, self._status, self._rating = sections, status, rating
        self._words = search.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    @property
    def active(self) -> bool:
        active = self._sections is not None or self._status != "all"
        return active or bool(self._rating or self._words)

    def accepts(self, question_id: str) -> bool:
        model = self.sourceModel()
        question = model.question(question_id) if isinstance(model, ChecklistModel) else None
        if question is None or question_id == self.pinned:
            return question is not None
        answer = model.answer(question_id)  # type: ignore[union-attr]
        if self._sections is not None and question.section_code not in self._sections:
            return False
        if (self._rating and answer.rating != self._rating) or not answer.has_status(self._status):
            return False
        if not self._words:
            return True
        text = f"{question.id} {question.text} {answer.text} {answer.evidence}".casefold()
        return all(word in text for word in self._words)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        index = self.sourceModel().index(source_row, COL_TITLE, source_parent)
        question_id = index.data(QuestionIdRole)
        return bool(question_id) and self.accepts(question_id)
