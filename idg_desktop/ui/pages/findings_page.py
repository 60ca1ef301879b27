"""Findings per section: strengths, weaknesses/risks and recommendations,
linked to the questions they rest on, with their kind and plenary status.

Everything is saved as it is typed or chosen, like the checklist: the texts
after a pause or when left, the questions when left, choices at once. The
saves made while the user stays on one finding are one undo step and one
entry in its history (a visit, see workspace.py)."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QWidget,
)

from idg_desktop.domain.records import Kind
from idg_desktop.services import findings
from idg_desktop.services.assessment import sections_in_scope
from idg_desktop.services.groups import list_groups
from idg_desktop.ui.autosave import TypingSaver
from idg_desktop.ui.labels import section_label, status_labels
from idg_desktop.ui.models.findings_model import (
    COL_TEXT,
    FindingRow,
    FindingsFilter,
    FindingsModel,
    IdRole,
)
from idg_desktop.ui.pages.base import Page
from idg_desktop.ui.pages.findings.duplicates import choose_duplicate
from idg_desktop.ui.pages.findings.finding_editor import FindingEditor
from idg_desktop.ui.pages.findings.findings_table import FindingsTable
from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.confirm import confirmed
from idg_desktop.ui.widgets.flow import beside, flow_bar
from idg_desktop.ui.widgets.labelled import label
from idg_desktop.ui.workspace import Workspace

#: What the editor shows of a finding, each saved when it differs from the file.
FIELDS = ("kind", "status", "text", "proposed_action", "questions", "confidential")


class FindingsPage(Page):
    MAIN_ACTIONS = ("section_filter", "add_button", "merge_button", "table")
    KINDS = frozenset({Kind.FINDING, Kind.SECTION, Kind.GROUP})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self._loading = False
        self._current: str | None = None
        layout = self.page_layout(
            self.tr("Findings"),
            fmt(
                self.tr(
                    "What the working groups found, per %1: strengths, weaknesses or "
                    "risks, and recommendations with the actions they propose. The plenary agrees, "
                    "amends, merges or rejects each one."
                ),
                section_label(),
            ),
        )
        # The filters and the buttons wrap onto a second line rather than squeeze
        # (1280 pixels with larger text).
        bar, top = flow_bar(spacing=12)
        self.section_filter = QComboBox()
        self.section_filter.setAccessibleName(self.tr("Section"))
        top.add_layout(
            beside(label(self.tr("&Section:"), self.section_filter), self.section_filter)
        )
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(self.tr("Show findings of status"))
        self.status_filter.addItem(self.tr("All statuses"), None)
        for key, text in status_labels().items():
            self.status_filter.addItem(text, key)
        top.add_layout(beside(label(self.tr("Sh&ow:"), self.status_filter), self.status_filter))
        self.add_button = QPushButton(self.tr("&Add finding"))
        self.remove_button = QPushButton(self.tr("&Delete finding"))
        self.merge_button = QPushButton(self.tr("&Merge with a duplicate…"))
        self.merge_button.setToolTip(
            self.tr("Merge this finding into the same finding from another group; both are kept")
        )
        buttons = QHBoxLayout()
        for button in (self.add_button, self.merge_button, self.remove_button):
            buttons.addWidget(button)
        top.add_layout(buttons)
        layout.addWidget(bar)

        self.model = FindingsModel(self)
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = FindingsTable(self.proxy)

        editor = self.editor = FindingEditor()
        # The editor's fields, by the names the window and its tests know them.
        self.section, self.group, self.kind, self.status = editor.fields()[:4]
        self.text, self.action, self.questions, self.confidential = editor.fields()[4:]
        self.saved_note, self.merged_row = editor.saved_note, editor.merged_row
        self.merged_note, self.go_merged = editor.merged_note, editor.go_merged

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
        self.status_filter.currentIndexChanged.connect(lambda _i: self._filter_status())
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._on_row(current.row())
        )
        self.proxy.layoutChanged.connect(self._keep_current_in_view)  # sorted by a header
        self.go_merged.clicked.connect(self.go_to_merged_into)
        editor.left.connect(self._save)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.merge_button.clicked.connect(self.merge_with_duplicate)

    # -- rows of the table (sorted and filtered) and findings -------------------------

    def _row_of(self, finding_id: str | None) -> int:
        """The table's row showing this finding, or -1."""
        source = self.model.row_of(finding_id) if finding_id else -1
        if source < 0:
            return -1
        return self.proxy.mapFromSource(self.model.index(source, 0)).row()

    def _finding_at(self, row: int) -> FindingRow:
        return self.model.finding(self.proxy.mapToSource(self.proxy.index(row, 0)).row())

    def _shown(self) -> FindingRow | None:
        row = self._row_of(self._current)
        return self._finding_at(row) if row >= 0 else None

    def reload(self) -> None:
        self._loading = True
        try:
            current_section = self.section_filter.currentData()
            sections = [(f"{s.code}  {s.title}", s.code) for s in sections_in_scope(self.document)]
            self.section_filter.blockSignals(True)
            self.section_filter.clear()
            self.section_filter.addItem(self.tr("All sections"), None)
            for text, code in sections:
                self.section_filter.addItem(text, code)
            self.section_filter.setCurrentIndex(
                max(0, self.section_filter.findData(current_section))
            )
            self.section_filter.blockSignals(False)
            self.editor.set_choices(sections, list_groups(self.document))
            self.proxy.pinned = self._current
            self.model.load(self.document, self.section_filter.currentData())
            self.table.resizeRowsToContents()
            row = self._row_of(self._current)
            if row < 0 and self.proxy.rowCount() > 0:
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

    def _filter_status(self) -> None:
        self.leave()
        self.proxy.pinned = None  # the filter decides again, for the finding shown too
        self.proxy.set_status(self.status_filter.currentData())
        self.reload()

    def _keep_current_in_view(self) -> None:
        row = self._row_of(self._current)
        if row >= 0 and row != self.table.currentIndex().row():
            was_loading, self._loading = self._loading, True
            try:
                self.table.selectRow(row)
            finally:
                self._loading = was_loading
        if row >= 0:
            self.table.scrollTo(self.proxy.index(row, COL_TEXT))

    def _on_row(self, row: int) -> None:
        """Another finding chosen: save the one left first (its saves reload the table)."""
        if self._loading:
            return
        target = self._finding_at(row).id if row >= 0 else None
        if target != self._current:
            self.leave()
            self._current = target
            # "New finding in section …" was about the finding just added, not this one
            self.saved_note.setText(self.tr("Changes are saved as you type."))
        if target is not None and self._row_of(target) != self.table.currentIndex().row():
            self.reload()  # a save of the finding left reloaded the table
        else:
            self.proxy.pinned = target
            self._show(row)

    def _show(self, row: int) -> None:
        was_loading = self._loading
        self._loading = True
        try:
            enabled = row >= 0
            for widget in (*self.editor.fields(), self.remove_button, self.merge_button):
                widget.setEnabled(enabled)
            if not enabled:
                self._current = None
                self.editor.clear()
                return
            finding = self._finding_at(row)
            same = finding.id == self._current
            self._current = finding.id
            self.editor.show_finding(finding, same, self.typing.pending)
            self.merge_button.setEnabled(not finding.merged_into)
        finally:
            self._loading = was_loading

    def _save(self, fields: tuple[str, ...]) -> None:
        """Save these fields of the finding shown if they changed: one visit,
        one undo step and one history entry however many saves it takes."""
        if self._loading or not self._current:
            return
        old = self._shown()
        if old is None:
            return
        refs = self.editor.references()
        changes: dict[str, object] = {}
        wanted = self.editor.values()
        stored = {"section": old.section, "group": old.group_id}
        for name in fields:
            if name == "questions":
                if tuple(r.upper() for r in refs) != old.questions:
                    changes["questions"] = refs
            elif name == "text" and not wanted[name] and self.text.hasFocus():
                continue  # emptied to be rewritten: refused only if left empty
            elif name in stored:
                if wanted[name] != stored[name]:
                    changes[name] = wanted[name] or ""
            elif getattr(old, name) != wanted[name]:
                changes[name] = wanted[name]
        finding_id = self._current
        moved = changes.get("section")
        shown_section = self.section_filter.currentData()
        if moved and shown_section not in (None, moved):
            # the finding goes on being shown in the section it went to
            with QSignalBlocker(self.section_filter):
                self.section_filter.setCurrentIndex(self.section_filter.findData(moved))
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
                    self.editor.restore(tuple(batch), old)
                    if "section" in batch:
                        with QSignalBlocker(self.section_filter):
                            index = self.section_filter.findData(shown_section)
                            self.section_filter.setCurrentIndex(max(0, index))
                finally:
                    self._loading = was_loading

    def _new_section(self) -> tuple[str | None, str]:
        """Where a new finding goes, and why: the section shown, else the section
        of the finding chosen, else the first in scope."""
        chosen = self.section_filter.currentData()
        if chosen:
            return chosen, self.tr("the section shown")
        current = self._shown()
        if current is not None:
            return current.section, self.tr("the section of the finding chosen")
        scope = sections_in_scope(self.document)
        return (scope[0].code, self.tr("the first section")) if scope else (None, "")

    def _add(self) -> None:
        self.leave()
        section, why = self._new_section()
        if section is None:
            return
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
            self.saved_note.setText(
                fmt(
                    self.tr(
                        "New finding in section %1 (%2): choose another Section above if it "
                        "belongs elsewhere. Changes are saved as you type."
                    ),
                    section,
                    why,
                )
            )
            self.text.setFocus()
            self.text.selectAll()

    def _remove(self) -> None:
        self.leave()
        if not self._current:
            return
        question = self.tr("Delete this finding? You can undo it with Ctrl+Z.")
        if not confirmed(self, self.tr("Delete finding"), question):
            return
        finding_id = self._current
        self._current = None
        self.workspace.run(
            self.tr("Delete finding"), lambda: findings.remove_finding(self.document, finding_id)
        )

    def merge_with_duplicate(self) -> None:
        """Plenary: this finding duplicates another group's; it is marked merged
        into that one, whose proposed action takes in this one's (one undo step);
        both stay, with their origins and histories."""
        self.leave()
        row = self._shown()
        if row is None:
            return
        candidates = [
            f
            for f in findings.list_findings(self.document, row.section)
            if f.id != row.id and f.status != "merged"
        ]
        groups = {g.id: g.name for g in list_groups(self.document)} if candidates else {}
        target = choose_duplicate(self, candidates, groups)
        if target is None:
            return
        finding_id = row.id
        self.workspace.run(
            self.tr("Merge findings"),
            lambda: findings.merge_finding(self.document, finding_id, target.id),
        )

    def go_to_merged_into(self) -> None:
        """Show the finding the one shown was merged into."""
        row = self._shown()
        if row is None or not row.merged_into:
            return
        target = row.merged_into
        if self.model.row_of(target) < 0:  # merged across sections in the demo's plenary
            with QSignalBlocker(self.section_filter):
                self.section_filter.setCurrentIndex(0)
        if self.status_filter.currentData() is not None:  # it may not have that status
            with QSignalBlocker(self.status_filter):
                self.status_filter.setCurrentIndex(0)
            self.proxy.set_status(None)
        self.select_finding(target)

    def select_finding(self, finding_id: str) -> None:
        if finding_id != self._current:
            self.leave()
        self._current = finding_id
        self.reload()

    @staticmethod
    def finding_id(index) -> str:
        return index.data(IdRole)
