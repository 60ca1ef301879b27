"""Help ▸ About IDG Workshop: the version, the licences, and where things are kept.

The folders and files are shown in read-only fields, so they can be selected
and copied (a facilitator reading them out to whoever supports them, or
opening the data folder to find the error log).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from idg_desktop import __version__
from idg_desktop.config import config_dir, data_dir
from idg_desktop.errors import error_log_path
from idg_desktop.resources import resource_path
from idg_desktop.ui.crash import versions
from idg_desktop.ui.text import fmt


def _path_field(path: Path | str) -> QLineEdit:
    field = QLineEdit(str(path))
    field.setReadOnly(True)  # selectable and copyable, never edited
    field.setCursorPosition(0)
    shown = field.fontMetrics().horizontalAdvance(str(path)) + 24
    field.setMinimumWidth(min(shown, 520))  # a long path scrolls in its field
    return field


def _paragraph(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class AboutDialog(QDialog):
    def __init__(self, settings_file: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About IDG Workshop"))
        title = QLabel(fmt(self.tr("IDG Workshop %1"), __version__))
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        title.setFont(font)
        self.version = title
        self.purpose = _paragraph(
            self.tr(
                "Integrity assessment workshops following the WCO Integrity Development "
                "Guide (2021). Works entirely offline: it never connects to a network."
            )
        )
        self.runs_on = _paragraph(
            ", ".join(f"{name} {version}" for name, version in versions()[1:])
        )
        # No licence has been chosen for the program yet (there is no LICENSE file):
        # said as it is rather than invented.
        self.licence = _paragraph(
            self.tr(
                "Licence: none has been stated for IDG Workshop yet; ask whoever gave you "
                "the program on what terms you may pass it on."
            )
        )
        fonts = resource_path("fonts", "OFL.txt")
        self.fonts_licence = _paragraph(
            self.tr(
                "The PDF reports embed the fonts Noto Sans and Noto Naskh Arabic "
                "(© Google), under the SIL Open Font License 1.1, whose text is in the file below."
            )
        )
        self.paths = {
            "data": _path_field(data_dir()),
            "settings": _path_field(settings_file),
            "config": _path_field(config_dir()),
            "log": _path_field(error_log_path()),
            "fonts": _path_field(fonts),
        }
        form = QFormLayout()
        form.addRow(self.tr("Data folder (demo copies, groups' copies):"), self.paths["data"])
        form.addRow(self.tr("Settings file:"), self.paths["settings"])
        form.addRow(self.tr("Settings folder (this laptop's id):"), self.paths["config"])
        form.addRow(self.tr("Error log:"), self.paths["log"])
        form.addRow(self.tr("Fonts' licence:"), self.paths["fonts"])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (title, self.purpose, self.runs_on, self.licence, self.fonts_licence):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(buttons)
