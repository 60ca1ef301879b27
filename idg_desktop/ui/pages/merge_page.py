"""Merge and conflicts: what came back from the groups, and what still needs
the facilitator's decision.

The merge log shows every import (so the plenary can see which groups have
returned their work); below it, each open conflict shows every field on which
its versions differ — one row per field, one column per version — so the room
compares them on the projector and chooses each field (or writes a
consolidated text), or keeps one version whole. Nothing is kept by default:
Resolve is enabled once every differing field is chosen. Each decision is one
undoable step.

The page composes the log (``merge/log_table.py``), the list of open conflicts
and the conflict shown (``merge/conflict_view.py``); it reads and writes
through the merge's functions, saves the consolidated draft as it is typed, and
resolves.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.domain.records import Kind
from idg_desktop.exchange import merge
from idg_desktop.services.assessment import sections_in_scope
from idg_desktop.services.merge_log import merge_log_entries
from idg_desktop.ui.autosave import TypingSaver
from idg_desktop.ui.pages.base import Page
from idg_desktop.ui.pages.merge.conflict_view import ConflictView
from idg_desktop.ui.pages.merge.log_table import MergeLogTable
from idg_desktop.ui.pages.merge.wording import field_label, origin_label, record_label
from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.labelled import label, subheading
from idg_desktop.ui.workspace import Workspace


class MergePage(Page):
    MAIN_ACTIONS = ("log", "conflict_list", "resolve_button")
    KINDS = frozenset({Kind.CONFLICT, Kind.MERGE_LOG, Kind.ANSWER, Kind.FINDING})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self._conflicts: list[dict[str, Any]] = []
        self._shown: str | None = None  # the conflict whose draft the field holds
        self._shown_signature: tuple[str, str] | None = None  # its versions, as shown
        layout = self.page_layout(
            self.tr("Merge and conflicts"),
            self.tr(
                "Every returned group package is listed here. Where the master and a group "
                "both changed the same answer or finding, both versions are kept side by side "
                "until you choose, field by field, what the master keeps."
            ),
        )
        self.log = MergeLogTable()
        self.log_empty = label(self.tr("No package has been imported yet."), muted=True)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(subheading(self.tr("Merge log")))
        top_layout.addWidget(self.log_empty)
        top_layout.addWidget(self.log)

        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        self.conflicts_heading = subheading(self.tr("Open conflicts"))
        bottom_layout.addWidget(self.conflicts_heading)
        self.none_label = label(
            self.tr("There are no open conflicts: everything returned is in the master."),
            muted=True,
        )
        bottom_layout.addWidget(self.none_label)

        self.conflict_area = QWidget()
        area = QHBoxLayout(self.conflict_area)
        area.setContentsMargins(0, 0, 0, 0)
        area.setSpacing(16)
        self.conflict_list = QListWidget()
        self.conflict_list.setAccessibleName(self.tr("Open conflicts"))
        self.conflict_list.setSpacing(2)
        self.conflict_list.setWordWrap(True)
        self.conflict_list.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 20)
        self.conflict_list.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 14)
        area.addWidget(self.conflict_list)
        right = QVBoxLayout()
        self.choices_hint = label(
            self.tr(
                "One row per field that differs, one column per version. Choose each field, "
                "or write a consolidated text; nothing is kept by default."
            ),
            muted=True,
        )
        self.choices_hint.setWordWrap(True)
        right.addWidget(self.choices_hint)
        self.view = ConflictView()
        right.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        self.missing_label = label(muted=True)
        self.missing_label.setWordWrap(True)
        self.resolve_button = QPushButton(self.tr("&Resolve with these choices"))
        self.resolve_button.setDefault(True)
        buttons.addWidget(self.missing_label, 1)
        buttons.addWidget(self.resolve_button)
        right.addLayout(buttons)
        area.addLayout(right, 1)
        bottom_layout.addWidget(self.conflict_area, 1)
        # With no conflict open, the heading and its line stay under the log
        # (this takes the room the conflicts would), not floating mid-page.
        bottom_layout.addStretch()

        layout.addWidget(top)
        layout.addSpacing(6)
        layout.addWidget(bottom, 1)

        self.conflict_list.currentRowChanged.connect(self._on_row)
        self.view.keep.connect(self._keep)
        self.view.changed.connect(self._update_resolve)
        # The consolidated text being written is saved in the file (the conflict's
        # draft) after a pause and when left: another conflict, page, or closing.
        self.typing = TypingSaver(
            workspace, self._save_draft, listening=lambda: self._shown is not None, parent=self
        )
        self.resolve_button.clicked.connect(self._resolve)

    # The conflict shown's widgets, by the names the window's tests know them.
    @property
    def choices(self) -> QWidget | None:
        return self.view.choices

    @property
    def keep_buttons(self) -> list[QPushButton]:
        return self.view.keep_buttons

    @property
    def field_groups(self) -> dict[str, QButtonGroup]:
        return self.view.field_groups

    @property
    def consolidated(self) -> QPlainTextEdit | None:
        return self.view.consolidated

    @property
    def consolidated_choice(self) -> QRadioButton | None:
        return self.view.consolidated_choice

    # -- reading ----------------------------------------------------------------

    def reload(self) -> None:
        current = self._current_id()
        self._conflicts = merge.list_conflicts(self.document)
        entries = merge_log_entries(self.document)
        self.log_empty.setVisible(not entries)
        self.log.show_entries(entries, {c["record"] for c in self._conflicts})
        titles = {s.code: s.title for s in sections_in_scope(self.document)}
        self.conflict_list.blockSignals(True)
        self.conflict_list.clear()
        for conflict in self._conflicts:
            section = titles.get(conflict["section"], conflict["section"])
            item = QListWidgetItem(f"{record_label(conflict)}\n{section}")
            item.setData(Qt.ItemDataRole.UserRole, conflict["id"])
            item.setToolTip(
                fmt(
                    self.tr("Versions from %1"),
                    ", ".join(origin_label(v["origin"]) for v in conflict["versions"]),
                )
            )
            self.conflict_list.addItem(item)
        self.conflict_list.blockSignals(False)
        count = len(self._conflicts)
        self.conflicts_heading.setText(
            fmt(self.tr("Open conflicts (%1)"), str(count)) if count else self.tr("Open conflicts")
        )
        self.none_label.setVisible(count == 0)
        self.conflict_area.setVisible(count > 0)
        ids = [c["id"] for c in self._conflicts]
        row = ids.index(current) if current in ids else (0 if ids else -1)
        self.conflict_list.blockSignals(True)
        self.conflict_list.setCurrentRow(row)
        self.conflict_list.blockSignals(False)
        if (
            row >= 0
            and self._signature(self._conflicts[row]) == self._shown_signature
            and (
                self.consolidated is None
                or self.consolidated.toPlainText() == self._conflicts[row]["draft"]
            )
        ):
            # The same conflict, its versions unchanged (e.g. its draft was just
            # saved): keep the choices made and the text being typed as they are.
            self._update_resolve()
            return
        self._show_conflict(row)

    def _current_id(self) -> str | None:
        item = self.conflict_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def flush(self) -> None:
        """Save the consolidated text being written (the window calls this
        before undo, redo and closing)."""
        self.typing.flush()

    def hideEvent(self, event) -> None:
        self.typing.flush()
        super().hideEvent(event)

    def _save_draft(self) -> None:
        if self._shown is None or self.consolidated is None:
            return
        conflict_id, text = self._shown, self.consolidated.toPlainText()
        stored = next((c["draft"] for c in self._conflicts if c["id"] == conflict_id), None)
        if stored is None or text == stored:
            return
        self.workspace.run(
            self.tr("Write a consolidated text"),
            lambda: merge.save_draft(self.document, conflict_id, text),
            visit=("conflict-draft", conflict_id),
        )

    def _on_row(self, row: int) -> None:
        self.typing.flush()  # what was typed belongs to the conflict being left
        self.workspace.end_visit()
        if 0 <= row < len(self._conflicts) and self._signature(self._conflicts[row]) == (
            self._shown_signature
        ):
            return  # the save above reloaded the page onto it already
        self._show_conflict(row)

    @staticmethod
    def _signature(conflict: dict[str, Any]) -> tuple[str, str]:
        return conflict["id"], json.dumps(conflict["versions"], sort_keys=True)

    def _show_conflict(self, row: int) -> None:
        self._shown = self._shown_signature = None  # filling the field is not writing
        conflict = self._conflicts[row] if 0 <= row < len(self._conflicts) else None
        self.view.show_conflict(conflict)
        self._update_resolve()
        if conflict is None:
            return
        if self.consolidated is not None:
            self.consolidated.setPlainText(conflict["draft"])
            self.typing.watch(self.consolidated)
        self._shown = conflict["id"]
        self._shown_signature = self._signature(conflict)

    def undecided(self) -> list[str]:
        """The differing fields of the conflict shown not chosen yet."""
        return self.view.undecided()

    def _update_resolve(self) -> None:
        shown = bool(self.keep_buttons)
        missing = self.undecided() if shown else []
        self.resolve_button.setEnabled(shown and not missing)
        self.missing_label.setText(
            fmt(self.tr("Still to choose: %1"), ", ".join(field_label(n) for n in missing))
            if missing
            else ""
        )

    # -- resolving --------------------------------------------------------------

    def _keep(self, conflict: dict[str, Any], origin: str) -> None:
        text = fmt(self.tr("Keep %1's version of %2"), origin_label(origin), record_label(conflict))
        self.workspace.run(
            text, lambda: merge.resolve_conflict(self.document, conflict["id"], take=origin)
        )

    def _resolve(self) -> None:
        row = self.conflict_list.currentRow()
        if not 0 <= row < len(self._conflicts) or self.undecided():
            return
        conflict = self._conflicts[row]
        fields, text = self.view.decisions()
        self.workspace.run(
            fmt(self.tr("Resolve %1"), record_label(conflict)),
            lambda: merge.resolve_conflict(self.document, conflict["id"], text=text, fields=fields),
        )
