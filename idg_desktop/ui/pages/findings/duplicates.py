"""Plenary: which finding the one shown duplicates. The candidates are the
section's other findings not merged already, each named by its kind, section,
text and group, so two alike still make two choices. None is chosen at first:
the merge is a plenary decision, and an Enter pressed too soon must not merge a
finding into whichever came first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QWidget,
)

from idg_desktop.domain.records import Finding
from idg_desktop.ui.labels import kind_labels
from idg_desktop.ui.models.findings_model import short
from idg_desktop.ui.widgets.dialog_form import ask, ok_cancel, wrapped


def _t(text: str) -> str:
    return QCoreApplication.translate("FindingsPage", text)


def choose_duplicate(
    parent: QWidget, candidates: Sequence[Finding], groups: Mapping[str, str]
) -> Finding | None:
    """The finding the user chooses among ``candidates`` (None: none, or cancelled);
    ``groups``: the working groups' names by id."""
    if not candidates:
        QMessageBox.information(
            parent,
            _t("Merge with a duplicate"),
            _t("There is no other finding in this section to merge with."),
        )
        return None
    kinds = kind_labels()
    labels: list[str] = []
    for f in candidates:
        words = f"{kinds.get(f.kind, f.kind)} · {f.section_code} · {short(f.text, 90)}"
        if f.group_id in groups:
            words += f" ({groups[f.group_id]})"
        while words in labels:  # two alike: still two choices
            words += " "
        labels.append(words)
    dialog = DuplicateDialog(parent, labels)
    chosen = ask(dialog, dialog.chosen)
    return None if chosen is None or chosen < 0 else candidates[chosen]


class DuplicateDialog(QDialog):
    """The candidates in a list, none chosen; OK once one is (or a double-click)."""

    def __init__(self, parent: QWidget, labels: Sequence[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle(_t("Merge with a duplicate"))
        self.list = QListWidget()
        self.list.setObjectName("duplicateChoices")
        self.list.setAccessibleName(_t("Findings to merge this one into"))
        self.list.setWordWrap(True)
        for text in labels:
            self.list.addItem(QListWidgetItem(text.rstrip()))
        self.list.setCurrentRow(-1)
        self.list.setMinimumWidth(self.list.fontMetrics().averageCharWidth() * 70)
        form = QFormLayout(self)
        form.addRow(wrapped(_t("Merge this finding into (choose one):")))
        form.addRow(self.list)
        self.ok = ok_cancel(self, form)
        self.ok.setEnabled(False)
        self.list.itemSelectionChanged.connect(
            lambda: self.ok.setEnabled(bool(self.list.selectedItems()))
        )
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())

    def chosen(self) -> int:
        """The row chosen, or -1."""
        selected = self.list.selectedIndexes()
        return selected[0].row() if selected else -1
