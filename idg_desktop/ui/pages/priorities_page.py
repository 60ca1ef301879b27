"""Priorities (IDG Part III step 1): each activity rated low / medium / high on
the guide's eight criteria, with the band the rule computes and the band in force.

Built for the plenary to fill in live on the projector: move with the arrow
keys and type L, M or H (Delete clears), one undoable change per key press.
Unrated criteria read "—", never a blank that could pass for medium.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from idg_desktop.domain import colours as palette
from idg_desktop.domain import records
from idg_desktop.domain.priorities import CRITERIA, Band, Level
from idg_desktop.domain.records import Kind
from idg_desktop.services import activities, findings, plan
from idg_desktop.services.assessment import sections_in_scope
from idg_desktop.ui.pages.base import Page
from idg_desktop.ui.palette import BAND_COLOURS
from idg_desktop.ui.text import fmt
from idg_desktop.ui.workspace import Workspace

#: Restrained band fills (one hue, three depths); the word is always written too.
UNRATED_TEXT = QColor(palette.NOT_ASSESSED_TEXT)
COL_SECTION, COL_TITLE, FIRST_CRITERION = 0, 1, 2
COL_COMPUTED = FIRST_CRITERION + len(CRITERIA)
COL_IN_FORCE = COL_COMPUTED + 1
_KEYS = {Qt.Key.Key_L: Level.LOW.value, Qt.Key.Key_M: Level.MEDIUM.value}
_KEYS[Qt.Key.Key_H] = Level.HIGH.value


def _t(text: str) -> str:
    return QCoreApplication.translate("Priorities", text)


def criterion_labels() -> dict[str, str]:
    """The guide's short names of the criteria (shared with the matrix page)."""
    return {
        "importance": _t("Importance"),
        "urgency": _t("Urgency"),
        "consequence": _t("Consequence of failure"),
        "commitment": _t("Commitment"),
        "impact": _t("Impact"),
        "obligations": _t("Obligations"),
        "ease": _t("Ease of implementation"),
        "cost": _t("Cost"),
    }


def criterion_headers() -> dict[str, str]:
    """The criteria as the table's headers: the same words on short lines, so eight
    columns leave the activity's title its room on a laptop (tooltips: the full text)."""
    return {
        "importance": _t("Impor-\ntance"),
        "urgency": _t("Urgency"),
        "consequence": _t("Conse-\nquence\nof failure"),
        "commitment": _t("Commit-\nment"),
        "impact": _t("Impact"),
        "obligations": _t("Obliga-\ntions"),
        "ease": _t("Ease"),
        "cost": _t("Cost"),
    }


def criterion_tooltips() -> dict[str, str]:
    """The full wording of IDG Part III step 1, for header tooltips."""
    return {
        "importance": _t("Importance of the activity"),
        "urgency": _t("Urgency of the activity"),
        "consequence": _t("Consequence of failure: what happens if nothing is done"),
        "commitment": _t("Probability of executive and employee commitment"),
        "impact": _t("Impact of the activity on integrity"),
        "obligations": _t("National and international obligations the activity meets"),
        "ease": _t("Ease of implementation"),
        "cost": _t("Cost of the activity (a high cost counts against it)"),
    }


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
            return UNRATED_TEXT
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
            return UNRATED_TEXT
        return None


class RatingTable(QTableView):
    """A table view where L, M, H and Delete rate the current criterion cell.

    The ratings' columns are as narrow as their words; the activity's title takes
    the rest of the width, never less than :attr:`TITLE_CHARS` characters (the
    table scrolls sideways rather than squeeze it), and wraps."""

    #: (row, criterion, level or None to clear) typed in a criterion cell.
    levelTyped = Signal(int, str, object)
    #: The title column's least width, in average characters of the table's font.
    TITLE_CHARS = 40

    def size_columns(self) -> None:
        """Each column but the title as wide as its longest word or value."""
        model = self.model()
        if model is None:
            return
        header = self.horizontalHeader()
        # No bold header for the current column: it would need wider columns (the
        # current cell is highlighted anyway).
        header.setHighlightSections(False)
        words, cells = QFontMetrics(header.font()), self.fontMetrics()
        # the header's margins and grid line; a cell's text margins
        header_pad, cell_pad = 9, 7
        samples = {COL_SECTION: ["WWW"]}
        for column in range(FIRST_CRITERION, COL_COMPUTED):
            samples[column] = list(level_labels().values())
        for column in (COL_COMPUTED, COL_IN_FORCE):
            samples[column] = [w for t in band_labels().values() for w in t.split()]
            samples[column] += list(level_labels().values())
        for column, values in samples.items():
            text = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            need = [words.horizontalAdvance(w) + header_pad for w in text.split()]
            need += [cells.horizontalAdvance(v) + cell_pad for v in values]
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, max(need))
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Fixed)
        self.fit_title()

    def fit_title(self) -> None:
        """The title takes what the other columns leave, at least TITLE_CHARS."""
        header = self.horizontalHeader()
        if self.model() is None:
            return
        others = sum(header.sectionSize(c) for c in range(header.count()) if c != COL_TITLE)
        least = self.fontMetrics().averageCharWidth() * self.TITLE_CHARS
        width = max(least, self.viewport().width() - others)
        if header.sectionSize(COL_TITLE) != width:
            header.resizeSection(COL_TITLE, width)
            self.resizeRowsToContents()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_title()

    def viewportEvent(self, event) -> bool:
        handled = super().viewportEvent(event)
        if event.type() == QEvent.Type.Resize:  # e.g. the vertical scroll bar came
            self.fit_title()
        return handled

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self.size_columns()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        criterion = index.isValid() and FIRST_CRITERION <= index.column() < COL_COMPUTED
        clear = event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        # Shift and Caps Lock too: "H" rates high, never a jump to a row starting with H.
        plain = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if criterion and plain and (event.key() in _KEYS or clear):
            level = None if clear else _KEYS[Qt.Key(event.key())]
            self.levelTyped.emit(index.row(), CRITERIA[index.column() - FIRST_CRITERION], level)
            return
        super().keyPressEvent(event)


def _short(text: str, chars: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def activity_codes(document) -> dict[str, str]:
    """Activity id → its number in the action plan (A1, A2 …; placed ones only)."""
    return {
        node.activity.id: node.code
        for node in plan.action_plan(document).nodes()
        if isinstance(node, plan.ActivityNode) and node.code
    }


def activity_mark(activity: records.Activity, codes: dict[str, str], chars: int = 40) -> str:
    """How an undo text or a mark names an activity: "A3: Adopt the list…" (with
    ``chars=0`` just "A3"), or its title in quotes while it is not in the plan."""
    code = codes.get(activity.id)
    if code and not chars:
        return code
    title = _short(activity.title, chars or 30)
    return f"{code}: {title}" if code else f"“{title}”"


class AddActivityDialog(QDialog):
    """Title and section of a new activity, optionally from an agreed finding."""

    def __init__(self, page: PrioritiesPage) -> None:
        super().__init__(page)
        self.setWindowTitle(self.tr("Add activity"))
        self.finding = QComboBox()
        self.finding.view().setTextElideMode(Qt.TextElideMode.ElideRight)  # the mark shows
        self.finding.addItem(self.tr("None (a new idea)"), None)
        #: finding id → the mark of the activities it already has ("has A3: …").
        self.answered: dict[str, str] = {}
        answered = activities.activities_by_finding(page.document)
        codes = activity_codes(page.document)
        usable = [
            f
            for f in findings.list_findings(page.document)
            if f.status in activities.USABLE_FINDINGS
        ]
        # Findings still waiting for an activity first, those that have one after.
        for finding in sorted(usable, key=lambda f: f.id in answered):
            text = finding.proposed_action or finding.text
            label = f"{finding.section_code}  {_short(text, 80)}"
            tip = text
            if finding.id in answered:
                has = ", ".join(activity_mark(a, codes, 0) for a in answered[finding.id])
                self.answered[finding.id] = fmt(self.tr("has %1"), has)
                label = f"{finding.section_code}  {_short(text, 60)}  — {self.answered[finding.id]}"
                whole = "; ".join(activity_mark(a, codes, 200) for a in answered[finding.id])
                tip += "\n" + fmt(self.tr("Already answered by: %1"), whole)
            self.finding.addItem(label, finding.id)
            self.finding.setItemData(self.finding.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.section = QComboBox()
        for section in sections_in_scope(page.document):
            self.section.addItem(f"{section.code}  {section.title}", section.code)
        self.title = QLineEdit()
        self.title.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        form = QFormLayout(self)
        form.addRow(self.tr("From &finding:"), self.finding)
        form.addRow(self.tr("&Section:"), self.section)
        form.addRow(self.tr("&Title:"), self.title)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok.setEnabled(False)
        self.title.textChanged.connect(lambda text: self._ok.setEnabled(bool(text.strip())))
        self._document = page.document
        self.finding.currentIndexChanged.connect(self._from_finding)

    def _from_finding(self, _index: int) -> None:
        """A finding gives its section and, if the title is empty, its proposed action."""
        finding_id = self.finding.currentData()
        if finding_id is None:
            return
        finding = findings.find_finding(self._document, finding_id)
        self.section.setCurrentIndex(max(0, self.section.findData(finding.section_code)))
        if not self.title.text().strip():
            self.title.setText(finding.proposed_action or finding.text)


class OverrideDialog(QDialog):
    """Choose a band by hand with the reason, or go back to the computed band."""

    def __init__(self, parent: QWidget, activity: records.Activity) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Override priority"))
        self.band = QComboBox()
        self.band.addItem(self.tr("Use the computed priority (no override)"), None)
        for key, text in level_labels().items():
            self.band.addItem(text, key)
        self.band.setCurrentIndex(max(0, self.band.findData(activity.priority_override or None)))
        self.reason = QPlainTextEdit(activity.override_reason)
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        form = QFormLayout(self)
        title = QLabel(activity.title)
        title.setWordWrap(True)
        form.addRow(self.tr("Activity:"), title)
        form.addRow(self.tr("&Priority:"), self.band)
        form.addRow(self.tr("&Reason (required):"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.band.currentIndexChanged.connect(lambda _i: self._check())
        self.reason.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        """A band set by hand needs its reason; clearing needs none."""
        needs = self.band.currentData() is not None
        self._ok.setEnabled(not needs or bool(self.reason.toPlainText().strip()))


class PrioritiesPage(Page):
    MAIN_ACTIONS = ("add_button", "override_button")
    KINDS = frozenset({Kind.ACTIVITY, Kind.FINDING})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self._current: str | None = None
        layout = self.page_layout(
            self.tr("Priorities"),
            self.tr(
                "Rate each activity on the guide's eight criteria: select a cell and type "
                "L, M or H (Delete clears). The priority needs impact and at least five "
                "criteria rated; a high cost counts against an activity."
            ),
        )
        top = QHBoxLayout()
        top.addStretch(1)
        self.add_button = QPushButton(self.tr("&Add activity…"))
        self.from_findings_button = QPushButton(
            self.tr("&Create activities from all agreed findings")
        )
        self.from_findings_button.setToolTip(
            self.tr(
                "One activity for each agreed or amended finding that has none yet, titled "
                "from its proposed action (one step: Ctrl+Z undoes it)"
            )
        )
        self.override_button = QPushButton(self.tr("&Override priority…"))
        top.addWidget(self.from_findings_button)
        top.addWidget(self.add_button)
        top.addWidget(self.override_button)
        layout.addLayout(top)
        #: What the last "Create activities from all agreed findings" did.
        self.notice = QLabel()
        self.notice.setObjectName("pageIntro")
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout.addWidget(self.notice)
        self._codes: dict[str, str] = {}
        self.model = ActivitiesModel(self)
        self.table = RatingTable()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Activities and their ratings"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.size_columns()
        layout.addWidget(self.table, 1)
        self.add_button.clicked.connect(self.add_activity)
        self.from_findings_button.clicked.connect(self.add_from_agreed_findings)
        self.table.levelTyped.connect(self.rate)
        self.override_button.clicked.connect(self.override_priority)
        self.table.selectionModel().currentChanged.connect(self._on_current)

    def reload(self) -> None:
        column = max(self.table.currentIndex().column(), FIRST_CRITERION)
        self.model.load(activities.list_activities(self.document))
        self._codes = activity_codes(self.document)
        self.notice.hide()  # it told of the change before this one
        self.table.resizeRowsToContents()
        row = self.model.row_of(self._current)
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, column))
        self.override_button.setEnabled(row >= 0)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._current = self.model.activity(current.row()).id

    def current_activity(self) -> records.Activity | None:
        row = self.model.row_of(self._current)
        return self.model.activity(row) if row >= 0 else None

    def show_target(self, activity_id: object) -> None:
        """Select an activity's row (from the matrix page)."""
        if self._stale:
            self.reload()
            self._stale = False
        row = self.model.row_of(str(activity_id))
        if row >= 0:
            self._current = str(activity_id)
            column = max(self.table.currentIndex().column(), FIRST_CRITERION)
            self.table.setCurrentIndex(self.model.index(row, column))
            self.table.scrollTo(self.model.index(row, column))
            self.table.setFocus()

    def rate(self, row: int, criterion: str, level: str | None) -> None:
        """One key press, one undoable change of one criterion."""
        activity = self.model.activity(row)
        activity_id = activity.id
        if getattr(activity, criterion) == level:
            return
        what = criterion_labels()[criterion].lower()
        label = fmt(self.tr("Rate %1 of %2"), what, activity_mark(activity, self._codes))
        self.workspace.run(
            label,
            lambda: activities.rate_activity(self.document, activity_id, {criterion: level}),
        )

    def add_activity(self) -> None:
        dialog = AddActivityDialog(self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        title, section = dialog.title.text().strip(), dialog.section.currentData()
        finding_id = dialog.finding.currentData()
        dialog.deleteLater()
        if not accepted:
            return
        created = self.workspace.run(
            self.tr("Add activity"),
            lambda: activities.add_activity(
                self.document,
                title=title,
                section=section,
                findings=[finding_id] if finding_id else None,
            ),
        )
        if created is not None:
            self.show_target(created.id)

    def add_from_agreed_findings(self) -> None:
        """One activity per agreed finding without one, in one undo step; says how
        many were created and how many findings already had one."""
        usable = [
            f
            for f in findings.list_findings(self.document)
            if f.status in activities.USABLE_FINDINGS
        ]
        created = self.workspace.run(
            self.tr("Create activities from agreed findings"),
            lambda: activities.add_activities_from_agreed_findings(self.document),
        )
        if created is None:
            return
        skipped = len(usable) - len(created)
        if created:
            text = (
                self.tr("Created 1 activity from an agreed finding.")
                if len(created) == 1
                else self.tr("Created %1 activities from agreed findings.")
            )
            text += " " + fmt(
                self.tr("Skipped %1 that already had one. Ctrl+Z undoes it."), str(skipped)
            )
            text = fmt(text, str(len(created)))
            self.show_target(created[0].id)
        else:
            text = fmt(
                self.tr(
                    "Every agreed finding already has an activity (%1 findings): nothing created."
                ),
                str(skipped),
            )
        self.notice.setText(text)
        self.notice.show()

    def override_priority(self) -> None:
        activity = self.current_activity()
        if activity is None:
            return
        dialog = OverrideDialog(self, activity)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        band, reason = dialog.band.currentData(), dialog.reason.toPlainText().strip()
        dialog.deleteLater()
        if not accepted:
            return
        activity_id = activity.id
        label = fmt(
            self.tr("Override priority of %1")
            if band
            else self.tr("Clear priority override of %1"),
            activity_mark(activity, self._codes),
        )
        self.workspace.run(
            label, lambda: activities.override_priority(self.document, activity_id, band, reason)
        )
