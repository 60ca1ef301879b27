"""A multi-line text field that says, like QLineEdit, when editing is done."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class PlainTextField(QPlainTextEdit):
    """Pages save a multi-line field when the user leaves it, as they do a line edit."""

    #: Focus left the field: the page saves it if its text changed.
    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab moves on to the next field

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()
