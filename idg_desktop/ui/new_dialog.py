"""The New assessment dialog: step 1's essentials, then where to keep the file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.domain.framework import bundled_framework
from idg_desktop.domain.vocabulary import capitalised
from idg_desktop.errors import IdgError
from idg_desktop.services.assessment import Scope, create_assessment
from idg_desktop.ui.labels import mode_labels, sections_label
from idg_desktop.ui.settings import WindowSettings
from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.button_row import ok_cancel_row


class NewAssessmentDialog(QDialog):
    def __init__(self, settings: WindowSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.created_path: Path | None = None
        self.setWindowTitle(self.tr("New assessment"))
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("e.g. Integrity assessment 2026"))
        self.administration = QLineEdit()
        self.mode = QComboBox()
        for key, label in mode_labels().items():
            self.mode.addItem(label, key)
        self.location = QLineEdit()
        default = Path(settings.last_folder) / "assessment.idg"
        self.file = QLineEdit(str(default))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Administration:"), self.administration)
        form.addRow(self.tr("&Mode:"), self.mode)
        file_label = QLabel(self.tr("&File:"))
        file_label.setBuddy(self.file)  # a row holding a layout gets no buddy by itself
        form.addRow(file_label, file_row)

        self.sections: dict[str, QCheckBox] = {}
        box = QGroupBox(
            fmt(
                self.tr("%1 in scope (all for a comprehensive assessment)"),
                capitalised(sections_label()),
            )
        )
        grid = QGridLayout(box)
        for index, section in enumerate(bundled_framework().sections):
            check = QCheckBox(f"{section.code}  {section.title}")
            check.setChecked(True)
            self.sections[section.code] = check
            grid.addWidget(check, index // 2, index % 2)

        buttons = ok_cancel_row(self, ok_text=self.tr("Create"), on_ok=self._create)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Where to keep the assessment"),
            self.file.text(),
            self.tr("IDG assessments (*.idg)"),
        )
        if name:
            self.file.setText(name if name.endswith(".idg") else name + ".idg")

    def _create(self) -> None:
        codes = [code for code, check in self.sections.items() if check.isChecked()]
        path = Path(self.file.text().strip())
        if path.suffix != ".idg":
            path = path.with_name(path.name + ".idg")
        try:
            if not codes:
                raise IdgError(self.tr("Choose at least one section."))
            document = create_assessment(
                path,
                Scope(
                    title=self.title.text(),
                    administration=self.administration.text(),
                    mode=self.mode.currentData(),
                    sections=codes,
                ),
            )
        except IdgError as error:
            QMessageBox.warning(self, self.tr("Cannot create the assessment"), str(error))
            return
        document.close()
        self.created_path = path
        self.accept()
