"""A dialog's OK and Cancel row: OK accepts, Cancel (and Escape) rejects."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox

OK = QDialogButtonBox.StandardButton.Ok


def ok_cancel(dialog: QDialog, ok_text: str | None = None) -> QDialogButtonBox:
    """The row for ``dialog`` (the caller adds it to a layout); ``ok_text``
    names what OK does ("&Export all"), else it stays "OK"."""
    buttons = QDialogButtonBox(OK | QDialogButtonBox.StandardButton.Cancel)
    if ok_text is not None:
        buttons.button(OK).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
