"""The editor below the Findings page's table: the chosen finding's section,
working group, kind, status, text, proposed action, questions and
confidentiality, and what it was merged into. It shows a finding and says what
its fields hold; the page decides what to save, and when."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from idg_desktop.ui.labels import kind_labels, status_labels
from idg_desktop.ui.models.findings_model import FindingRow, short
from idg_desktop.ui.plain_text_field import PlainTextField
from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.flow import beside, flow_row
from idg_desktop.ui.widgets.labelled import label


class FindingEditor(QWidget):
    #: A field chosen or left: its name, in a tuple, for the page to save it.
    left = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.section = QComboBox()
        self.section.setAccessibleName(self.tr("Section of the finding"))
        self.group = QComboBox()
        self.group.setAccessibleName(self.tr("Working group of the finding"))
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
        self.saved_note = label(self.tr("Changes are saved as you type."), muted=True)
        self.saved_note.setWordWrap(True)
        self.merged_note = QLabel()
        self.merged_note.setWordWrap(True)
        self.merged_note.setAccessibleName(self.tr("Merged into"))
        self.go_merged = QPushButton(self.tr("&Go to it"))
        self.go_merged.setToolTip(self.tr("Show the finding this one was merged into"))
        merged = QHBoxLayout()
        merged.setContentsMargins(0, 0, 0, 0)
        merged.addWidget(self.merged_note, 1)
        merged.addWidget(self.go_merged)
        self.merged_row = QWidget()
        self.merged_row.setLayout(merged)
        form.addRow(self._pairs(
            (self.tr("Sectio&n:"), self.section, 3), (self.tr("&Working group:"), self.group, 2)
        ))  # fmt: skip
        form.addRow(self._pairs(
            (self.tr("&Kind:"), self.kind, 1), (self.tr("S&tatus:"), self.status, 1)
        ))  # fmt: skip
        form.addRow(self.tr("F&inding:"), self.text)
        form.addRow(self.tr("&Proposed action:"), self.action)
        form.addRow(self.tr("&Questions:"), self.questions)
        form.addRow("", self.confidential)
        form.addRow("", self.merged_row)
        form.addRow("", self.saved_note)
        self.merged_row.setVisible(False)
        for combo, name in ((self.section, "section"), (self.group, "group"),
                            (self.kind, "kind"), (self.status, "status")):  # fmt: skip
            combo.activated.connect(lambda _i, n=name: self.left.emit((n,)))
        self.questions.editingFinished.connect(lambda: self.left.emit(("questions",)))
        self.confidential.toggled.connect(lambda _on: self.left.emit(("confidential",)))

    @staticmethod
    def _pairs(*pairs: tuple[str, QWidget, int]) -> QWidget:
        """Fields with their labels side by side on one line of the form, the
        second going under the first where the line is too narrow for both
        (1280 pixels with larger text) rather than squeezing them."""
        parts = [beside(label(text, widget), widget) for text, widget, _stretch in pairs]
        return flow_row(*parts, spacing=16)

    def fields(self) -> tuple[QWidget, ...]:
        """What the user edits, in the form's order."""
        return (self.section, self.group, self.kind, self.status, self.text, self.action,
                self.questions, self.confidential)  # fmt: skip

    def set_choices(self, sections: Sequence[tuple[str, str]], groups: Sequence[object]) -> None:
        """The sections in scope, ``(text, code)``, and the working groups."""
        self.section.clear()
        for text, code in sections:
            self.section.addItem(text, code)
        self.group.clear()
        self.group.addItem(self.tr("None (the master's own)"), None)
        for group in groups:
            self.group.addItem(group.name, group.id)  # type: ignore[attr-defined]

    def clear(self) -> None:
        for widget in (self.text, self.action):
            widget.setPlainText("")
        self.questions.setText("")
        self.merged_row.setVisible(False)

    def show_finding(self, finding: FindingRow, same: bool, typing: bool) -> None:
        """Fill the fields; on a reload of the same finding (``same``) keep what is
        being typed (``typing``: typed text waits to be saved)."""
        self.section.setCurrentIndex(self.section.findData(finding.section))
        self.group.setCurrentIndex(max(0, self.group.findData(finding.group_id)))
        self.kind.setCurrentIndex(self.kind.findData(finding.kind))
        self.status.setCurrentIndex(self.status.findData(finding.status))
        for edit, stored in ((self.text, finding.text), (self.action, finding.proposed_action)):
            # a reload after a save of this finding keeps what is being typed
            if not (same and (typing or edit.toPlainText().strip() == stored)):
                edit.setPlainText(stored)
        if not (same and self.questions.hasFocus()):
            self.questions.setText(", ".join(finding.questions))
        self.confidential.setChecked(finding.confidential)
        self.merged_row.setVisible(bool(finding.merged_into))
        self.merged_note.setText(
            fmt(self.tr("Merged into: %1"), short(finding.merged_into_text, 160))
        )

    def references(self) -> list[str]:
        """The questions typed, as references (``TR-1``), commas or semicolons between."""
        text = self.questions.text().replace(";", ",")
        return [q.strip() for q in text.split(",") if q.strip()]

    def values(self) -> dict[str, object]:
        """What the fields hold, by the names ``update_finding`` takes (not the questions)."""
        return {
            "section": self.section.currentData(),
            "group": self.group.currentData(),
            "kind": self.kind.currentData(),
            "status": self.status.currentData(),
            "text": self.text.toPlainText().strip(),
            "proposed_action": self.action.toPlainText().strip(),
            "confidential": self.confidential.isChecked(),
        }

    def restore(self, names: Sequence[str], finding: FindingRow) -> None:
        """These fields show what the file holds again (a change refused)."""
        if "questions" in names:
            self.questions.setText(", ".join(finding.questions))
        if "text" in names:  # left empty
            self.text.setPlainText(finding.text)
        if "section" in names:
            self.section.setCurrentIndex(self.section.findData(finding.section))
        if "group" in names:
            self.group.setCurrentIndex(max(0, self.group.findData(finding.group_id)))
