"""What the window shows with no assessment open: new, open, demo, recent files,
and the group working copies left in the data folder (to open or delete)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.errors import IdgError
from idg_desktop.exchange.working_copies import list_working_copies, remove_working_copy
from idg_desktop.ui.recent import recent_files
from idg_desktop.ui.settings import WindowSettings
from idg_desktop.ui.text import fmt


class StartPage(QWidget):
    openRequested = Signal(object)  # a Path
    newRequested = Signal()
    openDialogRequested = Signal()
    demoRequested = Signal()
    packageRequested = Signal()  # "Open group package": a group's laptop

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
        self.package_button = QPushButton(self.tr("Open a &group package…"))
        self.package_button.setToolTip(
            self.tr("On a working group's laptop: the package the facilitator gave you")
        )
        self.new_button.clicked.connect(self.newRequested)
        self.open_button.clicked.connect(self.openDialogRequested)
        self.demo_button.clicked.connect(self.demoRequested)
        self.package_button.clicked.connect(self.packageRequested)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.package_button, self.demo_button):
            button.setMinimumHeight(button.sizeHint().height() * 3 // 2)
            buttons.addWidget(button)
        buttons.addStretch(1)

        recent_label = QLabel(self.tr("&Recent assessments"))
        self.recent = QListWidget()
        self.recent.setAccessibleName(self.tr("Recent assessments"))
        recent_label.setBuddy(self.recent)
        self.recent.itemActivated.connect(self._open_item)
        self.recent.setWordWrap(True)
        self.recent.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.recent.setSpacing(3)

        # Working copies of group packages left on this laptop (may not be the
        # facilitator's): shown only when there are some.
        self.copies_box = QWidget()
        copies = QVBoxLayout(self.copies_box)
        copies.setContentsMargins(0, 0, 0, 0)
        copies_label = QLabel(self.tr("Group &working copies left on this computer"))
        copies_note = QLabel(
            self.tr(
                "Each holds a group's answers and findings, unprotected. Delete the ones "
                "already returned to the facilitator."
            )
        )
        copies_note.setObjectName("pageIntro")
        copies_note.setWordWrap(True)
        self.copies = QListWidget()
        self.copies.setAccessibleName(self.tr("Group working copies"))
        copies_label.setBuddy(self.copies)
        self.copies.itemActivated.connect(self._open_item)
        self.copies.currentRowChanged.connect(self._update_copy_buttons)
        self.open_copy_button = QPushButton(self.tr("O&pen"))
        self.delete_copy_button = QPushButton(self.tr("De&lete…"))
        self.open_copy_button.clicked.connect(
            lambda: self.copies.currentItem() and self._open_item(self.copies.currentItem())
        )
        self.delete_copy_button.clicked.connect(self.delete_selected_copy)
        copy_buttons = QHBoxLayout()
        copy_buttons.addWidget(self.open_copy_button)
        copy_buttons.addWidget(self.delete_copy_button)
        copy_buttons.addStretch(1)
        copies.addWidget(copies_label)
        copies.addWidget(copies_note)
        copies.addWidget(self.copies)
        copies.addLayout(copy_buttons)

        column = QVBoxLayout()
        column.setSpacing(14)
        column.addWidget(title)
        column.addWidget(subtitle)
        column.addSpacing(8)
        column.addLayout(buttons)
        column.addSpacing(12)
        column.addWidget(recent_label)
        column.addWidget(self.recent, 2)
        column.addWidget(self.copies_box, 1)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(48, 40, 48, 40)
        outer.addLayout(column, 3)
        outer.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        self.recent.clear()
        for entry in recent_files(self.settings.recent_files()):
            path = entry.path
            # The workshop's title, and under it where the file is (wrapped if long,
            # never pushed out of the list).
            item = QListWidgetItem(f"{entry.title or path.name}\n{path}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            if not entry.exists:
                item.setText(item.text() + "  " + self.tr("(not found)"))
                item.setForeground(Qt.GlobalColor.gray)
            self.recent.addItem(item)
        if self.recent.count() == 0:
            placeholder = QListWidgetItem(self.tr("No recent assessments yet."))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(placeholder)

        self.refresh_copies()

    def refresh_copies(self) -> None:
        self.copies.clear()
        for copy in list_working_copies():
            item = QListWidgetItem(
                fmt(
                    self.tr("%1    —    %2    —    %3"),
                    copy.group or copy.path.name,
                    copy.title,
                    copy.modified.strftime("%Y-%m-%d %H:%M"),
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, str(copy.path))
            item.setToolTip(str(copy.path))
            self.copies.addItem(item)
        self.copies_box.setVisible(self.copies.count() > 0)
        self._update_copy_buttons()

    def _update_copy_buttons(self, *_args: object) -> None:
        selected = self.copies.currentItem() is not None
        self.open_copy_button.setEnabled(selected)
        self.delete_copy_button.setEnabled(selected)

    def delete_selected_copy(self) -> None:
        """Delete the selected working copy, after confirmation."""
        item = self.copies.currentItem()
        if item is None:
            return
        path = Path(item.data(Qt.ItemDataRole.UserRole))
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Delete the working copy?"))
        box.setText(fmt(self.tr("Delete the working copy %1?"), item.text()))
        box.setInformativeText(
            fmt(
                self.tr(
                    "Whatever the group wrote in it and did not return to the facilitator is "
                    "lost. The file is %1."
                ),
                str(path),
            )
        )
        delete = box.addButton(self.tr("&Delete"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        if box.clickedButton() is not delete:
            return
        try:
            remove_working_copy(path)
        except IdgError as error:
            QMessageBox.warning(self, self.tr("Cannot delete the working copy"), str(error))
        self.settings.remove_recent(path)
        self.refresh()

    def _open_item(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.openRequested.emit(Path(path))
