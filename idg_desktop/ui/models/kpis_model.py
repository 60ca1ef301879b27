"""The KPIs page's table (IDG Part III step 3, Annex 11).

One row per KPI: its name, what it measures (an outcome, an output or an
activity), its target and the state of its KPI metadata sheet, in words as
well as in colour. The rows hold the records read
at the last load; edits go through the page and the services.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QColor

from idg_desktop.domain import records
from idg_desktop.ui import palette
from idg_desktop.ui.text import fmt

COL_NAME, COL_ACTIVITY, COL_TARGET, COL_SHEET = range(4)
#: How much of an activity's title the filter and the table show (full text in the tooltip).
ACTIVITY_CHARS, TABLE_ACTIVITY_CHARS = 60, 34
#: The colour of a sheet still missing mandatory fields (its words say so too).


def _t(text: str) -> str:
    return QCoreApplication.translate("Kpis", text)


def _short(text: str, chars: int = ACTIVITY_CHARS) -> str:
    """The text cut at a word boundary to about ``chars`` characters."""
    if len(text) <= chars:
        return text
    cut = text[: chars - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"


def activity_label(activity: records.Activity, chars: int = ACTIVITY_CHARS) -> str:
    return f"{activity.section_code}  {_short(activity.title, chars)}"


def node_label(kind: str, code: str, title: str, chars: int = ACTIVITY_CHARS) -> str:
    """An outcome or output as the KPIs page names it: "Outcome 1.1: Managers…"."""
    what = _t("Outcome %1") if kind == "outcome" else _t("Output %1")
    return f"{fmt(what, code)}: {_short(title, chars)}"


def sheet_state(kpi: records.Kpi, missing: list[str]) -> str:
    """The sheet's state in words (the table never relies on colour alone)."""
    if kpi.complete:
        return _t("Complete")
    if not missing:
        return _t("Filled, not marked complete")
    if len(missing) == 1:
        return _t("Missing: 1 mandatory field")
    return fmt(_t("Missing: %1 mandatory fields"), str(len(missing)))


def sheet_states() -> list[str]:
    """Every state a sheet can show (the longest count of missing fields), to size
    the table's column."""
    return [
        _t("Complete"),
        _t("Filled, not marked complete"),
        _t("Missing: 1 mandatory field"),
        fmt(_t("Missing: %1 mandatory fields"), "88"),
    ]


@dataclass
class KpiRow:
    kpi: records.Kpi
    activity: records.Activity | None
    #: Labels of the mandatory Annex 11 fields still empty.
    missing: list[str]
    #: For a KPI of an outcome or output: (its code, title and kind).
    node: tuple[str, str, str] | None = None


class KpisModel(QAbstractTableModel):
    """Read-only rows for the table; edits go through the page and the services."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[KpiRow] = []

    def load(self, rows: list[KpiRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, row: int) -> KpiRow:
        return self._rows[row]

    def row_of(self, kpi_id: str | None) -> int:
        return next((r for r, row in enumerate(self._rows) if row.kpi.id == kpi_id), -1)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COL_SHEET + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            COL_NAME: _t("KPI"),
            COL_ACTIVITY: _t("Measures"),
            COL_TARGET: _t("Target"),
            COL_SHEET: _t("Metadata sheet"),
        }.get(section)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        kpi = row.kpi
        if column == COL_SHEET:
            if role == Qt.ItemDataRole.DisplayRole:
                return sheet_state(kpi, row.missing)
            if role == Qt.ItemDataRole.ToolTipRole and row.missing and not kpi.complete:
                return fmt(_t("Still empty: %1"), ", ".join(row.missing))
            if role == Qt.ItemDataRole.ForegroundRole and row.missing and not kpi.complete:
                return QColor(palette.text("missing"))
            return None
        if column == COL_ACTIVITY:
            activity = row.activity
            if activity is None and row.node is not None:
                code, title, kind = row.node
                if role == Qt.ItemDataRole.DisplayRole:
                    return node_label(kind, code, title, TABLE_ACTIVITY_CHARS)
                if role == Qt.ItemDataRole.ToolTipRole:
                    return title
                return None
            if activity is None:
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return activity_label(activity, TABLE_ACTIVITY_CHARS)
            if role == Qt.ItemDataRole.ToolTipRole:
                return activity.title
            return None
        text = kpi.name if column == COL_NAME else kpi.target_value
        if column == COL_NAME and kpi.confidential and role == Qt.ItemDataRole.DisplayRole:
            return fmt(_t("%1 (confidential)"), text)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text or ("—" if role == Qt.ItemDataRole.DisplayRole else None)
        return None
