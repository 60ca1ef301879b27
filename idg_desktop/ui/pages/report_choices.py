"""The Reports page's left column: which report (or the workbook), its
options, the Preview and Save as… buttons and the build's progress.

The catalogue is ``reports.kinds.REPORTS`` (the names the command line uses),
then the workbook; here each gets its name and purpose in the guide's words.
The choices are remembered in the window's settings.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.reports.kinds import REPORTS
from idg_desktop.ui.settings import WindowSettings
from idg_desktop.ui.widgets.labelled import wrapping_label
from idg_desktop.ui.widgets.notes import warning_note

WORKBOOK = "workbook"
#: The PDF reports of ``reports.export`` in the guide's order, then the workbook.
KINDS = (*REPORTS, WORKBOOK)


def _flag(value: object, default: bool) -> bool:
    """A tick box remembered in the INI file (which returns "true"/"false")."""
    if value is None:
        return default
    if isinstance(value, str):
        return value.lower() in {"true", "1", "yes"}
    return bool(value)


class ReportChoices(QWidget):
    """The choices column; the page connects to its widgets."""

    def __init__(self, settings: WindowSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        column = QWidget()
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 8, 0)
        inner.setSpacing(12)

        reports = QGroupBox(self.tr("Report"))
        box = QVBoxLayout(reports)
        box.setSpacing(4)
        self.kinds = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        descriptions = self.descriptions()
        for number, kind in enumerate(KINDS):
            name, description = descriptions[kind]
            radio = QRadioButton(name)
            radio.setAccessibleDescription(description)
            radio.setToolTip(description)
            self.kinds.addButton(radio, number)
            self.radios[kind] = radio
            box.addWidget(radio)
        # What the chosen report is for, under the list (one description, not
        # seven: Preview and Save as… stay in view on a laptop's screen).
        self.kind_note = wrapping_label("pageIntro")
        box.addSpacing(4)
        box.addWidget(self.kind_note)
        inner.addWidget(reports)

        options = QGroupBox(self.tr("Options"))
        form = QFormLayout(options)
        self.paper = QComboBox()
        self.paper.addItem(self.tr("A4"), "a4")
        self.paper.addItem(self.tr("Letter"), "letter")
        self.group = QComboBox()
        self.group.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.group.setMinimumContentsLength(16)
        form.addRow(self.tr("Pape&r:"), self.paper)
        form.addRow(self.tr("&Group:"), self.group)
        self.pseudonymise = QCheckBox(self.tr("Pse&udonymise participants (roles and initials)"))
        self.public = QCheckBox(self.tr("Pu&blic version (leave out what is marked confidential)"))
        self.open_after = QCheckBox(self.tr("&Open the file when written"))
        for tick in (self.pseudonymise, self.public, self.open_after):
            form.addRow(tick)
        inner.addWidget(options)
        inner.addStretch(1)

        scroll = QScrollArea()  # large text sizes: the choices scroll, nothing is clipped
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a tab stop: its fields are
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(column)
        self.column = scroll

        # Preview and Save as… under the choices, never scrolled out of view.
        self.actions_area = QWidget()
        bottom = QVBoxLayout(self.actions_area)
        bottom.setContentsMargins(0, 6, 8, 0)
        bottom.setSpacing(8)
        buttons = QHBoxLayout()
        self.preview_button = QPushButton(self.tr("&Preview"))
        self.save_button = QPushButton(self.tr("&Save as…"))
        self.save_button.setDefault(True)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        bottom.addLayout(buttons)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: a report's length is not known beforehand
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(self.tr("Building"))
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = warning_note()
        bottom.addWidget(self.progress)
        bottom.addWidget(self.status)
        bottom.addWidget(self.message)

        stacked = QVBoxLayout(self)
        stacked.setContentsMargins(0, 0, 0, 0)
        stacked.setSpacing(0)
        stacked.addWidget(scroll, 1)
        stacked.addWidget(self.actions_area)
        self._fit_column()

    def descriptions(self) -> dict[str, tuple[str, str]]:
        """Each choice's name and what it is for, in the guide's words."""
        return {
            "assessment": (
                self.tr("Assessment report"),
                self.tr(
                    "For decision makers (IDG Part II step 6): the findings, the "
                    "integrity profile and the priorities."
                ),
            ),
            "tor": (
                self.tr("Terms of reference"),
                self.tr("The terms of reference of the assessment mission (Annex 5)."),
            ),
            "worksheets": (
                self.tr("Group worksheets"),
                self.tr(
                    "The questions of one working group's sections, for a group working on paper."
                ),
            ),
            "action-plan": (
                self.tr("Action plan"),
                self.tr("The action plan in the layout of Annex 9 (landscape)."),
            ),
            "kpis": (
                self.tr("KPI metadata sheets"),
                self.tr("One metadata sheet per key performance indicator (Annex 11)."),
            ),
            "matrix": (
                self.tr("Priority matrix"),
                self.tr("The priority matrix on one landscape page, for the wall."),
            ),
            "slides": (
                self.tr("Plenary slides"),
                self.tr(
                    "The plenary's slides as 16:9 pages, for a projector: each section's "
                    "ratings and findings, the profile, the matrix and the draft plan. "
                    "Confidential items are left out."
                ),
            ),
            WORKBOOK: (
                self.tr("Workbook (Excel)"),
                self.tr(
                    "The whole assessment as a workbook that can be re-imported; it holds "
                    "every answer and name. Made public or pseudonymised, it is a version "
                    "for sharing that cannot be re-imported."
                ),
            ),
        }

    def in_sentence(self, kind: str) -> str:
        """The name inside a sentence or a file name ("the KPI metadata sheets")."""
        return {
            "assessment": self.tr("assessment report"),
            "tor": self.tr("terms of reference"),
            "worksheets": self.tr("group worksheets"),
            "action-plan": self.tr("action plan"),
            "kpis": self.tr("KPI metadata sheets"),
            "matrix": self.tr("priority matrix"),
            "slides": self.tr("plenary slides"),
            WORKBOOK: self.tr("workbook"),
        }[kind]

    def _fit_column(self) -> None:
        """The choices column as wide as its longest line (it follows the text size)."""
        column = self.column.widget()
        column.layout().activate()  # size hints of the new font, not the cached ones
        wide = max(column.fontMetrics().averageCharWidth() * 60, column.minimumSizeHint().width())
        wide += self.column.verticalScrollBar().sizeHint().width()
        self.column.setFixedWidth(wide)
        self.setFixedWidth(wide)

    def changeEvent(self, event: QEvent) -> None:
        built = hasattr(self, "column")  # style changes can come while building the page
        if built and event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            # After the children have taken the new font and style.
            QTimer.singleShot(0, self, self._fit_column)
        super().changeEvent(event)

    # -- the choices ---------------------------------------------------------------------

    def kind(self) -> str:
        return KINDS[max(0, self.kinds.checkedId())]

    def choose(self, kind: str) -> None:
        """Choose a report (or the workbook), as a click on its button does."""
        self.radios[kind].setChecked(True)

    def options(self) -> dict:
        """The options ``export_pdf`` takes for the chosen report."""
        # The group's id: two groups may share a name, and export_pdf takes either.
        group = self.group.currentData() if self.kind() == "worksheets" else None
        return {
            "paper": self.paper.currentData(),
            "group": group or None,
            "pseudonymise": self.pseudonymise.isChecked(),
            "public": self.public.isChecked(),
        }

    def set_groups(self, groups: list[tuple[str, str]]) -> None:
        """The working groups to choose from, as (name, id); the chosen one stays."""
        chosen = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        for name, group_id in groups:
            self.group.addItem(name, group_id)
        remembered = self.group.findData(chosen)
        self.group.setCurrentIndex(remembered if remembered >= 0 else 0)
        self.group.blockSignals(False)

    def restore(self) -> None:
        """The choices as they were left."""
        kind = str(self.settings.value("reports/kind", "assessment"))
        self.choose(kind if kind in KINDS else "assessment")
        paper = self.paper.findData(self.settings.value("reports/paper", "a4"))
        self.paper.setCurrentIndex(max(0, paper))
        self.pseudonymise.setChecked(_flag(self.settings.value("reports/pseudonymise"), False))
        self.public.setChecked(_flag(self.settings.value("reports/public"), False))
        self.open_after.setChecked(_flag(self.settings.value("reports/open"), False))

    def remember(self, *_args: object) -> None:
        self.settings.set_value("reports/kind", self.kind())
        self.settings.set_value("reports/paper", self.paper.currentData())
        self.settings.set_value("reports/pseudonymise", self.pseudonymise.isChecked())
        self.settings.set_value("reports/public", self.public.isChecked())
        self.settings.set_value("reports/open", self.open_after.isChecked())
