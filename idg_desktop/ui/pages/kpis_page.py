"""KPIs (IDG Part III step 3): the key performance indicators of the plan's
activities, each with its KPI metadata sheet (Annex 11).

The sheet is filled in field by field in front of the plenary: a field is saved
when it loses focus (or on Return in a one-line field), one undoable change per
field whose value changed. "Mark sheet complete" is refused by the service while
a mandatory field is empty; the page then names those fields and marks them in
the sheet, in words as well as in colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QRegularExpression,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFocusEvent, QFont, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.domain.plan import missing_mandatory
from idg_desktop.services import activities, plan
from idg_desktop.storage import models
from idg_desktop.ui.pages.base import Page
from idg_desktop.ui.workspace import Workspace

COL_NAME, COL_ACTIVITY, COL_TARGET, COL_SHEET = range(4)
#: How much of an activity's title the filter and the table show (full text in the tooltip).
ACTIVITY_CHARS, TABLE_ACTIVITY_CHARS = 60, 34
#: Sheet fields written over several lines, and how many lines their box shows.
TEXT_LINES: dict[str, int] = {
    "description": 4,
    "performance_dimension": 3,
    "calculation_method": 3,
    "rationale": 3,
    "links": 2,
    "source_of_verification": 3,
    "references": 2,
    "country_example": 2,
    "disclosure_policy": 3,
    "other_considerations": 3,
}
MISSING_TEXT = QColor("#9b1c1c")
QWIDGETSIZE_MAX = (1 << 24) - 1
#: A date being typed: digits and dashes in the shape 2026-03-31 (the service checks the day).
DATE_SHAPE = QRegularExpression(r"\d{0,4}(-\d{0,2}(-\d{0,2})?)?")

STYLE = """
QLabel#sheetField { font-weight: 600; color: #1f3b57; }
QLabel#sheetField[missing="true"] { color: #9b1c1c; }
QLabel#sheetHelp, QLabel#sheetLegend { color: #59616a; }
QLabel#sheetTitle { color: #1f3b57; }
QLineEdit[missing="true"], QPlainTextEdit[missing="true"] { border: 2px solid #b2182b; }
"""


def _t(text: str) -> str:
    return QCoreApplication.translate("Kpis", text)


def _short(text: str, chars: int = ACTIVITY_CHARS) -> str:
    """The text cut at a word boundary to about ``chars`` characters."""
    if len(text) <= chars:
        return text
    cut = text[: chars - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"


def activity_label(activity: models.Activity, chars: int = ACTIVITY_CHARS) -> str:
    return f"{activity.section_code}  {_short(activity.title, chars)}"


def sheet_state(kpi: models.Kpi, missing: list[str]) -> str:
    """The sheet's state in words (the table never relies on colour alone)."""
    if kpi.complete:
        return _t("Complete")
    if not missing:
        return _t("Filled, not marked complete")
    if len(missing) == 1:
        return _t("Missing: 1 mandatory field")
    return _t("Missing: %1 mandatory fields").replace("%1", str(len(missing)))


def _repolish(widget: QWidget, name: str, value: bool) -> None:
    """Set a property the style sheet selects on, and restyle the widget."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


@dataclass
class KpiRow:
    kpi: models.Kpi
    activity: models.Activity | None
    #: Labels of the mandatory Annex 11 fields still empty.
    missing: list[str]


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
            COL_ACTIVITY: _t("Activity"),
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
                return _t("Still empty: %1").replace("%1", ", ".join(row.missing))
            if role == Qt.ItemDataRole.ForegroundRole and row.missing and not kpi.complete:
                return MISSING_TEXT
            return None
        if column == COL_ACTIVITY:
            activity = row.activity
            if activity is None:
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return activity_label(activity, TABLE_ACTIVITY_CHARS)
            if role == Qt.ItemDataRole.ToolTipRole:
                return activity.title
            return None
        text = kpi.name if column == COL_NAME else kpi.target_value
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text or ("—" if role == Qt.ItemDataRole.DisplayRole else None)
        return None


class SheetTextEdit(QPlainTextEdit):
    """A multi-line sheet field that says, like QLineEdit, when editing is done."""

    #: Focus left the field: the page saves it if its text changed.
    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab moves on through the sheet
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()


class AddKpiDialog(QDialog):
    """The activity a new KPI measures, its name and its target."""

    def __init__(self, page: KpisPage, activity_id: str | None) -> None:
        super().__init__(page)
        self.setWindowTitle(self.tr("Add KPI"))
        self.activity = QComboBox()
        for activity in activities.list_activities(page.document):
            self.activity.addItem(activity_label(activity), activity.id)
            self.activity.setItemData(
                self.activity.count() - 1, activity.title, Qt.ItemDataRole.ToolTipRole
            )
        self.activity.setCurrentIndex(max(0, self.activity.findData(activity_id)))
        self.name = QLineEdit()
        self.name.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.target = QLineEdit()
        self.target.setPlaceholderText(self.tr("e.g. 90% of posts rotated on time by 2028"))
        form = QFormLayout(self)
        form.addRow(self.tr("&Activity:"), self.activity)
        form.addRow(self.tr("&Name of the indicator:"), self.name)
        form.addRow(self.tr("&Target value:"), self.target)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok.setEnabled(False)
        self.name.textChanged.connect(self._check)

    def _check(self) -> None:
        self._ok.setEnabled(bool(self.name.text().strip()) and self.activity.count() > 0)


class KpisPage(Page):
    TABLES = frozenset({"kpi", "activity"})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self._current: str | None = None
        self._loading = False
        self._committing = False
        #: After a refused "Mark sheet complete": mark the empty mandatory fields.
        self._flag_missing = False
        self._fields = [*plan.kpi_fields(self.document), *self._baseline_fields()]
        self._labels: dict[str, str] = {}
        self.field_labels: dict[str, QLabel] = {}
        self.help_labels: list[QLabel] = []
        self.editors: dict[str, QLineEdit | SheetTextEdit] = {}
        #: Annex 10 typologies, ticked in the sheet's "Type of indicator" field.
        self.typologies = QListWidget()
        self.setStyleSheet(STYLE)
        layout = self.page_layout(
            self.tr("KPIs"),
            self.tr(
                "Key performance indicators of the plan's activities (IDG Part III step 3). "
                "Fill in each KPI's metadata sheet (Annex 11): a field is saved when you "
                "leave it. A sheet can be marked complete once its mandatory fields are filled."
            ),
        )
        top = QHBoxLayout()
        self.activity_filter = QComboBox()
        self.activity_filter.setAccessibleName(self.tr("Show the KPIs of"))
        self.activity_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.activity_filter.setMinimumContentsLength(40)
        label = QLabel(self.tr("Acti&vity:"))
        label.setBuddy(self.activity_filter)
        top.addWidget(label)
        top.addWidget(self.activity_filter)
        top.addStretch(1)
        self.add_button = QPushButton(self.tr("&Add KPI…"))
        self.delete_button = QPushButton(self.tr("&Delete KPI"))
        top.addWidget(self.add_button)
        top.addWidget(self.delete_button)
        layout.addLayout(top)

        self.model = KpisModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("KPIs"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_SHEET, QHeaderView.ResizeMode.ResizeToContents)
        char = self.table.fontMetrics().averageCharWidth()
        header.resizeSection(COL_ACTIVITY, char * 26)
        header.resizeSection(COL_TARGET, char * 14)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(self._build_sheet())

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.scroll)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        splitter.setSizes([5000, 6000])  # a weight: the table gets 5/11 of the width
        layout.addWidget(splitter, 1)
        self._fit_to_font()

        self.activity_filter.currentIndexChanged.connect(lambda _i: self._filter_changed())
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.add_button.clicked.connect(self.add_kpi)
        self.delete_button.clicked.connect(self.delete_kpi)
        self.complete.clicked.connect(self.mark_complete)
        self.typologies.itemChanged.connect(lambda _item: self._commit_typologies())

    # -- building -------------------------------------------------------------------

    def _baseline_fields(self) -> list[dict]:
        """Two fields the app adds to Annex 11: where the KPI starts from, and when."""
        return [
            {
                "key": "baseline_value",
                "label": self.tr("Baseline value"),
                "description": self.tr("The value measured before the activity starts."),
            },
            {
                "key": "baseline_date",
                "label": self.tr("Baseline date"),
                "description": self.tr("When the baseline was measured, as 2026-03-31."),
            },
        ]

    def _build_sheet(self) -> QWidget:
        sheet = QWidget()
        box = QVBoxLayout(sheet)
        box.setContentsMargins(16, 0, 12, 12)
        box.setSpacing(12)
        self.sheet_title = QLabel()
        self.sheet_title.setObjectName("sheetTitle")
        self.sheet_title.setWordWrap(True)
        self.sheet_activity = QLabel()
        self.sheet_activity.setObjectName("pageIntro")
        self.sheet_activity.setWordWrap(True)
        self.complete = QCheckBox(self.tr("Mark sheet &complete"))
        self.complete.setToolTip(self.tr("Allowed once every mandatory field (*) is filled"))
        self.state = QLabel()
        self.state.setObjectName("pageIntro")
        self.state.setWordWrap(True)
        self.missing = QLabel()
        self.missing.setObjectName("warning")
        self.missing.setWordWrap(True)
        legend = QLabel(self.tr("* mandatory in Annex 11"))
        legend.setObjectName("sheetLegend")
        for widget in (self.sheet_title, self.sheet_activity, self.complete, self.state):
            box.addWidget(widget)
        box.addWidget(self.missing)
        box.addWidget(legend)
        for field in self._fields:
            box.addLayout(self._field_block(field))
        box.addStretch(1)
        return sheet

    def _field_block(self, field: dict) -> QVBoxLayout:
        key = field["key"]
        letter = field.get("letter")
        text = f"{letter}. {field.get('label', key)}" if letter else field.get("label", key)
        self._labels[key] = text + (" *" if field.get("mandatory") else "")
        block = QVBoxLayout()
        block.setSpacing(4)
        label = QLabel(self._labels[key])
        label.setObjectName("sheetField")
        label.setWordWrap(True)
        self.field_labels[key] = label
        block.addWidget(label)
        help_text = field.get("description", "")
        if help_text:
            hint = QLabel(help_text)
            hint.setObjectName("sheetHelp")
            hint.setWordWrap(True)
            self.help_labels.append(hint)
            block.addWidget(hint)
        if key == "typologies":
            editor: QWidget = self._typology_list()
        else:
            editor = self._editor(key)
        editor.setAccessibleName(field.get("label", key))
        editor.setAccessibleDescription(help_text)
        label.setBuddy(editor)
        if editor.maximumWidth() < QWIDGETSIZE_MAX:
            # A narrow field in its own row: directly in the column it would upset the
            # column's height-for-width and open gaps around the labels above it.
            row = QHBoxLayout()
            row.addWidget(editor)
            row.addStretch(1)
            block.addLayout(row)
        else:
            block.addWidget(editor)
        return block

    def _editor(self, key: str) -> QLineEdit | SheetTextEdit:
        editor: QLineEdit | SheetTextEdit
        if key in TEXT_LINES:
            editor = SheetTextEdit()
        else:
            editor = QLineEdit()
            if key == "baseline_date":
                editor.setValidator(QRegularExpressionValidator(DATE_SHAPE, editor))
                editor.setPlaceholderText(self.tr("YYYY-MM-DD"))
                editor.setMaximumWidth(editor.fontMetrics().averageCharWidth() * 18)
        editor.editingFinished.connect(lambda: self._commit_field(key))
        self.editors[key] = editor
        return editor

    def _typology_list(self) -> QListWidget:
        self.typologies.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for typology in plan.kpi_typologies(self.document):
            name = typology.get("label") or typology.get("name") or typology["key"]
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, typology["key"])
            item.setToolTip(typology.get("description", ""))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.typologies.addItem(item)
        return self.typologies

    def _fit_to_font(self) -> None:
        """Sizes that follow the window's text size (projector setting)."""
        small = QFont(self.font())
        small.setPointSizeF(self.font().pointSizeF() * 0.9)
        for hint in self.help_labels:
            hint.setFont(small)
        title = QFont(self.font())
        title.setPointSizeF(self.font().pointSizeF() * 1.3)
        title.setBold(True)
        self.sheet_title.setFont(title)
        for key, editor in self.editors.items():
            if isinstance(editor, SheetTextEdit):
                margins = 2 * (editor.frameWidth() + int(editor.document().documentMargin())) + 4
                editor.setFixedHeight(
                    editor.fontMetrics().lineSpacing() * TEXT_LINES[key] + margins
                )
        rows = self.typologies.count()
        if rows:  # every typology visible: no list scrolling inside the sheet's scrolling
            height = self.typologies.sizeHintForRow(0) * rows + 2 * self.typologies.frameWidth()
            self.typologies.setFixedHeight(height + 2)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit_to_font()
        super().changeEvent(event)

    # -- reading ----------------------------------------------------------------------

    def reload(self) -> None:
        self._loading = True
        try:
            table_scroll = self.table.verticalScrollBar().value()
            sheet_scroll = self.scroll.verticalScrollBar().value()
            shown_before = self._current
            every = activities.list_activities(self.document)
            self._fill_filter(every)
            wanted = self.activity_filter.currentData()
            by_id = {a.id: a for a in every}
            rows = [
                KpiRow(kpi, by_id.get(kpi.activity_id), plan.missing_kpi_fields(self.document, kpi))
                for kpi in plan.list_kpis(self.document)
                if wanted is None or kpi.activity_id == wanted
            ]
            self.model.load(rows)
            self.table.resizeRowsToContents()
            row = self.model.row_of(self._current)
            if row < 0 and rows:
                row = 0
            self._current = rows[row].kpi.id if row >= 0 else None
            if row >= 0:
                self.table.setCurrentIndex(self.model.index(row, COL_NAME))
            self.table.verticalScrollBar().setValue(table_scroll)
            self.add_button.setEnabled(bool(every))
            self.add_button.setToolTip(
                "" if every else self.tr("Add activities on the Priorities page first")
            )
            if self._current != shown_before:
                self._flag_missing = False
            self._show_kpi()
            self.scroll.widget().layout().activate()
            same = self._current == shown_before  # another KPI's sheet starts at its top
            self.scroll.verticalScrollBar().setValue(sheet_scroll if same else 0)
        finally:
            self._loading = False

    def _fill_filter(self, every: list[models.Activity]) -> None:
        chosen = self.activity_filter.currentData()
        self.activity_filter.blockSignals(True)
        self.activity_filter.clear()
        self.activity_filter.addItem(self.tr("All activities"), None)
        for activity in every:
            self.activity_filter.addItem(activity_label(activity), activity.id)
            self.activity_filter.setItemData(
                self.activity_filter.count() - 1, activity.title, Qt.ItemDataRole.ToolTipRole
            )
        self.activity_filter.setCurrentIndex(max(0, self.activity_filter.findData(chosen)))
        self.activity_filter.blockSignals(False)

    def current_kpi(self) -> models.Kpi | None:
        row = self.model.row_of(self._current)
        return self.model.row(row).kpi if row >= 0 else None

    def _show_kpi(self) -> None:
        """Put the selected KPI's sheet in the form (what the file holds)."""
        was_loading, self._loading = self._loading, True
        try:
            kpi = self.current_kpi()
            for editor in (*self.editors.values(), self.typologies):
                editor.setEnabled(kpi is not None)
            self.complete.setEnabled(kpi is not None)
            self.delete_button.setEnabled(kpi is not None)
            if kpi is None:
                self._show_empty()
                return
            sheet = plan.kpi_sheet(kpi)
            for key, editor in self.editors.items():
                self._set_text(editor, str(sheet[key] or ""))
            chosen = set(sheet["typologies"])
            for row in range(self.typologies.count()):
                item = self.typologies.item(row)
                ticked = item.data(Qt.ItemDataRole.UserRole) in chosen
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.complete.setChecked(kpi.complete)
            activity = self.model.row(self.model.row_of(kpi.id)).activity
            self.sheet_title.setText(kpi.name)
            self.sheet_activity.setText(
                self.tr("Activity: %1").replace(
                    "%1", f"{activity.section_code}  {activity.title}" if activity else "—"
                )
            )
            missing = (
                [] if kpi.complete else missing_mandatory(sheet, plan.kpi_fields(self.document))
            )
            self._show_state(kpi, missing)
        finally:
            self._loading = was_loading

    def _show_empty(self) -> None:
        for editor in self.editors.values():
            self._set_text(editor, "")
        for row in range(self.typologies.count()):
            self.typologies.item(row).setCheckState(Qt.CheckState.Unchecked)
        self.complete.setChecked(False)
        self.sheet_title.setText(self.tr("No KPI selected"))
        self.sheet_activity.setText(
            self.tr("Add a KPI to an activity with Add KPI…, then fill in its metadata sheet.")
        )
        self.state.setText("")
        self.missing.hide()
        self._mark_missing(set())

    def _show_state(self, kpi: models.Kpi, missing: list[str]) -> None:
        labels = {f["key"]: self._labels[f["key"]].rstrip(" *") for f in self._fields}
        if kpi.complete:
            self.state.setText(self.tr("The sheet is complete: every mandatory field is filled."))
        elif missing:
            self.state.setText(self.tr("The sheet is not complete yet."))
        else:
            self.state.setText(
                self.tr("Every mandatory field is filled: the sheet can be marked complete.")
            )
        self.missing.setVisible(bool(missing))
        self.missing.setText(
            self.tr("Mandatory fields still empty: %1").replace(
                "%1", "; ".join(labels[key] for key in missing)
            )
        )
        self._mark_missing(set(missing) if self._flag_missing else set())

    def _mark_missing(self, keys: set[str]) -> None:
        """Mark the fields that stop the sheet being complete, in words and colour."""
        for key, label in self.field_labels.items():
            flagged = key in keys
            suffix = self.tr(" — missing") if flagged else ""
            label.setText(self._labels[key] + suffix)
            _repolish(label, "missing", flagged)
            if key in self.editors:
                _repolish(self.editors[key], "missing", flagged)

    @staticmethod
    def _set_text(editor: QLineEdit | SheetTextEdit, text: str) -> None:
        """Replace an editor's text only if it differs: the cursor stays where it was."""
        if isinstance(editor, SheetTextEdit):
            if editor.toPlainText() != text:
                editor.setPlainText(text)
        elif editor.text() != text:
            editor.setText(text)
            editor.setCursorPosition(0)

    # -- changing -----------------------------------------------------------------------

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._loading or not current.isValid():
            return
        self._current = self.model.row(current.row()).kpi.id
        self._flag_missing = False
        self._show_kpi()
        self.scroll.verticalScrollBar().setValue(0)

    def _filter_changed(self) -> None:
        self.commit_pending()
        self.reload()

    def select_kpi(self, kpi_id: str) -> None:
        """Show a KPI's sheet (after adding it, or from another page)."""
        self.commit_pending()
        self._current = kpi_id
        if self.activity_filter.currentData() is not None:
            kpi = plan.find_kpi(self.document, kpi_id)
            if kpi.activity_id != self.activity_filter.currentData():
                self.activity_filter.blockSignals(True)
                self.activity_filter.setCurrentIndex(0)
                self.activity_filter.blockSignals(False)
        self.reload()
        self._stale = False
        row = self.model.row_of(kpi_id)
        if row >= 0:
            self.table.scrollTo(self.model.index(row, COL_NAME))

    show_target = select_kpi

    def _editor_value(self, key: str) -> str:
        editor = self.editors[key]
        text = editor.toPlainText() if isinstance(editor, SheetTextEdit) else editor.text()
        return text.strip()

    def _commit_field(self, key: str) -> None:
        """Save one field if its value changed: one undoable step."""
        kpi = self.current_kpi()
        if self._loading or self._committing or kpi is None:
            return
        value = self._editor_value(key)
        if value == str(getattr(kpi, key) or ""):
            return
        label = self.tr("Edit KPI: %1").replace("%1", self._labels[key].rstrip(" *"))
        self._change(label, {key: value})

    def _commit_typologies(self) -> None:
        kpi = self.current_kpi()
        if self._loading or self._committing or kpi is None:
            return
        ticked = []
        for row in range(self.typologies.count()):
            item = self.typologies.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                ticked.append(item.data(Qt.ItemDataRole.UserRole))
        if sorted(ticked) == sorted(plan.kpi_sheet(kpi)["typologies"]):
            return
        self._change(self.tr("Edit KPI: type of indicator"), {"typologies": ticked})

    def _change(self, label: str, changes: dict[str, object]) -> None:
        kpi_id = self._current
        self._committing = True  # a refusal's message box takes focus: no second commit
        try:
            done = self.workspace.run(
                label, lambda: plan.update_kpi(self.document, kpi_id, **changes)
            )
        finally:
            self._committing = False
        if done is None:  # refused (the window shows why): back to what the file holds
            self._show_kpi()

    def commit_pending(self) -> None:
        """Save a field still being edited (before an action that does not take focus)."""
        kpi = self.current_kpi()
        if kpi is None:
            return
        changed = [k for k in self.editors if self._editor_value(k) != str(getattr(kpi, k) or "")]
        for key in changed:
            self._commit_field(key)

    def mark_complete(self, complete: bool) -> None:
        """Mark the sheet complete (refused while a mandatory field is empty) or not."""
        if self._loading or self.current_kpi() is None:
            return
        self.commit_pending()
        kpi_id = self._current
        label = self.tr("Mark KPI sheet complete") if complete else self.tr("Reopen KPI sheet")
        done = self.workspace.run(
            label, lambda: plan.set_kpi_complete(self.document, kpi_id, complete)
        )
        if done is None:
            self._flag_missing = complete
            self._show_kpi()
            first = next(
                (
                    self.editors[k]
                    for k, w in self.field_labels.items()
                    if w.property("missing") and k in self.editors
                ),
                None,
            )
            if first is not None:  # keyboard users land on the first field to fill
                first.setFocus()
                self.scroll.ensureWidgetVisible(first)

    def add_kpi(self) -> None:
        self.commit_pending()
        kpi = self.current_kpi()
        activity_id = self.activity_filter.currentData() or (kpi.activity_id if kpi else None)
        dialog = AddKpiDialog(self, activity_id)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        activity, name = dialog.activity.currentData(), dialog.name.text().strip()
        target = dialog.target.text().strip()
        dialog.deleteLater()
        if not accepted or activity is None:
            return
        created = self.workspace.run(
            self.tr("Add KPI"),
            lambda: plan.add_kpi(self.document, activity=activity, name=name, target=target),
        )
        if created is not None:
            self.select_kpi(created.id)
            self.editors["description"].setFocus()

    def delete_kpi(self) -> None:
        kpi = self.current_kpi()
        if kpi is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete KPI"),
            self.tr(
                "Delete the KPI “%1” and its metadata sheet? You can undo it with Ctrl+Z."
            ).replace("%1", kpi.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        kpi_id, row = kpi.id, self.model.row_of(kpi.id)
        neighbour = row + 1 if row + 1 < self.model.rowCount() else row - 1
        self._current = self.model.row(neighbour).kpi.id if neighbour >= 0 else None
        self.workspace.run(self.tr("Delete KPI"), lambda: plan.delete_kpi(self.document, kpi_id))
        if any(k.id == kpi_id for k in plan.list_kpis(self.document)):
            self.select_kpi(kpi_id)  # refused: it stays selected
