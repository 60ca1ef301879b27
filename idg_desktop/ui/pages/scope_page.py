"""Step 1: the scope of the assessment and its terms of reference (Annex 5)."""

from __future__ import annotations

import json

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.domain.vocabulary import capitalised
from idg_desktop.services import assessment
from idg_desktop.ui.labels import mode_labels, sections_label
from idg_desktop.ui.pages.base import Page
from idg_desktop.ui.workspace import Workspace

_NO_DATE = QDate(2000, 1, 1)


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
    TABLES = frozenset({"assessment", "section"})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
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
                self.tr(
                    "Step 1 of the assessment: the approach, the timing, the %1 "
                    "covered and who is responsible. Changes are saved as you leave each field."
                ).replace("%1", sections_label())
            )
        )

        self.title = QLineEdit()
        self.administration = QLineEdit()
        self.mode = QComboBox()
        for key, label in mode_labels().items():
            self.mode.addItem(label, key)
        self.continuous = QCheckBox(self.tr("Continuous (rather than one-off) assessment"))
        self.start = self._date_edit()
        self.end = self._date_edit()
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        dates.addWidget(self.end)
        dates.addStretch(1)
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
        form.addRow(dates_label, dates)
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
        self.start.dateChanged.connect(lambda _d: self._save("start_date", self._iso(self.start)))
        self.end.dateChanged.connect(lambda _d: self._save("end_date", self._iso(self.end)))

        self.sections_box = QGroupBox(
            self.tr("%1 in scope (all: a comprehensive assessment)").replace(
                "%1", capitalised(sections_label())
            )
        )
        self.sections_grid = QGridLayout(self.sections_box)
        self.section_checks: dict[str, QCheckBox] = {}
        layout.addWidget(self.sections_box)

        self.tor_box = QGroupBox(self.tr("Terms of reference (Annex 5)"))
        self.tor_form = QFormLayout(self.tor_box)
        self.tor_fields: dict[str, _Text] = {}
        layout.addWidget(self.tor_box)
        layout.addStretch(1)

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(_NO_DATE)
        edit.setSpecialValueText(self.tr("not set"))
        return edit

    @staticmethod
    def _iso(edit: QDateEdit) -> str:
        return "" if edit.date() == _NO_DATE else edit.date().toString("yyyy-MM-dd")

    def _build_once(self) -> None:
        if self.section_checks:
            return
        framework = assessment.document_framework(self.document)
        for index, section in enumerate(framework.get("sections", [])):
            check = QCheckBox(f"{section['code']}  {section['title']}")
            check.toggled.connect(self._save_sections)
            self.section_checks[section["code"]] = check
            self.sections_grid.addWidget(check, index // 2, index % 2)
        for field in framework.get("terms_of_reference_fields", []):
            text = _Text(lambda key=field["key"]: self._save_tor(key))
            text.setAccessibleName(field["label"])
            if field.get("hint"):
                text.setPlaceholderText(field["hint"])
            self.tor_fields[field["key"]] = text
            # the guide's own words, never a mnemonic ("Expert' & WCO's input")
            self.tor_form.addRow(field["label"].replace("&", "&&") + ":", text)

    def reload(self) -> None:
        self._build_once()
        self._loading = True
        try:
            scope = assessment.assessment_of(self.document)
            self.title.setText(scope.title)
            self.administration.setText(scope.administration)
            self.mode.setCurrentIndex(max(0, self.mode.findData(scope.mode)))
            self.continuous.setChecked(scope.continuous)
            for edit, value in ((self.start, scope.start_date), (self.end, scope.end_date)):
                date = QDate.fromString(value, "yyyy-MM-dd") if value else _NO_DATE
                edit.setDate(date if date.isValid() else _NO_DATE)
            self.location.setText(scope.location)
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

    def _save_sections(self) -> None:
        if self._loading:
            return
        codes = [code for code, check in self.section_checks.items() if check.isChecked()]
        if not codes:
            self._loading = True
            self.reload()
            return
        self.workspace.run(
            self.tr("Change the sections in scope"),
            lambda: assessment.update_scope(self.document, sections=codes),
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
