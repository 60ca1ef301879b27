"""The mouse wheel scrolls the page; it never changes a field the user did not pick.

Qt lets a combo box, a date or a number field take the wheel whenever the
pointer is over it: scrolling down the Scope page turned the assessment's end
date back five years and Mode 1 into Mode 2, each saved at once. With this
filter (installed once for the application) such a field takes the wheel only
when it has the keyboard focus, that is when the user chose it; otherwise the
wheel goes to the scroll area around it, as the user meant.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(
            watched, QComboBox | QAbstractSpinBox
        ):
            return False
        if watched.hasFocus():
            return False  # chosen by the user: the wheel is theirs to turn
        area = _scroll_area_of(watched)
        if area is not None:
            QApplication.sendEvent(area.verticalScrollBar(), event)
        return True  # never to the field


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


_guard: WheelGuard | None = None


def install(app: QApplication) -> None:
    """Once per application (calling it again does nothing)."""
    global _guard
    if _guard is None:
        _guard = WheelGuard(app)
        app.installEventFilter(_guard)
