"""What the main window says about the open file: the "All changes saved"
label in the status bar, the window's title (the file's name, or whose
working copy it is), a change that could not be saved, and the file gone
from under it (a stick pulled out).

A part of :class:`~idg_desktop.ui.main_window.MainWindow` (mixed into it).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QMessageBox

from idg_desktop.ui.text import fmt

if TYPE_CHECKING:
    from idg_desktop.ui.workshop_view import WorkshopView
    from idg_desktop.ui.workspace import Workspace


class WindowStatus:
    """The saved status and title of the main window (a mixin of :class:`QMainWindow`)."""

    workspace: Workspace | None
    view: WorkshopView | None
    saved_label: QLabel
    _group: str | None

    def _on_changed(self, _tables: object) -> None:
        self._mark_saved()
        self._update_actions()

    def _on_typing(self, waiting: bool) -> None:
        if self.workspace is None or self.workspace.lost:
            return  # the status says the file is missing
        if waiting:
            self._status(self.tr("Saving as you type…"))
        else:
            self._mark_saved()

    def _mark_saved(self) -> None:
        self._status(fmt(self.tr("All changes saved · %1"), datetime.now().strftime("%H:%M:%S")))

    def _status(self, text: str) -> None:
        self.saved_label.setText(text)
        self.saved_label.setMinimumWidth(
            self.saved_label.fontMetrics().horizontalAdvance(text) + 12
        )

    def _on_failed(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Not saved"), message)

    def _on_file_lost(self, message: str) -> None:
        self._status(self.tr("File missing — changes cannot be saved"))
        self._update_actions()
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("The assessment file has gone"))
        box.setText(message)
        box.setInformativeText(
            self.tr("Everything saved before this change is kept. Save a copy somewhere safe now.")
        )
        save = box.addButton(self.tr("Save a copy…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is save:
            self.save_copy()

    def _update_title(self, path: Path | None = None) -> None:
        path = self.workspace.path if self.workspace is not None else path
        if self.view is None or path is None:
            self.setWindowTitle(self.tr("IDG Workshop"))
        elif self._group:  # a working copy says whose it is
            self.setWindowTitle(fmt(self.tr("%1 (working copy) — IDG Workshop"), self._group))
        else:
            self.setWindowTitle(fmt(self.tr("%1 — IDG Workshop"), path.name))
        self.setWindowFilePath(str(self.workspace.path) if self.workspace else "")
