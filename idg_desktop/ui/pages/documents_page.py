"""Step 3: the register of background documents reviewed, with optional files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from idg_desktop.domain.framework import Framework
from idg_desktop.domain.records import Kind
from idg_desktop.errors import IdgError
from idg_desktop.services import background
from idg_desktop.services.assessment import framework_of
from idg_desktop.ui.pages.base import Page
from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.button_row import action_row, ok_cancel_row
from idg_desktop.ui.widgets.confirm import confirmed
from idg_desktop.ui.widgets.dialog_form import SavingDialog, refusal_of
from idg_desktop.ui.widgets.record_table import setup_record_table
from idg_desktop.ui.workspace import Workspace


def _kinds(framework: Framework) -> dict[str, str]:
    kinds = {
        k["key"]: k["label"][:1].upper() + k["label"][1:]
        for k in framework.background_document_kinds
    }
    kinds["other"] = QDialog.tr("Other")
    return kinds


class DocumentDialog(SavingDialog):
    def __init__(self, kinds: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a background document"))
        self.kind = QComboBox()
        for key, label in kinds.items():
            self.kind.addItem(label[:90] + ("…" if len(label) > 90 else ""), key)
            self.kind.setItemData(self.kind.count() - 1, label, role=3)  # tooltip
        self.title = QLineEdit()
        self.reference = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)  # Tab moves on to the attachment
        self.attachment = QLineEdit()
        self.attachment.setAccessibleName(self.tr("Attached file (optional)"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.setAccessibleName(self.tr("Choose a file to attach"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.attachment, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Reference:"), self.reference)
        form.addRow(self.tr("&Notes:"), self.notes)
        attach_label = QLabel(self.tr("Attach a &file (optional):"))
        attach_label.setBuddy(self.attachment)  # a row holding a layout gets no buddy itself
        form.addRow(attach_label, row)
        form.addRow(self.refusal)
        form.addRow(ok_cancel_row(self))

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Attach a file"))
        if name:
            self.attachment.setText(name)


class DocumentsPage(Page):
    MAIN_ACTIONS = ("add_button", "table", "save_file_button", "remove_button")
    KINDS = frozenset({Kind.DOCUMENT})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self._loading = False
        layout = self.page_layout(
            self.tr("Background documents"),
            self.tr(
                "Step 3: the documents reviewed before the situational analysis — strategies, "
                "legislation, codes of conduct, reports, surveys — with notes on what they show."
            ),
        )
        self.add_button, self.save_file_button, self.remove_button = action_row(
            layout,
            (self.tr("&Add document…"), self._add),
            (
                self.tr("&Save attached file as…"),
                self._save_file,
                self.tr("Write the chosen document's attached file to a folder of your choice"),
            ),
            (self.tr("Re&move document"), self._remove),
        )
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName(self.tr("Background documents"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Kind"),
                self.tr("Title"),
                self.tr("Reference"),
                self.tr("Notes"),
                self.tr("Attached file"),
            ]
        )
        header = setup_record_table(self.table, stretch=(1, 3), editable=True)
        # The guide's kinds are long sentences: the kind wraps in a column of its
        # own width, so the title and the notes (what people read) get the room.
        char = self.fontMetrics().horizontalAdvance("n")
        for column, chars in ((0, 26), (2, 18)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, chars * char)
        self.said = QLabel()  # what the last save wrote, and where
        self.said.setWordWrap(True)
        self.said.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.said.hide()
        layout.addWidget(self.said)
        self.table.itemChanged.connect(self._edited)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        self._ids: list[str] = []
        self._files: list[str] = []
        self._update_buttons()

    def reload(self) -> None:
        self._loading = True
        try:
            kinds = _kinds(framework_of(self.document))
            records = background.list_documents(self.document)
            self._ids = [r.id for r in records]
            self._files = [r.file_name for r in records]
            self.table.setRowCount(len(records))
            for row, record in enumerate(records):
                label = kinds.get(record.kind, record.kind)
                values = [label, record.title, record.reference, record.notes, record.file_name]
                for column, value in enumerate(values):
                    item = QTableWidgetItem(value)
                    if column in (0, 4):
                        item.setFlags(item.flags() & ~item.flags().ItemIsEditable)
                    if column == 0:
                        item.setToolTip(label)
                        item.setText(label if len(label) < 48 else label[:46] + "…")
                    self.table.setItem(row, column, item)
            self.table.resizeRowsToContents()
        finally:
            self._loading = False
        self._update_buttons()

    def _chosen(self) -> int:
        """The row of the document chosen in the table, or -1."""
        rows = {index.row() for index in self.table.selectionModel().selectedIndexes()}
        row = min(rows) if rows else self.table.currentRow()
        return row if 0 <= row < len(self._ids) else -1

    def _update_buttons(self) -> None:
        row = self._chosen()
        self.remove_button.setEnabled(row >= 0)
        self.save_file_button.setEnabled(row >= 0 and bool(self._files[row]))

    def _remove(self) -> None:
        row = self._chosen()
        if row < 0:
            return
        record_id, title = self._ids[row], self.table.item(row, 1).text()
        if not confirmed(
            self,
            self.tr("Remove document"),
            fmt(
                self.tr(
                    "Remove “%1” and its attached file from the register? (Ctrl+Z brings it back.)"
                ),
                title,
            ),
        ):
            return
        self.workspace.run(
            self.tr("Remove background document"),
            lambda: background.remove_document(self.document, record_id),
        )

    def _save_file(self) -> None:
        row = self._chosen()
        if row < 0 or not self._files[row]:
            return
        record_id = self._ids[row]
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save attached file as"), self._files[row]
        )
        if not name:
            return
        try:
            background.save_attachment(self.document, record_id, name)
        except IdgError as error:
            QMessageBox.warning(self, self.tr("Cannot save the attached file"), str(error))
            return
        self.said.setText(fmt(self.tr("Wrote %1."), name))
        self.said.setVisible(True)

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        field = {1: "title", 2: "reference", 3: "notes"}.get(item.column())
        if field is None:
            return
        record_id = self._ids[item.row()]
        value = item.text()
        self.workspace.run(
            self.tr("Edit background document"),
            lambda: background.update_document(self.document, record_id, **{field: value}),
        )

    def _add(self) -> None:
        dialog = DocumentDialog(_kinds(framework_of(self.document)), self)

        def save(refused: Callable[[str], object]) -> None:
            attachment = dialog.attachment.text().strip()
            if attachment and not Path(attachment).is_file():
                refused(fmt(self.tr("%1 is not a file."), attachment))
                return
            made.append(
                self.workspace.run(
                    self.tr("Add background document"),
                    lambda: background.add_document(
                        self.document,
                        title=dialog.title.text(),
                        kind=dialog.kind.currentData(),
                        reference=dialog.reference.text(),
                        notes=dialog.notes.toPlainText(),
                        attachment=Path(attachment) if attachment else None,
                    ),
                    refused=refused,
                )
            )

        made: list = []
        dialog.save = lambda: refusal_of(save)
        dialog.exec()
        if made and made[-1] is not None and made[-1].id in self._ids:
            row = self._ids.index(made[-1].id)  # the new document chosen, in view
            self.table.selectRow(row)
            self.table.scrollToItem(self.table.item(row, 1))
