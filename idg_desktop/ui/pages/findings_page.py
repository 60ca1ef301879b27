"""Findings per section: strengths, weaknesses/risks and recommendations,
linked to the questions they rest on, with their kind and plenary status.

Everything is saved as it is typed or chosen, like the checklist: the texts
after a pause or when left, the questions when left, choices at once. The
saves made while the user stays on one finding are one undo step and one
entry in its history (a visit, see workspace.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QWidget,
)

from idg_desktop.services import findings
from idg_desktop.services.assessment import sections_in_scope
from idg_desktop.ui.autosave import TypingSaver
from idg_desktop.ui.labels import kind_labels, section_label, status_labels
from idg_desktop.ui.models.findings_model import COL_TEXT, FindingsModel, IdRole
from idg_desktop.ui.pages.base import Page
from idg_desktop.ui.plain_text_field import PlainTextField
from idg_desktop.ui.workspace import Workspace

#: What the editor shows of a finding, each saved when it differs from the file.
FIELDS = ("kind", "status", "text", "proposed_action", "questions", "confidential")


class FindingsPage(Page):
    MAIN_ACTIONS = ("section_filter", "add_button", "merge_button", "table")
    TABLES = frozenset({"finding", "finding_question", "finding_event", "section"})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self._loading = False
        self._current: str | None = None
        layout = self.page_layout(
            self.tr("Findings"),
            self.tr(
                "What the working groups found, per %1: strengths, weaknesses or "
                "risks, and recommendations with the actions they propose. The plenary agrees, "
                "amends, merges or rejects each one."
            ).replace("%1", section_label()),
        )
        top = QHBoxLayout()
        self.section_filter = QComboBox()
        self.section_filter.setAccessibleName(self.tr("Section"))
        label = QLabel(self.tr("&Section:"))
        label.setBuddy(self.section_filter)
        top.addWidget(label)
        top.addWidget(self.section_filter)
        top.addStretch(1)
        self.add_button = QPushButton(self.tr("&Add finding"))
        self.remove_button = QPushButton(self.tr("&Delete finding"))
        self.merge_button = QPushButton(self.tr("&Merge with a duplicate…"))
        self.merge_button.setToolTip(
            self.tr("Merge this finding into the same finding from another group; both are kept")
        )
        top.addWidget(self.add_button)
        top.addWidget(self.merge_button)
        top.addWidget(self.remove_button)
        layout.addLayout(top)

        self.model = FindingsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(self.tr("Findings"))

        editor = QWidget()
        form = QFormLayout(editor)
        self.kind = QComboBox()
        for key, text in kind_labels().items():
            self.kind.addItem(text, key)
        self.status = QComboBox()
        for key, text in status_labels().items():
            self.status.addItem(text, key)
        self.text = PlainTextField()
        self.action = PlainTextField()
        self.text.setAccessibleName(self.tr("Finding"))
        self.action.setAccessibleName(self.tr("Proposed action"))
        for edit in (self.text, self.action):
            edit.setMaximumHeight(edit.fontMetrics().lineSpacing() * 5 + 14)
        self.questions = QLineEdit()
        self.questions.setPlaceholderText(self.tr("e.g. TR-1, TR-20"))
        self.confidential = QCheckBox(self.tr("&Confidential (left out of public reports)"))
        self.saved_note = QLabel(self.tr("Changes are saved as you type."))
        self.saved_note.setObjectName("pageIntro")
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("S&tatus:"), self.status)
        form.addRow(self.tr("&Finding:"), self.text)
        form.addRow(self.tr("&Proposed action:"), self.action)
        form.addRow(self.tr("&Questions:"), self.questions)
        form.addRow("", self.confidential)
        form.addRow("", self.saved_note)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

        self.typing = TypingSaver(
            workspace,
            lambda: self._save(FIELDS),
            listening=lambda: not self._loading and self._current is not None,
            parent=self,
        )
        self.typing.watch(self.text, self.action)
        self.section_filter.currentIndexChanged.connect(lambda _i: self._leave_and_reload())
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._on_row(current.row())
        )
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.merge_button.clicked.connect(self.merge_with_duplicate)
        self.questions.editingFinished.connect(lambda: self._save(("questions",)))
        self.kind.activated.connect(lambda _i: self._save(("kind",)))
        self.status.activated.connect(lambda _i: self._save(("status",)))
        self.confidential.toggled.connect(lambda _on: self._save(("confidential",)))

    def reload(self) -> None:
        self._loading = True
        try:
            current_section = self.section_filter.currentData()
            self.section_filter.blockSignals(True)
            self.section_filter.clear()
            self.section_filter.addItem(self.tr("All sections"), None)
            for section in sections_in_scope(self.document):
                self.section_filter.addItem(f"{section.code}  {section.title}", section.code)
            self.section_filter.setCurrentIndex(
                max(0, self.section_filter.findData(current_section))
            )
            self.section_filter.blockSignals(False)
            self.model.load(self.document, self.section_filter.currentData())
            self.table.resizeRowsToContents()
            row = self.model.row_of(self._current) if self._current else -1
            if row < 0 and self.model.rowCount() > 0:
                row = 0
            if row >= 0:
                self.table.selectRow(row)
            self._show(row)
        finally:
            self._loading = False

    def flush(self) -> None:
        """Save everything typed into the finding shown and not saved yet."""
        self.typing.flush()  # saves every field that differs from the file

    def leave(self) -> None:
        """The user leaves the finding shown: what was typed is saved, the visit ends."""
        self.flush()
        self.workspace.end_visit()

    def hideEvent(self, event) -> None:
        self.leave()  # another page, or the file is being closed
        super().hideEvent(event)

    def _leave_and_reload(self) -> None:
        self.leave()
        self.reload()

    def _on_row(self, row: int) -> None:
        """Another finding chosen: save the one left first (its saves reload the table)."""
        if self._loading:
            return
        target = self.model.finding(row).id if row >= 0 else None
        if target != self._current:
            self.leave()
            self._current = target
        if target is not None and self.model.row_of(target) != self.table.currentIndex().row():
            self.reload()  # a save of the finding left reloaded the table
        else:
            self._show(row)

    def _show(self, row: int) -> None:
        was_loading = self._loading
        self._loading = True
        try:
            enabled = row >= 0
            for widget in (
                self.kind,
                self.status,
                self.text,
                self.action,
                self.questions,
                self.confidential,
                self.remove_button,
            ):
                widget.setEnabled(enabled)
            if not enabled:
                self._current = None
                for widget in (self.text, self.action):
                    widget.setPlainText("")
                self.questions.setText("")
                return
            finding = self.model.finding(row)
            same = finding.id == self._current
            self._current = finding.id
            self.kind.setCurrentIndex(self.kind.findData(finding.kind))
            self.status.setCurrentIndex(self.status.findData(finding.status))
            for edit, stored in ((self.text, finding.text), (self.action, finding.proposed_action)):
                # a reload after a save of this finding keeps what is being typed
                typing = same and (self.typing.pending or edit.toPlainText().strip() == stored)
                if not typing:
                    edit.setPlainText(stored)
            if not (same and self.questions.hasFocus()):
                self.questions.setText(", ".join(finding.questions))
            self.confidential.setChecked(finding.confidential)
        finally:
            self._loading = was_loading

    def _save(self, fields: tuple[str, ...]) -> None:
        """Save these fields of the finding shown if they changed: one visit,
        one undo step and one history entry however many saves it takes."""
        if self._loading or not self._current:
            return
        row = self.model.row_of(self._current)
        if row < 0:
            return
        old = self.model.finding(row)
        refs = [q.strip() for q in self.questions.text().replace(";", ",").split(",") if q.strip()]
        changes: dict[str, object] = {}
        wanted = {
            "kind": self.kind.currentData(),
            "status": self.status.currentData(),
            "text": self.text.toPlainText().strip(),
            "proposed_action": self.action.toPlainText().strip(),
            "confidential": self.confidential.isChecked(),
        }
        for name in fields:
            if name == "questions":
                if tuple(r.upper() for r in refs) != old.questions:
                    changes["questions"] = refs
            elif name == "text" and not wanted[name] and self.text.hasFocus():
                continue  # emptied to be rewritten: refused only if left empty
            elif getattr(old, name) != wanted[name]:
                changes[name] = wanted[name]
        finding_id = self._current
        # The questions apart: a reference refused must not take the texts with it.
        linked = {"questions": changes.pop("questions")} if "questions" in changes else {}
        for batch in (linked, changes):
            if not batch:
                continue
            visit = self.workspace.visit(("finding", finding_id))
            done = self.workspace.run(
                self.tr("Edit finding"),
                lambda b=batch, v=visit: findings.update_finding(
                    self.document, finding_id, visit=v, **b
                ),
                visit=visit,
            )
            if done is None:  # refused (the window said why): the field shows what is stored
                was_loading, self._loading = self._loading, True
                try:
                    if "questions" in batch:
                        self.questions.setText(", ".join(old.questions))
                    if "text" in batch:  # left empty
                        self.text.setPlainText(old.text)
                finally:
                    self._loading = was_loading

    def _add(self) -> None:
        self.leave()
        section = self.section_filter.currentData()
        if section is None:
            scope = sections_in_scope(self.document)
            if not scope:
                return
            section = scope[0].code
        created = self.workspace.run(
            self.tr("Add finding"),
            lambda: findings.add_finding(
                self.document,
                section=section,
                kind="weakness",
                text=self.tr("New finding: describe it here."),
            ),
        )
        if created is not None:
            self._current = created.id
            self.reload()
            self.text.setFocus()
            self.text.selectAll()

    def _remove(self) -> None:
        self.leave()
        if not self._current:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete finding"),
            self.tr("Delete this finding? You can undo it with Ctrl+Z."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        finding_id = self._current
        self._current = None
        self.workspace.run(
            self.tr("Delete finding"), lambda: findings.remove_finding(self.document, finding_id)
        )

    def merge_with_duplicate(self) -> None:
        """Plenary: this finding duplicates another group's; it is marked merged
        into that one, and both stay, with their origins and histories."""
        self.leave()
        if not self._current:
            return
        row = self.model.finding(self.model.row_of(self._current))
        candidates = [
            f
            for f in findings.list_findings(self.document, row.section)
            if f.id != row.id and f.status != "merged"
        ]
        if not candidates:
            QMessageBox.information(
                self,
                self.tr("Merge with a duplicate"),
                self.tr("There is no other finding in this section to merge with."),
            )
            return
        labels = [f"{f.id[:8]}  {f.text[:90]}" for f in candidates]
        choice, ok = QInputDialog.getItem(
            self,
            self.tr("Merge with a duplicate"),
            self.tr("Merge this finding into:"),
            labels,
            0,
            False,
        )
        if not ok:
            return
        target = candidates[labels.index(choice)]
        finding_id = row.id
        self.workspace.run(
            self.tr("Merge findings"),
            lambda: findings.update_finding(
                self.document,
                finding_id,
                status="merged",
                merged_into_id=target.id,
                note=f"Merged into {target.id[:8]}",
            ),
        )

    def select_finding(self, finding_id: str) -> None:
        if finding_id != self._current:
            self.leave()
        self._current = finding_id
        self.reload()

    @staticmethod
    def finding_id(index) -> str:
        return index.data(IdRole)
