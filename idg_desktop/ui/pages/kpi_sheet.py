"""The KPI metadata sheet (Annex 11) as a form, filled in front of the plenary.

The form only shows and collects: it says which field the user left
(:attr:`KpiSheet.fieldEdited`) or which typologies changed, and the KPIs page
saves them through the services. It marks the mandatory fields still empty in
words as well as in colour.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRegularExpression, Qt, Signal
from PySide6.QtGui import QFont, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.domain import records
from idg_desktop.ui import palette
from idg_desktop.ui.plain_text_field import PlainTextField
from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.labelled import wrapping_label
from idg_desktop.ui.window_look import themed

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
QWIDGETSIZE_MAX = (1 << 24) - 1
#: A date being typed: digits and dashes in the shape 2026-03-31 (the service checks the day).
DATE_SHAPE = QRegularExpression(r"\d{0,4}(-\d{0,2}(-\d{0,2})?)?")

STYLE_TEMPLATE = """
QLabel#sheetField { font-weight: 600; color: $navy; }
QLabel#sheetField[missing="true"] { color: $missing; }
QLabel#sheetHelp, QLabel#sheetLegend { color: $help; }
QLabel#sheetTitle { color: $navy; }
QLineEdit[missing="true"], QPlainTextEdit[missing="true"] { border: 2px solid $missing_border; }
"""
#: The sheet in the house colours (the page takes it in the theme of the moment).
STYLE = palette.style(STYLE_TEMPLATE, high_contrast=False)


def _repolish(widget: QWidget, name: str, value: bool) -> None:
    """Set a property the style sheet selects on, and restyle the widget."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class SheetTextEdit(PlainTextField):
    """A multi-line sheet field, as high as its :data:`TEXT_LINES` say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)


class KpiSheet(QWidget):
    """One KPI's metadata sheet: its fields, its typologies and "Mark sheet complete"."""

    #: The user left the field with this key (the page saves it if it changed).
    fieldEdited = Signal(str)
    #: A typology was ticked or unticked by the user.
    typologiesEdited = Signal()

    def __init__(
        self, fields: list[dict], typologies: list[dict], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._filling = False
        self.fields = [*fields, *self._baseline_fields()]
        #: Each field's label as the sheet shows it ("A. Name *").
        self.labels: dict[str, str] = {}
        self.field_labels: dict[str, QLabel] = {}
        self.help_labels: list[QLabel] = []
        self.editors: dict[str, QLineEdit | SheetTextEdit] = {}
        #: Annex 10 typologies, ticked in the sheet's "Type of indicator" field.
        self.typologies = QListWidget()
        self._typologies = typologies
        themed(self, STYLE_TEMPLATE)  # follows View ▸ High contrast
        self._build()
        self._fit_to_font()
        self.typologies.itemChanged.connect(self._typology_changed)

    def _typology_changed(self, _item: QListWidgetItem) -> None:
        if not self._filling:  # the user's tick, not the form being filled
            self.typologiesEdited.emit()

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

    def _build(self) -> None:
        box = QVBoxLayout(self)
        box.setContentsMargins(16, 0, 12, 12)
        box.setSpacing(12)
        self.sheet_title = wrapping_label("sheetTitle")
        self.sheet_activity = wrapping_label("pageIntro")
        self.complete = QCheckBox(self.tr("Mark sheet &complete"))
        self.complete.setToolTip(self.tr("Allowed once every mandatory field (*) is filled"))
        self.confidential = QCheckBox(self.tr("Confide&ntial (left out of public versions)"))
        self.state = wrapping_label("pageIntro")
        self.missing = wrapping_label("warning")
        legend = QLabel(self.tr("* mandatory in Annex 11"))
        legend.setObjectName("sheetLegend")
        for widget in (
            self.sheet_title,
            self.sheet_activity,
            self.complete,
            self.confidential,
            self.state,
        ):
            box.addWidget(widget)
        box.addWidget(self.missing)
        box.addWidget(legend)
        for field in self.fields:
            box.addLayout(self._field_block(field))
        box.addStretch(1)

    def _field_block(self, field: dict) -> QVBoxLayout:
        key = field["key"]
        letter = field.get("letter")
        text = f"{letter}. {field.get('label', key)}" if letter else field.get("label", key)
        self.labels[key] = text + (" *" if field.get("mandatory") else "")
        block = QVBoxLayout()
        block.setSpacing(4)
        label = wrapping_label("sheetField", self.labels[key])
        self.field_labels[key] = label
        block.addWidget(label)
        help_text = field.get("description", "")
        if help_text:
            hint = wrapping_label("sheetHelp", help_text)
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
        editor.editingFinished.connect(lambda: self.fieldEdited.emit(key))
        self.editors[key] = editor
        return editor

    def _typology_list(self) -> QListWidget:
        self.typologies.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for typology in self._typologies:
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

    # -- showing ----------------------------------------------------------------------

    def set_editable(self, on: bool) -> None:
        for editor in (*self.editors.values(), self.typologies, self.complete, self.confidential):
            editor.setEnabled(on)

    def show_kpi(
        self,
        kpi: records.Kpi,
        values: dict[str, object],
        owner: str,
        missing: list[str],
        flag_missing: bool,
    ) -> None:
        """Put a KPI's sheet (``values``, as the file holds them) in the form.

        ``owner`` says what it measures ("Activity: HR  Rotate…", "Output 1.1: …").

        ``missing`` are the mandatory fields still empty; ``flag_missing`` marks them
        in the form too (after a refused "Mark sheet complete").
        """
        self._filling = True
        try:
            for key, editor in self.editors.items():
                self._set_text(editor, str(values[key] or ""))
            chosen = set(values["typologies"])
            for row in range(self.typologies.count()):
                item = self.typologies.item(row)
                ticked = item.data(Qt.ItemDataRole.UserRole) in chosen
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        finally:
            self._filling = False
        self.complete.setChecked(kpi.complete)
        self.confidential.setChecked(kpi.confidential)
        self.sheet_title.setText(kpi.name)
        self.sheet_activity.setText(owner or "—")
        self._show_state(kpi, missing, flag_missing)

    def show_empty(self) -> None:
        self._filling = True
        try:
            for editor in self.editors.values():
                self._set_text(editor, "")
            for row in range(self.typologies.count()):
                self.typologies.item(row).setCheckState(Qt.CheckState.Unchecked)
        finally:
            self._filling = False
        self.complete.setChecked(False)
        self.confidential.setChecked(False)
        self.sheet_title.setText(self.tr("No KPI selected"))
        self.sheet_activity.setText(
            self.tr(
                "Add a KPI to an outcome, output or activity with Add KPI…, then fill in "
                "its metadata sheet."
            )
        )
        self.state.setText("")
        self.missing.hide()
        self._mark_missing(set())

    def _show_state(self, kpi: records.Kpi, missing: list[str], flag_missing: bool) -> None:
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
            fmt(
                self.tr("Mandatory fields still empty: %1"),
                "; ".join(self.label_of(key) for key in missing),
            )
        )
        self._mark_missing(set(missing) if flag_missing else set())

    def _mark_missing(self, keys: set[str]) -> None:
        """Mark the fields that stop the sheet being complete, in words and colour."""
        for key, label in self.field_labels.items():
            flagged = key in keys
            suffix = self.tr(" — missing") if flagged else ""
            label.setText(self.labels[key] + suffix)
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

    # -- reading what the user typed -----------------------------------------------------

    def label_of(self, key: str) -> str:
        """A field's label without the mandatory mark: "C. Calculation method"."""
        return self.labels[key].rstrip(" *")

    def value(self, key: str) -> str:
        editor = self.editors[key]
        text = editor.toPlainText() if isinstance(editor, SheetTextEdit) else editor.text()
        return text.strip()

    def ticked_typologies(self) -> list[str]:
        ticked = []
        for row in range(self.typologies.count()):
            item = self.typologies.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                ticked.append(item.data(Qt.ItemDataRole.UserRole))
        return ticked

    def first_missing_editor(self) -> QWidget | None:
        """The first field marked missing that can be typed in, if any."""
        return next(
            (
                self.editors[k]
                for k, w in self.field_labels.items()
                if w.property("missing") and k in self.editors
            ),
            None,
        )
