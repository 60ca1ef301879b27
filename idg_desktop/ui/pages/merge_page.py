"""Merge and conflicts: what came back from the groups, and what still needs
the facilitator's decision.

The merge log shows every import (so the plenary can see which groups have
returned their work); below it, each open conflict shows its competing
versions side by side, so the room compares them on the projector and keeps
one, or writes a consolidated text. Each decision is one undoable step.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from idg_desktop.exchange import merge
from idg_desktop.services.assessment import sections_in_scope
from idg_desktop.storage import models
from idg_desktop.ui.labels import kind_labels, rating_labels
from idg_desktop.ui.pages.base import Page
from idg_desktop.ui.workspace import Workspace


def merge_log_entries(document) -> list[models.MergeLog]:
    """The imports, newest first (read-only; the exchange layer writes them)."""
    query = select(models.MergeLog).order_by(models.MergeLog.created_at.desc(), models.MergeLog.id)
    return list(document.session.scalars(query))


class MergePage(Page):
    TABLES = frozenset({"conflict", "conflict_version", "merge_log", "answer", "finding"})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self._conflicts: list[dict[str, Any]] = []
        self._shown: str | None = None  # the conflict whose draft the field holds
        self.keep_buttons: list[QPushButton] = []
        layout = self.page_layout(
            self.tr("Merge and conflicts"),
            self.tr(
                "Every returned group package is listed here. Where the master and a group "
                "both changed the same answer or finding, both versions are kept side by side "
                "until you keep one or write a consolidated text."
            ),
        )
        self.log = QTableWidget(0, 7)
        self.log.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("Source"),
                self.tr("Group"),
                self.tr("Outcome"),
                self.tr("Taken"),
                self.tr("Added"),
                self.tr("Conflicts"),
            ]
        )
        self.log.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.log.verticalHeader().setVisible(False)
        self.log.setAccessibleName(self.tr("Merge log"))
        header = self.log.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.log_empty = QLabel(self.tr("No package has been imported yet."))
        self.log_empty.setObjectName("pageIntro")

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self._subheading(self.tr("Merge log")))
        top_layout.addWidget(self.log_empty)
        top_layout.addWidget(self.log)

        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        self.conflicts_heading = self._subheading(self.tr("Open conflicts"))
        bottom_layout.addWidget(self.conflicts_heading)
        self.none_label = QLabel(
            self.tr("There are no open conflicts: everything returned is in the master.")
        )
        self.none_label.setObjectName("pageIntro")
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
        self.versions_box = QHBoxLayout()
        self.versions_box.setSpacing(16)
        right.addLayout(self.versions_box, 3)
        consolidated_label = QLabel(self.tr("&Consolidated text:"))
        self.consolidated = QPlainTextEdit()
        self.consolidated.setTabChangesFocus(True)
        self.consolidated.setPlaceholderText(
            self.tr("Write the wording the plenary agreed, combining the versions above.")
        )
        self.consolidated.setMaximumHeight(self.consolidated.fontMetrics().lineSpacing() * 4 + 14)
        consolidated_label.setBuddy(self.consolidated)
        self.use_consolidated = QPushButton(self.tr("&Use consolidated text"))
        row = QHBoxLayout()
        row.addWidget(self.consolidated, 1)
        row.addWidget(self.use_consolidated, 0, Qt.AlignmentFlag.AlignBottom)
        right.addWidget(consolidated_label)
        right.addLayout(row, 1)
        area.addLayout(right, 1)
        bottom_layout.addWidget(self.conflict_area, 1)

        layout.addWidget(top)
        layout.addSpacing(6)
        layout.addWidget(bottom, 1)

        self.conflict_list.currentRowChanged.connect(self._show_conflict)
        self.use_consolidated.clicked.connect(self._use_consolidated)
        # A consolidated text being written is kept per conflict until it is used:
        # choosing another conflict, another page or any reload does not lose it.
        self._drafts: dict[str, str] = {}
        self.consolidated.textChanged.connect(self._keep_draft)

    @staticmethod
    def _subheading(text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    # -- reading ----------------------------------------------------------------

    def reload(self) -> None:
        self._reload_log()
        current = self._current_id()
        self._conflicts = merge.list_conflicts(self.document)
        titles = {s.code: s.title for s in sections_in_scope(self.document)}
        self.conflict_list.blockSignals(True)
        self.conflict_list.clear()
        for conflict in self._conflicts:
            section = titles.get(conflict["section"], conflict["section"])
            item = QListWidgetItem(f"{self._record_label(conflict)}\n{section}")
            item.setData(Qt.ItemDataRole.UserRole, conflict["id"])
            item.setToolTip(
                self.tr("Versions from %1").replace(
                    "%1", ", ".join(self._origin_label(v["origin"]) for v in conflict["versions"])
                )
            )
            self.conflict_list.addItem(item)
        self.conflict_list.blockSignals(False)
        count = len(self._conflicts)
        self.conflicts_heading.setText(
            self.tr("Open conflicts (%1)").replace("%1", str(count))
            if count
            else self.tr("Open conflicts")
        )
        self.none_label.setVisible(count == 0)
        self.conflict_area.setVisible(count > 0)
        ids = [c["id"] for c in self._conflicts]
        row = ids.index(current) if current in ids else (0 if ids else -1)
        self.conflict_list.setCurrentRow(row)
        self._show_conflict(row)

    def _reload_log(self) -> None:
        entries = merge_log_entries(self.document)
        outcomes = {
            "merged": self.tr("Merged"),
            "conflicts": self.tr("Conflicts to resolve"),
            "already-imported": self.tr("Already imported"),
        }
        sources = {"package": self.tr("Group package"), "workbook": self.tr("Workbook")}
        self.log.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            try:
                summary = json.loads(entry.summary or "{}")
            except ValueError:
                summary = {}
            cells = [
                entry.created_at.strftime("%Y-%m-%d %H:%M") if entry.created_at else "",
                f"{sources.get(entry.source, entry.source)} {entry.package_id[:8]}",
                entry.group_name,
                outcomes.get(entry.outcome, entry.outcome),
                str(len(summary.get("taken", []))),
                str(len(summary.get("added", []))),
                str(len(summary.get("conflicts", []))),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.log.setItem(row, column, item)
        # As tall as its rows (up to six): the conflicts below get the room.
        shown = max(1, min(len(entries), 6))
        self.log.setFixedHeight(
            self.log.horizontalHeader().sizeHint().height()
            + self.log.verticalHeader().defaultSectionSize() * shown
            + 2 * self.log.frameWidth()
            + 2
        )
        self.log_empty.setVisible(not entries)
        self.log.setVisible(bool(entries))

    def _current_id(self) -> str | None:
        item = self.conflict_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _record_label(self, conflict: dict[str, Any]) -> str:
        if conflict["record_type"] == "answer":
            return self.tr("Answer %1").replace("%1", conflict["record"])
        return self.tr("Finding in %1").replace("%1", conflict["section"])

    def _origin_label(self, origin: str) -> str:
        return self.tr("Master") if origin == "master" else origin

    # -- the versions, side by side --------------------------------------------

    def _clear_versions(self) -> None:
        self.keep_buttons = []
        while self.versions_box.count():
            widget = self.versions_box.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()

    def _keep_draft(self) -> None:
        if self._shown is not None:
            self._drafts[self._shown] = self.consolidated.toPlainText()

    def _show_conflict(self, row: int) -> None:
        self._clear_versions()
        self._shown = None  # filling the field is not writing a draft
        self.consolidated.clear()
        if not 0 <= row < len(self._conflicts):
            self.use_consolidated.setEnabled(False)
            return
        conflict = self._conflicts[row]
        self.consolidated.setPlainText(self._drafts.get(conflict["id"], ""))
        self._shown = conflict["id"]
        self.use_consolidated.setEnabled(True)
        for version in conflict["versions"]:
            self.versions_box.addWidget(self._version_column(conflict, version), 1)

    def _version_column(self, conflict: dict[str, Any], version: dict[str, Any]) -> QWidget:
        """One version: its origin on top, its content read-only, and the button
        that keeps it."""
        content = version["content"]
        answer = conflict["record_type"] == "answer"
        frame = QFrame()
        frame.setObjectName("tile")
        column = QVBoxLayout(frame)
        column.setContentsMargins(12, 10, 12, 10)
        title = self._subheading(self._origin_label(version["origin"]))
        title.setStyleSheet("color: #1f3b57;")
        column.addWidget(title)
        if answer:
            rating = content.get("rating") or ""
            detail = self.tr("Rating: %1").replace(
                "%1", rating_labels().get(rating, rating) or self.tr("not rated")
            )
        else:
            kind = content.get("kind") or ""
            detail = self.tr("Kind: %1").replace("%1", kind_labels().get(kind, kind))
        column.addWidget(QLabel(detail))
        column.addWidget(QLabel(self.tr("Text:")))
        column.addWidget(self._read_only(content.get("text") or ""), 3)
        second = "evidence" if answer else "proposed_action"
        column.addWidget(QLabel(self.tr("Evidence:") if answer else self.tr("Proposed action:")))
        column.addWidget(self._read_only(content.get(second) or ""), 2)
        keep = QPushButton(self.tr("Keep this version"))
        keep.setAccessibleName(
            self.tr("Keep the version from %1").replace("%1", self._origin_label(version["origin"]))
        )
        keep.setProperty("origin", version["origin"])
        keep.clicked.connect(lambda _=False, c=conflict, o=version["origin"]: self._keep(c, o))
        column.addWidget(keep)
        self.keep_buttons.append(keep)
        return frame

    def _read_only(self, text: str) -> QPlainTextEdit:
        box = QPlainTextEdit(text)
        box.setReadOnly(True)
        box.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        box.setTabChangesFocus(True)
        return box

    # -- resolving --------------------------------------------------------------

    def _keep(self, conflict: dict[str, Any], origin: str) -> None:
        label = (
            self.tr("Keep %1's version of %2")
            .replace("%1", self._origin_label(origin))
            .replace("%2", self._record_label(conflict))
        )
        self.workspace.run(
            label, lambda: merge.resolve_conflict(self.document, conflict["id"], take=origin)
        )

    def _use_consolidated(self) -> None:
        row = self.conflict_list.currentRow()
        if not 0 <= row < len(self._conflicts):
            return
        conflict = self._conflicts[row]
        text = self.consolidated.toPlainText()
        self.workspace.run(
            self.tr("Consolidate %1").replace("%1", self._record_label(conflict)),
            lambda: merge.resolve_conflict(self.document, conflict["id"], text=text),
        )


# -- passphrases for group packages (used by the window's File menu) ------------


class NewPassphraseDialog(QDialog):
    """A passphrase typed twice, so a typo cannot lock a group out of its
    own package; left empty, the package is written unprotected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Protect the package"))
        layout = QVBoxLayout(self)
        explain = QLabel(
            self.tr(
                "Optionally protect the package with a passphrase; tell it to the group in "
                "person. Leave both fields empty for an unprotected package."
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        form = QFormLayout()
        self.first = QLineEdit()
        self.second = QLineEdit()
        for field in (self.first, self.second):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.textChanged.connect(self._check)
        form.addRow(self.tr("&Passphrase:"), self.first)
        form.addRow(self.tr("&Repeat it:"), self.second)
        layout.addLayout(form)
        self.mismatch = QLabel(self.tr("The two passphrases differ."))
        self.mismatch.setObjectName("warning")
        self.mismatch.setVisible(False)
        layout.addWidget(self.mismatch)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 30)

    def _check(self) -> None:
        same = self.first.text() == self.second.text()
        self.mismatch.setVisible(not same and bool(self.second.text()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(same)

    def passphrase(self) -> str:
        return self.first.text()


def ask_new_passphrase(parent: QWidget | None) -> str | None:
    """The passphrase for a package being written: "" for none, None if cancelled."""
    dialog = NewPassphraseDialog(parent)
    if not dialog.exec():
        return None
    return dialog.passphrase()


def ask_passphrase(parent: QWidget | None, name: str) -> str | None:
    """The passphrase of a protected package being read; None if cancelled."""
    text, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("MergePage", "Protected package"),
        QCoreApplication.translate("MergePage", "Passphrase for %1:").replace("%1", name),
        QLineEdit.EchoMode.Password,
    )
    return text if ok else None
