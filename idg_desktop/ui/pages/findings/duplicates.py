"""Plenary: which finding the one shown duplicates. The candidates are the
section's other findings not merged already, each named by its kind, section,
text and group, so two alike still make two choices."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from idg_desktop.domain.records import Finding
from idg_desktop.ui.labels import kind_labels
from idg_desktop.ui.models.findings_model import short


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
    choice, ok = QInputDialog.getItem(
        parent, _t("Merge with a duplicate"), _t("Merge this finding into:"), labels, 0, False
    )
    if not ok or choice not in labels:
        return None
    return candidates[labels.index(choice)]
