"""The integrity action plan as a tree, laid out like the Annex 9 template.

Outcome 1 → output 1.1 → activities, one row each with the template's
columns (responsible, KPI, performance target, budget and resources,
timeline, strategic plan goal) and the SMART check. Activities not yet placed
under an output sit in a last group, "Not yet in the plan".

The model holds plain values read once per load (never live database
records), so it stays valid whatever the file does between two loads. Titles
of outcomes and outputs are edited in place; the model does not save them
itself but emits :attr:`PlanModel.titleEdited`, and the page runs the service.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from idg_desktop.domain.plan import SMART, SmartCheck, display_when
from idg_desktop.services.activities import band_of
from idg_desktop.services.plan import ActivityNode, OutcomeNode, OutputNode, Plan
from idg_desktop.ui import palette as ui_palette
from idg_desktop.ui.labels import outcome_level_labels, smart_labels
from idg_desktop.ui.models.activities_model import band_labels
from idg_desktop.ui.text import fmt

Index = QModelIndex | QPersistentModelIndex

IdRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2

OUTCOME, OUTPUT, ACTIVITY, GROUP = "outcome", "output", "activity", "group"
#: The id of the "Not yet in the plan" group (no record has it: ids are UUIDs).
UNPLACED = "not-yet-in-the-plan"

#: Annex 9's columns, with the priority and the SMART check next to the title so
#: that they stay in sight when the tree is narrower than all of them.
(
    COL_TITLE,
    COL_PRIORITY,
    COL_SMART,
    COL_RESPONSIBLE,
    COL_KPIS,
    COL_TARGET,
    COL_BUDGET,
    COL_TIMELINE,
    COL_GOAL,
) = range(9)


def _t(text: str) -> str:
    return QCoreApplication.translate("ActionPlan", text)


def band_text(band: str) -> str:
    """The priority band's word, as the Priorities page writes it."""
    return band_labels().get(band, band)


def timeline_text(start: str, due: str) -> str:
    """Annex 9's timeline: "Q1 2026 – Q4 2026", "by Q4 2026", "from Q1 2026"."""
    if start and due:
        return f"{display_when(start)} – {display_when(due)}"
    if due:
        return fmt(_t("by %1"), display_when(due))
    if start:
        return fmt(_t("from %1"), display_when(start))
    return ""


def smart_text(check: SmartCheck | None) -> str:
    """ "S✓ M✗ A✓ R✗ T✗": each letter with a mark, so it never rests on colour alone."""
    if check is None:
        return ""
    missing = set(check.missing())
    return " ".join(f"{name[0].upper()}{'✗' if name in missing else '✓'}" for name in SMART)


def smart_tooltip(check: SmartCheck | None) -> str:
    if check is None:
        return ""
    labels = smart_labels()
    if check.met:
        return _t("SMART: all five criteria are met")
    names = ", ".join(labels[name] for name in check.missing())
    return fmt(_t("Not yet: %1"), names)


@dataclass(eq=False)  # rows are found by identity: equal-looking rows can differ
class PlanRow:
    """One row of the tree: what it shows, and where it sits."""

    kind: str
    id: str
    code: str = ""
    title: str = ""
    level: str = ""
    band: str = ""
    cells: dict[int, str] = field(default_factory=dict)
    smart: SmartCheck | None = None
    #: Left out of public versions (itself marked, or under a marked parent).
    confidential: bool = False
    parent: PlanRow | None = None
    children: list[PlanRow] = field(default_factory=list)

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0


class PlanModel(QAbstractItemModel):
    """Read-only tree, except the titles of outcomes and outputs (F2 or double-click)."""

    #: (kind, id, new title) typed in place; the page saves it.
    titleEdited = Signal(str, str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = PlanRow(GROUP, "")
        self._by_id: dict[str, PlanRow] = {}
        self._headers = {
            COL_TITLE: _t("Outcome, output or activity"),
            COL_PRIORITY: _t("Priority"),
            COL_SMART: _t("SMART"),
            COL_RESPONSIBLE: _t("Responsible"),
            COL_KPIS: _t("KPI"),
            COL_TARGET: _t("Performance target"),
            COL_BUDGET: _t("Budget and resources"),
            COL_TIMELINE: _t("Timeline"),
            COL_GOAL: _t("Strategic plan goal"),
        }

    # -- loading ------------------------------------------------------------------

    def load(self, plan: Plan) -> None:
        self.beginResetModel()
        self._root = PlanRow(GROUP, "")
        self._by_id = {}
        for outcome in plan.outcomes:
            self._add(self._root, self._outcome_row(outcome))
        group = PlanRow(GROUP, UNPLACED, title=_t("Not yet in the plan"))
        for activity in plan.unplaced:
            group.children.append(self._activity_row(activity))
        self._add(self._root, group)
        self.endResetModel()

    def _add(self, parent: PlanRow, row: PlanRow) -> None:
        row.parent = parent
        parent.children.append(row)
        self._by_id[row.id] = row
        for child in row.children:
            child.parent = row
            self._by_id[child.id] = child

    def _outcome_row(self, node: OutcomeNode) -> PlanRow:
        outcome = node.outcome
        row = PlanRow(
            OUTCOME,
            outcome.id,
            node.code,
            outcome.title,
            level=outcome.level,
            cells={COL_KPIS: "; ".join(k.name for k in node.kpis)},
            smart=node.smart,
            confidential=outcome.confidential,
        )
        for child in node.outcomes:
            self._add(row, self._outcome_row(child))
        for output in node.outputs:
            self._add(row, self._output_row(output))
        return row

    def _output_row(self, node: OutputNode) -> PlanRow:
        row = PlanRow(
            OUTPUT,
            node.output.id,
            node.code,
            node.output.title,
            cells={COL_KPIS: "; ".join(k.name for k in node.kpis)},
            smart=node.smart,
            confidential=node.output.confidential,
        )
        for activity in node.activities:
            self._add(row, self._activity_row(activity))
        return row

    @staticmethod
    def _activity_row(node: ActivityNode) -> PlanRow:
        a = node.activity
        joined = " / ".join
        cells = {
            COL_RESPONSIBLE: joined(t for t in (a.responsible_division, a.responsible_person) if t),
            COL_KPIS: "; ".join(k.name for k in node.kpis),
            COL_TARGET: a.performance_target,
            COL_BUDGET: joined(t for t in (a.budget, a.resources) if t),
            COL_TIMELINE: timeline_text(a.start, a.due),
            COL_GOAL: a.strategic_goal,
        }
        band = band_of(a)
        # "—" rather than a word that could pass for a band (as on the Priorities page)
        cells[COL_PRIORITY] = "—" if band == "unrated" else band_text(band)
        return PlanRow(
            ACTIVITY,
            a.id,
            node.code,
            a.title,
            band=band,
            cells=cells,
            smart=node.smart,
            confidential=a.confidential,
        )

    # -- finding rows ---------------------------------------------------------------

    def index_of(self, node_id: str | None, column: int = COL_TITLE) -> QModelIndex:
        row = self._by_id.get(node_id or "")
        if row is None:
            return QModelIndex()
        return self.createIndex(row.row(), column, row)

    def row_at(self, index: Index) -> PlanRow | None:
        return index.internalPointer() if index.isValid() else None

    def rows_of(self, kind: str) -> list[PlanRow]:
        """Every row of this kind (OUTCOME, OUTPUT, ACTIVITY), in the tree's order."""
        found: list[PlanRow] = []

        def walk(row: PlanRow) -> None:
            for child in row.children:
                if child.kind == kind:
                    found.append(child)
                walk(child)

        walk(self._root)
        return found

    def ids(self) -> list[str]:
        return list(self._by_id)

    # -- Qt's model interface ---------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        owner = self.row_at(parent) or self._root
        return self.createIndex(row, column, owner.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        row = self.row_at(index)
        if row is None or row.parent is None or row.parent is self._root:
            return QModelIndex()
        return self.createIndex(row.parent.row(), COL_TITLE, row.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != COL_TITLE:
            return 0
        return len((self.row_at(parent) or self._root).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers.get(section)
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.ToolTipRole
            and section == COL_SMART
        ):
            return _t("Specific, Measurable, Achievable, Relevant, Time-bound: ✓ met, ✗ not yet")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = self.row_at(index)
        if index.column() == COL_TITLE and row.kind in (OUTCOME, OUTPUT):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == IdRole:
            return row.id
        if role == KindRole:
            return row.kind
        if role == Qt.ItemDataRole.EditRole:
            return row.title if column == COL_TITLE else None
        if column == COL_SMART:
            return self._smart_data(row, role)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_TITLE:
                text = self.title_text(row)
                return fmt(_t("%1 (confidential)"), text) if row.confidential else text
            return row.cells.get(column, "")
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_PRIORITY and row.band:
                return band_text(row.band)
            if column == COL_TITLE:
                kind = outcome_level_labels().get(row.level) if row.kind == OUTCOME else None
                return f"{kind}\n{row.title}" if kind else row.title
            return row.cells.get(column) or None
        if role == Qt.ItemDataRole.FontRole and column == COL_TITLE and row.kind != ACTIVITY:
            font = QFont()
            font.setBold(row.kind in (OUTCOME, GROUP))
            font.setItalic(row.kind == GROUP)
            return font
        return None

    @staticmethod
    def title_text(row: PlanRow) -> str:
        """Annex 9's way: "Outcome 1: …", "1.1: …", activities with their code."""
        if row.kind == OUTCOME:
            level = outcome_level_labels().get(row.level, row.level)
            return fmt(_t("Outcome %1 (%2): %3"), row.code, level.split(" ")[0].lower(), row.title)
        if row.kind == OUTPUT:
            return fmt(_t("Output %1: %2"), row.code, row.title)
        if row.kind == ACTIVITY and row.code:
            return f"{row.code}  {row.title}"
        if row.kind == GROUP:
            return f"{row.title} ({len(row.children)})"
        return row.title

    @staticmethod
    def _smart_data(row: PlanRow, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return smart_text(row.smart)
        if role == Qt.ItemDataRole.ToolTipRole:
            return smart_tooltip(row.smart) or None
        if role == Qt.ItemDataRole.ForegroundRole and row.smart is not None:
            return QColor(ui_palette.text("met" if row.smart.met else "not_assessed_text"))
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.row_at(index)
        if row is None or role != Qt.ItemDataRole.EditRole or index.column() != COL_TITLE:
            return False
        text = str(value or "").strip()
        if row.kind not in (OUTCOME, OUTPUT) or not text or text == row.title:
            return False
        self.titleEdited.emit(row.kind, row.id, text)
        return True
