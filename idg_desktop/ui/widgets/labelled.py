"""Labels the pages build the same way: a field's label with its buddy (so
its Alt+letter moves to the field), muted or not, and a bold subheading."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


def label(text: str = "", buddy: QWidget | None = None, muted: bool = False) -> QLabel:
    widget = QLabel(text)
    if buddy is not None:
        widget.setBuddy(buddy)
    if muted:
        widget.setObjectName("pageIntro")
    return widget


def subheading(text: str) -> QLabel:
    widget = QLabel(text)
    font = widget.font()
    font.setBold(True)
    widget.setFont(font)
    return widget


def wrapping_label(style: str, text: str = "") -> QLabel:
    """A label that wraps rather than widens its page, drawn as the window's
    style sheet draws ``style`` (its object name: "pageIntro", "warning"...)."""
    widget = QLabel(text)
    widget.setObjectName(style)
    widget.setWordWrap(True)
    return widget
