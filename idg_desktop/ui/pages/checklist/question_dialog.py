"""The facilitator's own question (IDG Part II step 1: the checklist "can be
adapted"): its text and, in a section with sub-areas, the sub-area it belongs
under, so it is answered and reported beside the guide's questions on the same
subject rather than at the section's end."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QPlainTextEdit, QWidget

from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.dialog_form import ok_cancel, wrapped


class QuestionDialog(QDialog):
    """``subareas``: the section's ``(label, title)``; ``chosen``: the label to
    offer first (the sub-area the checklist is on)."""

    def __init__(
        self,
        parent: QWidget,
        section: str,
        subareas: Sequence[tuple[str, str]],
        chosen: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a question"))
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName(self.tr("Text of the new question"))
        self.text.setMinimumWidth(self.text.fontMetrics().averageCharWidth() * 60)
        self.subarea = QComboBox()
        self.subarea.setAccessibleName(self.tr("Sub-area of the new question"))
        self.subarea.addItem(self.tr("None (after the section's questions)"), "")
        for label, title in subareas:
            self.subarea.addItem(f"{label}. {title}" if title else label, label)
        self.subarea.setCurrentIndex(max(0, self.subarea.findData(chosen)))
        form = QFormLayout(self)
        form.addRow(wrapped(fmt(self.tr("A question of your own in section %1."), section)))
        form.addRow(self.tr("&Text:"), self.text)
        if subareas:
            form.addRow(self.tr("Sub-&area:"), self.subarea)
        ok = ok_cancel(self, form)
        ok.setEnabled(False)
        self.text.textChanged.connect(lambda: ok.setEnabled(bool(self.text.toPlainText().strip())))

    def values(self) -> tuple[str, str]:
        """The text typed and the sub-area's label ("" for none)."""
        return self.text.toPlainText(), self.subarea.currentData() or ""
