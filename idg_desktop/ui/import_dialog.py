"""Import participants from CSV or Excel: a preview with each row's errors first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.errors import IdgError
from idg_desktop.services import importing
from idg_desktop.ui import palette
from idg_desktop.ui.labels import gender_labels, role_labels, stakeholder_labels
from idg_desktop.ui.tasks import run_in_background
from idg_desktop.ui.text import fmt
from idg_desktop.ui.workspace import Workspace


class ImportParticipantsDialog(QDialog):
    """Reads the file at once; if it cannot be read, says so and is not ``ready``."""

    def __init__(self, workspace: Workspace, path: str | Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.path = Path(path)
        self.imported = 0
        self.setWindowTitle(self.tr("Import participants"))
        self.resize(1000, 560)
        known = importing.existing_names(workspace.document)
        try:
            # A large workbook takes a while to read: off the window's thread.
            self.preview = run_in_background(
                parent or self,
                fmt(self.tr("Reading %1…"), self.path.name),
                lambda: importing.read_participants(self.path, known_names=known),
            )
        except IdgError as error:
            QMessageBox.warning(parent, self.tr("Cannot import"), str(error))
            self.ready = False
            return
        self.ready = True

        rows = self.preview.rows
        good = [row for row in rows if not row.errors]
        summary = QLabel(
            fmt(
                self.tr("%1: %2 rows ready to import, %3 with errors (they will be skipped)."),
                self.path.name,
                str(len(good)),
                str(len(rows) - len(good)),
            )
        )
        summary.setWordWrap(True)
        self.table = QTableWidget(len(rows), 7)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Row"),
                self.tr("Name"),
                self.tr("Unit"),
                self.tr("Role"),
                self.tr("Gender"),
                self.tr("Stakeholder type"),
                self.tr("Problems"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        roles, genders, kinds = role_labels(), gender_labels(), stakeholder_labels()
        for r, row in enumerate(rows):
            data = row.data
            values = [
                str(row.line),
                data.name if data else "",
                data.unit if data else "",
                roles.get(data.role, data.role) if data else "",
                genders.get(data.gender, data.gender) if data else "",
                kinds.get(data.stakeholder, data.stakeholder) if data else "",
                "  ".join([*row.errors, *row.warnings]),
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if row.errors:
                    item.setBackground(QColor(palette.ERROR_BACK))
                elif row.warnings:
                    item.setBackground(QColor(palette.WARNING_BACK))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        unknown = getattr(self.preview, "unknown_columns", [])
        note = QLabel(fmt(self.tr("Columns not used: %1"), ", ".join(unknown)) if unknown else "")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(fmt(self.tr("Import %1 participants"), str(len(good))))
        ok.setEnabled(bool(good))
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        if unknown:
            layout.addWidget(note)
        layout.addWidget(self.buttons)

    def run_import(self) -> None:
        total = len(self.preview.rows)
        progress = QProgressDialog(self.tr("Importing participants…"), "", 0, total, self)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)

        def advance(done: int, _total: int) -> None:
            progress.setValue(done)
            if done % 50 == 0:
                QApplication.processEvents()

        created = self.workspace.run(
            self.tr("Import participants"),
            lambda: importing.apply_import(self.workspace.document, self.preview, progress=advance),
        )
        progress.setValue(total)
        self.imported = len(created or [])
        self.accept()
