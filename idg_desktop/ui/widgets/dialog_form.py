"""What the window's small form dialogs share: their OK/Cancel row and wide
text fields (the plan's, the KPIs', the priorities' and the agenda's dialogs)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from idg_desktop.ui.widgets.button_row import ok_button, ok_cancel_row
from idg_desktop.ui.widgets.notes import warning_note

T = TypeVar("T")


def ok_cancel(
    dialog: QDialog, form: QFormLayout, *, needs: QLineEdit | QComboBox | None = None
) -> QPushButton:
    """Add OK and Cancel (accepting and rejecting ``dialog``) as the form's last
    row; returns the OK button, for the dialog to enable when it is filled.

    With ``needs`` (a text field, or an editable combo box), OK is enabled only
    while that field holds more than blanks."""
    buttons = ok_cancel_row(dialog)
    form.addRow(buttons)
    ok = ok_button(buttons)
    if needs is not None:
        ok.setEnabled(False)
        typed = needs.editTextChanged if isinstance(needs, QComboBox) else needs.textChanged
        typed.connect(lambda text: ok.setEnabled(bool(text.strip())))
    return ok


def wide(edit: QLineEdit, chars: int = 60) -> QLineEdit:
    """``edit``, wide enough for about ``chars`` characters."""
    edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * chars)
    return edit


def wrapped(text: str) -> QLabel:
    """A label of the form (what the dialog is about) that wraps rather than widens it."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def ask(dialog: QDialog, read: Callable[[], T]) -> T | None:
    """Show ``dialog``; what ``read`` takes from it once accepted (``None``: cancelled)."""
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    values = read()
    dialog.deleteLater()
    return values if accepted else None


class SavingDialog(QDialog):
    """A dialog whose OK saves before it closes: its page sets :attr:`save`
    (a refusal's sentence, or "" once saved). A refusal is shown in the
    dialog's :attr:`refusal` note and the dialog stays open with what was typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.save: Callable[[], str] | None = None
        self.refusal = warning_note()

    def accept(self) -> None:
        if self.save is not None:
            refusal = self.save()
            if refusal:
                self.refusal.setText(refusal)
                self.refusal.setVisible(True)
                return
        super().accept()


def refusal_of(attempt: Callable[[Callable[[str], object]], object]) -> str:
    """Call ``attempt(refused)``; the sentence it handed to ``refused`` ("" if none),
    e.g. ``refusal_of(lambda refused: workspace.run(label, change, refused=refused))``."""
    said: list[str] = []
    attempt(said.append)
    return said[0] if said else ""
