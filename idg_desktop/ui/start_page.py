"""What the window shows with no assessment open: new, open, demo, recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.ui.settings import WindowSettings


class StartPage(QWidget):
    openRequested = Signal(object)  # a Path
    newRequested = Signal()
    openDialogRequested = Signal()
    demoRequested = Signal()

    def __init__(self, settings: WindowSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        title = QLabel(self.tr("IDG Workshop"))
        title.setObjectName("startTitle")
        subtitle = QLabel(
            self.tr(
                "Integrity assessment workshops following the WCO Integrity Development "
                "Guide: scope, working groups, the checklist, findings and the integrity "
                "profile. Everything stays on this computer."
            )
        )
        subtitle.setWordWrap(True)
        subtitle.setObjectName("pageIntro")

        self.new_button = QPushButton(self.tr("&New assessment…"))
        self.open_button = QPushButton(self.tr("&Open…"))
        self.demo_button = QPushButton(self.tr("Open the &demo workshop"))
        self.new_button.clicked.connect(self.newRequested)
        self.open_button.clicked.connect(self.openDialogRequested)
        self.demo_button.clicked.connect(self.demoRequested)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.demo_button):
            button.setMinimumHeight(button.sizeHint().height() * 3 // 2)
            buttons.addWidget(button)
        buttons.addStretch(1)

        recent_label = QLabel(self.tr("&Recent assessments"))
        self.recent = QListWidget()
        self.recent.setAccessibleName(self.tr("Recent assessments"))
        recent_label.setBuddy(self.recent)
        self.recent.itemActivated.connect(self._open_item)

        column = QVBoxLayout()
        column.setSpacing(14)
        column.addWidget(title)
        column.addWidget(subtitle)
        column.addSpacing(8)
        column.addLayout(buttons)
        column.addSpacing(12)
        column.addWidget(recent_label)
        column.addWidget(self.recent, 1)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(48, 40, 48, 40)
        outer.addLayout(column, 3)
        outer.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        self.recent.clear()
        for path in self.settings.recent_files():
            item = QListWidgetItem(f"{path.name}    —    {path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            if not path.exists():
                item.setText(item.text() + "  " + self.tr("(not found)"))
                item.setForeground(Qt.GlobalColor.gray)
            self.recent.addItem(item)
        if self.recent.count() == 0:
            placeholder = QListWidgetItem(self.tr("No recent assessments yet."))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(placeholder)

    def _open_item(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.openRequested.emit(Path(path))
