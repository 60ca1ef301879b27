"""Step 1: the scope of the assessment and its terms of reference (Annex 5)."""

from __future__ import annotations

import itertools
import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.domain.records import Kind
from idg_desktop.domain.vocabulary import capitalised
from idg_desktop.services import assessment, by_section, steps
from idg_desktop.ui.date_fields import PeriodFields
from idg_desktop.ui.keyboard import focusables, tab_through
from idg_desktop.ui.labels import mode_labels, sections_label
from idg_desktop.ui.pages.base import Page
from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.confirm import confirmed
from idg_desktop.ui.workspace import Workspace


class _Text(QPlainTextEdit):
    """A multi-line field that reports when the user leaves it."""

    def __init__(self, on_leave, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_leave = on_leave
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self._on_leave()


class ScopePage(Page):
    MAIN_ACTIONS = ("title", "administration", "mode", "sections_box")
    KINDS = frozenset({Kind.ASSESSMENT, Kind.SECTION, Kind.STEP, Kind.SESSION})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a tab stop: its fields are
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(12)
        layout.addWidget(self.heading(self.tr("Scope and terms of reference")))
        layout.addWidget(
            self.intro(
                fmt(
                    self.tr(
                        "Step 1 of the assessment: the approach, the timing, the %1 "
                        "covered and who is responsible. Changes are saved as you leave each field."
                    ),
                    sections_label(),
                )
            )
        )

        self.title = QLineEdit()
        self.administration = QLineEdit()
        self.mode = QComboBox()
        for key, label in mode_labels().items():
            self.mode.addItem(label, key)
        self.continuous = QCheckBox(self.tr("Continuous (rather than one-off) assessment"))
        # the period of the assessment: one fact, shown here and in Annex 5
        self.period = PeriodFields()
        self.period.set_accessible_names(self.tr("Dates of the assessment"))
        self.start, self.end = self.period.start, self.period.end
        self.location = QLineEdit()
        self.unit = QLineEdit()
        self.persons = QLineEdit()

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Administration:"), self.administration)
        form.addRow(self.tr("&Mode:"), self.mode)
        form.addRow("", self.continuous)
        dates_label = QLabel(self.tr("&Dates (from, to):"))
        dates_label.setBuddy(self.start)
        form.addRow(dates_label, self.period)
        form.addRow(self.tr("&Location:"), self.location)
        form.addRow(self.tr("Responsible &unit:"), self.unit)
        form.addRow(self.tr("Responsible &persons:"), self.persons)
        layout.addLayout(form)

        for field, name in (
            (self.title, "title"),
            (self.administration, "administration"),
            (self.location, "location"),
            (self.unit, "responsible_unit"),
            (self.persons, "responsible_persons"),
        ):
            field.editingFinished.connect(lambda f=field, n=name: self._save(n, f.text().strip()))
        self.mode.currentIndexChanged.connect(
            lambda _i: self._save("mode", self.mode.currentData())
        )
        self.continuous.toggled.connect(lambda on: self._save("continuous", on))
        self._connect_period(self.period)

        self.sections_box = QGroupBox(
            fmt(
                self.tr("%1 in scope (all: a comprehensive assessment)"),
                capitalised(sections_label()),
            )
        )
        self.sections_grid = QGridLayout(self.sections_box)
        self.section_checks: dict[str, QCheckBox] = {}
        layout.addWidget(self.sections_box)

        self.steps_box = QGroupBox(self.tr("Steps of the assessment (IDG Part II)"))
        steps_layout = QVBoxLayout(self.steps_box)
        steps_layout.addWidget(
            self.intro(
                self.tr(
                    "When each step took place, as the assessment report shows it. "
                    "Propose fills the steps not yet set from the dates above and the "
                    "agenda; a date you set is never replaced."
                )
            )
        )
        self.steps_form = QFormLayout()
        self.steps_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        steps_layout.addLayout(self.steps_form)
        self.step_periods: dict[int, PeriodFields] = {}
        propose_row = QHBoxLayout()
        self.propose = QPushButton(self.tr("P&ropose from the scope and agenda"))
        self.propose.clicked.connect(self._propose_steps)
        self.propose_result = QLabel()
        self.propose_result.setWordWrap(True)
        propose_row.addWidget(self.propose)
        propose_row.addWidget(self.propose_result, 1)
        steps_layout.addLayout(propose_row)
        layout.addWidget(self.steps_box)

        self.tor_box = QGroupBox(self.tr("Terms of reference (Annex 5)"))
        self.tor_form = QFormLayout(self.tor_box)
        self.tor_form.addRow(
            self.intro(
                self.tr(
                    "Date and Location are the dates and location of the scope above, "
                    "shown in both places: changing either changes both."
                )
            )
        )
        self.tor_fields: dict[str, _Text] = {}
        self.tor_period: PeriodFields | None = None
        self.tor_location: QLineEdit | None = None
        layout.addWidget(self.tor_box)
        layout.addStretch(1)

    def _connect_period(self, period: PeriodFields) -> None:
        period.start.committed.connect(lambda value: self._save("start_date", value))
        period.end.committed.connect(lambda value: self._save("end_date", value))

    def _build_once(self) -> None:
        if self.section_checks:
            return
        framework = assessment.framework_of(self.document)
        for index, section in enumerate(framework.sections):
            check = QCheckBox(f"{section.code}  {section.title}")
            check.toggled.connect(self._save_sections)
            self.section_checks[section.code] = check
            self.sections_grid.addWidget(check, index // 2, index % 2)
        for number, title in steps.step_titles(self.document).items():
            period = PeriodFields()
            period.set_accessible_names(title)
            period.start.committed.connect(lambda v, n=number: self._save_step(n, start=v))
            period.end.committed.connect(lambda v, n=number: self._save_step(n, end=v))
            self.step_periods[number] = period
            label = QLabel(f"{number}. {title}:")
            label.setBuddy(period.start)
            self.steps_form.addRow(label, period)
        for field in assessment.terms_of_reference_fields(self.document):
            label = field["label"].replace("&", "&&") + ":"
            if field["key"] == "date":
                self.tor_period = PeriodFields()
                self.tor_period.set_accessible_names(field["label"])
                self._connect_period(self.tor_period)
                self.tor_form.addRow(label, self.tor_period)
                continue
            if field["key"] == "location":
                self.tor_location = QLineEdit()
                self.tor_location.setAccessibleName(
                    fmt(self.tr("%1 (terms of reference)"), field["label"])
                )
                self.tor_location.editingFinished.connect(
                    lambda: self._save("location", self.tor_location.text().strip())
                )
                self.tor_form.addRow(label, self.tor_location)
                continue
            text = _Text(lambda key=field["key"]: self._save_tor(key))
            text.setAccessibleName(field["label"])
            if field.get("hint"):
                text.setPlaceholderText(field["hint"])
            self.tor_fields[field["key"]] = text
            # the guide's own words, never a mnemonic ("Expert' & WCO's input")
            self.tor_form.addRow(label, text)
        # Tab as shown: the sections and steps (built now) before Propose and the terms
        tab_through(
            [
                self.persons,
                *self.section_checks.values(),
                *itertools.chain.from_iterable(map(focusables, self.step_periods.values())),
                self.propose,
                *focusables(self.tor_box),
            ]
        )

    def reload(self) -> None:
        self._build_once()
        self._loading = True
        try:
            scope = assessment.assessment_of(self.document)
            self.title.setText(scope.title)
            self.administration.setText(scope.administration)
            self.mode.setCurrentIndex(max(0, self.mode.findData(scope.mode)))
            self.continuous.setChecked(scope.continuous)
            for period in (self.period, self.tor_period):
                if period is not None:
                    period.show_period(scope.start_date, scope.end_date)
            self.location.setText(scope.location)
            if self.tor_location is not None:
                self.tor_location.setText(scope.location)
            for step in steps.list_steps(self.document):
                self.step_periods[step.number].show_period(step.start, step.end)
            self.unit.setText(scope.responsible_unit)
            self.persons.setText(scope.responsible_persons)
            in_scope = {s.code for s in assessment.sections_in_scope(self.document)}
            for code, check in self.section_checks.items():
                check.setChecked(code in in_scope)
            tor = json.loads(scope.terms_of_reference or "{}")
            for key, text in self.tor_fields.items():
                if text.toPlainText() != tor.get(key, ""):
                    text.setPlainText(tor.get(key, ""))
        finally:
            self._loading = False

    def _save(self, name: str, value: object) -> None:
        if self._loading:
            return
        current = getattr(assessment.assessment_of(self.document), name)
        if current == value:
            return
        self.workspace.run(
            self.tr("Change the scope"),
            lambda: assessment.update_scope(self.document, **{name: value}),
        )

    def _save_step(self, number: int, **dates: str) -> None:
        if self._loading:
            return
        self.workspace.run(
            fmt(self.tr("Set the dates of step %1"), str(number)),
            lambda: steps.set_step(self.document, number, **dates),
        )

    def _propose_steps(self) -> None:
        changed = self.workspace.run(
            self.tr("Propose the dates of the steps"),
            lambda: steps.apply_proposals(self.document),
        )
        if changed:
            if len(changed) == 1:
                text = self.tr("Dates proposed for step %1: check them.")
            else:
                text = self.tr("Dates proposed for steps %1: check them.")
            self.propose_result.setText(fmt(text, ", ".join(str(n) for n in changed)))
        elif changed is not None:
            self.propose_result.setText(
                self.tr(
                    "Nothing to propose: the steps the scope and agenda can date are "
                    "already set (or the scope has no dates)."
                )
            )

    def _save_sections(self) -> None:
        if self._loading:
            return
        codes = [code for code, check in self.section_checks.items() if check.isChecked()]
        if not codes or not self._may_leave_out(codes):
            self._loading = True
            self.reload()
            return
        self.workspace.run(
            self.tr("Change the sections in scope"),
            lambda: assessment.update_scope(self.document, sections=codes),
        )

    def _may_leave_out(self, codes: list[str]) -> bool:
        """Leaving out a section the groups already worked on asks first: its
        answers and findings are kept, but the checklist, the profile, the plan
        and the reports no longer show them."""
        before = {s.code for s in assessment.sections_in_scope(self.document)}
        left_out = sorted(before - set(codes))
        if not left_out:
            return True
        rated = sum(1 for a in by_section.answers_in(self.document, left_out) if a.rating)
        found = len(by_section.findings_in(self.document, left_out))
        if not rated and not found:
            return True
        return confirmed(
            self,
            self.tr("Leave a section out of scope"),
            fmt(
                self.tr(
                    "The groups have already worked on %1 (answers rated: %2, findings: %3). "
                    "Out of scope, the checklist, the profile, the plan and the reports no "
                    "longer show that work; it is kept, and ticking the section again brings "
                    "it back.\n\nLeave it out of scope?"
                ),
                ", ".join(left_out),
                rated,
                found,
            ),
        )

    def _save_tor(self, key: str) -> None:
        if self._loading:
            return
        scope = assessment.assessment_of(self.document)
        tor = json.loads(scope.terms_of_reference or "{}")
        value = self.tor_fields[key].toPlainText().strip()
        if tor.get(key, "") == value:
            return
        tor[key] = value
        self.workspace.run(
            self.tr("Change the terms of reference"),
            lambda: assessment.update_scope(self.document, terms_of_reference=tor),
        )
