"""The Priorities page's table model: one row per activity, its ratings on the
guide's eight criteria (IDG Part III step 1), the band the rule computes and
the band in force; and the criteria's and levels' words the window shows."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtGui import QColor

from idg_desktop.domain import colours as palette
from idg_desktop.domain import records
from idg_desktop.domain.priorities import CRITERIA, Band
from idg_desktop.services import activities
from idg_desktop.ui import palette as ui_palette
from idg_desktop.ui.palette import BAND_COLOURS
from idg_desktop.ui.text import fmt

#: Restrained band fills (one hue, three depths); the word is always written too.
COL_SECTION, COL_TITLE, FIRST_CRITERION = 0, 1, 2
COL_COMPUTED = FIRST_CRITERION + len(CRITERIA)
COL_IN_FORCE = COL_COMPUTED + 1


def _t(text: str) -> str:
    return QCoreApplication.translate("Priorities", text)


#: The guide's eight criteria (IDG Part III step 1), one row each: (criterion,
#: its short name, the same words on short lines for the table's header, the
#: full wording for tooltips).
CRITERION_WORDS = (
    (
        "importance",
        QT_TRANSLATE_NOOP("Priorities", "Importance"),
        QT_TRANSLATE_NOOP("Priorities", "Impor-\ntance"),
        QT_TRANSLATE_NOOP("Priorities", "Importance of the activity"),
    ),
    (
        "urgency",
        QT_TRANSLATE_NOOP("Priorities", "Urgency"),
        QT_TRANSLATE_NOOP("Priorities", "Urgency"),
        QT_TRANSLATE_NOOP("Priorities", "Urgency of the activity"),
    ),
    (
        "consequence",
        QT_TRANSLATE_NOOP("Priorities", "Consequence of failure"),
        QT_TRANSLATE_NOOP("Priorities", "Conse-\nquence\nof failure"),
        QT_TRANSLATE_NOOP("Priorities", "Consequence of failure: what happens if nothing is done"),
    ),
    (
        "commitment",
        QT_TRANSLATE_NOOP("Priorities", "Commitment"),
        QT_TRANSLATE_NOOP("Priorities", "Commit-\nment"),
        QT_TRANSLATE_NOOP("Priorities", "Probability of executive and employee commitment"),
    ),
    (
        "impact",
        QT_TRANSLATE_NOOP("Priorities", "Impact"),
        QT_TRANSLATE_NOOP("Priorities", "Impact"),
        QT_TRANSLATE_NOOP("Priorities", "Impact of the activity on integrity"),
    ),
    (
        "obligations",
        QT_TRANSLATE_NOOP("Priorities", "Obligations"),
        QT_TRANSLATE_NOOP("Priorities", "Obliga-\ntions"),
        QT_TRANSLATE_NOOP(
            "Priorities", "National and international obligations the activity meets"
        ),
    ),
    (
        "ease",
        QT_TRANSLATE_NOOP("Priorities", "Ease of implementation"),
        QT_TRANSLATE_NOOP("Priorities", "Ease"),
        QT_TRANSLATE_NOOP("Priorities", "Ease of implementation"),
    ),
    (
        "cost",
        QT_TRANSLATE_NOOP("Priorities", "Cost"),
        QT_TRANSLATE_NOOP("Priorities", "Cost"),
        QT_TRANSLATE_NOOP("Priorities", "Cost of the activity (a high cost counts against it)"),
    ),
)


def _words(column: int) -> dict[str, str]:
    return {row[0]: _t(row[column]) for row in CRITERION_WORDS}


def criterion_labels() -> dict[str, str]:
    """The guide's short names of the criteria (shared with the matrix page)."""
    return _words(1)


def criterion_headers() -> dict[str, str]:
    """The criteria as the table's headers: the same words on short lines, so eight
    columns leave the activity's title its room on a laptop (tooltips: the full text)."""
    return _words(2)


def criterion_tooltips() -> dict[str, str]:
    """The full wording of IDG Part III step 1, for header tooltips."""
    return _words(3)


def level_labels() -> dict[str, str]:
    return {"low": _t("Low"), "medium": _t("Medium"), "high": _t("High")}


def band_labels() -> dict[str, str]:
    return {**level_labels(), "unrated": _t("Not enough rated")}


class ActivitiesModel(QAbstractTableModel):
    """Read-only rows for the table; edits go through the page and the services."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[records.Activity] = []

    def load(self, rows: list[records.Activity]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def activity(self, row: int) -> records.Activity:
        return self._rows[row]

    def row_of(self, activity_id: str | None) -> int:
        return next((r for r, a in enumerate(self._rows) if a.id == activity_id), -1)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COL_IN_FORCE + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if FIRST_CRITERION <= section < COL_COMPUTED:
            key = CRITERIA[section - FIRST_CRITERION]
            if role == Qt.ItemDataRole.DisplayRole:
                return criterion_headers()[key]
            if role == Qt.ItemDataRole.ToolTipRole:
                return criterion_tooltips()[key]
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                COL_SECTION: _t("Section"),
                COL_TITLE: _t("Activity"),
                COL_COMPUTED: _t("Computed\npriority"),
                COL_IN_FORCE: _t("Priority\nin force"),
            }.get(section)
        if role == Qt.ItemDataRole.ToolTipRole and section == COL_COMPUTED:
            return _t("Computed from the ratings: impact and at least five criteria must be rated")
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        activity, column = self._rows[index.row()], index.column()
        computed = activities.priority_of(activity).band.value
        if column in (COL_COMPUTED, COL_IN_FORCE):
            band = computed if column == COL_COMPUTED else activities.band_of(activity)
            return self._band_data(activity, band, column == COL_IN_FORCE, role)
        if column == COL_SECTION:
            return activity.section_code if role == Qt.ItemDataRole.DisplayRole else None
        if column == COL_TITLE:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return activity.title
            return None
        key = CRITERIA[column - FIRST_CRITERION]
        level = getattr(activity, key)
        if role == Qt.ItemDataRole.DisplayRole:
            return level_labels()[level] if level else "—"
        if role == Qt.ItemDataRole.ToolTipRole:
            text = level_labels()[level] if level else _t("Not rated yet")
            return f"{criterion_tooltips()[key]}: {text}\n" + _t("Type L, M or H; Delete clears")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ForegroundRole and not level:
            return QColor(ui_palette.text("not_assessed_text"))
        return None

    def _band_data(self, activity: records.Activity, band: str, in_force: bool, role: int):
        overridden = in_force and bool(activity.priority_override)
        if role == Qt.ItemDataRole.DisplayRole:
            text = band_labels()[band]
            return fmt(_t("%1 (set by hand)"), text) if overridden else text
        if role == Qt.ItemDataRole.ToolTipRole:
            if overridden:
                return fmt(_t("Set by hand: %1"), activity.override_reason)
            reasons = activities.priority_of(activity).reasons
            return "\n".join(reasons) if band == Band.UNRATED.value else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole and band in BAND_COLOURS:
            return QColor(BAND_COLOURS[band])
        if role == Qt.ItemDataRole.ForegroundRole:
            if band in BAND_COLOURS:
                return QColor(palette.text_colour_on(BAND_COLOURS[band]))
            return QColor(ui_palette.text("not_assessed_text"))
        return None
