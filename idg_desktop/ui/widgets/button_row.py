"""Rows of buttons: the OK/Cancel row of a dialog, in the platform's order (OK
accepts or does what the dialog gives it, Cancel and Escape reject), and a
page's row of action buttons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QBoxLayout, QDialog, QDialogButtonBox, QHBoxLayout, QPushButton

OK = QDialogButtonBox.StandardButton.Ok
CANCEL = QDialogButtonBox.StandardButton.Cancel


def ok_cancel_row(
    dialog: QDialog, *, ok_text: str = "", on_ok: Callable[[], object] | None = None
) -> QDialogButtonBox:
    """An OK/Cancel row for ``dialog``: OK labelled ``ok_text`` (if given) calls
    ``on_ok`` (by default the dialog's accept); Cancel rejects. The caller adds
    it to the dialog's layout."""
    buttons = QDialogButtonBox(OK | CANCEL)
    if ok_text:
        buttons.button(OK).setText(ok_text)
    buttons.accepted.connect(on_ok or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def ok_button(buttons: QDialogButtonBox) -> QPushButton:
    """The row's OK button (to enable it only when the dialog's fields allow)."""
    return buttons.button(OK)


def action_button(
    row: QBoxLayout, text: str, slot: Callable[[], object], tip: str = ""
) -> QPushButton:
    """A button labelled ``text`` (and ``tip``) added to ``row``; a click calls ``slot``."""
    button = QPushButton(text)
    if tip:
        button.setToolTip(tip)
    button.clicked.connect(slot)
    row.addWidget(button)
    return button


#: A button of a row: ``(text, slot)`` or ``(text, slot, tip)``.
Action = tuple[str, Callable[[], object]] | tuple[str, Callable[[], object], str]


def action_row(layout: QBoxLayout, *actions: Action) -> list[QPushButton]:
    """A page's row of buttons, one per ``(text, slot)`` or ``(text, slot, tip)``
    (see :func:`action_button`), from the left, added to ``layout``; returns them."""
    row = QHBoxLayout()
    buttons = [action_button(row, *action) for action in actions]
    row.addStretch(1)
    layout.addLayout(row)
    return buttons
