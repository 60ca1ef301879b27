"""The window by keyboard alone: small helpers the pages share so that every
tab stop is one a user can do something at (an empty list is not one)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView


def tab_stop_when_filled(view: QAbstractItemView) -> None:
    """``view`` takes focus (by Tab or a click) only while it holds rows: an
    empty list is skipped by Tab, and becomes a stop again once filled."""
    model = view.model()

    def follow(*_args) -> None:
        filled = model.rowCount() > 0
        view.setFocusPolicy(Qt.FocusPolicy.StrongFocus if filled else Qt.FocusPolicy.NoFocus)

    for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.layoutChanged):
        signal.connect(follow)
    follow()
